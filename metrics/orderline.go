package metrics

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// Gross returns the line's gross value, quantity × unit price, before any
// discount.
func (l Line) Gross() money.Money { return l.UnitPrice.Mul(l.Quantity) }

// Net returns the line's value after its own discount, quantity × unit price
// − line discount, before the order-level discount. It returns a
// *[money.MismatchError] if the price and the discount are in different
// currencies.
func (l Line) Net() (money.Money, error) { return l.Gross().Sub(l.Discount) }

// Cost returns quantity × unit cost, the line's contribution to COGS.
func (l Line) Cost() money.Money { return l.UnitCost.Mul(l.Quantity) }

// CostMissing reports whether l was sold without a unit cost: a positive
// quantity at a zero or missing UnitCost. Its Cost is then zero, and its
// gross profit would be its whole net sales: a figure of gross profit
// that counts such a line must say so (the promotions' CostMissing, the
// review's cost coverage) rather than show a 100 % margin.
func (l *Line) CostMissing() bool { return l.Quantity > 0 && l.UnitCost.IsZero() }

// Gross returns Σ quantity × unit price over the order's lines, in the
// order's currency. It returns a *[money.MismatchError] if a line is priced in
// another currency.
func (o Order) Gross() (money.Money, error) {
	t := o.Currency.Zero()
	for _, l := range o.Lines {
		var err error
		if t, err = t.Add(l.Gross()); err != nil {
			return money.Money{}, err
		}
	}
	return t, nil
}

// Net returns the order's merchandise value after line and order-level
// discounts: Σ (quantity × unit price − line discount) − order discount. It
// excludes shipping and tax. It returns a *[money.MismatchError] if an amount is
// in another currency than the order.
func (o Order) Net() (money.Money, error) {
	t := o.Currency.Zero()
	for _, l := range o.Lines {
		n, err := l.Net()
		if err == nil {
			t, err = t.Add(n)
		}
		if err != nil {
			return money.Money{}, err
		}
	}
	return t.Sub(o.Discount)
}

// Total returns what the customer paid: [Order.Net] + shipping + tax. It is
// the ceiling for the refunds of the order. It returns a *[money.MismatchError] if
// an amount is in another currency than the order.
func (o Order) Total() (money.Money, error) {
	t, err := o.Net()
	if err == nil {
		t, err = t.Add(o.Shipping)
	}
	if err == nil {
		t, err = t.Add(o.Tax)
	}
	return t, err
}

// DiscountShares allocates the order-level discount to the lines in
// proportion to their net value (quantity × unit price − line discount),
// with [money.Money.Allocate], so the shares add up to o.Discount to the cent and
// line-level margins add up to the order's. Share i belongs to o.Lines[i].
//
// An order without an order-level discount gives zero shares. It returns an
// error if a line's net value is negative, [money.ErrZeroWeights] if a discount is
// set on an order whose lines are all worth zero, and a *[money.MismatchError] if
// an amount is in another currency than the order.
func (o Order) DiscountShares() ([]money.Money, error) {
	out := make([]money.Money, len(o.Lines))
	if o.Discount.IsZero() {
		for i := range out {
			out[i] = o.Currency.Zero()
		}
		return out, nil
	}
	if _, err := money.Common(o.Discount, o.Currency.Zero()); err != nil {
		return nil, err
	}
	w := make([]decimal.Decimal, len(o.Lines))
	for i, l := range o.Lines {
		n, err := l.Net()
		if err == nil {
			_, err = money.Common(n, o.Currency.Zero())
		}
		if err != nil {
			return nil, err
		}
		w[i] = n.Decimal()
	}
	return o.Discount.Allocate(w)
}

// LineMinor is one order line in whole minor units of the order's currency
// (cents for CNY, yen for JPY), with the line's share of the order-level
// discount, as [Order.AppendLineMinor] computes it. The amounts are plain
// int64s so that callers can accumulate them without allocating.
type LineMinor struct {
	Gross    int64 // Quantity × UnitPrice
	Discount int64 // the line's own discount, Line.Discount
	Share    int64 // the line's share of the order-level discount, as in [Order.DiscountShares]
	Cost     int64 // Quantity × UnitCost
}

// Net returns the line's net sales, Gross − Discount − Share. It is never
// negative for a LineMinor from [Order.AppendLineMinor].
func (l LineMinor) Net() int64 { return l.Gross - l.Discount - l.Share }

// AppendLineMinor appends to dst one [LineMinor] per line of o, in the order
// of o.Lines, and reports whether it could. It is the integer form of
// [Line.Gross], [Line.Cost] and [Order.DiscountShares] for the common order
// whose amounts are all whole minor units, and it allocates nothing beyond
// growing dst: reuse dst from order to order.
//
// With value(i) = Quantity × UnitPrice − Discount of line i, V = Σ value(i)
// and D = o.Discount in minor units, line i gets
//
//	Share(i) = ⌊D × value(i) / V⌋, + 1 for the D − Σ ⌊…⌋ lines with the
//	           largest remainders D × value(i) mod V (ties to the earlier line)
//
// which is the largest-remainder rule of [money.Money.Allocate]: the shares add up
// to D exactly, 0 ≤ Share(i) ≤ value(i), and each share equals the
// corresponding element of [Order.DiscountShares]. An order without an
// order-level discount gives zero shares.
//
// AppendLineMinor returns dst unchanged (truncated to its original length)
// and false if an amount is not a whole number of minor units of o.Currency
// (it has more decimals, is in another currency, or does not fit in an
// int64; the zero Money counts as 0), a quantity is not positive, a price,
// cost, line discount or the order discount is negative, a line discount
// exceeds the line's gross, the order discount exceeds V, or a product or V
// does not fit in an int64. Such orders need the decimal path:
// [Order.DiscountShares] gives their shares or the error that explains why
// there are none.
func (o Order) AppendLineMinor(dst []LineMinor) ([]LineMinor, bool) {
	n0 := len(dst)
	c := o.Currency
	d, ok := minorOf(o.Discount, c)
	if !ok {
		return dst, false
	}
	for i := range o.Lines {
		m, ok := lineMinorOf(&o.Lines[i], c)
		if !ok {
			return dst[:n0], false
		}
		dst = append(dst, m)
	}
	if !shareMinor(d, dst[n0:]) {
		return dst[:n0], false
	}
	return dst, true
}

// minorLine returns the [LineMinor] of a line of q units at unit price p
// with line discount ld and unit cost k, all in minor units, and whether
// the line can be counted in minor units: q is positive, p, ld and k are
// not negative, ld is at most q × p, and the products fit in an int64.
// Its Share is zero: see [shareMinor].
// lineMinorOf returns line l of an order in currency c in minor units
// (minorLine), and false when an amount is not whole minor units of c or
// a product does not fit in an int64.
func lineMinorOf(l *Line, c money.Currency) (LineMinor, bool) {
	p, ok1 := minorOf(l.UnitPrice, c)
	ld, ok2 := minorOf(l.Discount, c)
	k, ok3 := minorOf(l.UnitCost, c)
	m, ok := minorLine(l.Quantity, p, ld, k)
	return m, ok1 && ok2 && ok3 && ok
}

func minorLine(q, p, ld, k int64) (LineMinor, bool) {
	if q <= 0 || p < 0 || ld < 0 || k < 0 {
		return LineMinor{}, false
	}
	g, ok1 := mulMinor(q, p)
	c, ok2 := mulMinor(q, k)
	if !ok1 || !ok2 || ld > g {
		return LineMinor{}, false
	}
	return LineMinor{Gross: g, Discount: ld, Cost: c}, true
}

// shareMinor sets the Share of each of an order's lines (from
// [minorLine]) to its part of the order discount d, and reports whether
// it could: d is not negative and at most V = Σ (Gross − Discount), and V
// fits in an int64. It is the end of [Order.AppendLineMinor], for the
// columns of [Orders] too.
func shareMinor(d int64, lines []LineMinor) bool {
	if d < 0 {
		return false
	}
	var v int64
	for i := range lines {
		if v += lines[i].Gross - lines[i].Discount; v < 0 {
			return false // overflow
		}
	}
	if d > v {
		return false
	}
	if d > 0 {
		allocMinor(d, lines)
	}
	return true
}

// minorOf returns m in minor units of c when m is a whole number of them
// held in an int64, or the zero Money.
func minorOf(m money.Money, c money.Currency) (int64, bool) {
	return m.MinorIn(c)
}

// mulMinor returns q × p for q > 0 and p >= 0, and whether it fits.
func mulMinor(q, p int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(q), uint64(p))
	return int64(lo), hi == 0 && lo <= math.MaxInt64
}

// allocMinor is the one integer implementation of the rule of
// [money.Money.Allocate]: it sets the Share of each line to its part of total for
// the weight Gross − Discount, by the largest-remainder rule (ties to the
// earlier line), and reports whether it could: total must not be negative,
// nor any weight, and the weights must add up to more than zero and fit in
// an int64. It allocates nothing for up to 64 lines.
func allocMinor(total int64, lines []LineMinor) bool {
	var sum int64
	for i := range lines {
		w := lines[i].Gross - lines[i].Discount
		if w < 0 || total < 0 {
			return false
		}
		if sum += w; sum < 0 {
			return false // overflow
		}
	}
	if sum == 0 {
		return false
	}
	t, s := uint64(total), uint64(sum)
	var given uint64
	for i := range lines {
		// t × w < 2^64 × s since w ≤ s, so Div64 cannot panic.
		hi, lo := bits.Mul64(t, uint64(lines[i].Gross-lines[i].Discount))
		q, _ := bits.Div64(hi, lo, s)
		lines[i].Share = int64(q)
		given += q
	}
	left := t - given // fewer than len(lines)
	if left == 0 {
		return true
	}
	if len(lines) <= 64 {
		// Give the units left one at a time to the largest remainder not yet
		// served; rem tells served lines apart, so no scratch space is needed.
		for ; left > 0; left-- {
			best, br := -1, uint64(0)
			for i := range lines {
				if r := lines[i].rem(t, s); r < s && (best < 0 || r > br) {
					best, br = i, r
				}
			}
			lines[best].Share++
		}
		return true
	}
	idx := make([]int, len(lines))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(lines[b].rem(t, s), lines[a].rem(t, s)) })
	for _, i := range idx[:left] {
		lines[i].Share++
	}
	return true
}

// rem returns t × (Gross − Discount) − Share × s modulo 2^64: the remainder
// of the share of t for weight Gross − Discount out of s while Share is the
// floor of that share, and a number above s once Share has its extra unit
// (the difference is then negative and s < 2^63).
func (l *LineMinor) rem(t, s uint64) uint64 {
	return t*uint64(l.Gross-l.Discount) - uint64(l.Share)*s
}
