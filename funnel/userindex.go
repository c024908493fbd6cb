package funnel

import (
	"hash/maphash"
	"slices"

	"github.com/shopmetrics/shopmetrics/internal/probe"
)

// userIndex maps user IDs to user indices 0, 1, 2, … in order of first
// appearance. It is an open-addressing hash table with linear probing,
// rather than a Go map, because looking up the user is most of the cost of
// [Counter.Add], and most of that is reaching memory not in cache. A slot
// is 8 bytes, the low half of the ID's hash and the index: the table is a
// third of the size of one that also held the IDs, so more of it stays in
// cache. The IDs are kept by the [Counter] and are compared only
// when the hashes agree — without reading their bytes when the event's ID
// shares them with the stored one, as IDs held in memory usually do.
//
// Like a Go map it keeps the callers' strings, not copies.
type userIndex struct {
	seed  maphash.Seed
	slots []userSlot // a power of two long, or nil
	used  int
	// byNumber: the slots hold users' numbers, not hashes of IDs (see
	// findNumber).
	byNumber bool
}

type userSlot struct {
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

// findUser returns the index of user id, or −1, the slot of c.users where
// it would go and its hash. The pointer is valid until the next insert.
//
// The users that [Counter.AddEvents] added from its primary dictionary
// are not in the index: findUser ends the primary dictionary first, since
// the caller may add a user from elsewhere.
func (c *Counter) findUser(id string) (int32, *userSlot, uint64) {
	if c.batch.primary != nil {
		c.endPrimary()
	}
	if c.growTo > 0 {
		c.users.grow(c.growTo - c.users.len())
		c.ids = slices.Grow(c.ids, max(0, c.growTo-len(c.ids)))
		c.growTo = 0
	}
	return c.lookupUser(id)
}

// endPrimary ends the primary dictionary of [Counter.AddEvents] (see
// batchMaps): it stores the IDs of the users numbered as in the
// dictionary, and adds the users to the index.
func (c *Counter) endPrimary() {
	c.endIdentity()
	for ui := int32(c.users.len()); ui < c.nusers; ui++ {
		_, slot, h := c.lookupUser(c.ids[ui])
		c.users.insert(slot, h)
	}
	c.batch.primary = nil
}

func (c *Counter) lookupUser(id string) (int32, *userSlot, uint64) {
	x := &c.users
	h := x.hash(id)
	mask := uint64(len(x.slots) - 1)
	h32 := uint32(h)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.ui1 == 0 {
			return -1, s, h
		}
		if s.hash == h32 && c.userID(s.ui1-1) == id {
			return s.ui1 - 1, s, h
		}
	}
}

// userID returns the ID of user ui.
func (c *Counter) userID(ui int32) string {
	if c.batch.identity {
		return c.batch.primary.String(ui)
	}
	return c.ids[ui]
}

// insert fills the empty slot s, returned by find for an ID of hash h, with
// the next user index, which it returns, and grows the table when it is
// seven-eighths full.
func (x *userIndex) insert(s *userSlot, h uint64) int32 {
	ui := int32(x.used)
	*s = userSlot{hash: uint32(h), ui1: ui + 1}
	x.used++
	if x.used*8 >= len(x.slots)*7 {
		x.resize(2 * len(x.slots))
	}
	return ui
}

// grow makes room for n more users without resizing.
func (x *userIndex) grow(n int) {
	size := max(len(x.slots), 1024)
	for (x.used+n)*8 >= size*7 {
		size *= 2
	}
	if size > len(x.slots) {
		if x.slots == nil {
			x.seed = maphash.MakeSeed()
		}
		x.resize(size)
	}
}

func (x *userIndex) resize(size int) {
	home := userHome
	if x.byNumber {
		home = numberHome
	}
	x.slots = probe.Rehash(x.slots, size, home)
}

func userHome(s *userSlot) (uint64, bool) { return uint64(s.hash), s.ui1 != 0 }
