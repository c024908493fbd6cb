package promo

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Ledger accumulates daily sales per SKU from orders, and per tracked
// promotion the baskets that contain its items. Every analysis of this
// package reads a Ledger.
//
// The zero Ledger is empty and ready to use; it counts days in UTC unless
// Location is set before the first Add. Register promotions with
// [Ledger.Track] before adding orders, so that their redemptions and halo
// baskets are counted. Ledgers built over disjoint sets of orders combine
// with [Ledger.Merge]; the result equals one Ledger fed all the orders.
//
// A Ledger keeps one currency, the currency of the first order; an order in
// another currency is rejected. The units of all its orders stay within the
// int64 range, so that every count of units it reports is exact: an order
// that would take them past it is rejected. A SKU belongs to the category of its first
// line; category scopes and side effects use that category. Cancelled orders are not sales (its definition here)
// and are counted in [Ledger.Cancelled] instead.
//
// A Ledger is not safe for concurrent use; give each goroutine its own and
// merge them.
type Ledger struct {
	// Location is the store's time zone, in which orders are put on
	// calendar days. Defaults to UTC. Set it before the first Add.
	Location *time.Location

	cur       money.Currency
	skuIdx    map[string]int32
	skus      []skuSeries
	minDay    int
	maxDay    int
	orders    int64
	lines     int64
	units     int64 // Σ quantity of every line: every sum of cells fits
	cancelled int64
	tracked   []*tracker
	buf       []LineSales         // scratch for the exact path
	mbuf      []metrics.LineMinor // scratch for the fast path
	// days turns the orders' times into day numbers as dayOf does, with
	// the zone's offset remembered between orders: dayOf's calendar
	// date cost 50 ms of the review's 1.1M orders.
	days civil.Cache
}

// skuSeries is the daily sales of one SKU, dense from day first.
type skuSeries struct {
	sku      string
	category string
	first    int
	cells    []cell
}

// cell is one SKU on one day: units and exact amounts in minor units.
type cell struct {
	units                  int64
	noCost                 int64 // of units, those sold without a unit cost (metrics.Line.CostMissing)
	gross, disc, net, cost int64
	x                      *cellExtra // amounts the int64 fields could not hold
}

type cellExtra struct {
	gross, disc, net, cost money.Total
}

// tracker holds, per day, the baskets of one promotion's scope.
type tracker struct {
	p    Promotion
	skus map[string]bool
	cats map[string]bool
	days map[int]*basket
}

// basket is one day of orders containing at least one item in scope.
type basket struct {
	orders   int64 // orders with an item in scope
	redeemed int64 // of which carried the promotion's code
	other    map[string]*catCell
}

// catCell is the sales of one category in baskets of a promotion's scope.
type catCell struct {
	units     int64
	noCost    int64 // of units, those sold without a unit cost (metrics.Line.CostMissing)
	net, cost money.Total
}

func (l *Ledger) loc() *time.Location {
	if l.Location == nil {
		return time.UTC
	}
	return l.Location
}

// Track registers promotions whose redemptions and baskets the Ledger
// counts. It returns an error joining a *[PromotionError] for each invalid
// or duplicate promotion, and a *metrics.ConfigError (wrapping
// metrics.ErrConfig) naming "Ledger.Track" if orders were already added:
// the tracked promotions are part of the Ledger's setup, like Location.
func (l *Ledger) Track(ps ...Promotion) error {
	if l.orders > 0 || l.cancelled > 0 {
		return configError("Ledger.Track", "promotions must be tracked before the first order is added")
	}
	var errs []error
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		if l.tracker(p.ID) != nil {
			errs = append(errs, &PromotionError{ID: p.ID, Reason: "tracked twice"})
			continue
		}
		t := &tracker{p: p, skus: map[string]bool{}, cats: map[string]bool{}, days: map[int]*basket{}}
		for _, s := range p.Scope.SKUs {
			t.skus[s] = true
		}
		for _, c := range p.Scope.Categories {
			t.cats[c] = true
		}
		l.tracked = append(l.tracked, t)
	}
	return errors.Join(errs...)
}

func (l *Ledger) tracker(id string) *tracker {
	for _, t := range l.tracked {
		if t.p.ID == id {
			return t
		}
	}
	return nil
}

// Promotions returns the tracked promotions, in the order they were
// tracked.
func (l *Ledger) Promotions() []Promotion {
	out := make([]Promotion, len(l.tracked))
	for i, t := range l.tracked {
		out[i] = t.p
	}
	return out
}

func (t *tracker) inScope(sku, category string) bool {
	return t.p.Scope.Store || t.skus[sku] || t.cats[category]
}

// Add adds one order. A cancelled order is counted in [Ledger.Cancelled]
// and adds no sales. An invalid order adds nothing and gives an error
// joining one *[OrderError] per problem (see [SplitOrder]); an order in
// another currency than the first order's (an *OrderError that also wraps
// money.ErrCurrencyMismatch), or without a PlacedAt time, is such an error
// too.
func (l *Ledger) Add(o metrics.Order) error {
	if o.Status == metrics.Cancelled {
		if err := validateOrder(o); err != nil {
			return err
		}
		l.cancelled++
		return nil
	}
	if o.PlacedAt.IsZero() {
		err := &OrderError{OrderID: o.ID, Line: -1, Reason: "no order time (PlacedAt is zero)"}
		if verr := validateOrder(o); verr != nil {
			return errors.Join(err, verr)
		}
		return err
	}
	if !l.cur.IsZero() && o.Currency != l.cur && !o.Currency.IsZero() {
		return &OrderError{OrderID: o.ID, Line: -1, Reason: "currency " + o.Currency.Code() + " differs from the ledger's " + l.cur.Code(), Err: money.ErrCurrencyMismatch}
	}
	var units int64
	ok := true
	for i := range o.Lines {
		if units, ok = intmath.Add64(units, max(o.Lines[i].Quantity, 0)); !ok {
			break
		}
	}
	if ok {
		_, ok = intmath.Add64(l.units, units)
	}
	if !ok {
		err := &OrderError{OrderID: o.ID, Line: -1, Reason: "its units take the ledger's units past the int64 range"}
		if verr := validateOrder(o); verr != nil {
			return errors.Join(err, verr)
		}
		return err
	}
	ml, fast := splitMinor(l.mbuf, &o)
	l.mbuf = ml
	if !fast {
		var err error
		if l.buf, err = appendLineSales(l.buf[:0], o); err != nil {
			return err
		}
	}
	if l.cur.IsZero() {
		l.cur = o.Currency
	}
	day := int(l.days.Day(o.PlacedAt, l.loc()))
	if l.orders == 0 || day < l.minDay {
		l.minDay = day
	}
	if l.orders == 0 || day > l.maxDay {
		l.maxDay = day
	}
	l.orders++
	l.lines += int64(len(o.Lines))
	l.units += units
	for i := range o.Lines {
		ol := &o.Lines[i]
		c := l.cellAt(ol.SKU, ol.Category, day)
		c.units += ol.Quantity
		if ol.CostMissing() {
			c.noCost += ol.Quantity
		}
		if fast {
			m := &ml[i]
			mergeField(&c.gross, c, m.Gross, pickGross)
			mergeField(&c.disc, c, m.Discount+m.Share, pickDisc)
			mergeField(&c.net, c, m.Net(), pickNet)
			mergeField(&c.cost, c, m.Cost, pickCost)
			continue
		}
		ls := &l.buf[i]
		addTo(&c.gross, c, ls.Gross, pickGross)
		addTo(&c.disc, c, ls.Discount, pickDisc)
		addTo(&c.net, c, ls.Net, pickNet)
		addTo(&c.cost, c, ls.Cost, pickCost)
	}
	for _, t := range l.tracked {
		l.trackOrder(t, &o, day, fast)
	}
	return nil
}

func pickGross(x *cellExtra) *money.Total { return &x.gross }
func pickDisc(x *cellExtra) *money.Total  { return &x.disc }
func pickNet(x *cellExtra) *money.Total   { return &x.net }
func pickCost(x *cellExtra) *money.Total  { return &x.cost }

// addTo adds m to the int64 field f of c, spilling to c's extra amounts
// when m is not whole minor units or the field would overflow.
func addTo(f *int64, c *cell, m money.Money, pick func(*cellExtra) *money.Total) {
	if v, ok := m.Minor(); ok {
		if r, ok := intmath.Add64(*f, v); ok {
			*f = r
			return
		}
	}
	if c.x == nil {
		c.x = &cellExtra{}
	}
	pick(c.x).AddMoney(m)
}

// trackOrder counts o in t's baskets if it has an item in t's scope. The
// line amounts are in l.mbuf when fast, else in l.buf.
func (l *Ledger) trackOrder(t *tracker, o *metrics.Order, day int, fast bool) {
	var scopeCats [4]string
	cats := scopeCats[:0]
	hit := false
	for i := range o.Lines {
		ol := &o.Lines[i]
		if t.inScope(ol.SKU, ol.Category) {
			hit = true
			if !slices.Contains(cats, ol.Category) {
				cats = append(cats, ol.Category)
			}
		}
	}
	if !hit {
		return
	}
	b := t.days[day]
	if b == nil {
		b = &basket{other: map[string]*catCell{}}
		t.days[day] = b
	}
	b.orders++
	redeemed := o.Promotion == t.p.ID
	for i := range o.Lines {
		ol := &o.Lines[i]
		if ol.Promotion == t.p.ID {
			redeemed = true
		}
		if t.inScope(ol.SKU, ol.Category) || slices.Contains(cats, ol.Category) {
			continue
		}
		cc := b.other[ol.Category]
		if cc == nil {
			cc = &catCell{}
			b.other[ol.Category] = cc
		}
		cc.units += ol.Quantity
		if ol.CostMissing() {
			cc.noCost += ol.Quantity
		}
		if fast {
			cc.net.Add(l.mbuf[i].Net())
			cc.cost.Add(l.mbuf[i].Cost)
		} else {
			cc.net.AddMoney(l.buf[i].Net)
			cc.cost.AddMoney(l.buf[i].Cost)
		}
	}
	if redeemed {
		b.redeemed++
	}
}

// cellAt returns the cell of sku on day, creating the SKU and growing its
// series as needed.
func (l *Ledger) cellAt(sku, category string, day int) *cell {
	if l.skuIdx == nil {
		l.skuIdx = map[string]int32{}
	}
	i, ok := l.skuIdx[sku]
	if !ok {
		i = int32(len(l.skus))
		l.skuIdx[sku] = i
		l.skus = append(l.skus, skuSeries{sku: sku, category: category, first: day})
	}
	s := &l.skus[i]
	if len(s.cells) == 0 {
		s.first = day
	}
	if day < s.first {
		n := s.first - day
		grown := make([]cell, n+len(s.cells), n+cap(s.cells))
		copy(grown[n:], s.cells)
		s.cells, s.first = grown, day
	}
	k := day - s.first
	if k >= len(s.cells) {
		// Cells past len are never written, so they are zero when exposed.
		s.cells = slices.Grow(s.cells, k+1-len(s.cells))[:k+1]
	}
	return &s.cells[k]
}

// AddAll adds every order of seq, stopping at the first error of the
// sequence itself. Orders that fail validation do not stop it: their
// errors are joined and returned at the end, with every valid order added.
func (l *Ledger) AddAll(seq iter.Seq2[metrics.Order, error]) error {
	var errs []error
	for o, err := range seq {
		if err != nil {
			errs = append(errs, err)
			return errors.Join(errs...)
		}
		if err := l.Add(o); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Orders returns the number of orders added, not counting cancelled ones.
func (l *Ledger) Orders() int64 { return l.orders }

// Lines returns the number of order lines added.
func (l *Ledger) Lines() int64 { return l.lines }

// Cancelled returns the number of cancelled orders seen and left out.
func (l *Ledger) Cancelled() int64 { return l.cancelled }

// Currency returns the currency of the ledger's orders, or the zero
// Currency if it has none.
func (l *Ledger) Currency() money.Currency { return l.cur }

// Span returns the days the orders cover, from the first order's day to
// the last one's, and false if the Ledger is empty. Days in between without
// orders are days without sales.
func (l *Ledger) Span() (metrics.Period, bool) {
	if l.orders == 0 {
		return metrics.Period{}, false
	}
	return daysPeriod(l.minDay, l.maxDay+1, l.loc()), true
}

// Merge adds everything o has accumulated to l. Two ledgers are
// compatible when they have the same Location (by name and UTC offsets),
// the same tracked promotions in the same order, each defined alike (the
// same ID, name, window instants, scope, mechanism, amounts and
// quantities, compared as [Ledger.UnmarshalBinary] compares them: by a
// 64-bit digest, with amounts by value and the scope's SKUs and
// categories as sets, in any order), and the same currency (an empty
// ledger goes with any), and when their units together stay within the
// int64 range. Merge of incompatible ledgers returns a
// *metrics.MergeError, which wraps metrics.ErrIncompatible (and
// money.ErrCurrencyMismatch too when the currencies differ), and leaves l
// unchanged.
func (l *Ledger) Merge(o *Ledger) error {
	if !civil.SameLocation(l.loc(), o.loc()) {
		return mergeError("locations "+l.loc().String()+" and "+o.loc().String(), nil)
	}
	if !l.cur.IsZero() && !o.cur.IsZero() && l.cur != o.cur {
		return mergeError("currencies "+l.cur.Code()+" and "+o.cur.Code(), money.ErrCurrencyMismatch)
	}
	if len(l.tracked) != len(o.tracked) {
		return mergeError(fmt.Sprintf("%d and %d tracked promotions", len(l.tracked), len(o.tracked)), nil)
	}
	for i := range l.tracked {
		if l.tracked[i].p.ID != o.tracked[i].p.ID {
			return mergeError(fmt.Sprintf("tracked promotion %d is %q and %q", i, l.tracked[i].p.ID, o.tracked[i].p.ID), nil)
		}
		if definitionDigest(l.tracked[i].p) != definitionDigest(o.tracked[i].p) {
			return mergeError(fmt.Sprintf("promotion %q defined otherwise (its name, window, scope, mechanism or costs)", o.tracked[i].p.ID), nil)
		}
	}
	units, ok := intmath.Add64(l.units, o.units)
	if !ok {
		return mergeError("their units together pass the int64 range", nil)
	}
	if o.orders > 0 {
		if l.orders == 0 || o.minDay < l.minDay {
			l.minDay = o.minDay
		}
		if l.orders == 0 || o.maxDay > l.maxDay {
			l.maxDay = o.maxDay
		}
	}
	if l.cur.IsZero() {
		l.cur = o.cur
	}
	l.orders += o.orders
	l.lines += o.lines
	l.units = units
	l.cancelled += o.cancelled
	for _, s := range o.skus {
		for k := range s.cells {
			src := &s.cells[k]
			if *src == (cell{}) {
				continue
			}
			dst := l.cellAt(s.sku, s.category, s.first+k)
			dst.units += src.units
			dst.noCost += src.noCost
			mergeField(&dst.gross, dst, src.gross, pickGross)
			mergeField(&dst.disc, dst, src.disc, pickDisc)
			mergeField(&dst.net, dst, src.net, pickNet)
			mergeField(&dst.cost, dst, src.cost, pickCost)
			if src.x != nil {
				if dst.x == nil {
					dst.x = &cellExtra{}
				}
				dst.x.gross.AddTotal(src.x.gross)
				dst.x.disc.AddTotal(src.x.disc)
				dst.x.net.AddTotal(src.x.net)
				dst.x.cost.AddTotal(src.x.cost)
			}
		}
	}
	for i, t := range l.tracked {
		for day, ob := range o.tracked[i].days {
			b := t.days[day]
			if b == nil {
				b = &basket{other: map[string]*catCell{}}
				t.days[day] = b
			}
			b.orders += ob.orders
			b.redeemed += ob.redeemed
			for cat, oc := range ob.other {
				cc := b.other[cat]
				if cc == nil {
					cc = &catCell{}
					b.other[cat] = cc
				}
				cc.units += oc.units
				cc.noCost += oc.noCost
				cc.net.AddTotal(oc.net)
				cc.cost.AddTotal(oc.cost)
			}
		}
	}
	return nil
}

func mergeField(f *int64, c *cell, v int64, pick func(*cellExtra) *money.Total) {
	if r, ok := intmath.Add64(*f, v); ok {
		*f = r
		return
	}
	if c.x == nil {
		c.x = &cellExtra{}
	}
	pick(c.x).Add(v)
}

// dayOf returns the day number (days since 1970-01-01) of t's date in loc.
func dayOf(t time.Time, loc *time.Location) int { return int(civil.Of(t, loc)) }

// weekdayOf returns the weekday of day number n.
func weekdayOf(n int) time.Weekday { return civil.Weekday(int64(n)) }

// dateOf returns the start of day n in loc: midnight, or the instant the
// clocks jump to where a daylight-saving change skips midnight.
func dateOf(n int, loc *time.Location) time.Time {
	y, m, d := civil.Date(int64(n))
	return metrics.DayOf(y, m, d, loc).Start
}

// daysPeriod returns the period of civil days [from, to) in loc.
func daysPeriod(from, to int, loc *time.Location) metrics.Period {
	return metrics.Period{Start: dateOf(from, loc), End: dateOf(to, loc)}
}

// periodDays returns the civil days [from, to) that p touches in loc.
func periodDays(p metrics.Period, loc *time.Location) (from, to int) {
	from = dayOf(p.Start, loc)
	to = dayOf(p.End.Add(-time.Nanosecond), loc) + 1
	return from, to
}
