package funnel

import (
	"hash/maphash"
	"iter"

	"github.com/shopmetrics/shopmetrics/internal/probe"
)

// userIndex maps user IDs to user indices 0, 1, 2, … in order of first
// appearance. It is an open-addressing hash table with linear probing,
// rather than a Go map, because looking up the user is most of the cost of
// [Counter.Add]: a slot holds the ID, the low half of its hash and the
// index side by side, so that a lookup reads one slot (two, rarely) and,
// when the event's ID shares its bytes with the stored one — as IDs held in
// memory usually do — compares them without reading the bytes.
//
// Like a Go map it keeps the callers' strings, not copies.
type userIndex struct {
	seed  maphash.Seed
	slots []userSlot // a power of two long, or nil
	used  int
}

// userSlot is 24 bytes.
type userSlot struct {
	id   string
	hash uint32 // the low half of the ID's hash (the table has at most 2^32 slots)
	ui1  int32  // the user's index + 1; 0 marks an empty slot
}

// len returns the number of users.
func (x *userIndex) len() int { return x.used }

// hash returns the hash of id, initialising the table on first use.
func (x *userIndex) hash(id string) uint64 {
	if x.slots == nil {
		x.seed = maphash.MakeSeed()
		x.slots = make([]userSlot, 1024)
	}
	return maphash.String(x.seed, id)
}

// find returns the index of user id, or −1 and the slot where it would go.
// The pointer is valid until the next insert.
func (x *userIndex) find(id string) (int32, *userSlot, uint64) {
	h := x.hash(id)
	mask := uint64(len(x.slots) - 1)
	h32 := uint32(h)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.ui1 == 0 {
			return -1, s, h
		}
		if s.hash == h32 && s.id == id {
			return s.ui1 - 1, s, h
		}
	}
}

// lookup returns the index of user id, or −1.
func (x *userIndex) lookup(id string) int32 {
	if x.used == 0 {
		return -1
	}
	ui, _, _ := x.find(id)
	return ui
}

// insert fills the empty slot s, returned by find for id and its hash h,
// with the next user index, which it returns, and grows the table when it
// is three-quarters full.
func (x *userIndex) insert(s *userSlot, id string, h uint64) int32 {
	ui := int32(x.used)
	*s = userSlot{id: id, hash: uint32(h), ui1: ui + 1}
	x.used++
	if x.used*4 >= len(x.slots)*3 {
		x.resize(2 * len(x.slots))
	}
	return ui
}

// add adds user id, which must not be in the table, and returns its index.
func (x *userIndex) add(id string) int32 {
	ui, s, h := x.find(id)
	if ui >= 0 {
		panic("funnel: internal error: user added twice")
	}
	return x.insert(s, id, h)
}

// grow makes room for n more users without resizing.
func (x *userIndex) grow(n int) {
	if x.slots == nil {
		x.hash("")
	}
	size := len(x.slots)
	for (x.used+n)*4 >= size*3 {
		size *= 2
	}
	if size > len(x.slots) {
		x.resize(size)
	}
}

func (x *userIndex) resize(size int) {
	x.slots = probe.Rehash(x.slots, size, userHome)
}

func userHome(s *userSlot) (uint64, bool) { return uint64(s.hash), s.ui1 != 0 }

// all yields the users' IDs and indices, in no particular order.
func (x *userIndex) all() iter.Seq2[string, int32] {
	return func(yield func(string, int32) bool) {
		for i := range x.slots {
			if s := &x.slots[i]; s.ui1 != 0 && !yield(s.id, s.ui1-1) {
				return
			}
		}
	}
}
