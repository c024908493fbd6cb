package report

import (
	"fmt"
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// maxRemaps bounds the dictionaries remembered: batches that each bring
// dictionaries of their own would otherwise keep them all.
const maxRemaps = 16

// batchState is the state of the pass over Input.EventBatches.
type batchState struct {
	users, keys metrics.Remap[int32]
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
	st := batchState{users: metrics.Remap[int32]{Max: maxRemaps}, keys: metrics.Remap[int32]{Max: maxRemaps}}
	isSource := func(s string) int32 {
		if s == funnel.PropSource {
			return 1
		}
		return 0
	}
	for bt := range b.in.EventBatches {
		st.n++
		if err := bt.Validate(); err != nil {
			b.stopped = fmt.Errorf("report: Input.EventBatches' batch %d: %w", st.n, err)
			return false
		}
		n := bt.Len()
		if n == 0 {
			continue
		}
		users, own := b.uidx.numbers(bt.UserIDs, &st.users)
		keys := remapOf(&st.keys, bt.PropKeys, isSource)
		loc := bt.Location
		if loc == nil {
			loc = time.UTC
		}
		lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
		for i := range n {
			if !b.step() {
				return false
			}
			if own && i%touchAhead == 0 {
				b.uidx.touch(bt.User[i:min(i+touchAhead, n)])
			}
			ns := bt.Time[i]
			lo, hi = min(lo, ns), max(hi, ns)
			un := bt.User[i]
			if !own {
				un = users[un]
			}
			un, u := b.uidx.resolve(un)
			if u.buyer != 0 {
				b.traffic.touchBatch(u, bt, i, keys, loc)
			}
			if b.plan != nil {
				b.plan.eventNs(u, un, ns)
			}
			var m uint8
			for k := range b.inNs {
				if b.inNs[k].has(ns) {
					m |= 1 << k
				}
			}
			if m != 0 {
				bt.EventInto(i, &b.ev) // the review keeps no event's Props
				b.periodEvent(&b.ev, un, m)
			}
		}
		// The strings may point into bt, which the reader may reuse: the
		// properties' array is kept, emptied.
		props := b.ev.Props[:0]
		clear(props[:cap(props)])
		b.ev = funnel.Event{Props: props}
		for _, t := range [2]int64{lo, hi} {
			at := time.Unix(0, t).In(loc)
			b.events.see(at)
			b.data.see(at)
		}
	}
	return true
}

// touchAhead is the number of events whose users' states the pass over
// a batch loads before it reads them (userIndex.touch): on 40M events of
// 5.5M users, whose states are 88 MB, the review took 67–77 CPU-s with
// it and 72–106 without, in two interleaved rounds on a loaded machine.
const touchAhead = 256

// remapOf returns the map of d in r, every number mapped with f; nil for
// a nil d.
func remapOf(r *metrics.Remap[int32], d *metrics.Dict, f func(string) int32) []int32 {
	if d == nil {
		return nil
	}
	return r.Of(d).Fill(f)
}
