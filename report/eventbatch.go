package report

import (
	"fmt"
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// remap maps the numbers of a batch's dictionary to the builder's own
// (or to flags), one look-up per dictionary entry: successive batches
// that share a Dict extend its remap only by the entries added since.
type remap struct {
	d  *metrics.Dict
	to []int32
}

// remaps holds the remaps of the dictionaries seen, keyed by the Dict
// (holding it, so that its address is not reused while it is a key).
type remaps struct {
	last *remap
	all  map[*metrics.Dict]*remap
}

// maxRemaps bounds the dictionaries remembered: batches that each bring
// dictionaries of their own would otherwise keep them all.
const maxRemaps = 16

// of returns the remap of d, as long as d, mapping each new entry with f.
func (r *remaps) of(d *metrics.Dict, f func(string) int32) []int32 {
	if d == nil {
		return nil
	}
	x := r.last
	if x == nil || x.d != d {
		x = r.all[d]
		if x == nil {
			if r.all == nil || len(r.all) >= maxRemaps {
				r.all = make(map[*metrics.Dict]*remap)
			}
			x = &remap{d: d}
			r.all[d] = x
		}
		r.last = x
	}
	for k := len(x.to); k < d.Len(); k++ {
		x.to = append(x.to, f(d.String(int32(k))))
	}
	return x.to
}

// batchState is the state of the pass over Input.EventBatches.
type batchState struct {
	users, keys remaps
	n           int // batches seen
}

// eventBatches is the pass over Input.EventBatches, the same as
// eventRows' over Input.Events: an event outside the compared periods
// costs its user's number (a slice read), its day for the plan and its
// purchase's window when the user bought in the period, with no string;
// an event of a compared period becomes a funnel.Event for the
// accumulators that take rows. False means ctx is done or a batch is
// malformed, and b.stopped says so.
func (b *builder) eventBatches() bool {
	var st batchState
	isSource := func(s string) int32 {
		if s == funnel.PropSource {
			return 1
		}
		return 0
	}
	for bt := range b.in.EventBatches {
		st.n++
		if err := checkBatch(bt); err != nil {
			b.stopped = fmt.Errorf("report: Input.EventBatches' batch %d: %w", st.n, err)
			return false
		}
		n := bt.Len()
		if n == 0 {
			continue
		}
		users := b.uidx.numbers(bt.UserIDs, &st.users)
		keys := st.keys.of(bt.PropKeys, isSource)
		loc := bt.Location
		if loc == nil {
			loc = time.UTC
		}
		lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
		for i := range n {
			if !b.step() {
				return false
			}
			ns := bt.Time[i]
			lo, hi = min(lo, ns), max(hi, ns)
			un := users[bt.User[i]]
			u := &b.uidx.state[un]
			if u.buyer != 0 {
				b.traffic.touchBatch(u, bt, i, keys, loc)
			}
			if b.plan != nil {
				b.plan.eventNs(u, ns)
			}
			var m uint8
			for k := range b.inNs {
				if b.inNs[k].has(ns) {
					m |= 1 << k
				}
			}
			if m != 0 {
				b.ev = bt.Event(i)
				b.periodEvent(&b.ev, un, m)
			}
		}
		b.ev = funnel.Event{} // it may point into bt, which the reader may reuse
		for _, t := range [2]int64{lo, hi} {
			at := time.Unix(0, t).In(loc)
			b.events.see(at)
			b.data.see(at)
		}
	}
	return true
}

// checkBatch returns an error if bt's columns do not have the lengths
// funnel.Events documents, or it lacks a dictionary its columns need.
func checkBatch(bt *funnel.Events) error {
	if bt == nil {
		return fmt.Errorf("a nil batch")
	}
	n := bt.Len()
	switch {
	case n == 0 && len(bt.User)+len(bt.Name) == 0:
		return nil
	case len(bt.User) != n || len(bt.Name) != n:
		return fmt.Errorf("columns of %d times, %d users and %d names", n, len(bt.User), len(bt.Name))
	case len(bt.PropStart) != n+1 || bt.PropStart[0] != 0 || int(bt.PropStart[n]) != len(bt.PropKey) || len(bt.PropKey) != len(bt.PropValue):
		return fmt.Errorf("%d property starts for %d events, %d keys and %d values", len(bt.PropStart), n, len(bt.PropKey), len(bt.PropValue))
	case bt.UserIDs == nil || bt.Names == nil || len(bt.PropKey) > 0 && (bt.PropKeys == nil || bt.PropValues == nil):
		return fmt.Errorf("no dictionary for a column")
	}
	return nil
}
