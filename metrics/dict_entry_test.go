package metrics_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestDictEntryEdges checks String, Lookup and IndexBytes where a
// string's entry (its header, then its bytes) is at an edge of its block,
// as the Dict lays its blocks out today (from 512 bytes, doubling to 64
// KiB; an entry of 3 bytes and the string's, 4 from 128 bytes on, 4 for a
// string past 16 KiB kept on its own): entries of 1- and 2-byte lengths
// that end on the block's last byte, the empty string at the largest
// offset an entry has (64 KiB - 3), a 1-byte string and an own string's
// header in the last 4 bytes, a string of 16 KiB filling the block, and
// entries that miss the room left by a byte and start the next block.
func TestDictEntryEdges(t *testing.T) {
	var d metrics.Dict
	var want []string
	size, used := 0, 0 // the block being filled, as the test expects it
	add := func(s string) {
		t.Helper()
		if i := d.Index(s); i != int32(len(want)) {
			t.Fatalf("Index(%.20q) = %d, want %d", s, i, len(want))
		}
		want = append(want, s)
		room := 3 + len(s)
		switch {
		case len(s) > 16<<10:
			room = 4
		case len(s) >= 128:
			room = 4 + len(s)
		}
		if used+room > size {
			size, used = max(min(2*size, 64<<10), 512, room), 0
		}
		used += room
	}
	pad := func(n int) string { // a new string of n bytes, n >= 8
		s := fmt.Sprintf("f%d:", len(want))
		return s + strings.Repeat(".", n-len(s))
	}
	// fill adds strings whose entries take r bytes.
	fill := func(r int) {
		t.Helper()
		for r > 0 {
			switch {
			case r > 16388+200:
				add(pad(16384))
				r -= 16388
			case r > 16388:
				add(pad(1000))
				r -= 1004
			case r >= 132:
				add(pad(r - 4))
				r = 0
			case r == 131:
				add(pad(60))
				r -= 63
			case r >= 11:
				add(pad(r - 3))
				r = 0
			default:
				t.Fatalf("test: cannot fill %d bytes", r)
			}
		}
	}
	add("first")
	for size < 64<<10 {
		fill(size - used)
		add(pad(16384)) // starts the next block
	}
	edges := []struct {
		rest int    // bytes left in the block before s
		s    string // the string at the edge
	}{
		{130, strings.Repeat("a", 127)},     // 1-byte length, ends the block
		{132, strings.Repeat("b", 128)},     // 2-byte length, ends the block
		{3, ""},                             // the largest offset
		{4, "Z"},                            // a 1-byte string in the last 4 bytes
		{4, strings.Repeat("own", 7000)},    // an own string's header in the last 4 bytes
		{16388, strings.Repeat("c", 16384)}, // the longest string in a block, ends it
		{130, strings.Repeat("d", 128)},     // misses by 2 bytes: the next block
		{16387, strings.Repeat("e", 16384)}, // misses by a byte
		{200, strings.Repeat("f", 196)},     // 2-byte length, ends the block
	}
	for k, e := range edges {
		fill(size - used - e.rest)
		if size-used != e.rest {
			t.Fatalf("test: %d bytes left, want %d", size-used, e.rest)
		}
		add(e.s)
		add(fmt.Sprintf("after-%d", k))
	}
	for i, s := range want {
		if got := d.String(int32(i)); got != s {
			t.Fatalf("String(%d) = %.20q (%d bytes), want %.20q (%d bytes)", i, got, len(got), s, len(s))
		}
		if j, ok := d.Lookup(s); !ok || j != int32(i) {
			t.Fatalf("Lookup(%.20q) = %d, %v, want %d", s, j, ok, i)
		}
		if j := d.IndexBytes([]byte(s)); j != int32(i) {
			t.Fatalf("IndexBytes(%.20q) = %d again, want %d", s, j, i)
		}
	}
	d.Touch([][]byte{[]byte(""), []byte("Z"), []byte(strings.Repeat("c", 16384))})
	if got := d.Strings(); !slices.Equal(got, want) {
		t.Fatalf("Strings(): %d strings, want %d", len(got), len(want))
	}
}
