package report

import (
	"hash/maphash"
	"math"
	"slices"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/internal/chunked"
	"github.com/shopmetrics/shopmetrics/internal/prefetch"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// userState is what the pass over events keeps of one user, indexed by
// the user's number in the builder's [userIndex]: each event costs one
// lookup of its user ID (none for a batch's user, whose number is its
// number in the reader's dictionary) and a read of its state, not a
// hash-table lookup per accumulator. It is 12 bytes for every user of the
// data; what only the users of the period need is in their [periodUser],
// and what only the buyers of the period need, their purchase, in
// userIndex.buyers.
type userState struct {
	plan   int32 // planPart: the day last counted among the visitors, when mask has maskPlan; for an alias, the user's number
	period int32 // the index of the user's periodUser + 1; 0 for none
	mask   uint8 // the compared periods with an event of the user, maskPlan, maskAlias
}

const (
	// maskPlan marks userState.plan as set.
	maskPlan = 1 << 7
	// maskAlias marks the state of an entry of the primary dictionary
	// whose user was numbered before by ID: plan holds that number, and
	// the state is the one there.
	maskAlias = 1 << 6
)

// periodUser is the state of a user with an event in the period
// reviewed, the few users of the data that need it.
type periodUser struct {
	days    uint64 // dailySales: the days of the period with an event, when it has at most 64
	sources uint64 // traffic: the numbers below 64 of the sources the user came with in the period
	devices uint64 // traffic: the same for devices
	n       int32  // the user's number
}

// userIndex numbers the users of the events (and the buyers of the
// period, who are users too) and keeps their state.
//
// The users of the first batch dictionary the events bring (prim) are
// numbered by their number there: the pass over a batch reads a user's
// state at the number the batch holds, with no map between the two, and
// their IDs are not copied. A new entry of prim is looked up among the
// users already numbered by ID (the buyers of the period, numbered
// before the events): for one of them, prim's entry is an alias of it
// (maskAlias), the only case in which two numbers lead to one state.
// The users numbered by ID have negative numbers: user n < 0 is at
// other[^n]. Only when another dictionary comes are prim's users' IDs
// added to ids, so that they are found by ID from then on. A reader's
// events thus hold each user ID once, not twice.
//
// The states are in chunked slices: they grow with the users, millions
// in a large store, without copying or holding twice their memory.
type userIndex struct {
	ids    metrics.Dict              // the IDs of the users numbered by ID
	byID   []int32                   // user number by ids' number
	state  chunked.Slice[userState]  // the users of prim, n ≥ 0, by prim's number
	other  chunked.Slice[userState]  // the users numbered by ID, n < 0, at ^n
	period chunked.Slice[periodUser] // by userState.period - 1
	// buyers holds, for the first users numbered by ID (n < 0, at
	// buyers[^n]), the index of the user's purchase in traffic.buyers + 1,
	// 0 for none: the buyers of the period are numbered by ID before the
	// events (traffic.indexBuyers), so that they are those first users,
	// and the states of the millions of other users hold no number of a
	// purchase (4 bytes each) that is never set.
	buyers []int32

	prim     *metrics.Dict // see above; nil for none, or once another came
	first    *metrics.Dict // the first batch dictionary, prim or not
	firstMap []int32       // once prim ended: user number by first's number
	sink     uint8         // what touch loaded, so that its loads are not dropped
	// idBits is a filter of the IDs in ids: the bit of an ID's hash
	// (idBit) is set for each, so that numbers, which looks every new
	// user of prim up in ids, the few buyers of the period, looks up
	// only the users whose bit is set. Made by numbers when first
	// needed, kept up to date by index; nil for none yet.
	idBits []uint64
	idSeed maphash.Seed
}

// idBit returns the word and the bit of id in idBits.
func (u *userIndex) idBit(id string) (int, uint64) {
	h := maphash.String(u.idSeed, id) & uint64(len(u.idBits)*64-1)
	return int(h >> 6), 1 << (h & 63)
}

// mayHold reports whether ids may hold id: false means it does not.
func (u *userIndex) mayHold(id string) bool {
	if u.idBits == nil {
		u.idSeed = maphash.MakeSeed()
		// 16 bits an ID, a power of two, at least 4,096 of them: a user
		// not in ids is looked up in about one case in 16.
		words := 64
		for words*64 < 16*u.ids.Len() {
			words *= 2
		}
		u.idBits = make([]uint64, words)
		for k := range u.ids.Len() {
			w, b := u.idBit(u.ids.String(int32(k)))
			u.idBits[w] |= b
		}
	}
	w, b := u.idBit(id)
	return u.idBits[w]&b != 0
}

// at returns the state of user n. The pointer is valid until the state
// of a new user is added (chunked: never moved, in fact).
func (u *userIndex) at(n int32) *userState {
	_, s := u.resolve(n)
	return s
}

// resolve returns the number and the state of user n, following an
// alias.
func (u *userIndex) resolve(n int32) (int32, *userState) {
	if n < 0 {
		return n, u.other.At(int(^n))
	}
	s := u.state.At(int(n))
	if s.mask&maskAlias != 0 {
		n = s.plan
		s = u.other.At(int(^n))
	}
	return n, s
}

// buyer returns the index of the purchase of user n, a number resolve
// returned, in traffic.buyers + 1; 0 for none.
func (u *userIndex) buyer(n int32) int32 {
	if k := int(^n); n < 0 && k < len(u.buyers) {
		return u.buyers[k]
	}
	return 0
}

// setBuyer makes k the index of the purchase of user n, a user numbered
// by ID (n < 0), in traffic.buyers + 1.
func (u *userIndex) setBuyer(n, k int32) {
	if n >= 0 {
		panic("report: internal error: a buyer numbered by a batch dictionary")
	}
	for len(u.buyers) <= int(^n) {
		u.buyers = append(u.buyers, 0)
	}
	u.buyers[^n] = k
}

// touch loads the states of the users of prim numbered nums, at most
// touchAhead of them, so that their cache misses overlap, not wait one
// for another as the pass over a batch meets them (prefetch.Lines). It
// loads both ends of a state, which a state of 12 bytes may have in two
// cache lines.
func (u *userIndex) touch(nums []int32) {
	var ps [2 * touchAhead]unsafe.Pointer
	m := 0
	for _, k := range nums[:min(len(nums), touchAhead)] {
		s := u.state.At(int(k))
		ps[m], ps[m+1] = unsafe.Pointer(&s.plan), unsafe.Pointer(&s.mask)
		m += 2
	}
	u.sink |= uint8(prefetch.Lines(ps[:m]))
}

// users returns the number of users (aliases are not users).
func (u *userIndex) users() int {
	n := u.other.Len()
	for _, b := range u.state.Blocks() {
		for k := range b {
			if b[k].mask&maskAlias == 0 {
				n++
			}
		}
	}
	return n
}

// index returns the number of user id, adding the user if new.
func (u *userIndex) index(id string) int32 {
	if u.prim != nil {
		if k, ok := u.prim.Lookup(id); ok && int(k) < u.state.Len() {
			n, _ := u.resolve(k)
			return n
		}
	}
	k := u.ids.Index(id)
	if int(k) == len(u.byID) { // a new ID: Dict numbers densely
		if u.idBits != nil {
			w, b := u.idBit(id)
			u.idBits[w] |= b
		}
		u.other.Push(userState{})
		u.byID = append(u.byID, ^int32(u.other.Len()-1))
	}
	return u.byID[k]
}

// grow makes room for n more users numbered by ID, all buyers.
func (u *userIndex) grow(n int) {
	u.ids.Grow(n)
	u.byID = slices.Grow(u.byID, n)
	u.buyers = slices.Grow(u.buyers, u.other.Len()+n-len(u.buyers))
}

// numbers returns the user numbers of d's entries: nil and true when
// they are the entries' own numbers (d is prim: resolve them, for the
// aliases), or else the number of each entry, false. r keeps the maps
// of the dictionaries other than the first.
func (u *userIndex) numbers(d *metrics.Dict, r *metrics.Remap[int32]) ([]int32, bool) {
	if u.first == nil {
		u.first, u.prim = d, d
	}
	if d == u.prim {
		for k := u.state.Len(); k < d.Len(); k++ {
			var s userState
			if id := d.String(int32(k)); u.mayHold(id) {
				if n, ok := u.ids.Lookup(id); ok {
					s = userState{plan: u.byID[n], mask: maskAlias}
				}
			}
			u.state.Push(s)
		}
		return nil, true
	}
	if u.prim != nil {
		// Another dictionary: prim's users are found by ID from now on.
		u.firstMap = make([]int32, u.state.Len())
		for k := range u.firstMap {
			n, _ := u.resolve(int32(k))
			u.firstMap[k] = n
			if n >= 0 { // not an alias, whose ID is in ids already
				u.ids.Index(u.prim.String(int32(k)))
				u.byID = append(u.byID, n)
			}
		}
		u.prim, u.idBits = nil, nil // the filter is prim's alone
	}
	if d == u.first {
		// The first again, after another: its map stays right, and it
		// grows by ID.
		for k := len(u.firstMap); k < d.Len(); k++ {
			u.firstMap = append(u.firstMap, u.index(d.String(int32(k))))
		}
		return u.firstMap, false
	}
	return r.Of(d).Fill(u.index), false
}

// release lets go of what numbers the users, once the pass over the
// events is done: the dictionaries (the reader's first one, of every user
// of the data, is the largest table of the review) and the maps between
// numbers. The states and the period's users stay, for count and for
// what the sections read of them.
func (u *userIndex) release() {
	u.ids, u.byID, u.idBits = metrics.Dict{}, nil, nil
	u.prim, u.first, u.firstMap = nil, nil, nil
}

// periodOf returns the periodUser of user n, added if new. The pointer
// is valid until the next call.
func (u *userIndex) periodOf(n int32) *periodUser {
	n, s := u.resolve(n)
	if s.period == 0 {
		u.period.Push(periodUser{n: n})
		s.period = int32(u.period.Len())
	}
	return u.period.At(int(s.period - 1))
}

// count returns the number of users with an event in compared period i.
func (u *userIndex) count(i int) int64 {
	var n int64
	for _, c := range [2]*chunked.Slice[userState]{&u.state, &u.other} {
		for _, b := range c.Blocks() {
			for k := range b {
				n += int64(b[k].mask >> i & 1) // an alias's mask is maskAlias alone
			}
		}
	}
	return n
}

// The Unix nanosecond times time.Time can hold.
var (
	minNs = time.Unix(0, math.MinInt64)
	maxNs = time.Unix(0, math.MaxInt64)
)

// nsRange is the Unix nanosecond times n with lo ≤ n ≤ hi; empty when
// lo > hi. It is how the pass over event batches, whose times are Unix
// ns, tests a time range without a time.Time per event.
type nsRange struct{ lo, hi int64 }

func (r nsRange) has(n int64) bool { return r.lo <= n && n <= r.hi }

// nsBetween returns the range of the Unix ns times t with from ≤ t and
// t < to, or t ≤ to if closed: exactly the times time.Time comparisons
// would keep, even for bounds that Unix ns cannot hold.
func nsBetween(from, to time.Time, closed bool) nsRange {
	empty := nsRange{math.MaxInt64, math.MinInt64}
	var r nsRange
	switch {
	case from.After(maxNs):
		return empty
	case from.Before(minNs):
		r.lo = math.MinInt64
	default:
		r.lo = from.UnixNano()
	}
	switch {
	case to.Before(minNs):
		return empty
	case to.After(maxNs):
		r.hi = math.MaxInt64
	default:
		r.hi = to.UnixNano()
		if !closed {
			if r.hi == math.MinInt64 {
				return empty
			}
			r.hi--
		}
	}
	return r
}

// dayClock gives the calendar day number ([dayNumber]) of times in loc
// without converting each: within one zone period of loc (one UTC
// offset, from time.Time.ZoneBounds) the day is (Unix seconds + offset)
// / 86400, rounded down.
type dayClock struct {
	loc    *time.Location
	lo, hi int64 // the zone period in Unix seconds, [lo, hi)
	off    int64 // its offset in seconds
	ok     bool
}

// day returns the day number of the time of Unix seconds sec, which t is
// (t is only read when sec is outside the cached zone period).
func (c *dayClock) day(sec int64, t func() time.Time) int {
	if sec < -1<<62 || sec > 1<<62 { // far beyond any calendar in use: no arithmetic that could overflow
		return dayNumber(t().In(c.loc))
	}
	if !c.ok || sec < c.lo || sec >= c.hi {
		lt := t().In(c.loc)
		_, off := lt.Zone()
		start, end := lt.ZoneBounds()
		c.off, c.lo, c.hi, c.ok = int64(off), math.MinInt64, math.MaxInt64, true
		if !start.IsZero() {
			c.lo = start.Unix()
		}
		if !end.IsZero() {
			c.hi = end.Unix()
		}
		if sec < c.lo || sec >= c.hi { // bounds that do not hold sec: no cache
			c.ok = false
			return dayNumber(lt)
		}
	}
	return int(floorDiv(sec+c.off, 86400))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// floorSec returns the Unix seconds of Unix ns n, rounded down.
func floorSec(n int64) int64 { return floorDiv(n, 1e9) }
