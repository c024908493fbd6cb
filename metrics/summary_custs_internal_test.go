package metrics

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestCustTableModel checks custTable against a map and a slice: every ID
// gets the number of its first sight, a new record only then (with no
// first order), and gives back its bytes; compare orders IDs as
// strings.Compare does. The IDs are drawn from a small alphabet with zero
// bytes, of 0 to 40 bytes, around the 16 bytes held in a record, so that
// they repeat, share prefixes and differ in their length alone; the table
// grows through several rehashes.
func TestCustTableModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var tab custTable
		if rapid.Bool().Draw(t, "grow") {
			tab.grow(rapid.IntRange(0, 300).Draw(t, "growBy"))
		}
		byID := map[string]int32{}
		var ids []string
		id := rapid.Custom(func(t *rapid.T) string {
			n := rapid.SampledFrom([]int{0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 24, 40}).Draw(t, "len")
			b := make([]byte, n)
			for i := range b {
				b[i] = rapid.SampledFrom([]byte{0, 'a', 'b', 0xff}).Draw(t, "byte")
			}
			return string(b)
		})
		for range rapid.IntRange(1, 400).Draw(t, "adds") {
			s := id.Draw(t, "id")
			want, seen := byID[s]
			if !seen {
				want = int32(len(ids))
				byID[s] = want
				ids = append(ids, s)
			}
			got, isNew := tab.indexString(s)
			if got != want || isNew == seen {
				t.Fatalf("index(%q) = %d, %v; want %d, %v", s, got, isNew, want, !seen)
			}
			if isNew && (tab.at(got).first != noFirst || tab.at(got).orders != 0) {
				t.Fatalf("new record %+v", *tab.at(got))
			}
			tab.at(got).orders++
		}
		if tab.len() != len(ids) {
			t.Fatalf("%d records, want %d", tab.len(), len(ids))
		}
		var buf [custShort]byte
		for i, s := range ids {
			if got := string(tab.id(int32(i), &buf)); got != s {
				t.Fatalf("id(%d) = %q, want %q", i, got, s)
			}
			j := int32(rapid.IntRange(0, len(ids)-1).Draw(t, "other"))
			if got, want := tab.compare(int32(i), j), strings.Compare(s, ids[j]); got != want {
				t.Fatalf("compare(%q, %q) = %d, want %d", s, ids[j], got, want)
			}
		}
	})
}
