package metrics

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestDictShortTags checks a Dict whose slots start with fewer bits of
// tag than a real one has, so that the layout's far edges come within a
// test's reach: positions that widen each time the blocks outnumber
// them (pbits from 17: one block), down to tags shorter than the home
// slot's bits, whose rehash hashes the strings again (pbits from 56: 8
// bits of tag, a table past 256 slots). Numbers, String, Lookup and
// IndexBytes of a string already held must agree with a model, and the
// edge must have been reached.
func TestDictShortTags(t *testing.T) {
	widened, rehashed := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		pbits := rapid.SampledFrom([]uint{17, 18, 56, 60}).Draw(t, "pbits")
		d := &Dict{pbits: pbits}
		var strs []string
		num := map[string]int32{}
		gen := rapid.OneOf(
			rapid.Custom(func(t *rapid.T) string { return fmt.Sprint("s", rapid.IntRange(0, 3000).Draw(t, "n")) }),
			rapid.StringN(0, 140, -1),
			rapid.Custom(func(t *rapid.T) string {
				return strings.Repeat(rapid.SampledFrom([]string{"x", "y"}).Draw(t, "c"), rapid.IntRange(1000, 17000).Draw(t, "len"))
			}),
		)
		n := rapid.IntRange(0, 2000).Draw(t, "strings")
		for range n {
			s := gen.Draw(t, "s")
			want, ok := num[s]
			if !ok {
				want = int32(len(strs))
				num[s] = want
				strs = append(strs, s)
			}
			if i := d.Index(s); i != want {
				t.Fatalf("pbits %d: Index(%.20q) = %d, want %d", pbits, s, i, want)
			}
		}
		for i, s := range strs {
			if got := d.String(int32(i)); got != s {
				t.Fatalf("pbits %d: String(%d) = %.20q, want %.20q", pbits, i, got, s)
			}
			if j, ok := d.Lookup(s); !ok || j != int32(i) {
				t.Fatalf("pbits %d: Lookup(%.20q) = %d, %v, want %d", pbits, s, j, ok, i)
			}
			if j := d.IndexBytes([]byte(s)); j != int32(i) {
				t.Fatalf("pbits %d: IndexBytes(%.20q) = %d again, want %d", pbits, s, j, i)
			}
		}
		if d.Len() != len(strs) {
			t.Fatalf("pbits %d: Len() = %d, want %d", pbits, d.Len(), len(strs))
		}
		if _, ok := d.Lookup("not one of them: too long for the generators' strings of s and digits, x or y"); ok {
			t.Fatalf("pbits %d: Lookup of a string never added found it", pbits)
		}
		// The edges reached: the positions widened, a rehash past
		// what the tags hold.
		if d.pbits > pbits {
			widened++
		}
		if len(d.slots) > 1<<(64-d.pbits) {
			rehashed++
		}
	})
	if widened == 0 || rehashed == 0 {
		t.Fatalf("of the Dicts checked, %d widened their positions and %d rehashed from the strings, want some of each", widened, rehashed)
	}
}
