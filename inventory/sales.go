package inventory

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// Sales holds what each SKU sold each day: units, net revenue and cost of
// goods sold. It is built from orders with [Sales.AddOrder] (or from any
// other source with [Sales.Add]) and read by [Analyze].
//
// For each line of an order that is not cancelled, the day is the calendar
// date of Order.PlacedAt in its location, and
//
//	units   = Quantity
//	revenue = Quantity × UnitPrice − line Discount − the line's share of the
//	          order-level Discount (allocated by line value, no cent lost,
//	          with [money.Money.Allocate])
//	COGS    = Quantity × UnitCost
//
// so revenue is the line's net sales before returns and gross profit is
// revenue − COGS, as shopmetrics defines it. Refunds and returned units are not
// subtracted: Sales counts what left the shelf. Shipping and tax are not
// revenue of a SKU.
//
// Amounts are kept as int64 minor units per SKU and day; parts of an amount
// finer than the minor unit (a unit price of 0.125) are kept exactly on the
// side, so totals are exact.
//
// The zero Sales is empty and ready to use; it takes its currency from the
// first order added, and every amount in another currency is a data problem
// reported by [Sales.Err] and by [Analyze] (wrapping
// money.ErrCurrencyMismatch). A SKU's units sold stay within the int64
// range: a line that would take them past it is left out and reported
// ([ErrOverflow]), so every sum of a SKU's units that Analyze takes is
// exact. Sales of disjoint shards combine with [Sales.Merge]. A Sales is not safe for concurrent use, and reading
// it ([Analyze]) sorts its days in place: give each goroutine its own.
type Sales struct {
	cur   money.Currency
	idx   map[string]int
	skus  []skuSales
	probs problems
	lines []metrics.LineMinor // scratch space of AddOrder
	// days turns the orders' times into days as DayOf does, with the
	// zone's offset remembered between orders: DayOf's calendar date
	// cost 30 ms of the review's 1.1M orders.
	days dayCache
}

type skuSales struct {
	sku      string
	units    int64 // units sold over all days: every sum of days fits
	category string
	price    money.Money // the last list price seen
	days     []daySale   // sorted by day when sorted is true
	unsorted bool
	exact    []exactRest
}

// daySale is the sales of one SKU on one day, in minor units.
type daySale struct {
	day     Day
	units   int64
	revenue int64
	cogs    int64
}

// exactRest is the part of an amount, in minor units, that the int64
// minor units of a daySale do not hold.
type exactRest struct {
	day           Day
	revenue, cogs decimal.Decimal
}

// Currency returns the currency of the sales, or the zero Currency if no
// order has been added.
func (s *Sales) Currency() money.Currency { return s.cur }

// Err returns the data problems met so far (lines with a bad quantity,
// amounts in another currency, units past the int64 range), joined, each a
// *[DataError]; nil if none.
func (s *Sales) Err() error { return s.probs.join() }

// AddOrder adds the lines of o, unless o is cancelled. Lines with an empty
// SKU or a quantity that is not positive, lines that would take their
// SKU's units past the int64 range, and orders in another currency than
// the first one added are left out and reported as *[DataError]s (naming
// the order and the line) by [Sales.Err].
func (s *Sales) AddOrder(o metrics.Order) {
	if o.Status == metrics.Cancelled || len(o.Lines) == 0 {
		return
	}
	day := s.days.day(o.PlacedAt)
	if s.cur.IsZero() {
		s.cur = o.Currency
	}
	if o.Currency != s.cur {
		for i, l := range o.Lines {
			s.probs.add("order", l.SKU, day, i, o.ID, "order in "+o.Currency.Code()+", sales in "+s.cur.Code(), money.ErrCurrencyMismatch)
		}
		return
	}
	// Orders of whole minor units take the integer path, which allocates
	// nothing; the others the decimal one.
	lm, fast := o.AppendLineMinor(s.lines[:0])
	s.lines = lm
	var alloc []money.Money
	if !fast && !o.Discount.IsZero() {
		a, err := allocate(o)
		if err != nil {
			for i, l := range o.Lines {
				s.probs.add("order", l.SKU, day, i, o.ID, "order discount cannot be allocated: "+err.Error(), ErrAmount)
			}
			return
		}
		alloc = a
	}
	for i, l := range o.Lines {
		if l.SKU == "" || l.Quantity <= 0 {
			s.probs.add("order", l.SKU, day, i, o.ID, "quantity "+itoa(l.Quantity), ErrQuantity)
			continue
		}
		k, ok := s.idx[l.SKU] // looked up once for the check and the line
		if ok {
			if _, fits := intmath.Add64(s.skus[k].units, l.Quantity); !fits {
				s.probs.add("order", l.SKU, day, i, o.ID, "quantity "+itoa(l.Quantity)+" takes the sku's units sold past the int64 range", ErrOverflow)
				continue
			}
		}
		if fast {
			if !ok {
				k = s.newSKU(l.SKU)
			}
			s.addLineTo(&s.skus[k], l, day, s.cur.FromMinor(lm[i].Net()), s.cur.FromMinor(lm[i].Cost))
			continue
		}
		rev, err := l.UnitPrice.Mul(l.Quantity).Sub(l.Discount)
		if err == nil && alloc != nil {
			rev, err = rev.Sub(alloc[i])
		}
		cogs := l.UnitCost.Mul(l.Quantity)
		if err != nil || !sameCur(rev, s.cur) || !sameCur(cogs, s.cur) || !sameCur(l.UnitPrice, s.cur) {
			s.probs.add("order", l.SKU, day, i, o.ID, "line amounts not in "+s.cur.Code(), money.ErrCurrencyMismatch)
			continue
		}
		s.addLine(l, day, rev, cogs)
	}
}

// addLine adds a line of an order with its net revenue and COGS.
func (s *Sales) addLine(l metrics.Line, day Day, rev, cogs money.Money) {
	s.addLineTo(s.sku(l.SKU), l, day, rev, cogs)
}

// addLineTo is addLine of the sales k of l's SKU.
func (s *Sales) addLineTo(k *skuSales, l metrics.Line, day Day, rev, cogs money.Money) {
	if l.Category != "" {
		k.category = l.Category
	}
	if !l.UnitPrice.IsZero() {
		k.price = l.UnitPrice
	}
	k.add(day, l.Quantity, rev, cogs)
}

// sameCur reports whether m is in c or is the zero Money.
func sameCur(m money.Money, c money.Currency) bool {
	return m.Currency() == c || (m.Currency().IsZero() && m.IsZero())
}

// Add adds units sold of sku on day with their net revenue and cost, for
// sales that do not come as [metrics.Order]s. Amounts in another currency
// than the sales', units that are not positive and units that would take
// the SKU's units sold past the int64 range are reported by [Sales.Err]
// and left out.
func (s *Sales) Add(sku string, day Day, units int64, revenue, cogs money.Money) {
	if s.cur.IsZero() {
		if c := revenue.Currency(); !c.IsZero() {
			s.cur = c
		} else {
			s.cur = cogs.Currency()
		}
	}
	if sku == "" || units <= 0 {
		s.probs.add("order", sku, day, -1, "", "quantity "+itoa(units), ErrQuantity)
		return
	}
	if !sameCur(revenue, s.cur) || !sameCur(cogs, s.cur) {
		s.probs.add("order", sku, day, -1, "", "amounts not in "+s.cur.Code(), money.ErrCurrencyMismatch)
		return
	}
	if !s.fits(sku, units) {
		s.probs.add("order", sku, day, -1, "", "units "+itoa(units)+" take the sku's units sold past the int64 range", ErrOverflow)
		return
	}
	s.sku(sku).add(day, units, revenue, cogs)
}

// fits reports whether units more of sku keep its units sold in the int64
// range.
func (s *Sales) fits(sku string, units int64) bool {
	i, ok := s.idx[sku]
	if !ok {
		return true
	}
	_, ok = intmath.Add64(s.skus[i].units, units)
	return ok
}

// SetCategory records the category of sku, for SKUs not in the catalogue.
func (s *Sales) SetCategory(sku, category string) { s.sku(sku).category = category }

func (s *Sales) sku(sku string) *skuSales {
	if i, ok := s.idx[sku]; ok {
		return &s.skus[i]
	}
	return &s.skus[s.newSKU(sku)]
}

// newSKU adds the sales of sku, not yet in s, and returns their index.
func (s *Sales) newSKU(sku string) int {
	if s.idx == nil {
		s.idx = make(map[string]int)
	}
	s.idx[sku] = len(s.skus)
	s.skus = append(s.skus, skuSales{sku: sku})
	return len(s.skus) - 1
}

// lookup returns the sales of sku, sorted by day, or nil.
func (s *Sales) lookup(sku string) *skuSales {
	if s == nil {
		return nil
	}
	i, ok := s.idx[sku]
	if !ok {
		return nil
	}
	k := &s.skus[i]
	k.sort()
	return k
}

// add adds a sale; the caller checked with [Sales.fits] that k.units +
// units fits.
func (k *skuSales) add(day Day, units int64, rev, cogs money.Money) {
	r, rr := split(rev)
	c, cr := split(cogs)
	k.units += units
	n := len(k.days)
	if n > 0 && k.days[n-1].day == day {
		// A day's units are part of k.units, so they fit; amounts that
		// would take the day's minor units past int64 go to its exact
		// rest, so that a day is one entry (the demand statistics count
		// entries as days).
		d := &k.days[n-1]
		d.units += units
		d.revenue, rr = addOrRest(d.revenue, r, rr)
		d.cogs, cr = addOrRest(d.cogs, c, cr)
		k.rest(day, rr, cr)
		return
	}
	if n > 0 && day <= k.days[n-1].day {
		k.unsorted = true
	}
	k.days = append(k.days, daySale{day: day, units: units, revenue: r, cogs: c})
	k.rest(day, rr, cr)
}

// addOrRest returns a + b and rest if the sum fits in an int64, else a
// and rest + b.
func addOrRest(a, b int64, rest decimal.Decimal) (int64, decimal.Decimal) {
	if v, ok := intmath.Add64(a, b); ok {
		return v, rest
	}
	return a, rest.Add(decimal.NewFromInt(b))
}

func (k *skuSales) rest(day Day, rr, cr decimal.Decimal) {
	if !rr.IsZero() || !cr.IsZero() {
		k.exact = append(k.exact, exactRest{day: day, revenue: rr, cogs: cr})
	}
}

// split returns m as int64 minor units and the exact rest, in minor units,
// that they do not hold (zero unless m has more decimals than its currency
// or is huge).
func split(m money.Money) (int64, decimal.Decimal) {
	if v, ok := m.Minor(); ok {
		return v, decimal.Zero
	}
	d := m.Decimal().Shift(int32(m.Currency().Digits()))
	r := d.RoundBank(0)
	if r.BigInt().IsInt64() {
		return r.IntPart(), d.Sub(r)
	}
	return 0, d
}

// sort puts the days in order, merging days that repeat.
func (k *skuSales) sort() {
	if !k.unsorted {
		return
	}
	slices.SortStableFunc(k.days, func(a, b daySale) int { return cmp.Compare(a.day, b.day) })
	out := k.days[:0]
	for _, d := range k.days {
		if n := len(out); n > 0 && out[n-1].day == d.day {
			// Units of days are parts of k.units, so they fit; amounts
			// past int64 go to the day's exact rest (see add).
			p := &out[n-1]
			var rr, cr decimal.Decimal
			p.units += d.units
			p.revenue, rr = addOrRest(p.revenue, d.revenue, rr)
			p.cogs, cr = addOrRest(p.cogs, d.cogs, cr)
			k.rest(d.day, rr, cr)
			continue
		}
		out = append(out, d)
	}
	k.days = out
	k.unsorted = false
}

// Merge adds everything o holds to s, as if o's orders had been added to
// s, and returns nil.
//
// Sales keeps no location (each day is the date of a time stamp in its own
// location) and no period, so the only way two Sales can be incompatible
// is their currency: Merge of Sales in two currencies (a Sales without
// sales goes with any) returns a *metrics.MergeError that also wraps
// money.ErrCurrencyMismatch. A Merge that would take a SKU's units sold
// past the int64 range returns a *metrics.MergeError that also wraps
// [ErrOverflow]. A refused Merge leaves s unchanged.
func (s *Sales) Merge(o *Sales) error {
	if o == nil {
		return nil
	}
	if !s.cur.IsZero() && !o.cur.IsZero() && s.cur != o.cur && len(s.skus) > 0 && len(o.skus) > 0 {
		return mergeError("currencies "+s.cur.Code()+" and "+o.cur.Code(), money.ErrCurrencyMismatch)
	}
	for i := range o.skus {
		b := &o.skus[i]
		if j, ok := s.idx[b.sku]; ok && s != o {
			if _, ok := intmath.Add64(s.skus[j].units, b.units); !ok {
				return mergeError("sku "+strconv.Quote(b.sku)+": units sold past the int64 range", ErrOverflow)
			}
		} else if s == o && b.units > math.MaxInt64/2 {
			return mergeError("sku "+strconv.Quote(b.sku)+": units sold past the int64 range", ErrOverflow)
		}
	}
	if len(s.skus) == 0 && !o.cur.IsZero() {
		s.cur = o.cur
	}
	if s.cur.IsZero() {
		s.cur = o.cur
	}
	for _, p := range slices.Clone(o.probs.list) {
		s.probs.addN(p)
	}
	n := len(o.skus) // o may be s
	for i := range n {
		b := o.skus[i]
		a := s.sku(b.sku)
		a.units += b.units
		if b.category != "" {
			a.category = b.category
		}
		if !b.price.IsZero() {
			a.price = b.price
		}
		if len(b.days) > 0 {
			if len(a.days) > 0 {
				a.unsorted = true
			}
			a.unsorted = a.unsorted || b.unsorted
			a.days = append(a.days, b.days...)
		}
		a.exact = append(a.exact, b.exact...)
	}
	return nil
}

// mergeError returns the *metrics.MergeError of a refused Sales.Merge,
// wrapping cause too.
func mergeError(problem string, cause error) error {
	return fmt.Errorf("%w: %w", &metrics.MergeError{Pkg: "inventory", Type: "Sales", Problem: problem}, cause)
}

func itoa(v int64) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	var b [20]byte
	i := len(b)
	u := uint64(v)
	if neg {
		u = -u
	}
	for u > 0 {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// allocate splits the order-level discount of o over its lines in
// proportion to their value after line discounts, with
// [money.Money.Allocate]; a line without a positive value (a quantity that
// is not positive, amounts in another currency) weighs nothing. It is the
// decimal path of AddOrder, for orders that [metrics.Order.AppendLineMinor]
// declines.
func allocate(o metrics.Order) ([]money.Money, error) {
	ws := make([]decimal.Decimal, len(o.Lines))
	for i, l := range o.Lines {
		v, err := l.UnitPrice.Mul(l.Quantity).Sub(l.Discount)
		if err == nil && v.Sign() > 0 && l.Quantity > 0 {
			ws[i] = v.Decimal()
		}
	}
	return o.Discount.Allocate(ws)
}
