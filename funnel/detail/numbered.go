package detail

import (
	"fmt"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/prefetch"
	"github.com/shopmetrics/shopmetrics/internal/probe"
)

// Users by number, as in package funnel (see funnel.ErrNumbered): a
// caller that numbers its users anyway gives [Counter.AddNumbered] the
// number instead of the ID, and no ID is hashed or compared. The contract
// is the caller's: one number per user ID, any int32. A Counter keys its
// users one way, fixed by its first user: by ID (Add, AddPurchase, Merge,
// UnmarshalBinary) or by number (AddNumbered, AddPurchaseNumbered);
// giving the other kind later is an error wrapping funnel.ErrNumbered,
// and so is Merge or MarshalBinary of users by number, whose IDs the
// Counter does not hold. Its Result is the one Add of the same events
// with their IDs would give.

// keying is the way a Counter keys its users.
type keying uint8

const (
	keyNone   keying = iota // no user yet
	keyID                   // by ID
	keyNumber               // by the caller's number
)

// AddNumbered counts event e of the user the caller numbers user, as
// [Counter.Add] counts it, but finds the user by the number: e.UserID is
// read only for the errors, which are Add's, so that a caller may leave
// it empty until an error needs it (a rejected event leaves the Counter
// unchanged). It returns an error wrapping funnel.ErrNumbered for a
// Counter given users by ID.
func (c *Counter) AddNumbered(user int32, e *funnel.Event) error {
	step, sku := c.step(e)
	if step == 0 {
		return nil
	}
	return c.addNumbered(user, e.UserID, sku, e.Time, step)
}

// AddPurchaseNumbered is [Counter.AddPurchase] of the user numbered user,
// whose ID id it reads only for the errors, as AddNumbered does.
func (c *Counter) AddPurchaseNumbered(user int32, id, sku string, at time.Time) error {
	c.init()
	if sku == "" {
		return nil
	}
	return c.addNumbered(user, id, sku, at, 3)
}

func (c *Counter) addNumbered(n int32, id, sku string, at time.Time, step uint8) error {
	t, ok := unixNano(at)
	if !ok {
		return &funnel.EventError{UserID: id, Time: at, Err: funnel.ErrTimeRange}
	}
	if c.userKeys == keyID {
		return numberedError("Counter.AddNumbered", "the Counter counts users by ID")
	}
	c.userKeys = keyNumber
	ui, slot := c.userIndex.findNumber(n)
	if ui >= 0 {
		if prev := c.users.at(ui).last; t < prev {
			return outOfOrder(id, at, prev)
		}
	} else {
		ui = c.users.push(user{})
		c.userIndex.insert(slot, uint64(uint32(n)), ui)
	}
	c.count(ui, sku, t, step)
	return nil
}

// numberedError returns the error of op on a Counter whose users are
// keyed otherwise than op needs.
func numberedError(op, why string) error {
	return fmt.Errorf("detail: %s: %s: %w", op, why, funnel.ErrNumbered)
}

// numberHome is userHome for a table of users by number, whose slots hold
// the number itself in place of the hash of an ID.
func numberHome(s *userSlot) (uint64, bool) { return probe.Int32(int32(s.hash)), s.ui1 != 0 }

// findNumber returns the number of the user the caller numbers n, or −1,
// and the slot where it would go, valid until the next insert, to which
// the caller passes uint64(uint32(n)) as the hash.
func (x *userTable) findNumber(n int32) (int32, *userSlot) {
	if x.slots == nil {
		x.slots = make([]userSlot, minUserSlots)
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

// TouchNumbered loads the memory that [Counter.AddNumbered] reads for
// each of users, numbers the caller gives AddNumbered: the slot of the
// user's number, the user's state and its most recently touched pair, so
// that the cache misses of a caller's next events overlap instead of
// coming one after another (as funnel.Traffic.TouchNumbered does). It
// changes nothing, and does nothing for a Counter that counts no users by
// number.
func (c *Counter) TouchNumbered(users []int32) {
	x := &c.userIndex
	if c.userKeys != keyNumber || len(x.slots) == 0 {
		return
	}
	const chunk = 64
	var ps [chunk]unsafe.Pointer
	var us [chunk]*user
	mask := uint64(len(x.slots) - 1)
	var sink uint32
	for len(users) > 0 {
		ns := users[:min(len(users), chunk)]
		users = users[len(ns):]
		for j, n := range ns {
			ps[j] = unsafe.Pointer(&x.slots[probe.Int32(n)&mask])
		}
		sink += prefetch.Lines(ps[:len(ns)])
		m := 0
		for _, n := range ns {
			for i := probe.Int32(n) & mask; ; i = (i + 1) & mask {
				s := &x.slots[i]
				if s.ui1 == 0 {
					break
				}
				if s.hash == uint32(n) {
					us[m] = c.users.at(s.ui1 - 1)
					ps[m] = unsafe.Pointer(us[m])
					m++
					break
				}
			}
		}
		sink += prefetch.Lines(ps[:m])
		k := 0
		for _, u := range us[:m] {
			if u.head != 0 {
				ps[k] = unsafe.Pointer(c.pairs.at(u.head - 1))
				k++
			}
		}
		sink += prefetch.Lines(ps[:k])
	}
	c.sink += sink
}
