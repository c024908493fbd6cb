package funnel

import (
	"fmt"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// AddEvents counts the events of batch b in row order: the Traffic ends
// as it would after [Traffic.Add] of b.Event(i) for each row i in turn,
// and a row that Add would reject is rejected with the same *[EventError]
// ([ErrOutOfOrder], [ErrTimeRange], [ErrNoSession]). As with Add, rows
// of one user must be in time order; rows of different users may
// interleave.
//
// A rejected row leaves the Traffic unchanged and AddEvents goes on with
// the next: it returns the errors of the rejected rows joined with
// errors.Join, in row order — the first 100 as *EventError, and a
// *[MoreEventsError] counting the rest by reason — or nil if it counted
// every row, as [Counter.AddEvents] does.
//
// AddEvents is the fast path of a Traffic: it looks each entry of the
// batch's dictionaries up once, not each event (a user ID is hashed once
// per dictionary entry, an event name compared with PageView and Purchase
// once, a source or device interned once). Batches that share their
// dictionaries (the batches of one reader) share these look-ups; the
// Traffic keeps them for the last few dictionaries it was given, and
// holds those dictionaries meanwhile. The Traffic keeps the IDs of its
// users and sessions as the batch's dictionaries give them
// ([metrics.Dict.String]), as Add keeps an event's strings.
//
// AddEvents returns the error of [Events.Validate], or of
// [Traffic.Validate], and counts nothing, if b is malformed or the
// settings are invalid.
// It returns an error wrapping [ErrNumbered], and counts nothing, if the
// Traffic counts users by number ([Traffic.AddNumbered]).
func (t *Traffic) AddEvents(b *Events) error {
	if err := b.Validate(); err != nil {
		return err
	}
	return t.addRows(b, nil, b.Len())
}

// AddEventRows is [Traffic.AddEvents] of the rows of b numbered in rows,
// in the order of rows: what a caller that selects some events of a
// batch (those of a period, say) gives, instead of a batch of its own.
// A number outside b's rows is an error, and nothing is counted; a row
// listed twice is counted twice, as Add of its event twice would count it.
func (t *Traffic) AddEventRows(b *Events, rows []int32) error {
	if err := b.Validate(); err != nil {
		return err
	}
	if err := checkRows(b, rows); err != nil {
		return err
	}
	return t.addRows(b, rows, len(rows))
}

// checkRows returns an error if a number of rows is not a row of b.
func checkRows(b *Events, rows []int32) error {
	n := b.Len()
	for k, i := range rows {
		if i < 0 || int(i) >= n {
			return fmt.Errorf("funnel: rows[%d] = %d, not a row of a batch of %d", k, i, n)
		}
	}
	return nil
}

// trafficBatch holds what [Traffic.AddEvents] has looked up in the
// dictionaries of its batches.
type trafficBatch struct {
	users  metrics.Remap[int32] // user number → user index + 1; 0: not looked up
	names  metrics.Remap[uint8] // name number → nameKind + 1; 0: not looked up
	values metrics.Remap[int32] // property value number → index in Traffic.values + 1
}

// The kinds of event name a Traffic tells apart.
const (
	nameOther = iota
	namePageView
	namePurchase
)

// addRows counts n rows of b: those numbered in rows, or the first n in
// row order if rows is nil. b and rows are valid.
func (t *Traffic) addRows(b *Events, rows []int32, n int) error {
	if t.invalid() {
		return t.Validate()
	}
	if n == 0 {
		return nil
	}
	if t.userKeys == keyNumber {
		return numberedError("Traffic.AddEvents", "the Traffic counts users by number")
	}
	t.userKeys = keyID
	users := t.batch.users.Of(b.UserIDs)
	names := t.batch.names.Of(b.Names)
	var values *metrics.DictMap[int32]
	if b.PropValues != nil {
		values = t.batch.values.Of(b.PropValues)
	}
	skey, src, dev := int32(-1), propKey(b, PropSource), propKey(b, PropDevice)
	keyed := t.Sessions.Key != ""
	if keyed {
		skey = propKey(b, t.Sessions.Key)
	}
	engaged := t.Sessions.Bounce == BounceNotEngaged
	gap := int64(t.Sessions.gap())
	pv, buy := t.pageView(), t.purchase()
	var errs eventErrors
	for k := range n {
		i := k
		if rows != nil {
			i = int(rows[k])
		}
		ns := b.Time[i]
		if ns < minUnixNano || ns >= maxUnixNano {
			errs.add(&EventError{UserID: b.UserIDs.String(b.User[i]), Time: b.time(ns), Err: ErrTimeRange})
			continue
		}
		var sid string
		if keyed {
			if sid = propValue(b, i, skey); sid == "" {
				errs.add(&EventError{UserID: b.UserIDs.String(b.User[i]), Time: b.time(ns), Err: ErrNoSession})
				continue
			}
		}
		un := b.User[i]
		ui := users.Values[un] - 1
		if ui < 0 {
			id := b.UserIDs.String(un)
			if ui, slot, h := t.findUser(id); ui >= 0 {
				users.Values[un] = ui + 1 // a user of Add, Merge or another dictionary
			} else {
				users.Values[un] = t.addUser(slot, h, id, ns, -1) + 1
			}
			ui = users.Values[un] - 1
		}
		u := t.user(ui)
		if ns < u.last {
			tt := b.time(ns)
			errs.add(&EventError{UserID: t.userID(ui), Time: tt, Prev: time.Unix(0, u.last).In(tt.Location()), Err: ErrOutOfOrder})
			continue
		}
		prev := u.last
		u.last = ns

		si := u.cur
		if keyed {
			if si < 0 || int(si) >= t.sids.Len() || *t.sids.At(int(si)) != sid {
				var slot *userSlot
				var h uint64
				si, slot, h = t.findSession(ui, sid)
				if si < 0 {
					si = t.addSession(ui, t.batchDims(b, i, src, dev, values), 0, ns, ns)
					t.addKeyed(slot, h, sid)
				}
				u.cur = si
			}
		} else if si < 0 || gapExceeds(prev, ns, gap) {
			si = t.addSession(ui, t.batchDims(b, i, src, dev, values), 0, ns, ns)
			u.cur = si
		}
		s := t.session(si)
		kind := names.Values[b.Name[i]]
		if kind == 0 {
			switch b.Names.String(b.Name[i]) {
			case pv:
				kind = namePageView + 1
			case buy:
				kind = namePurchase + 1
			default:
				kind = nameOther + 1
			}
			names.Values[b.Name[i]] = kind
		}
		switch kind - 1 {
		case namePageView:
			t.addViews(si, s, 1)
		case namePurchase:
			s.views |= purchased
		}
		if engaged {
			sp := t.spans.At(int(si))
			sp.last = max(sp.last, ns)
		}
	}
	return errs.err()
}

// batchDims is [Traffic.dimsOf] of the source and device of row i of b,
// whose keys are numbers src and dev (−1 if absent).
func (t *Traffic) batchDims(b *Events, i int, src, dev int32, values *metrics.DictMap[int32]) int32 {
	s, d := int32(-1), int32(-1) // value numbers; −1: none
	for j := b.PropStart[i]; j < b.PropStart[i+1]; j++ {
		switch k := b.PropKey[j]; {
		case k == src && s < 0:
			s = b.PropValue[j]
		case k == dev && d < 0:
			d = b.PropValue[j]
		}
	}
	return t.pairOf(dims{t.batchValue(b, s, values), t.batchValue(b, d, values)})
}

// batchValue returns the index in t.values of the value numbered v in b
// (−1: the empty value), interning it on its first look-up.
func (t *Traffic) batchValue(b *Events, v int32, values *metrics.DictMap[int32]) int32 {
	if v < 0 {
		return t.intern("")
	}
	if x := values.Values[v]; x != 0 {
		return x - 1
	}
	x := t.intern(b.PropValues.String(v))
	values.Values[v] = x + 1
	return x
}
