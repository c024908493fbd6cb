package funnel

import (
	"unsafe"

	"github.com/shopmetrics/shopmetrics/internal/prefetch"
	"github.com/shopmetrics/shopmetrics/internal/probe"
)

// Users by number.
//
// A caller that already numbers its users (the review numbers every user
// of its data once, for state of its own) can give [Traffic] and [Counter]
// the number instead of the ID: [Traffic.AddNumbered] and
// [Counter.AddNumbered] find the user by a hash of the number, with no
// hashing of the ID and no reading of the stored ID to compare, and the
// caller need not even look the ID up. The contract is the caller's: one
// number per user ID, the same for all of a user's events, any int32
// (negative numbers too, the numbers need not be dense).
//
// An accumulator keys its users one way or the other, fixed by its first
// user: by ID (Add, AddEvents, AddEventRows, Merge, UnmarshalBinary) or
// by number (AddNumbered). Giving the other kind later is an error
// wrapping [ErrNumbered], and so is Merge or MarshalBinary of users by
// number: it holds no IDs to tell shared users apart or to encode. Its
// Result or Report is the one Add of the same events with their IDs
// would give. A caller that knows the users of its next events (a
// batch's) may call TouchNumbered with their numbers first, so that the
// cache misses of their look-ups overlap; it changes nothing.

// keying is the way an accumulator keys its users.
type keying uint8

const (
	keyNone   keying = iota // no user yet
	keyID                   // by ID
	keyNumber               // by the caller's number
)

// numberHome is userHome for a table of users by number, whose slots hold
// the number itself in place of the hash of an ID.
func numberHome(s *userSlot) (uint64, bool) { return probe.Int32(int32(s.hash)), s.ui1 != 0 }

// findNumber returns the index of user number n, or −1, and the slot of
// x where it would go. The pointer is valid until the next insert, to
// which the caller passes uint64(uint32(n)) as the hash.
func (x *userIndex) findNumber(n int32) (int32, *userSlot) {
	if x.slots == nil {
		x.slots = make([]userSlot, 1024)
	}
	x.byNumber = true
	mask := uint64(len(x.slots) - 1)
	for i := probe.Int32(n) & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.ui1 == 0 || s.hash == uint32(n) {
			return s.ui1 - 1, s
		}
	}
}

// touchNumbers loads the home slots of users in x, then the state of each
// user x holds, whose address state gives from the user's index: the
// cache misses of the users of many events overlap instead of coming one
// after another (prefetch.Lines). It returns what it loaded, for a sink.
// It changes nothing.
func (x *userIndex) touchNumbers(users []int32, state func(ui int32) unsafe.Pointer) uint32 {
	if len(x.slots) == 0 || !x.byNumber {
		return 0
	}
	const chunk = 64
	var ps [chunk]unsafe.Pointer
	mask := uint64(len(x.slots) - 1)
	var sink uint32
	for len(users) > 0 {
		us := users[:min(len(users), chunk)]
		users = users[len(us):]
		for j, n := range us {
			ps[j] = unsafe.Pointer(&x.slots[probe.Int32(n)&mask])
		}
		sink += prefetch.Lines(ps[:len(us)])
		m := 0
		for _, n := range us {
			for i := probe.Int32(n) & mask; ; i = (i + 1) & mask {
				s := &x.slots[i]
				if s.ui1 == 0 {
					break
				}
				if s.hash == uint32(n) {
					ps[m] = state(s.ui1 - 1)
					m++
					break
				}
			}
		}
		sink += prefetch.Lines(ps[:m])
	}
	return sink
}

// TouchNumbered loads the memory that [Traffic.AddNumbered] reads for
// each of users, numbers the caller gives AddNumbered, so that the cache
// misses of a caller's next events overlap instead of coming one after
// another: a caller that knows the users of its next events (a batch's)
// calls it before adding them. It changes nothing, and does nothing for
// a Traffic that counts no users by number.
func (t *Traffic) TouchNumbered(users []int32) {
	if t.userKeys != keyNumber {
		return
	}
	t.sink += t.users.touchNumbers(users, func(ui int32) unsafe.Pointer {
		return unsafe.Pointer(t.user(ui))
	})
}

// TouchNumbered loads the memory that [Counter.AddNumbered] reads for
// each of users, as [Traffic.TouchNumbered] does for a Traffic. It
// changes nothing, and does nothing for a Counter that counts no users
// by number.
func (c *Counter) TouchNumbered(users []int32) {
	if c.userKeys != keyNumber {
		return
	}
	c.sink += c.users.touchNumbers(users, func(ui int32) unsafe.Pointer {
		return unsafe.Pointer(c.lastOf(ui))
	})
}
