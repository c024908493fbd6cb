package detail

import (
	"hash/maphash"

	"github.com/shopmetrics/shopmetrics/internal/probe"
)

// user is the state of one user; the ID of a user by ID is in
// Counter.ids, at the same number.
type user struct {
	last int64 // the time of the user's last counted event
	head int32 // the index + 1 of the user's most recently touched pair; 0 for none
	n    int32 // the number of the user's pairs
}

// userTable maps user IDs to user numbers 0, 1, 2, … in order of first
// appearance, the index of their state in the counter's users. It is an
// open-addressing hash table with linear probing, as funnel's user index
// is, rather than a Go map: a slot is 8 bytes, the low half of the ID's
// hash and the number, and the IDs are kept once, beside the users'
// state (Counter.ids), where they are compared only when the hashes
// agree. A table of users by number (findNumber) keeps no IDs.
//
// Like a Go map it keeps the callers' strings, not copies.
type userTable struct {
	seed  maphash.Seed
	slots []userSlot // a power of two long, or nil
	used  int
	// byNumber: the slots hold the caller's user numbers, not hashes of
	// IDs (see findNumber).
	byNumber bool
}

type userSlot struct {
	hash uint32 // the low half of the ID's hash (the table has at most 2^32 slots)
	ui1  int32  // the user's number + 1; 0 marks an empty slot
}

// minUserSlots is the size of a new table.
const minUserSlots = 64

// find returns the number of user id, or −1, the slot where it would go
// and the ID's hash; ids holds the users' IDs by user number. The slot
// is valid until the next insert.
func (x *userTable) find(ids *chunks[string], id string) (int32, *userSlot, uint64) {
	if x.slots == nil {
		x.seed = maphash.MakeSeed()
		x.slots = make([]userSlot, minUserSlots)
	}
	h := maphash.String(x.seed, id)
	mask := uint64(len(x.slots) - 1)
	h32 := uint32(h)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.ui1 == 0 {
			return -1, s, h
		}
		if s.hash == h32 && *ids.at(s.ui1 - 1) == id {
			return s.ui1 - 1, s, h
		}
	}
}

// insert fills the empty slot s, returned by find for an ID of hash h,
// with user number ui, and grows the table when it is seven-eighths full.
func (x *userTable) insert(s *userSlot, h uint64, ui int32) {
	*s = userSlot{hash: uint32(h), ui1: ui + 1}
	x.used++
	if x.used*8 >= len(x.slots)*7 {
		home := userHome
		if x.byNumber {
			home = numberHome
		}
		x.slots = probe.Rehash(x.slots, 2*len(x.slots), home)
	}
}

func userHome(s *userSlot) (uint64, bool) { return uint64(s.hash), s.ui1 != 0 }
