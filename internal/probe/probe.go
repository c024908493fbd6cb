// Package probe holds what the open-addressing hash tables of shopmetrics
// share: the tables themselves stay in their packages, shaped for their
// own hot paths, and use [Rehash] to move their entries into a larger
// table.
package probe

import "github.com/shopmetrics/shopmetrics/internal/hugepage"

// Rehash returns a table of size slots (a power of two, larger than the
// number of used slots in old) holding the used slots of old, each placed
// by linear probing from its hash. home reports the slot's hash (its low
// bits choose the first slot to try) and whether the slot is used; the
// zero S must be an unused slot.
func Rehash[S any](old []S, size int, home func(*S) (hash uint64, used bool)) []S {
	slots := hugepage.Make[S](size) // read at random: huge pages spare a translation miss per read
	mask := uint64(size - 1)
	for k := range old {
		h, used := home(&old[k])
		if !used {
			continue
		}
		i := h & mask
		for {
			if _, taken := home(&slots[i]); !taken {
				break
			}
			i = (i + 1) & mask
		}
		slots[i] = old[k]
	}
	return slots
}

// Int32 spreads the key n over a table of linear probing: a caller's keys
// are often dense numbers, whose runs must not fill runs of slots
// (Fibonacci hashing, folded so that the low bits mix the high ones).
func Int32(n int32) uint64 {
	h := uint64(uint32(n)) * 0x9e3779b97f4a7c15
	return h ^ h>>32
}
