package funnel

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// AddEvents counts the events of batch b in row order: the counter ends as
// it would after [Counter.Add] of b.Event(i) for each row i in turn, for
// every [Config], and a row that Add would reject is rejected with the
// same *[EventError] (its time older than the user's previous event:
// [ErrOutOfOrder]; outside the years 1678 to 2262: [ErrTimeRange]; without
// the session property: [ErrNoSession]). As with Add, rows of one user must
// be in time order; rows of different users may interleave. [CountEvents]
// counts a batch in any order.
//
// A rejected row leaves the counter unchanged, as Add does, and AddEvents
// goes on with the next row, so that one bad row costs its own event and
// not the batch's: it returns the errors of the rejected rows joined with
// errors.Join, in row order — the first 100 as *EventError, and one more
// error counting the rest — or nil if it counted every row. The counter
// then holds exactly what Add would hold had the caller skipped the rows
// Add rejects.
//
// AddEvents is the fast path of the counter. It looks each entry of the
// batch's dictionaries up once, not each event: a user number is mapped to
// the counter's user on its first row (so a user ID is hashed at most once
// per dictionary entry), and a name number to the steps and exclusions it
// matches. Batches that share their dictionaries (the batches of one
// reader) share these maps; the counter keeps them for the last few
// dictionaries it was given, and holds those dictionaries meanwhile. A
// counter given batches of one dictionary from the start, whose users come
// in the dictionary's order (a reader's, counted as read), numbers its
// users as the dictionary does: it then hashes no ID and keeps no copy of
// the IDs until a user comes from elsewhere (Add, Merge, another
// dictionary). Steps and exclusions matched by predicates ([Step.Match])
// are evaluated on each row, given as b.Event(i) would give it, except
// that its Props are reused for the next row: a predicate must not keep
// them.
//
// AddEvents returns the error of [Events.Validate], and counts nothing, if
// b is malformed: columns that disagree in length, numbers outside their
// dictionaries.
// It returns an error wrapping [ErrNumbered], and counts nothing, if the
// counter counts users by number ([Counter.AddNumbered]).
func (c *Counter) AddEvents(b *Events) error {
	if err := b.Validate(); err != nil {
		return err
	}
	if b.Len() == 0 {
		return nil
	}
	return c.addRows(b, nil)
}

// AddEventRows is [Counter.AddEvents] of the rows of b numbered in rows,
// in the order of rows: what a caller that selects some events of a
// batch (those of a period, say) gives, instead of a batch of its own.
// A number outside b's rows is an error, and nothing is counted; a row
// listed twice is counted twice, as Add of its event twice would count
// it.
func (c *Counter) AddEventRows(b *Events, rows []int32) error {
	if err := b.Validate(); err != nil {
		return err
	}
	if err := checkRows(b, rows); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	return c.addRows(b, rows)
}

// addRows counts the rows of b in the order of their numbers in order, or
// in row order if order is nil, as AddEvents documents.
func (c *Counter) addRows(b *Events, order []int32) error {
	if c.userKeys == keyNumber {
		return numberedError("Counter.AddEvents", "the Counter counts users by number")
	}
	c.userKeys = keyID
	n := b.Len()
	if order != nil {
		n = len(order)
	}
	if c.batch.users.OnEvict == nil {
		c.batch.users.OnEvict = c.evictUsers
	}
	users := c.batch.users.Of(b.UserIDs)
	if c.nusers == 0 {
		c.batch.primary, c.batch.identity = b.UserIDs, true // see batchMaps
	}
	ident := c.batch.identity && c.batch.primary == b.UserIDs
	names := c.batch.names.Of(b.Names)
	var values *metrics.DictMap[int32]
	bkey, skey := int32(-1), int32(-1)
	if c.breakdown && b.PropValues != nil {
		values = c.batch.values.Of(b.PropValues)
		bkey = propKey(b, c.cfg.Breakdown)
	}
	if c.kind == unitKeyed {
		skey = propKey(b, c.sessionKey)
	}
	preds := c.m.hasPreds()
	strict := c.mode&StrictOrder != 0
	var errs eventErrors
	var e Event      // the row given to the predicates
	var props []Prop // its properties, reused
	for k := range n {
		i := k
		if order != nil {
			i = int(order[k])
		}
		t := b.Time[i]
		if t < minUnixNano || t >= maxUnixNano {
			errs.add(&EventError{UserID: b.UserIDs.String(b.User[i]), Time: b.time(t), Err: ErrTimeRange})
			continue
		}
		var sid string
		if c.kind == unitKeyed {
			if sid = propValue(b, i, skey); sid == "" {
				errs.add(&EventError{UserID: b.UserIDs.String(b.User[i]), Time: b.time(t), Err: ErrNoSession})
				continue
			}
		}
		un := b.User[i]
		var ui int32
		if ident && un <= c.nusers {
			ui = un // the counter numbers users as the dictionary does
			if un == c.nusers {
				c.addUser(t)
			}
		} else {
			if ident { // a number past the next user: the numberings part
				c.endIdentity()
				ident = false
			}
			if ui = users.Values[un] - 1; ui < 0 {
				ui = c.batchUser(b.UserIDs, un, t)
				users.Values[un] = ui + 1
			}
		}
		// The unit of a user (not of a keyed session) holds the user's
		// last time: it is looked up once for the check and the count.
		var u *unit
		var prev int64
		if c.kind != unitKeyed {
			u = c.units.At(int(ui))
			prev = u.last
		} else {
			prev = c.last[ui]
		}
		if t < prev {
			tt := b.time(t)
			errs.add(&EventError{UserID: c.userID(ui), Time: tt, Prev: time.Unix(0, prev).In(tt.Location()), Err: ErrOutOfOrder})
			continue
		}
		ux := ui
		if u != nil {
			u.last = t
			if c.kind == unitGap && gapExceeds(prev, t, c.gap) {
				c.endSession(ui)
			}
		} else {
			ux = c.enter(ui, t, sid)
		}
		m := &names.Values[b.Name[i]]
		if m.known == 0 {
			m.steps, m.excl = c.m.matchName(b.Names.String(b.Name[i]))
			m.known = 1
		}
		steps, excl := m.steps, m.excl
		if preds {
			props = b.eventInto(i, &e, props)
			s, x := c.m.matchPreds(&e)
			steps, excl = steps|s, excl|x
		}
		if steps|excl == 0 && !strict {
			continue // an event outside the funnel changes nothing
		}
		var a int32
		if steps&c.attrSteps != 0 {
			a = c.batchAttr(b, i, bkey, values)
		}
		if u == nil {
			u = c.units.At(int(ux))
		}
		c.countUnit(u, ux, t, steps, excl, a)
	}
	return errs.err()
}

// Unix nanosecond times that [Counter.Add] accepts: the seconds of
// minUnixSec to maxUnixSec.
const (
	minUnixNano = minUnixSec * 1e9
	maxUnixNano = (maxUnixSec + 1) * 1e9 // exclusive
)

// batchMaps holds what [Counter.AddEvents] has looked up in the
// dictionaries of its batches, for the last few dictionaries of each kind.
type batchMaps struct {
	users  metrics.Remap[int32]    // user number → user index + 1; 0: not looked up
	names  metrics.Remap[nameMask] // name number → steps and exclusions
	values metrics.Remap[int32]    // property value number → breakdown value index + 1

	// primary is the user dictionary of the first batch, if the counter
	// held no user then, until a user comes from elsewhere (Add, Merge,
	// another dictionary): while it is set, every user of the counter came
	// from it, so a number not looked up yet is a new user, and the users
	// are not in the counter's user index (Counter.findUser adds them).
	primary *metrics.Dict
	// identity is set while, moreover, the counter's user i is number i of
	// primary: the users are then looked up in no map, and their IDs are
	// those of primary (Counter.ids is empty). It ends at the first number
	// past the next user's (endIdentity).
	identity bool
}

// endIdentity ends the numbering of users as in the primary dictionary:
// it stores their IDs and maps the dictionary's numbers to them.
func (c *Counter) endIdentity() {
	if !c.batch.identity {
		return
	}
	c.endIdentityIn(c.batch.users.Of(c.batch.primary))
}

// endIdentityIn is endIdentity with m, the map of the primary dictionary.
func (c *Counter) endIdentityIn(m *metrics.DictMap[int32]) {
	c.batch.identity = false
	n := int(c.nusers)
	// By String, not Strings: Strings would leave in the dictionary a
	// copy of 16 bytes per string, for as long as it lives.
	c.ids = slices.Grow(c.ids[:0], n)
	for k := range int32(n) {
		c.ids = append(c.ids, m.Dict.String(k))
	}
	for k := range int32(n) {
		m.Values[k] = k + 1
	}
}

// evictUsers is the OnEvict of the users' remap: the primary dictionary
// ends while its map is still held, since a map made again for it would
// take a user already counted for a new one.
func (c *Counter) evictUsers(m *metrics.DictMap[int32]) {
	if m.Dict != c.batch.primary {
		return
	}
	if c.batch.identity {
		c.endIdentityIn(m)
	}
	c.endPrimary()
}

type nameMask struct {
	steps, excl uint32
	known       uint32 // 1 once steps and excl are set
}

// batchUser returns the user index of number un of dictionary d, whose
// first row not yet counted is at t, adding the user if the counter does
// not hold it.
func (c *Counter) batchUser(d *metrics.Dict, un int32, t int64) int32 {
	id := d.String(un)
	if d == c.batch.primary {
		// A new user: no other source has added users since the counter
		// was empty, and this number was not looked up.
		ui := c.nusers
		c.addUserState(id, t)
		return ui
	}
	ui, slot, h := c.findUser(id)
	if ui < 0 {
		ui = c.users.insert(slot, h)
		c.addUserState(id, t)
	}
	return ui
}

// batchAttr returns the index of the breakdown value of row i, whose key
// is number key (−1 if the batch has no such key).
func (c *Counter) batchAttr(b *Events, i int, key int32, values *metrics.DictMap[int32]) int32 {
	for j := b.PropStart[i]; j < b.PropStart[i+1]; j++ {
		if b.PropKey[j] == key {
			v := b.PropValue[j]
			if values.Values[v] == 0 {
				values.Values[v] = c.intern(b.PropValues.String(v)) + 1
			}
			return values.Values[v] - 1
		}
	}
	return c.intern("")
}

// propKey returns the number of property key k in b, or −1.
func propKey(b *Events, k string) int32 {
	if b.PropKeys == nil {
		return -1
	}
	n, _ := b.PropKeys.Lookup(k)
	return n
}

// propValue returns the value of row i's property of number key, or "".
func propValue(b *Events, i int, key int32) string {
	if key < 0 {
		return ""
	}
	return b.Prop(i, key)
}

// time returns Unix ns t as [Events.Event] gives it.
func (b *Events) time(t int64) time.Time {
	loc := b.Location
	if loc == nil {
		loc = time.UTC
	}
	return time.Unix(0, t).In(loc)
}

// eventInto sets *e to row i, as [Events.Event] returns it, with its
// properties in buf, which it returns for reuse.
func (b *Events) eventInto(i int, e *Event, buf []Prop) []Prop {
	e.UserID = b.UserIDs.String(b.User[i])
	e.Time = b.time(b.Time[i])
	e.Name = b.Names.String(b.Name[i])
	e.Props = nil // as Event gives it without properties
	s, end := b.PropStart[i], b.PropStart[i+1]
	if end > s {
		buf = buf[:0]
		for j := s; j < end; j++ {
			buf = append(buf, Prop{Key: b.PropKeys.String(b.PropKey[j]), Value: b.PropValues.String(b.PropValue[j])})
		}
		e.Props = buf
	}
	return buf
}

// mustValidate panics with the error of [Events.Validate], if any.
func (b *Events) mustValidate() {
	if err := b.Validate(); err != nil {
		panic(err)
	}
}

// eventErrors collects the errors of the rows AddEvents rejects.
type eventErrors struct {
	errs []error
	more MoreEventsError
}

// maxEventErrors is the number of rejected rows whose errors AddEvents
// returns; it counts the others.
const maxEventErrors = 100

func (e *eventErrors) add(err *EventError) {
	if len(e.errs) < maxEventErrors {
		e.errs = append(e.errs, err)
		return
	}
	switch err.Err {
	case ErrOutOfOrder:
		e.more.OutOfOrder++
	case ErrTimeRange:
		e.more.TimeRange++
	case ErrNoSession:
		e.more.NoSession++
	default: // the batch paths reject for these three reasons only
		panic("funnel: a batch row rejected for " + err.Err.Error() + " (a bug)")
	}
}

func (e *eventErrors) err() error {
	if e.more.Len() > 0 {
		more := e.more
		return errors.Join(append(e.errs, &more)...)
	}
	return errors.Join(e.errs...)
}

// MoreEventsError counts the rows a batch method ([Counter.AddEvents],
// [Traffic.AddEvents] and their AddEventRows) rejected beyond the first
// 100, whose errors it returns one by one as *[EventError]: it is the
// last of the joined errors, and counts the rest by reason, so that a
// caller that leaves bad events out can count every one of them.
type MoreEventsError struct {
	OutOfOrder int // rows older than their user's previous event (ErrOutOfOrder)
	TimeRange  int // rows outside the years 1678 to 2262 (ErrTimeRange)
	NoSession  int // rows without the session property (ErrNoSession)
}

// Len returns the number of rows counted.
func (e *MoreEventsError) Len() int { return e.OutOfOrder + e.TimeRange + e.NoSession }

func (e *MoreEventsError) Error() string {
	return fmt.Sprintf("funnel: %d more events rejected", e.Len())
}
