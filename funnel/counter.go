package funnel

import (
	"cmp"
	"errors"
	"iter"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/chunked"
)

// Counter counts a funnel over a stream of events in time order.
//
// Events are given one at a time with [Counter.Add], in non-decreasing
// time order per user (the natural order of a log; events of different
// users may interleave freely). The state kept per unit (user or session)
// is 48 bytes, and n(n+1)/2−1 timestamps more for an n-step funnel (9 for
// four steps) once one of its chains may reach step 2 — with the user's
// ID and entry in the user index, about 80 bytes per user who never gets
// past step 1 and 150 for one who does — so memory grows with users, not
// with events. Events with equal timestamps may arrive in any order: the
// result is the same.
//
// [Counter.AddEvents] counts a columnar batch ([Events]), the fast path.
//
// Counters over disjoint sets of users merge exactly with [Counter.Merge],
// so a large log can be sharded by user, counted in parallel, and merged.
//
// A counter travels as bytes: [Counter.MarshalBinary] encodes its state
// and [Counter.UnmarshalBinary] decodes it, to merge or count on.
//
// A Counter is made by [NewCounter] (or decoded into a zero Counter); it
// is not safe for concurrent use.
type Counter struct {
	cfg        Config
	n          int
	window     int64
	mode       Mode
	firstOnly  bool
	breakdown  bool
	lastTouch  bool
	kind       unitKind
	gap        int64
	sessionKey string
	exclClear  []uint32 // per exclusion: the level bits it clears
	attrSteps  uint32   // the steps whose events give a breakdown value: 0 without a breakdown
	m          matcher

	// Per user, indexed by the user index. The time of a user's previous
	// event is in its unit (one cache line for the order check and the
	// steps), but in last when units are sessions by key.
	users  userIndex // user ID → user index
	ids    []string  // per user, the ID (see userID)
	last   []int64   // unitKeyed: per user, time of the previous event, Unix ns (else in the user's unit)
	nusers int32     // the number of users
	growTo int       // Grow: the users to size the index and ids for when first used

	batch    batchMaps // AddEvents: batch dictionary numbers → the counter's
	userKeys keying    // users by ID or by number (numbered.go); by number, ids is empty
	sink     uint32    // what TouchNumbered loaded, so that its loads are not dropped

	sessions    map[sessionKey]int32 // unitKeyed: session → unit index
	keys        []sessionKey         // unitKeyed: per unit
	numSessions map[numSession]int32 // unitKeyed, users by number: session → unit index

	units chunked.Slice[unit]
	rows  chains  // the chains of levels 2 to n of the units that may reach level 2
	attrs []int32 // per unit, stride 2n when breakdown: level attrs, pending attrs

	attrIndex map[string]int32
	attrNames []string

	folded agg // finished units (sessions ended by a gap)
}

type unitKind uint8

const (
	unitUser  unitKind = iota // one unit per user, index = user index
	unitGap                   // one live session per user, index = user index
	unitKeyed                 // one unit per (user, session ID)
)

type sessionKey struct{ user, session string }

// numSession is a session of a user by number: the user's index.
type numSession struct {
	user    int32
	session string
}

// unit is the matching state of one user or session: the levels reached
// (set), and the group of events at the latest timestamp not processed yet
// (pending), which is processed in step order when time moves on, so that
// ties are handled as ClickHouse does whatever their arrival order.
//
// The chain at level 1 is its start; the chains at levels 2 to n are in a
// block of Counter.rows that the unit gets when one of its chains may
// reach level 2, so that the many units that never pass step 1 (most
// visitors) take 48 bytes.
type unit struct {
	last  int64  // unitUser, unitGap: time of the user's previous event, Unix ns
	pendT int64  // time of the pending group
	start int64  // the chain at level 1, if set&1: its start
	set   uint32 // bit k-1: level k is held by a chain, in start or the unit's rows
	pend  uint32 // pending steps
	dup   uint32 // pending steps seen twice or more
	excl  uint32 // pending exclusions
	rows  int32  // 1 + the number of the unit's block of Counter.rows; 0: none yet
	flags uint8
}

const (
	fDone    uint8 = 1 << iota // evaluation stopped: the level is final
	fStarted                   // a step-1 event has been processed
	fOther                     // pending: an event that matches no step (strict order)
)

func (u *unit) hasPending() bool { return u.pend|u.excl != 0 || u.flags&fOther != 0 }

// rowsLen is the number of timestamps in a unit's block of rows: level k
// (1-based, k ≥ 2) keeps the k timestamps of the chain that holds it.
func rowsLen(n int) int { return n*(n+1)/2 - 1 }

// rowOff is the offset of level j+1's chain (0-based j ≥ 1) in a unit's
// block of rows.
func rowOff(j int) int { return j*(j+1)/2 - 1 }

// NewCounter returns an empty counter for the funnel cfg. It returns the
// joined *metrics.ConfigError values of [Config.Validate] if cfg is
// invalid.
func NewCounter(cfg Config) (*Counter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := &Counter{
		cfg:       cfg,
		n:         len(cfg.Steps),
		window:    cfg.window(),
		mode:      cfg.Mode,
		firstOnly: cfg.FirstEntryOnly,
		breakdown: cfg.Breakdown != "",
		lastTouch: cfg.Attribution == LastTouch,
		m:         newMatcher(cfg.Steps, cfg.Exclusions),
	}
	for _, x := range cfg.Exclusions {
		// Levels From … To-1 (bits From-1 … To-2) are between the steps.
		var mask uint32
		for k := x.From; k < x.To; k++ {
			mask |= 1 << (k - 1)
		}
		c.exclClear = append(c.exclClear, mask)
	}
	if cfg.Unit == PerSession {
		if cfg.Sessions.Key != "" {
			c.kind = unitKeyed
			c.sessionKey = cfg.Sessions.Key
			c.sessions = make(map[sessionKey]int32)
		} else {
			c.kind = unitGap
			c.gap = int64(cfg.Sessions.gap())
		}
	}
	if c.breakdown {
		c.attrIndex = make(map[string]int32)
		c.attrSteps = 1 // first touch: the step-1 event
		if c.lastTouch {
			c.attrSteps = 1<<c.n - 1
		}
	}
	c.folded.init(c.n)
	return c, nil
}

// Grow reserves room for n more users (and, when sessions are counted by
// session ID, n more sessions), so that a counter whose size is known in
// advance — from the previous period, say — does not rebuild its tables as
// it fills. It changes no result; n ≤ 0 does nothing.
func (c *Counter) Grow(n int) {
	if n <= 0 {
		return
	}
	// The user index and the IDs are sized when first used: a counter fed
	// batches of one dictionary may never use them (see batchMaps).
	c.growTo = max(c.growTo, int(c.nusers)+n)
	if c.kind == unitKeyed {
		c.last = slices.Grow(c.last, n)
		sessions := make(map[sessionKey]int32, len(c.sessions)+n)
		for k, ux := range c.sessions {
			sessions[k] = ux
		}
		c.sessions = sessions
		c.keys = slices.Grow(c.keys, n)
	}
	if c.breakdown {
		c.attrs = slices.Grow(c.attrs, n*2*c.n)
	}
}

// Unix nanosecond times represent 1677-09-21 to 2262-04-11; these bounds on
// Unix seconds keep a margin inside that range.
const (
	minUnixSec = -9223372036 + 1
	maxUnixSec = 9223372036 - 1
)

func unixNano(t time.Time) (int64, bool) {
	s := t.Unix()
	if s < minUnixSec || s > maxUnixSec {
		return 0, false
	}
	return s*1e9 + int64(t.Nanosecond()), true
}

// Add counts one event. Events of one user must come in non-decreasing time
// order: a Counter keeps a few timestamps per user, not the user's events,
// so it cannot go back. Sort an input that is not in time order with
// [SortEvents] first, or count a slice with [Count], which sorts it.
//
// Add returns an *[EventError] naming the user, and leaves the counter
// unchanged, if the event is older than the user's previous event
// ([ErrOutOfOrder]), if its time cannot be represented in Unix nanoseconds
// ([ErrTimeRange]), or if sessions come from a property the event lacks
// ([ErrNoSession]); and an error wrapping [ErrNumbered] if the counter
// counts users by number ([Counter.AddNumbered]).
func (c *Counter) Add(e Event) error {
	t, ok := unixNano(e.Time)
	if !ok {
		return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrTimeRange}
	}
	if c.userKeys == keyNumber {
		return numberedError("Counter.Add", "the Counter counts users by number")
	}
	var sid string
	if c.kind == unitKeyed {
		if sid = e.Prop(c.sessionKey); sid == "" {
			return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrNoSession}
		}
	}
	c.userKeys = keyID
	ui, slot, h := c.findUser(e.UserID)
	if ui < 0 {
		ui = c.users.insert(slot, h)
		c.addUserState(e.UserID, t)
	}
	if prev := *c.lastOf(ui); t < prev {
		return outOfOrder(e, prev)
	}
	c.countEvent(c.enter(ui, t, sid), t, &e)
	return nil
}

// AddNumbered counts one event of the user the caller numbers user, as
// [Counter.Add] counts e, but finds the user by the number: e.UserID is
// read only for the errors, which are Add's, and by the predicates of
// steps ([Step.Match]) that read it. The caller guarantees one number per
// user ID (see [ErrNumbered]); a Counter given numbers holds no IDs, so
// that Add, AddEvents, Merge and MarshalBinary refuse it, and AddNumbered
// refuses a Counter given IDs, with an error wrapping ErrNumbered.
//
// It is the fast path of a caller that numbers its users anyway: no ID is
// hashed or compared, and e.UserID may be left empty until an error needs
// it (a rejected event leaves the counter unchanged, so the caller can
// name the user in the error itself) if no predicate reads it.
func (c *Counter) AddNumbered(user int32, e Event) error {
	t, ok := unixNano(e.Time)
	if !ok {
		return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrTimeRange}
	}
	if c.userKeys == keyID {
		return numberedError("Counter.AddNumbered", "the Counter counts users by ID")
	}
	var sid string
	if c.kind == unitKeyed {
		if sid = e.Prop(c.sessionKey); sid == "" {
			return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrNoSession}
		}
	}
	c.userKeys = keyNumber
	ui, slot := c.findNumber(user)
	if ui < 0 {
		ui = c.users.insert(slot, uint64(uint32(user)))
		c.addUser(t)
	}
	if prev := *c.lastOf(ui); t < prev {
		return outOfOrder(e, prev)
	}
	c.countEvent(c.enter(ui, t, sid), t, &e)
	return nil
}

// findNumber is findUser of the user numbered n by the caller.
func (c *Counter) findNumber(n int32) (int32, *userSlot) {
	if c.growTo > 0 {
		c.users.grow(c.growTo - c.users.len())
		c.growTo = 0
	}
	return c.users.findNumber(n)
}

// countEvent counts event e at t of unit ux, whose order is checked.
func (c *Counter) countEvent(ux int32, t int64, e *Event) {
	steps, excl := c.m.match(e)
	if steps|excl == 0 && c.mode&StrictOrder == 0 {
		return // an event outside the funnel changes nothing
	}
	var a int32
	if steps&c.attrSteps != 0 {
		a = c.intern(e.Prop(c.cfg.Breakdown))
	}
	c.count(ux, t, steps, excl, a)
}

// enter moves user ui on to time t, which is not before the user's
// previous event, and returns the unit of an event of ui at t: the user,
// the user's live session (a gap longer than the session rule's ends the
// one before), or the user's session sid.
func (c *Counter) enter(ui int32, t int64, sid string) int32 {
	last := c.lastOf(ui)
	prev := *last
	*last = t
	switch c.kind {
	case unitGap:
		if gapExceeds(prev, t, c.gap) {
			c.endSession(ui)
		}
	case unitKeyed:
		if c.userKeys == keyNumber {
			k := numSession{ui, sid}
			ux, ok := c.numSessions[k]
			if !ok {
				if c.numSessions == nil {
					c.numSessions = make(map[numSession]int32)
				}
				ux = c.newUnit()
				c.numSessions[k] = ux
			}
			return ux
		}
		k := sessionKey{c.userID(ui), sid}
		ux, ok := c.sessions[k]
		if !ok {
			ux = c.newUnit()
			c.sessions[k] = ux
			c.keys = append(c.keys, k)
		}
		return ux
	}
	return ui
}

// count counts an event at t of unit ux that matches steps and excl (both
// zero for an event outside the funnel, which counts only in strict
// order); a is the index of its breakdown value when steps&c.attrSteps is
// not zero. It is the core of [Counter.Add] and [Counter.AddEvents], which
// have checked the event's order.
func (c *Counter) count(ux int32, t int64, steps, excl uint32, a int32) {
	c.countUnit(c.units.At(int(ux)), ux, t, steps, excl, a)
}

// countUnit is count with u, the unit ux.
func (c *Counter) countUnit(u *unit, ux int32, t int64, steps, excl uint32, a int32) {
	if u.flags&fDone != 0 {
		return
	}
	if u.hasPending() && t != u.pendT {
		if u.pend == 1 && u.excl == 0 && u.flags&fOther == 0 && !c.breakdown {
			// The common group, step-1 events alone, as flush counts it:
			// they start a chain, unless only the first one does and
			// one has.
			u.pend, u.dup = 0, 0
			if !c.firstOnly || u.flags&fStarted == 0 {
				u.start = u.pendT
				u.set |= 1
				u.flags |= fStarted
			}
		} else {
			c.flush(u, c.unitRows(u), c.unitAttrs(ux))
		}
	}
	if c.firstOnly && u.flags&fStarted != 0 && len(c.exclClear) == 0 && t > satAdd(u.start, c.window) {
		// Only the first step-1 event starts a chain, and its window is
		// past: no later event can reach a level (only an exclusion
		// could change one), so the unit's level is final.
		u.flags |= fDone
		return
	}
	if !u.hasPending() {
		u.pendT = t
	}
	if steps&c.attrSteps != 0 {
		c.notePendingAttr(a, steps, u.pend, c.unitAttrs(ux)[c.n:])
	}
	u.dup |= u.pend & steps
	u.pend |= steps
	u.excl |= excl
	if steps == 0 {
		u.flags |= fOther
	}
}

// notePendingAttr records a, the breakdown value of an event that matches
// steps in the pending group, whose steps so far are pend. When several
// events of one step share an instant, the smallest value in byte order is
// kept, so that the result does not depend on the arrival order of ties.
func (c *Counter) notePendingAttr(a int32, steps, pend uint32, pa []int32) {
	steps &= c.attrSteps // with first touch, only step 1 gives the value
	for ; steps != 0; steps &= steps - 1 {
		j := bits.TrailingZeros32(steps)
		if pend&(1<<j) == 0 || c.attrNames[a] < c.attrNames[pa[j]] {
			pa[j] = a
		}
	}
}

func outOfOrder(e Event, prev int64) error {
	return &EventError{UserID: e.UserID, Time: e.Time, Prev: time.Unix(0, prev).In(e.Time.Location()), Err: ErrOutOfOrder}
}

// newUser adds user id, which the counter does not hold, whose first event
// is at t, and returns its index.
func (c *Counter) newUser(id string, t int64) int32 {
	ui, slot, h := c.findUser(id)
	if ui >= 0 {
		panic("funnel: internal error: user " + id + " added twice")
	}
	ui = c.users.insert(slot, h)
	c.addUserState(id, t)
	return ui
}

// addUserState adds the state of a new user id whose first event is at t.
func (c *Counter) addUserState(id string, t int64) {
	c.ids = extend(c.ids, 1)
	c.ids[len(c.ids)-1] = id
	c.addUser(t)
}

// addUser adds the state of a new user, but for its ID, whose first event
// is at t.
func (c *Counter) addUser(t int64) {
	c.nusers++
	if c.kind == unitKeyed {
		c.last = extend(c.last, 1)
		c.last[len(c.last)-1] = t
	} else {
		c.units.At(int(c.newUnit())).last = t // the unit of user ui is ui
	}
}

// hasUser reports whether the counter holds user id.
func (c *Counter) hasUser(id string) bool {
	if c.nusers == 0 {
		return false
	}
	ui, _, _ := c.findUser(id)
	return ui >= 0
}

func (c *Counter) newUnit() int32 {
	ux := int32(c.units.Len())
	c.units.Push(unit{})
	if c.breakdown {
		c.attrs = extend(c.attrs, 2*c.n)
	}
	return ux
}

// extend returns s with n more zero elements. It doubles the capacity when
// it grows, where append grows large slices by a quarter: the state of a
// counter over millions of users is then copied about once instead of four
// times, and the garbage it leaves is halved.
func extend[T any](s []T, n int) []T {
	if len(s)+n > cap(s) {
		grown := make([]T, len(s), max(2*cap(s), len(s)+n, 1024))
		copy(grown, s)
		s = grown
	}
	s = s[:len(s)+n]
	clear(s[len(s)-n:])
	return s
}

// lastOf returns the time of user ui's previous event.
func (c *Counter) lastOf(ui int32) *int64 {
	if c.kind == unitKeyed {
		return &c.last[ui]
	}
	return &c.units.At(int(ui)).last
}

// unitRows returns the block of rows of unit u, giving it one if the
// pending steps may take a chain to level 2 or past it, or nil.
func (c *Counter) unitRows(u *unit) []int64 {
	if u.rows == 0 {
		if u.pend&^1 == 0 || (u.set|u.pend)&1 == 0 {
			return nil // flush reaches no level past 1: no step past 1, or no chain to extend
		}
		u.rows = c.rows.add(rowsLen(c.n))
	}
	return c.rows.at(u.rows, rowsLen(c.n))
}

// chains holds the blocks of rows of units, each rowsLen(n) timestamps,
// in slabs of about 64 KiB that are never copied as they grow.
type chains struct {
	slabs [][]int64
	n     int32 // blocks handed out
	bits  uint8 // 1<<bits blocks a slab
}

// slabLen is the most timestamps a slab holds but for a single block.
const slabLen = 8 << 10

// add returns the number + 1 of a new block of s timestamps.
func (ch *chains) add(s int) int32 {
	if ch.n == 0 {
		for ch.bits = 0; s<<(ch.bits+1) <= slabLen; ch.bits++ {
		}
	}
	if ch.n&(1<<ch.bits-1) == 0 {
		ch.slabs = append(ch.slabs, make([]int64, s<<ch.bits))
	}
	ch.n++
	return ch.n
}

// at returns block r − 1 of s timestamps.
func (ch *chains) at(r int32, s int) []int64 {
	r--
	slab := ch.slabs[r>>ch.bits]
	o := int(r&(1<<ch.bits-1)) * s
	return slab[o : o+s : o+s]
}

func (c *Counter) unitAttrs(ux int32) []int32 {
	if !c.breakdown {
		return nil
	}
	s := 2 * c.n
	return c.attrs[int(ux)*s : int(ux+1)*s]
}

func (c *Counter) intern(v string) int32 {
	a, ok := c.attrIndex[v]
	if !ok {
		a = int32(len(c.attrNames))
		c.attrIndex[v] = a
		c.attrNames = append(c.attrNames, v)
	}
	return a
}

// endSession folds the live session of a user into the finished ones and
// starts a new one.
func (c *Counter) endSession(ux int32) {
	u := c.units.At(int(ux))
	rows, attrs := c.unitRows(u), c.unitAttrs(ux)
	if u.hasPending() && u.flags&fDone == 0 {
		c.flush(u, rows, attrs)
	}
	c.folded.addUnit(c.n, u.set, rows, attrs)
	*u = unit{last: u.last, rows: u.rows} // the next session reuses the block
}

// flush processes the pending group of u: all events at time u.pendT, in
// the order ClickHouse sorts them (exclusions, then events matching no
// step, then steps in ascending order).
func (c *Counter) flush(u *unit, rows []int64, attrs []int32) {
	t := u.pendT
	pend, dup, excl := u.pend, u.dup, u.excl
	other := u.flags&fOther != 0
	u.pend, u.dup, u.excl = 0, 0, 0
	u.flags &^= fOther
	for ; excl != 0; excl &= excl - 1 {
		u.set &^= c.exclClear[bits.TrailingZeros32(excl)]
	}
	if other && c.mode&StrictOrder != 0 && u.flags&fStarted != 0 {
		u.flags |= fDone
		return
	}
	n := c.n
	for ; pend != 0; pend &= pend - 1 {
		j := bits.TrailingZeros32(pend)
		bit := uint32(1) << j
		if j == 0 {
			if c.firstOnly && u.flags&fStarted != 0 {
				continue
			}
			u.start = t
			u.set |= 1
			u.flags |= fStarted
			if attrs != nil {
				attrs[0] = attrs[n]
			}
			continue
		}
		if c.mode&StrictDeduplication != 0 && u.set&bit != 0 {
			u.flags |= fDone
			return
		}
		if u.set&(bit>>1) == 0 {
			if c.mode&StrictOrder != 0 && u.flags&fStarted != 0 {
				if c.mode&AllowReentry != 0 {
					continue
				}
				u.flags |= fDone
				return
			}
			continue
		}
		// The chain at level j: its start and its last time.
		first, last := u.start, u.start
		var prev []int64
		if j > 1 {
			po := rowOff(j - 1)
			prev = rows[po : po+j : po+j]
			first, last = prev[0], prev[j-1]
		}
		matched := t <= satAdd(first, c.window)
		if c.mode&StrictIncrease != 0 {
			matched = matched && last < t
		}
		if matched {
			// A loop, not copy: a chain is a few timestamps, and copy
			// calls memmove (a tenth of a funnel's time went there).
			o := rowOff(j)
			next := rows[o : o+j+1 : o+j+1]
			if j == 1 {
				next[0] = u.start
			}
			//lint:ignore S1001 copy calls memmove for a few timestamps (see above)
			for x, v := range prev {
				next[x] = v
			}
			next[j] = t
			u.set |= bit
			if attrs != nil {
				if c.lastTouch {
					attrs[j] = attrs[n+j]
				} else {
					attrs[j] = attrs[j-1]
				}
			}
			if j == n-1 {
				u.flags |= fDone
				return
			}
		}
		if c.mode&StrictDeduplication != 0 && dup&bit != 0 && u.set&bit != 0 {
			// The second event of this step at the same instant is a repeat.
			u.flags |= fDone
			return
		}
	}
}

// gapExceeds reports whether t − prev > gap for prev ≤ t, in unsigned
// arithmetic: two times Add accepts may be further apart than int64
// nanoseconds reach (292 years).
func gapExceeds(prev, t, gap int64) bool { return uint64(t-prev) > uint64(gap) }

func satAdd(a, b int64) int64 {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// Merge adds the state of o, a counter of the same funnel over a disjoint
// set of users, to c: the result is what one counter given both streams
// would hold, and c can go on counting. o is not changed.
//
// Merge returns a *metrics.MergeError if o is c (its users would count
// twice) or counts a different funnel (steps, window, mode, exclusions,
// breakdown, unit or session rule; steps and exclusions are compared by
// name and steps, so two predicates under one name count as the same), and
// the errors of the shared users (see [OverlapError]) if the two counters
// share users, and an error wrapping [ErrNumbered] if either counts users
// by number ([Counter.AddNumbered]). c is unchanged after a refused Merge.
func (c *Counter) Merge(o *Counter) error {
	if c == o {
		return mergeError("Counter", "a Counter merged with itself would count its users twice")
	}
	if c.userKeys == keyNumber || o.userKeys == keyNumber {
		return numberedError("Counter.Merge", "users by number have no IDs to tell shared users apart")
	}
	if err := c.sameFunnel(o); err != nil {
		return err
	}
	var shared []string
	for oi := range o.nusers {
		if id := o.userID(oi); c.hasUser(id) {
			shared = append(shared, id)
		}
	}
	if err := overlapError(shared); err != nil {
		return err
	}
	remap := c.remapAttrs(o)
	for oi := range o.nusers {
		ui := c.newUser(o.userID(oi), *o.lastOf(oi))
		if c.kind != unitKeyed {
			c.copyUnit(o, oi, ui, remap)
		}
	}
	if c.kind == unitKeyed {
		for ox, k := range o.keys {
			ux := c.newUnit()
			c.sessions[k] = ux
			c.keys = append(c.keys, k)
			c.copyUnit(o, int32(ox), ux, remap)
		}
	}
	c.folded.merge(&o.folded, remap)
	if o.nusers > 0 {
		c.userKeys = keyID
	}
	return nil
}

func (c *Counter) sameFunnel(o *Counter) error {
	switch {
	case c.n != o.n:
		return mergeError("Counter", "Config.Steps: "+strconv.Itoa(c.n)+" steps and "+strconv.Itoa(o.n))
	case c.window != o.window || c.mode != o.mode || c.firstOnly != o.firstOnly:
		return mergeError("Counter", "different Config.Window, Config.Mode or Config.FirstEntryOnly")
	case c.cfg.Unit != o.cfg.Unit || c.kind != o.kind || c.sessionKey != o.sessionKey || c.gap != o.gap:
		return mergeError("Counter", "different Config.Unit or Config.Sessions")
	case c.cfg.Breakdown != o.cfg.Breakdown || c.lastTouch != o.lastTouch:
		return mergeError("Counter", "different Config.Breakdown or Config.Attribution")
	case len(c.cfg.Exclusions) != len(o.cfg.Exclusions):
		return mergeError("Counter", "Config.Exclusions: "+strconv.Itoa(len(c.cfg.Exclusions))+" exclusions and "+strconv.Itoa(len(o.cfg.Exclusions)))
	}
	for i := range c.cfg.Steps {
		if c.cfg.Steps[i].Name != o.cfg.Steps[i].Name {
			return mergeError("Counter", "Config.Steps["+strconv.Itoa(i)+"]: "+strconv.Quote(c.cfg.Steps[i].Name)+" and "+strconv.Quote(o.cfg.Steps[i].Name))
		}
	}
	for i, x := range c.cfg.Exclusions {
		if y := o.cfg.Exclusions[i]; x.Name != y.Name || x.From != y.From || x.To != y.To {
			return mergeError("Counter", "Config.Exclusions["+strconv.Itoa(i)+"] differs")
		}
	}
	return nil
}

// remapAttrs interns o's breakdown values in c and returns o's index → c's.
func (c *Counter) remapAttrs(o *Counter) []int32 {
	if !c.breakdown {
		return nil // one bucket, index 0, on both sides
	}
	remap := make([]int32, len(o.attrNames))
	for i, v := range o.attrNames {
		remap[i] = c.intern(v)
	}
	return remap
}

func (c *Counter) copyUnit(o *Counter, ox, ux int32, remap []int32) {
	ou := o.units.At(int(ox))
	u := c.units.At(int(ux))
	*u = *ou
	if u.rows != 0 {
		s := rowsLen(c.n)
		u.rows = c.rows.add(s)
		copy(c.rows.at(u.rows, s), o.rows.at(ou.rows, s))
	}
	if c.breakdown {
		dst, src := c.unitAttrs(ux), o.unitAttrs(ox)
		for i, a := range src {
			if int(a) < len(remap) {
				dst[i] = remap[a]
			}
		}
	}
}

// Result returns the funnel counted so far. It does not change the
// counter: more events may be added afterwards.
func (c *Counter) Result() Result {
	var a agg
	a.init(c.n)
	a.merge(&c.folded, nil)
	rows := make([]int64, rowsLen(c.n))
	var attrs []int32
	if c.breakdown {
		attrs = make([]int32, 2*c.n)
	}
	ux := -1
	for _, blk := range c.units.Blocks() {
		for k := range blk {
			ux++
			if blk[k].set == 0 && !blk[k].hasPending() {
				a.units++ // reached no step
				continue
			}
			c.resultUnit(&a, blk[k], int32(ux), rows, attrs)
		}
	}
	return c.result(&a)
}

// resultUnit adds unit u, number ux, to a, using rows and attrs as scratch.
// The unit is a copy: its pending events stay pending in c.
func (c *Counter) resultUnit(a *agg, u unit, ux int32, rows []int64, attrs []int32) {
	if u.rows != 0 {
		copy(rows, c.rows.at(u.rows, len(rows)))
	} // else no level past 1 is set: flush writes a chain before reading it
	copy(attrs, c.unitAttrs(ux))
	if u.hasPending() && u.flags&fDone == 0 {
		c.flush(&u, rows, attrs)
	}
	a.addUnit(c.n, u.set, rows, attrs)
}

// Count counts the funnel cfg over events, which may be in any order: it
// sorts them by time first (stably, so equal times keep their order) and
// streams them through a [Counter]. The slice is not modified.
//
// Count returns the joined errors of [Config.Validate], or one
// *[EventError] per event that cannot be counted (a time out of range, a
// missing session ID), all at once.
func Count(cfg Config, events []Event) (Result, error) {
	c, err := NewCounter(cfg)
	if err != nil {
		return Result{}, err
	}
	keys := make([]int64, len(events))
	var errs []error
	for i, e := range events {
		t, ok := unixNano(e.Time)
		if !ok {
			errs = append(errs, &EventError{UserID: e.UserID, Time: e.Time, Err: ErrTimeRange})
		}
		if c.kind == unitKeyed && e.Prop(c.sessionKey) == "" {
			errs = append(errs, &EventError{UserID: e.UserID, Time: e.Time, Err: ErrNoSession})
		}
		keys[i] = t
	}
	if len(errs) > 0 {
		return Result{}, errors.Join(errs...)
	}
	for _, i := range sortedOrder(keys) {
		if err := c.Add(events[i]); err != nil {
			return Result{}, err
		}
	}
	return c.Result(), nil
}

// sortedOrder returns the indices of keys in stable ascending order.
func sortedOrder(keys []int64) []int {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	return idx
}

// CountSeq counts the funnel cfg over a stream of events in time order per
// user. It stops at the first event that [Counter.Add] rejects and returns
// its *[EventError]; for events out of time order ([ErrOutOfOrder]), sort
// them first with [SortEvents], or count a slice with [Count].
func CountSeq(cfg Config, events iter.Seq[Event]) (Result, error) {
	c, err := NewCounter(cfg)
	if err != nil {
		return Result{}, err
	}
	for e := range events {
		if err := c.Add(e); err != nil {
			return Result{}, err
		}
	}
	return c.Result(), nil
}

// overlap returns the joined *[OverlapError]s of the user IDs in both a
// and b, in sorted order, or nil when the shards are disjoint.
func overlap(a, b map[string]int32) error {
	var shared []string
	for id := range b {
		if _, ok := a[id]; ok {
			shared = append(shared, id)
		}
	}
	return overlapError(shared)
}

// maxOverlapErrors is the number of shared users a refused Merge names.
const maxOverlapErrors = 100

// overlapError returns the errors of the shared user IDs, as documented on
// [OverlapError], or nil when there are none. It sorts shared.
func overlapError(shared []string) error {
	if len(shared) == 0 {
		return nil
	}
	slices.Sort(shared)
	n := min(len(shared), maxOverlapErrors)
	errs := make([]error, n, n+1)
	for i, id := range shared[:n] {
		errs[i] = &OverlapError{UserID: id}
	}
	if more := len(shared) - n; more > 0 {
		errs = append(errs, &moreOverlapError{n: more})
	}
	return errors.Join(errs...)
}
