package metrics

import (
	"cmp"
	"math"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Totals accumulates the sales totals of orders per currency: orders,
// gross sales, discounts and COGS, from which [SalesTotal] derives net
// sales, gross profit and gross margin. It is the lean form of
// [Summarizer] for when only these totals are wanted: it keeps no
// customers, channels or SKUs, so a batch of orders ([Totals.AddOrders])
// is summed in tight passes over a few int64 columns.
//
// Its totals are exactly those of the [Summary] of the same orders, period
// and currency without refunds: the orders counted are those placed in
// Period and not cancelled, and an order that Summarizer.Add rejects is
// rejected with the same error. Amounts are exact: whole minor units are
// added as integers and anything else (sub-cent amounts, totals past the
// int64 range) in decimal, as [money.Total] does.
//
// The zero Totals is ready to use and counts all time; set Period before
// the first Add to count one period. A Period that is not the zero Period
// must end after it starts: Add and AddOrders return a *[ConfigError] of
// "Totals.Period" otherwise. Totals are mergeable ([Totals.Merge]) and
// serializable ([Totals.MarshalBinary]). A Totals is not safe for
// concurrent use; give each goroutine its own and merge them.
type Totals struct {
	Period Period // the orders counted are those placed in Period; the zero Period (the default) is all time

	accs []totalsAcc
}

type totalsAcc struct {
	cur               money.Currency
	orders            int64
	gross, disc, cogs money.Total
}

// SalesTotal is the result of [Totals] for one currency. Every amount is
// in Currency, exact; empty input gives zero amounts and an undefined
// (n/a) margin.
type SalesTotal struct {
	Currency money.Currency
	// Orders (订单数) counts the non-cancelled orders placed in the period.
	Orders int64
	// GrossSales (销售总额) is Σ quantity × unit price of the lines of those
	// orders, before discounts.
	GrossSales money.Money
	// Discounts (优惠金额) is Σ line discounts + order-level discounts.
	Discounts money.Money
	// COGS (销售成本) is Σ quantity × unit cost of the lines; returned units
	// are not known to Totals.
	COGS money.Money
	// NetSales (净销售额) is GrossSales − Discounts: net of discounts,
	// before returns (Summary.NetSales also subtracts refunds).
	NetSales money.Money
	// GrossProfit (毛利) is NetSales − COGS.
	GrossProfit money.Money
	// GrossMargin (毛利率) is GrossProfit / NetSales, a fraction (0.25 is
	// 25 %), computed as [MoneyRatio] computes it; undefined (n/a) when
	// NetSales is zero.
	GrossMargin Ratio
}

// acc returns the accumulator of c, adding it.
func (t *Totals) acc(c money.Currency) *totalsAcc {
	for i := range t.accs {
		if t.accs[i].cur == c {
			return &t.accs[i]
		}
	}
	t.accs = append(t.accs, totalsAcc{cur: c})
	return &t.accs[len(t.accs)-1]
}

// Add adds an order, exactly as [Summarizer.Add] counts it in the
// totals: a cancelled order, or one not placed in t.Period, is ignored.
//
// Add returns a *[ValidationError], and does not count the order, if
// Summarizer.Add would (no currency, an amount in another currency, a
// non-positive quantity, a negative amount, a discount larger than what
// it discounts). It returns a *[ConfigError], and counts nothing, if
// t.Period is empty or inverted.
func (t *Totals) Add(o Order) error {
	if err := checkPeriod("Totals.Period", t.Period); err != nil {
		return err
	}
	return t.add(o, nil)
}

// add is Add after the period check; lm is scratch space.
func (t *Totals) add(o Order, lm []LineMinor) error {
	if o.Status == Cancelled {
		return nil
	}
	// The checks in the order of Summarizer.Add: an order without a
	// currency is an error before the period too, not after it.
	if !t.Period.IsZero() && !o.PlacedAt.Before(t.Period.End) {
		return nil
	}
	c := o.Currency
	if c.IsZero() {
		return &ValidationError{OrderID: o.ID, Field: "Currency", Problem: "no currency", Err: money.ErrUnknownCurrency}
	}
	if !t.Period.IsZero() && o.PlacedAt.Before(t.Period.Start) {
		return nil
	}
	if lm, ok := o.AppendLineMinor(lm[:0]); ok {
		od, _ := minorOf(o.Discount, c) // checked by AppendLineMinor
		sh, ok1 := minorOf(o.Shipping, c)
		tx, ok2 := minorOf(o.Tax, c)
		if ok1 && ok2 && sh >= 0 && tx >= 0 {
			a := t.acc(c)
			a.orders++
			a.disc.Add(od)
			for _, m := range lm {
				a.gross.Add(m.Gross)
				a.disc.Add(m.Discount)
				a.cogs.Add(m.Cost)
			}
			return nil
		}
	}
	if _, err := checkOrder(o); err != nil {
		return err
	}
	a := t.acc(c)
	a.orders++
	a.disc.AddMoney(o.Discount)
	for i := range o.Lines {
		l := &o.Lines[i]
		a.gross.AddMoney(l.UnitPrice.Mul(l.Quantity))
		a.disc.AddMoney(l.Discount)
		a.cogs.AddMoney(l.UnitCost.Mul(l.Quantity))
	}
	return nil
}

// Merge adds everything o has accumulated to t, as if o's orders had been
// added to t. The orders of t and o must be disjoint.
//
// Merge returns a *[MergeError], and leaves t unchanged, if o is t (its
// orders would count twice) or if their periods are not the same
// instants. Merge panics if o is nil.
func (t *Totals) Merge(o *Totals) error {
	bad := func(problem string) error { return &MergeError{Pkg: "metrics", Type: "Totals", Problem: problem} }
	switch {
	case t == o:
		return bad("a Totals merged with itself would count its orders twice")
	case !t.Period.Start.Equal(o.Period.Start) || !t.Period.End.Equal(o.Period.End):
		return bad("Period " + periodName(t.Period) + " and " + periodName(o.Period))
	}
	for _, b := range o.accs {
		if a := t.find(b.cur); a != nil && a.orders > math.MaxInt64-b.orders {
			return bad("more than 2^63-1 orders of " + b.cur.Code())
		}
	}
	for _, b := range o.accs {
		a := t.acc(b.cur)
		a.orders += b.orders
		a.gross.AddTotal(b.gross)
		a.disc.AddTotal(b.disc)
		a.cogs.AddTotal(b.cogs)
	}
	return nil
}

// For returns the totals of currency c: zero amounts and an undefined
// margin if nothing in c was added.
func (t *Totals) For(c money.Currency) SalesTotal {
	for i := range t.accs {
		if t.accs[i].cur == c {
			return t.accs[i].result()
		}
	}
	return (&totalsAcc{cur: c}).result()
}

// Result returns the totals of each currency of the orders counted,
// sorted by currency code; nil if none was counted.
func (t *Totals) Result() []SalesTotal {
	if len(t.accs) == 0 {
		return nil
	}
	out := make([]SalesTotal, 0, len(t.accs))
	for i := range t.accs {
		out = append(out, t.accs[i].result())
	}
	slices.SortFunc(out, func(a, b SalesTotal) int { return cmp.Compare(a.Currency.Code(), b.Currency.Code()) })
	return out
}

func (a *totalsAcc) result() SalesTotal {
	c := a.cur
	net := a.gross
	net.SubTotal(a.disc)
	gp := net
	gp.SubTotal(a.cogs)
	return SalesTotal{Currency: c, Orders: a.orders,
		GrossSales: a.gross.Money(c), Discounts: a.disc.Money(c), COGS: a.cogs.Money(c),
		NetSales: net.Money(c), GrossProfit: gp.Money(c), GrossMargin: totalRatio(gp, net, c)}
}

// find returns the accumulator of c, or nil.
func (t *Totals) find(c money.Currency) *totalsAcc {
	for i := range t.accs {
		if t.accs[i].cur == c {
			return &t.accs[i]
		}
	}
	return nil
}
