package promo

import (
	"errors"
	"math/bits"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// LineSales is what one order line contributes to sales and profit once the
// order-level discount is spread over the lines.
type LineSales struct {
	SKU       string
	Category  string
	Quantity  int64
	Promotion string        // the line's own promotion code, if any
	Gross     metrics.Money // quantity × unit price (销售总额)
	Discount  metrics.Money // line discount + the line's share of the order discount (优惠金额)
	Net       metrics.Money // Gross − Discount (净销售额, before returns)
	Cost      metrics.Money // quantity × unit cost (销售成本)
	Profit    metrics.Money // Net − Cost (毛利)
}

// SplitOrder returns the net sales and gross profit of each line of o, in
// the order of o.Lines, following METRICS.md:
//
//	value(i)  = quantity × unit price − line discount
//	share(i)  = the order discount allocated in proportion to value(i)
//	net(i)    = value(i) − share(i)
//	profit(i) = net(i) − quantity × unit cost
//
// The order discount is allocated with the largest-remainder method of
// [metrics.Money.Allocate], to the cent (or to the finest decimal the
// discount has): the shares add up to the order discount exactly, and ties
// go to the earlier line. When line values have more decimals than the
// discount, a line's share can exceed its value by less than one such unit,
// leaving it a net of, say, CNY −0.003; the order's total stays exact. A cancelled order is split like any other; the
// [Ledger] is what leaves cancelled orders out of sales.
//
// SplitOrder returns an error joining one *[OrderError] per problem: no
// currency, a non-positive quantity, a negative price, discount or cost, an
// amount in another currency, a line discount above the line's gross, or an
// order discount above the order's value.
func SplitOrder(o metrics.Order) ([]LineSales, error) {
	return appendLineSales(nil, o)
}

// minorLine is a line's amounts in minor units, on the fast path.
type minorLine struct {
	gross, disc, net, cost int64
}

// splitMinor computes the lines of o in int64 minor units when every amount
// is whole minor units of o.Currency, every product fits and the order is
// valid; otherwise it returns false and the caller takes the exact path.
func splitMinor(dst []minorLine, o *metrics.Order) ([]minorLine, bool) {
	dst = dst[:0]
	c := o.Currency
	if c.IsZero() || len(o.Lines) == 0 || !sameCur(o.Discount, c) {
		return dst, false
	}
	orderDisc, ok := minorOf(o.Discount)
	if !ok || orderDisc < 0 {
		return dst, false
	}
	var total int64
	for i := range o.Lines {
		l := &o.Lines[i]
		p, ok1 := minorOf(l.UnitPrice)
		d, ok2 := minorOf(l.Discount)
		k, ok3 := minorOf(l.UnitCost)
		g, ok4 := mul64(p, l.Quantity)
		cost, ok5 := mul64(k, l.Quantity)
		if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || l.Quantity <= 0 || d < 0 || d > g ||
			!sameCur(l.UnitPrice, c) || !sameCur(l.Discount, c) || !sameCur(l.UnitCost, c) {
			return dst, false
		}
		v := g - d
		t := total + v
		if t < total {
			return dst, false
		}
		total = t
		dst = append(dst, minorLine{gross: g, disc: d, net: v, cost: cost})
	}
	if orderDisc > total {
		return dst, false
	}
	if orderDisc != 0 {
		allocateMinor(dst, orderDisc, total)
	}
	return dst, true
}

func appendLineSales(dst []LineSales, o metrics.Order) ([]LineSales, error) {
	var buf [8]minorLine
	if ml, ok := splitMinor(buf[:0], &o); ok {
		c := o.Currency
		for i, m := range ml {
			l := &o.Lines[i]
			dst = append(dst, LineSales{
				SKU: l.SKU, Category: l.Category, Quantity: l.Quantity, Promotion: l.Promotion,
				Gross: c.FromMinor(m.gross), Discount: c.FromMinor(m.disc), Net: c.FromMinor(m.net),
				Cost: c.FromMinor(m.cost), Profit: c.FromMinor(m.net - m.cost),
			})
		}
		return dst, nil
	}
	if err := validateOrder(o); err != nil {
		return dst, err
	}
	return appendLineSalesSlow(dst, o)
}

// sameCur reports whether m is in c or is the zero Money.
func sameCur(m metrics.Money, c metrics.Currency) bool {
	return m.Currency() == c || (m.Currency().IsZero() && m.IsZero())
}

// allocateMinor spreads disc (0 < disc ≤ total) over lines whose net holds
// their value, by the largest-remainder method, ties to the earlier line:
// the same parts as [metrics.Money.Allocate].
func allocateMinor(lines []minorLine, disc, total int64) {
	var given int64
	var remBuf [16]uint64
	var shareBuf [16]int64
	rems, shares := remBuf[:0], shareBuf[:0]
	for i := range lines {
		hi, lo := bits.Mul64(uint64(disc), uint64(lines[i].net))
		q, r := bits.Div64(hi, lo, uint64(total)) // q ≤ net since disc ≤ total
		rems = append(rems, r)
		shares = append(shares, int64(q))
		given += int64(q)
	}
	for left := disc - given; left > 0; left-- {
		best := -1
		for i, r := range rems {
			if r != ^uint64(0) && (best < 0 || r > rems[best]) {
				best = i
			}
		}
		rems[best] = ^uint64(0) // given its extra unit
		shares[best]++
	}
	for i := range lines {
		lines[i].disc += shares[i]
		lines[i].net -= shares[i]
	}
}

func appendLineSalesSlow(dst []LineSales, o metrics.Order) ([]LineSales, error) {
	c := o.Currency
	weights := make([]decimal.Decimal, len(o.Lines))
	vals := make([]metrics.Money, len(o.Lines))
	for i, l := range o.Lines {
		g := l.UnitPrice.Mul(l.Quantity)
		v, _ := g.Sub(l.Discount) // currencies checked by validateOrder
		vals[i] = v
		weights[i] = v.Decimal()
	}
	shares := make([]metrics.Money, len(o.Lines))
	if !o.Discount.IsZero() {
		var err error
		shares, err = o.Discount.Allocate(weights)
		if err != nil {
			return dst, &OrderError{OrderID: o.ID, Line: -1, Reason: "order discount cannot be allocated: " + err.Error()}
		}
	}
	for i, l := range o.Lines {
		share := shares[i]
		if share.Currency().IsZero() {
			share = c.Zero()
		}
		disc, _ := l.Discount.Add(share)
		net, _ := vals[i].Sub(share)
		cost := l.UnitCost.Mul(l.Quantity)
		profit, _ := net.Sub(cost)
		dst = append(dst, LineSales{
			SKU: l.SKU, Category: l.Category, Quantity: l.Quantity, Promotion: l.Promotion,
			Gross: inCur(l.UnitPrice.Mul(l.Quantity), c), Discount: inCur(disc, c), Net: inCur(net, c),
			Cost: inCur(cost, c), Profit: inCur(profit, c),
		})
	}
	return dst, nil
}

// inCur gives the zero Money the currency c, so results print uniformly.
func inCur(m metrics.Money, c metrics.Currency) metrics.Money {
	if m.Currency().IsZero() {
		return c.Zero()
	}
	return m
}

// minorOf returns m in minor units; the zero Money is 0.
func minorOf(m metrics.Money) (int64, bool) {
	if m.Currency().IsZero() && m.IsZero() {
		return 0, true
	}
	return m.Minor()
}

func mul64(a, b int64) (int64, bool) {
	if a < 0 || b < 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > 1<<63-1 {
		return 0, false
	}
	return int64(lo), true
}

// validateOrder reports every problem of o at once.
func validateOrder(o metrics.Order) error {
	var errs []error
	bad := func(line int, sku, reason string) {
		errs = append(errs, &OrderError{OrderID: o.ID, Line: line, SKU: sku, Reason: reason})
	}
	c := o.Currency
	if c.IsZero() {
		bad(-1, "", "no currency")
		return errors.Join(errs...)
	}
	check := func(line int, sku, what string, m metrics.Money) {
		if !m.Currency().IsZero() && m.Currency() != c {
			bad(line, sku, what+" "+m.String()+" is not in "+c.Code())
		}
		if m.IsNegative() {
			bad(line, sku, what+" "+m.String()+" is negative")
		}
	}
	check(-1, "", "order discount", o.Discount)
	if len(o.Lines) == 0 {
		bad(-1, "", "no lines")
	}
	var total metrics.Money
	totalOK := true
	for i, l := range o.Lines {
		if l.Quantity <= 0 {
			bad(i, l.SKU, "quantity is not positive")
		}
		check(i, l.SKU, "unit price", l.UnitPrice)
		check(i, l.SKU, "discount", l.Discount)
		check(i, l.SKU, "unit cost", l.UnitCost)
		g := l.UnitPrice.Mul(l.Quantity)
		if k, err := l.Discount.Cmp(g); err == nil && k > 0 && l.Quantity > 0 {
			bad(i, l.SKU, "discount "+l.Discount.String()+" exceeds the line's gross "+g.String())
		}
		v, err := g.Sub(l.Discount)
		if err != nil {
			totalOK = false
			continue
		}
		if total, err = total.Add(v); err != nil {
			totalOK = false
		}
	}
	if totalOK && o.Discount.IsPositive() {
		if k, err := o.Discount.Cmp(total); err == nil && k > 0 {
			bad(-1, "", "order discount "+o.Discount.String()+" exceeds the lines' value "+inCur(total, c).String())
		}
	}
	return errors.Join(errs...)
}
