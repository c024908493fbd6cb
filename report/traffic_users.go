package report

import (
	"math/bits"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// userCount is the number of users of a source or device in the period,
// and of those of them who bought in it.
type userCount struct{ users, bought int64 }

// userSets keeps which users came with each value of a property (the
// sources, or the devices) in the period: the first 64 values as bits of
// a mask per user (userState.sources or devices), the others, rare, as
// pairs in a set. It is exact whatever the order of the events.
type userSets struct {
	values metrics.Dict
	more   map[[2]int32]struct{} // value number ≥ 64, user number
}

// add records that user n, whose mask is bits, came with value.
func (s *userSets) add(bits *uint64, n int32, value string) {
	k := s.values.Index(value)
	if k < 64 {
		*bits |= 1 << k
		return
	}
	if s.more == nil {
		s.more = make(map[[2]int32]struct{})
	}
	s.more[[2]int32{k, n}] = struct{}{}
}

// count returns the users of each value and those of them who bought,
// the masks read from the states of the users of the period by mask.
func (s *userSets) count(users *userIndex, mask func(*periodUser) uint64) map[string]userCount {
	if s.values.Len() == 0 {
		return nil
	}
	counts := make([]userCount, s.values.Len())
	for _, b := range users.period.Blocks() {
		for i := range b {
			u := &b[i]
			buyer := users.buyer(u.n)
			for m := mask(u); m != 0; m &= m - 1 {
				c := &counts[bits.TrailingZeros64(m)]
				c.users++
				if buyer != 0 {
					c.bought++
				}
			}
		}
	}
	for p := range s.more {
		c := &counts[p[0]]
		c.users++
		if n, _ := users.resolve(p[1]); users.buyer(n) != 0 {
			c.bought++
		}
	}
	out := make(map[string]userCount, len(counts))
	for k, c := range counts {
		out[s.values.String(int32(k))] = c
	}
	return out
}

// indexBuyers gives each buyer of the period (attr.purchase, known after
// the pass over orders; customers numbers them as attr.prior does) its
// state, found by the buyer's user number, so that the pass over events
// looks a user's purchase up in a slice. A buyer of the period is
// exactly a customer with a purchase in attr.purchase: the device
// breakdown counts them by userIndex.buyer. The buyers are numbered by
// ID here, before the events, so that they are the first users numbered
// by ID (see userIndex.buyers).
func (t *traffic) indexBuyers(users *userIndex, customers *metrics.Dict) {
	// Their number is known: the buyers' states and numbers are made at
	// once, not grown by append, which copied them again and again.
	t.buyers = slices.Grow(t.buyers, len(t.attr.purchase))
	t.windows = slices.Grow(t.windows, len(t.attr.purchase))
	users.grow(len(t.attr.purchase))
	for id, at := range t.attr.purchase {
		n := users.index(id)
		c, ok := customers.Lookup(id)
		from := t.attr.windowStart(c, ok, at)
		t.buyers = append(t.buyers, buyerState{id: id, at: at, from: from})
		t.windows = append(t.windows, nsBetween(from, at, true))
		users.setBuyer(n, int32(len(t.buyers)))
	}
}

// touch adds any event of the user whose purchase is buyer
// (userIndex.buyer), of the period or before it, for the attribution and
// the time to convert of the purchase, if the user bought in the period
// (buyer is not 0).
func (t *traffic) touch(buyer int32, e *funnel.Event) {
	if buyer == 0 {
		return
	}
	x := &t.buyers[buyer-1]
	if e.Time.After(x.at) || e.Time.Before(x.from) {
		return
	}
	x.visit(e.Time, e.Prop(funnel.PropSource), t.cfg.Attribution.direct())
}

// touchBatch is touch for event i of batch bt, of a user whose purchase
// is buyer, not 0; isSource says which of bt's property key numbers is
// funnel.PropSource.
func (t *traffic) touchBatch(buyer int32, bt *funnel.Events, i int, isSource []int32, loc *time.Location) {
	ns := bt.Time[i]
	if !t.windows[buyer-1].has(ns) {
		return
	}
	x := &t.buyers[buyer-1]
	src := ""
	for j := bt.PropStart[i]; j < bt.PropStart[i+1]; j++ {
		if isSource[bt.PropKey[j]] != 0 {
			src = bt.PropValues.String(bt.PropValue[j])
			break
		}
	}
	x.visit(time.Unix(0, ns).In(loc), src, t.cfg.Attribution.direct())
}

// finishUsers counts the users of each source and device, and sets the
// attribution's and the time to convert's maps by customer ID from the
// buyers' states, once the pass over events is done.
func (t *traffic) finishUsers(users *userIndex) {
	t.bySource = t.sources.count(users, func(u *periodUser) uint64 { return u.sources })
	t.byDevice = t.devices.count(users, func(u *periodUser) uint64 { return u.devices })
	for i := range t.buyers {
		x := &t.buyers[i]
		if x.touched {
			if t.attr.seen == nil {
				t.attr.seen = make(map[string]*touches)
			}
			t.attr.seen[x.id] = &x.touches
		}
		if x.seen {
			t.first[x.id] = x.first
		}
	}
}
