package market

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Tracker accumulates competitor prices, our sales and our promotions for
// one period, and gives their [Summary].
//
// Set Period before the first Add; the rest of the zero Tracker is ready.
// Prices and promotion days outside Period, and order lines outside
// Period and the previous period, count in nothing. A Tracker takes its
// currency from the first price or order it counts. It is not safe for
// concurrent use: count shards in trackers of their own and
// [Tracker.Merge] them.
type Tracker struct {
	// Period is the period reviewed, [start, end) in the store's time
	// zone. Required.
	Period metrics.Period

	cur    money.Currency
	obs    map[pair][]money.Money     // the observations of the period, in input order
	promo  map[string]map[string]bool // competitor → days of the period with a promotion
	ours   map[string]bool            // days of the period with a promotion of ours
	sales  map[string]*[2]sales       // SKU → its sales of the period and of the previous one
	nPrice int64                      // observations counted
}

// pair is a SKU at a competitor.
type pair struct{ sku, competitor string }

// sales are the sales of one SKU in one period.
type sales struct {
	units int64
	gross money.Money // Σ quantity × unit list price
	net   money.Money // gross − line discounts − shares of order discounts
}

// day returns the date of t in the period's zone, such as "2025-12-12".
func (t *Tracker) day(d time.Time) string {
	return d.In(t.Period.Location()).Format(time.DateOnly)
}

// currency checks that m is in the tracker's currency, which it sets from
// m when it has none yet; it returns the mismatch otherwise.
func (t *Tracker) currency(c money.Currency) error {
	if t.cur.IsZero() || t.cur == c {
		return nil
	}
	_, err := money.Common(t.cur.Zero(), c.Zero())
	return err
}

// AddPrice counts one competitor price observation. Observations dated
// outside Period count in nothing (they are valid). It returns the
// *[PriceError] values of an invalid observation, a *PriceError wrapping
// money.ErrCurrencyMismatch for a price in another currency than the
// tracker's, or [ErrNoPeriod]; the tracker is then unchanged.
func (t *Tracker) AddPrice(p Price) error {
	if t.Period.IsZero() {
		return ErrNoPeriod
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := t.currency(p.Price.Currency()); err != nil {
		return &PriceError{SKU: p.SKU, Competitor: p.Competitor, Day: p.Day, Field: "Price",
			Problem: "in " + p.Price.Currency().Code() + ", not the tracker's " + t.cur.Code(), Err: err}
	}
	if !t.Period.Contains(p.Day) {
		return nil
	}
	t.cur = p.Price.Currency()
	if t.obs == nil {
		t.obs = make(map[pair][]money.Money)
	}
	k := pair{p.SKU, p.Competitor}
	t.obs[k] = append(t.obs[k], p.Price)
	t.nPrice++
	if p.Promotion {
		if t.promo == nil {
			t.promo = make(map[string]map[string]bool)
		}
		if t.promo[p.Competitor] == nil {
			t.promo[p.Competitor] = make(map[string]bool)
		}
		t.promo[p.Competitor][t.day(p.Day)] = true
	}
	return nil
}

// AddPromotion counts the days of Period that the window of one of our
// promotions touches, [w.Start, w.End), as our promotion days. It returns
// [ErrNoPeriod] for a tracker without a period.
func (t *Tracker) AddPromotion(w metrics.Period) error {
	if t.Period.IsZero() {
		return ErrNoPeriod
	}
	for d := range t.Period.Buckets(metrics.Day) {
		if d.Start.Before(w.End) && w.Start.Before(d.End) {
			if t.ours == nil {
				t.ours = make(map[string]bool)
			}
			t.ours[t.day(d.Start)] = true
		}
	}
	return nil
}

// AddOrder counts the lines of one order placed in Period or in the
// period before it: their units, list-price sales (our price) and net
// sales, per SKU. A cancelled order counts in nothing. It returns a
// *metrics.ValidationError for an order whose discounts cannot be
// allocated to its lines (metrics.Order.DiscountShares's problems), with
// a quantity that is not positive, a line worth less than zero after its
// discounts, without a currency (wrapping money.ErrUnknownCurrency) or
// whose currency is not the tracker's, or [ErrNoPeriod]; the tracker is
// then unchanged.
func (t *Tracker) AddOrder(o metrics.Order) error {
	if t.Period.IsZero() {
		return ErrNoPeriod
	}
	if o.Status == metrics.Cancelled {
		return nil
	}
	i := 0
	switch {
	case t.Period.Contains(o.PlacedAt):
	case t.Period.Previous().Contains(o.PlacedAt):
		i = 1
	default:
		return nil
	}
	if o.Currency.IsZero() {
		return &metrics.ValidationError{OrderID: o.ID, Field: "Currency", Problem: "no currency", Err: money.ErrUnknownCurrency}
	}
	if err := t.currency(o.Currency); err != nil {
		return &metrics.ValidationError{OrderID: o.ID, Field: "Currency", Problem: "in " + o.Currency.Code() + ", not the tracker's " + t.cur.Code(), Err: err}
	}
	shares, err := o.DiscountShares()
	if err != nil {
		return &metrics.ValidationError{OrderID: o.ID, Field: "Discount", Problem: err.Error(), Err: err}
	}
	type line struct {
		sku        string
		units      int64
		gross, net money.Money
	}
	ls := make([]line, 0, len(o.Lines))
	for j, l := range o.Lines {
		if l.Quantity <= 0 {
			return &metrics.ValidationError{OrderID: o.ID, Field: "Lines.Quantity", Problem: "quantity is not positive"}
		}
		gross := l.Gross()
		net, err := gross.Sub(l.Discount)
		if err == nil {
			net, err = net.Sub(shares[j])
		}
		if err == nil {
			_, err = money.Common(gross, o.Currency.Zero())
		}
		if err != nil {
			return &metrics.ValidationError{OrderID: o.ID, Field: "Lines", Problem: err.Error(), Err: err}
		}
		if gross.IsNegative() || net.IsNegative() {
			return &metrics.ValidationError{OrderID: o.ID, Field: "Lines", Problem: "line of " + l.SKU + " is worth less than zero after its discounts"}
		}
		ls = append(ls, line{l.SKU, l.Quantity, gross, net})
	}
	t.cur = o.Currency
	if t.sales == nil {
		t.sales = make(map[string]*[2]sales)
	}
	for _, l := range ls {
		s := t.sales[l.sku]
		if s == nil {
			s = &[2]sales{}
			for k := range s {
				s[k].gross, s[k].net = t.cur.Zero(), t.cur.Zero()
			}
			t.sales[l.sku] = s
		}
		s[i].units += l.units
		s[i].gross = oneCurrency(s[i].gross.Add(l.gross))
		s[i].net = oneCurrency(s[i].net.Add(l.net))
	}
	return nil
}

// Merge adds the counts of o to t, so that t is the tracker of both
// inputs. It returns a *metrics.MergeError, and leaves t unchanged, for
// trackers of other periods or currencies.
func (t *Tracker) Merge(o *Tracker) error {
	if !t.Period.Start.Equal(o.Period.Start) || !t.Period.End.Equal(o.Period.End) {
		return &metrics.MergeError{Pkg: "market", Type: "Tracker", Problem: "period " + t.Period.Label() + " and " + o.Period.Label()}
	}
	if !o.cur.IsZero() {
		if err := t.currency(o.cur); err != nil {
			return &metrics.MergeError{Pkg: "market", Type: "Tracker", Problem: "currency " + t.cur.Code() + " and " + o.cur.Code(), Err: err}
		}
		t.cur = o.cur
	}
	for k, v := range o.obs {
		if t.obs == nil {
			t.obs = make(map[pair][]money.Money)
		}
		t.obs[k] = append(t.obs[k], v...)
	}
	t.nPrice += o.nPrice
	for c, days := range o.promo {
		if t.promo == nil {
			t.promo = make(map[string]map[string]bool)
		}
		if t.promo[c] == nil {
			t.promo[c] = make(map[string]bool)
		}
		for d := range days {
			t.promo[c][d] = true
		}
	}
	for d := range o.ours {
		if t.ours == nil {
			t.ours = make(map[string]bool)
		}
		t.ours[d] = true
	}
	for sku, os := range o.sales {
		if t.sales == nil {
			t.sales = make(map[string]*[2]sales)
		}
		s := t.sales[sku]
		if s == nil {
			s = &[2]sales{}
			for k := range s {
				s[k].gross, s[k].net = t.cur.Zero(), t.cur.Zero()
			}
			t.sales[sku] = s
		}
		for k := range s {
			s[k].units += os[k].units
			s[k].gross = oneCurrency(s[k].gross.Add(os[k].gross))
			s[k].net = oneCurrency(s[k].net.Add(os[k].net))
		}
	}
	return nil
}

// Observations returns the number of price observations counted: those
// dated in Period.
func (t *Tracker) Observations() int64 { return t.nPrice }
