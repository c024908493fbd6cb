package cohort

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Activity is the lean accumulator of retention by acquisition period:
// for each customer, the set of calendar periods (days, ISO weeks or
// months in Location) in which they placed an order, and nothing else.
// A customer's cohort is the earliest of those periods, the period of
// their first order, so [Activity.Retention] gives, for cohorts by period
// in calendar windows, the same cohort sizes and active customers as
// [Ledger.Retention] gives for the same orders, in a fraction of the
// time and memory: it keeps 8 bytes per customer (a bitmask of periods
// from the cohort's) instead of every order, first-order details and
// amounts. It is to the Ledger what metrics.Totals is to
// metrics.Summarizer.
//
// What it leaves out: orders and amounts (a cell's Orders, NetSales,
// GrossProfit and the cumulative and LTV amounts), cohorts by channel,
// category, promotion or key, rolling windows, refunds, and an as-of day
// inside a period that later orders reach; use a Ledger for those.
//
// It filters orders as the Ledger does: a cancelled order and a guest
// order (empty CustomerID) are counted ([Activity.Skipped]) and left
// out; an invalid order (no PlacedAt, a non-positive quantity, a negative
// amount, another currency than the first valid order's) is an
// *[OrderError] wrapping [ErrInvalidOrder], with the order's ID, and is
// left out.
//
// The zero Activity is empty, counts months in UTC and is ready to use.
// Set Location and Grain before the first Add and do not change them.
// Orders may come in any order. Activities of any shards of orders
// (customers may span shards) combine exactly with [Activity.Merge], and
// travel with [Activity.MarshalBinary]. An Activity is not safe for
// concurrent use.
type Activity struct {
	// Location is the store's time zone, in which periods are counted.
	// Defaults to UTC.
	Location *time.Location
	// Grain is the period: Day, Week (ISO, Monday first) or Month.
	// Defaults to Month (the zero Grain, Custom, means Month).
	Grain metrics.Grain

	g         metrics.Grain // the grain in use since the first order; Custom before it
	cur       money.Currency
	cs        []actCust         // by customer index; a zero mask is no customer (a hole)
	over      map[int32][]int32 // by customer index: the periods past the customer's window, ascending
	customers int
	cancelled int64
	guests    int64
	orders    int64
	lastDay   int64 // the last day with an order, if hasDay
	hasDay    bool

	// Customer IDs. While direct, customer i is number i of home, the
	// customer dictionary of every batch so far, and nothing is hashed.
	// After, customers below nhome are home's numbers, the others have
	// their IDs in ids, and every customer is in idx.
	home   *metrics.Dict
	direct bool
	left   bool // direct ended (or never could start)
	nhome  int
	ids    []string
	idx    idTable
	remaps metrics.Remap[int32] // batch dictionaries' numbers → customer + 1, -1 for ""

	// Scratch and caches.
	days         civil.Cache
	lines        []metrics.LineMinor
	pLo, pHi, pN int64 // days pLo to pHi are in period pN
	pOK          bool
	sink         uint64
}

// actCust is one customer of an Activity, in 8 bytes: bit j < window of
// mask is period base+j, and base, the customer's cohort, is the earliest
// period (bit 0 is set). Periods base+window and later, if any, are in
// Activity.over, and mask has farBit set.
type actCust struct {
	mask uint32
	base int32
}

const (
	window        = 31          // the periods of actCust.mask
	farBit uint32 = 1 << window // actCust.mask: periods past the window in Activity.over
	inMask uint32 = farBit - 1  // the bits of the window
)

// Customers returns the number of distinct customers with an order.
func (a *Activity) Customers() int { return a.customers }

// Orders returns the number of orders added (cancelled and guest orders
// are counted apart; see [Activity.Skipped]).
func (a *Activity) Orders() int64 { return a.orders }

// Skipped returns the orders left out: cancelled orders (not sales) and
// guest orders (no customer).
func (a *Activity) Skipped() (cancelled, guests int64) { return a.cancelled, a.guests }

// Currency returns the currency of the first valid order added, or the
// zero Currency while there is none.
func (a *Activity) Currency() money.Currency { return a.cur }

func (a *Activity) loc() *time.Location {
	if a.Location == nil {
		return time.UTC
	}
	return a.Location
}

// grain returns the grain in use: a.Grain (Custom meaning Month), which
// must be Day, Week or Month and, after the first order, the grain of the
// first order. Otherwise it returns a *metrics.ConfigError of
// Activity.Grain.
func (a *Activity) grain() (metrics.Grain, error) {
	g, err := checkGrain("Activity.Grain", a.Grain)
	if err != nil {
		return g, err
	}
	if a.g != metrics.Custom && g != a.g {
		return g, configError("Activity.Grain", "grain "+g.String()+", but the Activity holds "+a.g.String()+"s")
	}
	return g, nil
}

// period returns the period of grain g that holds day d.
func (a *Activity) period(d int64, g metrics.Grain) int32 {
	if !a.pOK || d < a.pLo || d > a.pHi {
		p := index(d, g)
		a.pLo, a.pHi, a.pN, a.pOK = startDay(p, g), startDay(p+1, g)-1, p, true
	}
	return int32(a.pN)
}

// seeDay records day d as a day with an order.
func (a *Activity) seeDay(d int64) {
	if !a.hasDay || d > a.lastDay {
		a.lastDay, a.hasDay = d, true
	}
}

// Add adds one order, as [Ledger.Add] does without refunds: a cancelled or
// guest order is counted (see [Activity.Skipped]) and otherwise ignored;
// any other order makes its customer active in the period of its
// PlacedAt day in Location.
//
// Add returns an *[OrderError] wrapping [ErrInvalidOrder], the error
// Ledger.Add gives, and records nothing, if the order is invalid (no
// PlacedAt, a non-positive quantity, a negative price, discount or cost,
// an amount in another currency than the first valid order's). It returns
// a *metrics.ConfigError of Activity.Grain, and records nothing, if Grain
// is not Day, Week or Month, or changed since the first order.
func (a *Activity) Add(o metrics.Order) error {
	g, err := a.grain()
	if err != nil {
		return err
	}
	if o.Status == metrics.Cancelled {
		a.cancelled++
		return nil
	}
	if o.CustomerID == "" {
		a.guests++
		return nil
	}
	day, err := a.check(&o)
	if err != nil {
		return err
	}
	a.leaveDirect()
	ci := a.customerOf(o.CustomerID)
	a.post(ci, day, g)
	return nil
}

// check validates o as [Ledger.value] does and returns its day, setting
// the Activity's currency if it has none.
func (a *Activity) check(o *metrics.Order) (int64, error) {
	cur := a.cur
	if cur.IsZero() {
		cur = o.Currency
	}
	day := a.days.Day(o.PlacedAt, a.Location)
	if _, _, _, ok := fastValue(o, cur, &a.lines); !ok || day <= -maxDay || day >= maxDay {
		_, _, err := slowValue(o, cur, nil)
		if err == nil && (day <= -maxDay || day >= maxDay) {
			err = fmt.Errorf("PlacedAt %s is out of range", o.PlacedAt.Format(time.RFC3339))
		}
		if err != nil {
			return 0, &OrderError{OrderID: o.ID, Err: err}
		}
	}
	a.cur = cur
	return day, nil
}

// post records an order of customer ci on day.
func (a *Activity) post(ci int32, day int64, g metrics.Grain) {
	a.g = g
	a.addPeriod(ci, a.period(day, g))
	a.orders++
	a.seeDay(day)
}

// AddOrders adds the orders of the batch b, the columnar form of
// [Activity.Add]: the Activity ends as if Add had been given b.Order(i)
// for each i in turn, with the same skipped orders (a customer number of
// -1 or of the empty string is a guest) and the same *[OrderError]s. It
// adds every valid order and returns the errors of the others joined; it
// returns a *metrics.ConfigError of Activity.Grain, and adds nothing, if
// the grain is not Day, Week or Month or changed since the first order.
//
// While every batch shares one customer dictionary (as the batches of one
// reader do) and nothing else was added, a customer is that dictionary's
// number and no customer ID is hashed; the Activity keeps a reference to
// the dictionary, which must not be cleared while the Activity is in use.
// It keeps no reference to b.
//
// AddOrders returns the errors of [metrics.Orders.Validate]
// (*metrics.BatchError, wrapping metrics.ErrMalformed), and adds nothing,
// if b is malformed: columns of different lengths, line starts out of
// order, a number outside its dictionary.
func (a *Activity) AddOrders(b *metrics.Orders) error {
	n := b.Len()
	if n == 0 {
		return nil
	}
	g, err := a.grain()
	if err != nil {
		return err
	}
	if err := b.Validate(); err != nil {
		return err
	}
	d := b.CustomerIDs
	if !a.left && a.home == nil && len(a.cs) == 0 && d != nil {
		a.home, a.direct = d, true
	}
	if a.direct && d != a.home {
		a.leaveDirect()
	}
	var r *metrics.DictMap[int32]
	if a.direct {
		if len(a.cs) < d.Len() {
			a.cs = append(a.cs, make([]actCust, d.Len()-len(a.cs))...)
		}
	} else {
		r = a.remaps.Of(d)
	}
	empty := int32(-1) // the number of "", a guest, if d has one
	if d != nil {
		if k, ok := d.Lookup(""); ok {
			empty = k
		}
	}
	var errs []error
	// Whole minor units in every amount column: orders are checked from
	// the columns by minorValid, without the Exact maps.
	plain := len(b.Discount.Exact) == 0 && len(b.UnitPrice.Exact) == 0 && len(b.LineDiscount.Exact) == 0 && len(b.UnitCost.Exact) == 0
	const run = 16
	for i := 0; i < n; i++ {
		if a.direct && i%run == 0 {
			// Load the customers of a run of orders first, in a loop short
			// enough for their cache misses to be in flight at once.
			var sink uint64
			for _, num := range b.Customer[i:min(i+run, n)] {
				if num >= 0 {
					sink += uint64(a.cs[num].mask)
				}
			}
			a.sink += sink
		}
		if b.Status[i] == metrics.Cancelled {
			a.cancelled++
			continue
		}
		num := b.Customer[i]
		if num < 0 || num == empty {
			a.guests++
			continue
		}
		var ci int32 = -1 // not known yet
		if a.direct {
			ci = num
		} else if v := r.Values[num]; v < 0 {
			r.Values[num] = -1
			a.guests++
			continue
		} else {
			ci = v - 1
		}
		day, err := a.columnDay(b, i, plain)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ci < 0 {
			ci = a.customerOf(d.String(num))
			r.Values[num] = ci + 1
		}
		a.post(ci, day, g)
	}
	return errors.Join(errs...)
}

// columnDay validates order i of b as [Activity.check] does b.Order(i),
// from the columns for the common order, and returns its day. plain
// reports whether b's amount columns hold no Exact amounts.
func (a *Activity) columnDay(b *metrics.Orders, i int, plain bool) (int64, error) {
	cur := a.cur
	c := b.Currencies[b.Currency[i]]
	if cur.IsZero() {
		cur = c
	}
	ns := b.Placed[i]
	if c == cur && !cur.IsZero() && ns != metrics.NoTime {
		var ok bool
		if plain {
			ok = minorValid(b, i)
		} else {
			_, _, _, ok = minorValue(b, i, cur)
		}
		if ok {
			a.cur = cur
			sec := floorDiv(ns, 1e9)
			if a.Location == nil || a.Location == time.UTC {
				return floorDiv(sec, 86400), nil
			}
			return a.days.Day(time.Unix(sec, 0), a.Location), nil
		}
	}
	o := b.Order(i)
	return a.check(&o)
}

// minorValid reports whether order i of b, whose amount columns hold no
// Exact amounts, is valid with the bounds of [minorValue]: it reports true
// exactly when minorValue would, without computing what minorValue
// returns.
func minorValid(b *metrics.Orders, i int) bool {
	d := b.Discount.Minor[i]
	if d < 0 {
		return false
	}
	s, e := b.Lines(i)
	price, ldisc, cost, qty := b.UnitPrice.Minor[s:e], b.LineDiscount.Minor[s:e], b.UnitCost.Minor[s:e], b.Quantity[s:e]
	var v, cogs int64
	for j, q := range qty {
		p, ld, k := price[j], ldisc[j], cost[j]
		if q <= 0 || p < 0 || ld < 0 || k < 0 {
			return false
		}
		hg, g := bits.Mul64(uint64(q), uint64(p))
		hk, kk := bits.Mul64(uint64(q), uint64(k))
		if hg != 0 || hk != 0 || g > math.MaxInt64/4 || kk > math.MaxInt64/4 || int64(g) < ld {
			return false
		}
		v += int64(g) - ld
		cogs += int64(kk)
		if v > math.MaxInt64/4 || cogs > math.MaxInt64/4 {
			return false
		}
	}
	return d <= v
}

// leaveDirect ends the numbering of customers by the home dictionary's
// numbers: it puts every customer in the index, so that customers can be
// looked up by ID, and keeps a remap of the home dictionary.
func (a *Activity) leaveDirect() {
	a.left = true
	if !a.direct {
		return
	}
	a.direct = false
	a.nhome = len(a.cs)
	a.idx.reserve(a.nhome)
	r := a.remaps.Of(a.home)
	for i := range a.nhome {
		id := a.home.String(int32(i))
		if id == "" {
			r.Values[i] = -1
			continue
		}
		h := a.idx.hash(id)
		s, ok := a.idx.find(id, h)
		if ok {
			panic("cohort: internal error: customer " + id + " twice in a dictionary")
		}
		a.idx.insert(s, id, h, int32(i))
		r.Values[i] = int32(i) + 1
	}
}

// customerOf returns the index of the customer id, adding the customer
// (as a hole: no periods yet) if new. The Activity is not direct.
//
// customerOf panics at more than 2^31−2 customers.
func (a *Activity) customerOf(id string) int32 {
	h := a.idx.hash(id)
	s, ok := a.idx.find(id, h)
	if ok {
		return s.ci1 - 1
	}
	if len(a.cs) >= math.MaxInt32-1 {
		panic("cohort: more than 2^31-2 customers in one Activity")
	}
	ci := int32(len(a.cs))
	a.cs = append(a.cs, actCust{})
	a.ids = append(a.ids, id)
	a.idx.insert(s, id, h, ci)
	return ci
}

// id returns the ID of customer ci.
func (a *Activity) id(ci int) string {
	if a.direct || ci < a.nhome {
		return a.home.String(int32(ci))
	}
	return a.ids[ci-a.nhome]
}

// addPeriod makes customer ci active in period p.
func (a *Activity) addPeriod(ci int32, p int32) {
	c := &a.cs[ci]
	if c.mask == 0 {
		c.mask, c.base = 1, p
		a.customers++
		return
	}
	if d := int64(p) - int64(c.base); d >= 0 && d < window {
		c.mask |= 1 << d
		return
	}
	a.addFar(ci, p)
}

// addFar is addPeriod for a period outside the customer's window: after
// it (into the overflow list) or before its base (which becomes p, the
// bits shifted out of the window going to the overflow list).
func (a *Activity) addFar(ci int32, p int32) {
	c := &a.cs[ci]
	var out []int32
	if p > c.base {
		out = []int32{p}
	} else {
		k := int64(c.base) - int64(p)
		m := c.mask & inMask
		for ; m != 0; m &= m - 1 {
			if j := bits.TrailingZeros32(m); int64(j)+k >= window {
				out = append(out, c.base+int32(j))
			}
		}
		m = 1
		if k < window {
			m |= c.mask << k & inMask
		}
		c.mask, c.base = m|c.mask&farBit, p
	}
	if len(out) == 0 {
		return
	}
	if a.over == nil {
		a.over = make(map[int32][]int32)
	}
	list := a.over[ci]
	for _, q := range out {
		if i, found := slices.BinarySearch(list, q); !found {
			list = slices.Insert(list, i, q)
		}
	}
	a.over[ci] = list
	c.mask |= farBit
}

// periods calls f with each period of customer ci, in ascending order,
// until f returns false.
func (a *Activity) periods(ci int, f func(p int32) bool) {
	c := &a.cs[ci]
	for m := c.mask & inMask; m != 0; m &= m - 1 {
		if !f(c.base + int32(bits.TrailingZeros32(m))) {
			return
		}
	}
	if c.mask&farBit != 0 {
		for _, p := range a.over[int32(ci)] {
			if !f(p) {
				return
			}
		}
	}
}

// Merge adds everything o holds to a, as if every order added to o had
// been added to a: a customer in both is active in the periods of both,
// and their cohort is the earlier. o is not changed.
//
// Merge returns a *metrics.MergeError (wrapping metrics.ErrIncompatible),
// and changes nothing, if o is a, if the Activities have different
// Locations (compared as [Ledger.Merge] compares them) or grains, or if
// they hold different currencies (then the error also wraps a
// *money.MismatchError); and a *metrics.ConfigError of Activity.Grain if
// either's grain is not valid. Merge panics if o is nil.
func (a *Activity) Merge(o *Activity) error {
	bad := func(problem string, err error) error {
		return &metrics.MergeError{Pkg: "cohort", Type: "Activity", Problem: problem, Err: err}
	}
	if o == a {
		return bad("an Activity merged with itself would count its orders twice", nil)
	}
	g, err := a.grain()
	if err != nil {
		return err
	}
	og, err := o.grain()
	if err != nil {
		return err
	}
	switch {
	case g != og:
		return bad("grain "+g.String()+" and "+og.String(), nil)
	case !civil.SameLocation(a.loc(), o.loc()):
		return bad("Location "+a.loc().String()+" and "+o.loc().String()+" (compared by name and UTC offsets)", nil)
	case !a.cur.IsZero() && !o.cur.IsZero() && a.cur != o.cur:
		return bad("currency "+a.cur.Code()+" and "+o.cur.Code(), &money.MismatchError{A: a.cur.Zero(), B: o.cur.Zero()})
	}
	if a.cur.IsZero() {
		a.cur = o.cur
	}
	if o.customers > 0 {
		a.g = g
		a.leaveDirect()
		a.idx.reserve(a.idx.used + o.customers)
	}
	a.cancelled += o.cancelled
	a.guests += o.guests
	a.orders += o.orders
	if o.hasDay {
		a.seeDay(o.lastDay)
	}
	for i := range o.cs {
		if o.cs[i].mask == 0 {
			continue
		}
		ci := a.customerOf(o.id(i))
		if oc, c := o.cs[i], &a.cs[ci]; oc.mask&farBit == 0 && c.mask != 0 && oc.base >= c.base && int64(oc.base)-int64(c.base)+int64(bits.Len32(oc.mask)) <= window {
			c.mask |= oc.mask << (oc.base - c.base) // all in a's window
			continue
		}
		o.periods(i, func(p int32) bool { a.addPeriod(ci, p); return true })
	}
	return nil
}
