package report

import (
	"fmt"
	"math"
	"slices"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/prefetch"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// maxRemaps bounds the dictionaries remembered: batches that each bring
// dictionaries of their own would otherwise keep them all.
const maxRemaps = 16

// batchState is the state of the pass over Input.EventBatches.
type batchState struct {
	users, keys metrics.Remap[int32]
	read        metrics.Remap[string] // property key number → the key if the accumulators read it, else ""
	n           int                   // batches seen
}

// eventBatches is the pass over Input.EventBatches, the same as
// eventRows' over Input.Events: an event outside the compared periods
// costs its user's number (a slice read), its day for the plan and its
// purchase's window when the user bought in the period, with no string;
// an event of a compared period becomes a funnel.Event for the
// accumulators that take rows, which count its user by number: without
// its UserID (but for a funnel with predicates, which may read it) and
// the properties they do not read (see eventInto). False means ctx is
// done or a batch is malformed, and b.stopped says so.
func (b *builder) eventBatches() bool {
	st := batchState{users: metrics.Remap[int32]{Max: maxRemaps}, keys: metrics.Remap[int32]{Max: maxRemaps},
		read: metrics.Remap[string]{Max: maxRemaps}}
	isSource := func(s string) int32 {
		if s == funnel.PropSource {
			return 1
		}
		return 0
	}
	withIDs, readKey := b.predicates(), b.propsRead()
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
		read := st.read.Of(bt.PropKeys).Fill(readKey)
		loc := bt.Location
		if loc == nil {
			loc = time.UTC
		}
		lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
		for i := range n {
			if !b.step() {
				return false
			}
			if i%touchAhead == 0 {
				end := min(i+touchAhead, n)
				if own {
					b.uidx.touch(bt.User[i:end])
				}
				b.touchPeriods(bt, i, end, users)
			}
			ns := bt.Time[i]
			lo, hi = min(lo, ns), max(hi, ns)
			un := bt.User[i]
			if !own {
				un = users[un]
			}
			un, u := b.uidx.resolve(un)
			if k := b.uidx.buyer(un); k != 0 {
				b.traffic.touchBatch(k, bt, i, keys, loc)
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
			if m == 1<<pPrev2 {
				// Of the period before the previous one, the review
				// reads only who had an event (its visitors): what
				// periodEvent does with such an event, without the
				// event (see prev2Event).
				b.prev2Event(u)
			} else if m != 0 {
				// The review keeps no event's Props, and reads its
				// user's ID only to name it in an error (see
				// traffic.named), or for the funnel's predicates.
				if withIDs {
					bt.EventInto(i, &b.ev)
				} else {
					eventInto(bt, i, loc, read, &b.ev)
				}
				b.traffic.batch, b.traffic.row = bt, i
				b.periodEvent(&b.ev, un, m)
			}
		}
		b.traffic.batch = nil
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

// prev2Event is periodEvent of an event of the period before the
// previous one alone (mask 1<<pPrev2) of the user whose state is u: no
// accumulator of events reads such an event but the users' masks, for
// the period's visitors, and the daily sales' note that events were
// seen; the event itself, whose making was most of the cost of the 5 %
// of a store's events in that period, is not made.
func (b *builder) prev2Event(u *userState) {
	u.mask |= 1 << pPrev2
	if b.daily != nil {
		b.daily.events = true
	}
}

// touchPeriods loads the memory that the accumulators of the compared
// periods read for the users of events i to end of bt (users maps bt's
// numbers to the users', nil for the same): their slots in each
// accumulator's table of users and those users' states (TouchNumbered),
// and the periodUser of the users of the period, so that the cache
// misses of the events of a period, several per event, overlap instead
// of coming one after another. The events outside the compared periods,
// most of a store's, cost a look at their times.
func (b *builder) touchPeriods(bt *funnel.Events, i, end int, users []int32) {
	nums := &b.touchNums
	for k := range nums {
		nums[k] = nums[k][:0]
	}
	// The periods touched, and a range that holds them all.
	touched := [...]int{pCur, pPrev, pYear}
	hull := nsRange{math.MaxInt64, math.MinInt64}
	for _, k := range touched {
		if r := b.inNs[k]; r.lo <= r.hi {
			hull = nsRange{min(hull.lo, r.lo), max(hull.hi, r.hi)}
		}
	}
	some := false
	var pa [touchAhead]unsafe.Pointer
	pus := pa[:0]
	for j := i; j < end; j++ {
		ns := bt.Time[j]
		if !hull.has(ns) {
			continue
		}
		for _, k := range touched {
			if b.inNs[k].has(ns) {
				un := bt.User[j]
				if users != nil {
					un = users[un]
				}
				un, u := b.uidx.resolve(un)
				nums[k] = append(nums[k], un)
				if k == pCur && u.period != 0 { // the user's periodUser, which the traffic and the daily sales read
					pus = append(pus, unsafe.Pointer(b.uidx.period.At(int(u.period-1))))
				}
				some = true
			}
		}
	}
	if !some {
		return
	}
	b.uidx.sink |= uint8(prefetch.Lines(pus))
	if t := b.traffic; t.cur != nil {
		t.cur.TouchNumbered(nums[pCur])
		t.visits.TouchNumbered(nums[pCur])
		t.prev.TouchNumbered(nums[pPrev])
		t.visitsPrev.TouchNumbered(nums[pPrev])
		t.visitsYear.TouchNumbered(nums[pYear])
	}
	for _, ep := range b.eventParts {
		ep.touch(nums)
	}
}

// touchAhead is the number of events whose users' states the pass over
// a batch loads before it reads them (userIndex.touch): on 40M events of
// 5.5M users, whose states are 88 MB, the review took 67–77 CPU-s with
// it and 72–106 without, in two interleaved rounds on a loaded machine.
const touchAhead = 256

// eventInto sets *e to event i of bt, its time in loc, as bt.EventInto
// does but for its UserID, which it leaves empty, and for the properties
// whose keys' numbers read maps to "", which it leaves out; read maps the
// others to their keys, found in bt.PropKeys once per dictionary rather
// than once per property (as the values are). The look-up of
// the ID in the users' dictionary, millions of strings, was most of
// EventInto's cost, and the review's accumulators count users by number;
// the values of properties they do not read (session IDs, new with every
// session, when sessions are found by gap) cost look-ups of their own.
func eventInto(bt *funnel.Events, i int, loc *time.Location, read []string, e *funnel.Event) {
	props := e.Props[:0]
	*e = funnel.Event{Time: time.Unix(0, bt.Time[i]).In(loc), Name: bt.Names.String(bt.Name[i])}
	for j := bt.PropStart[i]; j < bt.PropStart[i+1]; j++ {
		if key := read[bt.PropKey[j]]; key != "" {
			props = append(props, funnel.Prop{Key: key, Value: bt.PropValues.String(bt.PropValue[j])})
		}
	}
	e.Props = props
}

// propsRead returns the property keys that the accumulators of the
// events of the compared periods read, and "" for the others: the source and
// device (traffic), the SKU and the order ID (detail pages), the session
// IDs of Config.Sessions and Config.Funnel.Sessions, and the funnel's
// breakdown. (A funnel with predicates reads any: see predicates.)
func (b *builder) propsRead() func(string) string {
	keys := []string{funnel.PropSource, funnel.PropDevice, funnel.PropSKU, propOrderID,
		b.cfg.Sessions.Key, b.cfg.Funnel.Sessions.Key, b.cfg.Funnel.Breakdown}
	return func(k string) string {
		if slices.Contains(keys, k) {
			return k // "" for "", which is no key read
		}
		return ""
	}
}

// predicates reports whether the funnel has steps or exclusions matched
// by predicates, which may read an event's UserID.
func (b *builder) predicates() bool {
	for _, s := range b.cfg.Funnel.Steps {
		if s.Match != nil {
			return true
		}
	}
	for _, x := range b.cfg.Funnel.Exclusions {
		if x.Match != nil {
			return true
		}
	}
	return false
}

// remapOf returns the map of d in r, every number mapped with f; nil for
// a nil d.
func remapOf(r *metrics.Remap[int32], d *metrics.Dict, f func(string) int32) []int32 {
	if d == nil {
		return nil
	}
	return r.Of(d).Fill(f)
}
