package storedata

import (
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestNumCacheHolds checks numCache.holds, by which the batch readers
// skip touching keys: a key it says is held is, up to its first 24 bytes
// and its length, the string its slot numbers, so that index answers it
// from the slot; and index numbers every key as the dictionary does,
// whatever holds said, as do peek, when it tells a number, and indexAt.
func TestNumCacheHolds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := new(metrics.Dict)
		c := numCache{d: d}
		// Few distinct keys, short and long, so that they come again
		// and share slots.
		key := rapid.Custom(func(t *rapid.T) string {
			n := rapid.IntRange(0, 40).Draw(t, "n")
			long := rapid.Bool().Draw(t, "long")
			s := strings.Repeat("x", n%7)
			if long {
				s = strings.Repeat("p", 24) + s // shares its first 24 bytes
			}
			return s
		})
		if c.holds([]byte("x")) {
			t.Fatal("an empty cache holds x")
		}
		for _, k := range rapid.SliceOfN(key, 1, 200).Draw(t, "keys") {
			b := []byte(k)
			held := c.holds(b)
			if held && len(k) > 0 {
				e := &c.slots[cacheHash(k)>>(64-numBits)]
				got := d.String(e.n - 1)
				if n := min(len(k), 24); len(got) != len(k) || got[:n] != k[:n] {
					t.Fatalf("holds(%q) but its slot numbers %q", k, got)
				}
			}
			if len(k) == 0 && held {
				t.Fatal("holds the empty key")
			}
			var n int32
			if len(k) > 0 && rapid.Bool().Draw(t, "peek") {
				// As a reader that cut the row ahead: peek, then
				// the number peek gives, or indexAt by the slot.
				num, pheld := c.peek(c.slot(b), b)
				if pheld != held {
					t.Fatalf("peek(%q) held %v, holds %v", k, pheld, held)
				}
				if num != 0 && (!held || len(k) > 24) {
					t.Fatalf("peek(%q) numbers %d, held %v", k, num-1, held)
				}
				n = num - 1
				if num == 0 {
					n = c.indexAt(c.slot(b), b)
				}
			} else {
				n = c.index(b)
			}
			if want := d.Index(k); n != want {
				t.Fatalf("index(%q) = %d, the dictionary's %d", k, n, want)
			}
			if len(k) > 0 && !c.holds(b) {
				t.Fatalf("holds(%q) is false just after index", k)
			}
		}
	})
}

// TestPrefixIs checks prefixIs against a comparison of strings, on
// prefixes that differ from the slot's in one byte, anywhere.
func TestPrefixIs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p [24]byte
		copy(p[:], rapid.SliceOfN(rapid.Byte(), 24, 24).Draw(t, "slot"))
		n := rapid.IntRange(1, 24).Draw(t, "n")
		b := append([]byte(nil), p[:n]...)
		if rapid.Bool().Draw(t, "differ") {
			b[rapid.IntRange(0, n-1).Draw(t, "at")] ^= byte(rapid.IntRange(1, 255).Draw(t, "bits"))
		}
		if got, want := prefixIs(&p, b), string(p[:n]) == string(b); got != want {
			t.Fatalf("prefixIs(%q, %q) = %v, want %v", p, b, got, want)
		}
	})
}
