package cohort

import (
	"hash/maphash"

	"github.com/shopmetrics/shopmetrics/internal/hugepage"
	"github.com/shopmetrics/shopmetrics/internal/probe"
)

// idTable maps customer IDs to their position in the ledger. It is an open-addressing hash table with linear
// probing, rather than a Go map, so that AddAll can compute the hashes
// of a batch of orders first and touch their slots before using them:
// the memory loads of a batch then overlap instead of queueing one after
// another, which is most of the cost of a lookup in a large table.
//
// A key of up to 8 bytes, as most customer IDs are, is held in its slot,
// so that finding it reads one cache line. Longer keys are copied into
// one byte slice, one after another, rather than kept as the callers'
// strings: comparing one then reads memory that is dense and mostly in
// cache, instead of a string allocated wherever the caller's decoder put
// it.
type idTable struct {
	seed  maphash.Seed
	slots []slot // a power of two long, or nil
	keys  []byte // the keys longer than 8 bytes, back to back
	used  int
}

// slot is 24 bytes.
type slot struct {
	kw   uint64 // the key, little-endian, if klen <= 8; else keys[kw : kw+klen] is
	ci1  int32  // the customer's index + 1; 0 marks an empty slot
	hash uint32 // the low half of the key's hash (the table has at most 2^32 slots)
	klen uint32
}

// hash returns the hash of key, initialising the table on first use.
func (x *idTable) hash(key string) uint64 {
	if x.slots == nil {
		x.seed = maphash.MakeSeed()
		x.slots = make([]slot, 1024)
	}
	return maphash.String(x.seed, key)
}

// touch loads the slot where a key of hash h starts its probe, so that
// it is in cache when [idTable.find] needs it. It returns a value to keep
// the load alive.
func (x *idTable) touch(h uint64) uint64 {
	return uint64(x.slots[h&uint64(len(x.slots)-1)].hash)
}

// shortKey returns a key of at most 8 bytes as a little-endian word.
func shortKey(key string) uint64 {
	var w uint64
	for i := len(key) - 1; i >= 0; i-- {
		w = w<<8 | uint64(key[i])
	}
	return w
}

// is reports whether s holds key, which has hash h32 and, if it is no
// longer than 8 bytes, the word w.
func (x *idTable) is(s *slot, key string, h32 uint32, w uint64) bool {
	if s.hash != h32 || int(s.klen) != len(key) {
		return false
	}
	if len(key) <= 8 {
		return s.kw == w
	}
	return string(x.keys[s.kw:s.kw+uint64(s.klen)]) == key
}

// find returns the slot of key (hash h) and true, or the empty slot where
// it would go and false. The pointer is valid until the next insert.
func (x *idTable) find(key string, h uint64) (*slot, bool) {
	mask := uint64(len(x.slots) - 1)
	h32 := uint32(h)
	var w uint64
	if len(key) <= 8 {
		w = shortKey(key)
	}
	for i := h & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.ci1 == 0 {
			return s, false
		}
		if x.is(s, key, h32, w) {
			return s, true
		}
	}
}

// reserve grows the table, if needed, to hold n keys without growing
// again.
func (x *idTable) reserve(n int) {
	size := max(len(x.slots), 1024)
	for n*4 >= size*3 {
		size *= 2
	}
	switch {
	case x.slots == nil:
		x.seed = maphash.MakeSeed()
		x.slots = hugepage.Make[slot](size)
	case size > len(x.slots):
		x.slots = probe.Rehash(x.slots, size, idHome)
	}
}

// insert fills the empty slot s, returned by find for key, and grows the
// table when it is three-quarters full.
//
// insert panics if key is 4 GiB long or longer.
func (x *idTable) insert(s *slot, key string, h uint64, ci int32) {
	if uint64(len(key)) > 1<<32-1 {
		panic("cohort: customer ID of 4 GiB or more")
	}
	*s = slot{ci1: ci + 1, hash: uint32(h), klen: uint32(len(key))}
	if len(key) <= 8 {
		s.kw = shortKey(key)
	} else {
		s.kw = uint64(len(x.keys))
		x.keys = append(x.keys, key...)
	}
	x.used++
	if x.used*4 >= len(x.slots)*3 {
		x.slots = probe.Rehash(x.slots, 2*len(x.slots), idHome)
	}
}

func idHome(s *slot) (uint64, bool) { return uint64(s.hash), s.ci1 != 0 }
