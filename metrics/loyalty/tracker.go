package loyalty

import (
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Tracker accumulates a membership programme over one period: the member
// roster, the points ledger and the period's orders (see the package
// documentation for the definitions). The zero Tracker is ready to use
// once Period is set. Members, entries and orders may come in any order.
// A Tracker is not safe for concurrent use: give each goroutine its own,
// for a share of the customers, and merge them.
type Tracker struct {
	// Period is the period measured. Set it before the first Add; the
	// Add methods return a *metrics.ConfigError while it is zero.
	Period metrics.Period
	// PointValue is the value of one point, for the liability
	// (outstanding points × PointValue). Defaults to 0.01 of the orders'
	// currency: 100 points = 1 unit of the currency, as Tmall's points
	// (天猫积分); a yuan store that gives 1 point per yuan and takes 100
	// points for 1 yuan off thus owes 1 % of what it issued.
	PointValue money.Money

	cur      money.Currency // of the orders; zero before the first
	members  map[string]Member
	buyers   map[string]*buyer
	guests   buyer // the guest orders; times not kept
	accounts map[string]*account
}

// buyer holds the period's orders of one customer.
type buyer struct {
	orders int64
	sales  money.Money // Σ order net sales
	sq     u128        // Σ (order net sales in minor units)², for the test of AOVs
	times  []time.Time // when each order was placed
}

// account holds the points of one customer.
type account struct {
	opening                             int64 // the balance at the period's start
	issued, redeemed, expired, adjusted int64 // in the period; adjusted is signed
}

// outstanding returns the balance at the period's end, and false beyond
// the int64 range.
func (a *account) outstanding() (int64, bool) {
	v, ok := a.opening, true
	for _, d := range [...]int64{a.issued, -a.redeemed, -a.expired, a.adjusted} {
		var ok2 bool
		v, ok2 = intmath.Add64(v, d)
		ok = ok && ok2
	}
	return v, ok
}

// ready returns a *metrics.ConfigError when t has no period.
func (t *Tracker) ready(what string) error {
	if t.Period.IsZero() {
		return &metrics.ConfigError{Pkg: "loyalty", Field: "Tracker.Period", Problem: "zero period, set before " + what}
	}
	return nil
}

// AddMember adds m to the roster. It returns a *[RecordError] (Index −1)
// and adds nothing for a member without a customer ID or join day, one
// who left before joining, or a customer already on the roster.
func (t *Tracker) AddMember(m Member) error {
	if err := t.ready("AddMember"); err != nil {
		return err
	}
	if err := checkMember(-1, &m); err != nil {
		return err
	}
	if _, dup := t.members[m.CustomerID]; dup {
		return &RecordError{Record: "member", Index: -1, CustomerID: m.CustomerID, Field: "CustomerID", Problem: "on the roster twice"}
	}
	if t.members == nil {
		t.members = make(map[string]Member)
	}
	t.members[m.CustomerID] = m
	return nil
}

// AddEntry adds one points entry. Entries before the period make up the
// opening balances; entries at or after the period's end count in
// nothing. It returns a *[RecordError] (Index −1) and adds nothing for an
// entry without a customer ID or time, of an unknown kind, with points
// that are not positive (zero for an adjustment), or that takes a total
// of its customer beyond the int64 range. It does not check balances:
// see [Validate].
func (t *Tracker) AddEntry(e Entry) error {
	if err := t.ready("AddEntry"); err != nil {
		return err
	}
	if err := checkEntry(-1, &e); err != nil {
		return err
	}
	if !e.At.Before(t.Period.End) {
		return nil
	}
	a := t.accounts[e.CustomerID]
	x := account{}
	if a != nil {
		x = *a
	}
	var f *int64
	v := e.Points
	switch {
	case e.At.Before(t.Period.Start):
		f, v = &x.opening, e.Signed()
	case e.Kind == Issued:
		f = &x.issued
	case e.Kind == Redeemed:
		f = &x.redeemed
	case e.Kind == Expired:
		f = &x.expired
	default:
		f = &x.adjusted
	}
	var ok bool
	if *f, ok = intmath.Add64(*f, v); ok {
		_, ok = x.outstanding()
	}
	if !ok {
		return &RecordError{Record: "entry", Index: -1, CustomerID: e.CustomerID, Field: "Points", Problem: "points beyond the int64 range"}
	}
	if t.accounts == nil {
		t.accounts = make(map[string]*account)
	}
	if a == nil {
		a = &account{}
		t.accounts[e.CustomerID] = a
	}
	*a = x
	return nil
}

// AddOrder adds an order. Orders placed outside the period and cancelled
// orders count in nothing; an order without a customer is a guest order
// (a non-member's order in no buyer count). It returns a
// *metrics.ValidationError, and adds nothing, for an order without a
// currency (wrapping money.ErrUnknownCurrency) or in another currency
// than the orders before it or than PointValue, or whose net
// sales are negative or beyond the int64 range of minor units.
func (t *Tracker) AddOrder(o metrics.Order) error {
	if err := t.ready("AddOrder"); err != nil {
		return err
	}
	if o.Status == metrics.Cancelled || !t.Period.Contains(o.PlacedAt) {
		return nil
	}
	fail := func(field, problem string, err error) error {
		return &metrics.ValidationError{OrderID: o.ID, Field: field, Problem: problem, Err: err}
	}
	if o.Currency.IsZero() {
		return fail("Currency", "no currency", money.ErrUnknownCurrency)
	}
	cur := t.currency()
	if !cur.IsZero() && o.Currency != cur {
		return fail("Currency", "currency "+o.Currency.Code()+", the loyalty figures are in "+cur.Code(), money.ErrCurrencyMismatch)
	}
	net, err := o.Net()
	if err != nil {
		return fail("", err.Error(), err)
	}
	minor, ok := net.Round(money.RoundHalfEven).MinorIn(o.Currency) // for the test's sum of squares only: Sales stay exact
	switch {
	case !ok:
		return fail("", "net sales "+net.String()+" are beyond the int64 range of minor units", nil)
	case minor < 0:
		return fail("Discount", "net sales "+net.String()+" are negative: the discounts exceed the gross", nil)
	}
	b := &t.guests
	if o.CustomerID != "" {
		if b = t.buyers[o.CustomerID]; b == nil {
			if t.buyers == nil {
				t.buyers = make(map[string]*buyer)
			}
			b = &buyer{sales: o.Currency.Zero()}
			t.buyers[o.CustomerID] = b
		}
		b.times = append(b.times, o.PlacedAt)
	}
	if b.sales, err = b.sales.Add(net); err != nil {
		return fail("", err.Error(), err)
	}
	b.orders++
	b.sq = b.sq.add(square(minor))
	t.cur = o.Currency
	return nil
}

// currency returns the currency of the figures: the orders', else
// PointValue's.
func (t *Tracker) currency() money.Currency {
	if !t.cur.IsZero() {
		return t.cur
	}
	return t.PointValue.Currency()
}

// pointValue returns PointValue, or its default in c.
func (t *Tracker) pointValue(c money.Currency) money.Money {
	if !t.PointValue.IsZero() || !t.PointValue.Currency().IsZero() {
		return t.PointValue
	}
	v, err := c.FromDecimal(decimal.New(1, -2))
	if err != nil { // the zero currency: no amount has a currency to be worth in
		return money.Money{}
	}
	return v
}

// Merge adds everything added to o to t, as if t had been given it. It
// returns a *metrics.MergeError, wrapping metrics.ErrIncompatible, and
// leaves t unchanged, for a tracker of another period or PointValue, of
// orders in another currency, with a member on both rosters, or whose
// points would add up beyond the int64 range.
func (t *Tracker) Merge(o *Tracker) error {
	refuse := func(problem string, err error) error {
		return &metrics.MergeError{Pkg: "loyalty", Type: "Tracker", Problem: problem, Err: err}
	}
	if !t.Period.Start.Equal(o.Period.Start) || !t.Period.End.Equal(o.Period.End) {
		return refuse("Period "+t.Period.String()+" and "+o.Period.String(), nil)
	}
	if !t.PointValue.Equal(o.PointValue) || t.PointValue.Currency() != o.PointValue.Currency() {
		return refuse("PointValue "+t.PointValue.String()+" and "+o.PointValue.String(), nil)
	}
	if !t.cur.IsZero() && !o.cur.IsZero() && t.cur != o.cur {
		return refuse("orders in "+t.cur.Code()+" and "+o.cur.Code(), money.ErrCurrencyMismatch)
	}
	if t == o {
		c := t.clone()
		o = &c
	}
	for id := range o.members {
		if _, dup := t.members[id]; dup {
			return refuse("customer "+strconv.Quote(id)+" on both rosters", nil)
		}
	}
	merged := make(map[string]account, len(o.accounts))
	for id, b := range o.accounts {
		x := account{}
		if a := t.accounts[id]; a != nil {
			x = *a
		}
		ok := true
		for _, p := range [...][2]*int64{{&x.opening, &b.opening}, {&x.issued, &b.issued}, {&x.redeemed, &b.redeemed}, {&x.expired, &b.expired}, {&x.adjusted, &b.adjusted}} {
			var ok2 bool
			*p[0], ok2 = intmath.Add64(*p[0], *p[1])
			ok = ok && ok2
		}
		if _, ok2 := x.outstanding(); !ok || !ok2 {
			return refuse("points of customer "+strconv.Quote(id)+" beyond the int64 range", nil)
		}
		merged[id] = x
	}
	if t.cur.IsZero() {
		t.cur = o.cur
	}
	for id, m := range o.members {
		if t.members == nil {
			t.members = make(map[string]Member)
		}
		t.members[id] = m
	}
	for id, x := range merged {
		if t.accounts == nil {
			t.accounts = make(map[string]*account)
		}
		t.accounts[id] = &x
	}
	for id, ob := range o.buyers {
		if t.buyers == nil {
			t.buyers = make(map[string]*buyer)
		}
		b := t.buyers[id]
		if b == nil {
			b = &buyer{sales: t.cur.Zero()}
			t.buyers[id] = b
		}
		b.merge(ob)
	}
	t.guests.merge(&o.guests)
	return nil
}

// merge adds o's orders to b; their currencies are the same (Merge
// checked the trackers').
func (b *buyer) merge(o *buyer) {
	b.orders += o.orders
	b.sales = oneCurrency(b.sales.Add(o.sales))
	b.sq = b.sq.add(o.sq)
	b.times = append(b.times, o.times...)
}

// clone returns a deep copy of t.
func (t *Tracker) clone() Tracker {
	c := Tracker{Period: t.Period, PointValue: t.PointValue, cur: t.cur, guests: t.guests}
	c.guests.times = nil
	if t.members != nil {
		c.members = make(map[string]Member, len(t.members))
		for k, m := range t.members {
			c.members[k] = m
		}
	}
	if t.buyers != nil {
		c.buyers = make(map[string]*buyer, len(t.buyers))
		for k, b := range t.buyers {
			x := *b
			x.times = slices.Clone(b.times)
			c.buyers[k] = &x
		}
	}
	if t.accounts != nil {
		c.accounts = make(map[string]*account, len(t.accounts))
		for k, a := range t.accounts {
			x := *a
			c.accounts[k] = &x
		}
	}
	return c
}

// u128 is an unsigned 128-bit integer, for exact sums of squares.
type u128 struct{ hi, lo uint64 }

func (a u128) add(b u128) u128 {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	hi, _ := bits.Add64(a.hi, b.hi, c)
	return u128{hi, lo}
}

func square(v int64) u128 {
	a := uint64(v)
	if v < 0 {
		a = -a
	}
	hi, lo := bits.Mul64(a, a)
	return u128{hi, lo}
}

func (a u128) float() float64 { return float64(a.hi)*0x1p64 + float64(a.lo) }
