package metrics

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"
)

// Gross returns the line's gross value, quantity × unit price, before any
// discount.
func (l Line) Gross() Money { return l.UnitPrice.Mul(l.Quantity) }

// Net returns the line's value after its own discount, quantity × unit price
// − line discount, before the order-level discount. It returns a
// *[MismatchError] if the price and the discount are in different
// currencies.
func (l Line) Net() (Money, error) { return l.Gross().Sub(l.Discount) }

// Cost returns quantity × unit cost, the line's contribution to COGS.
func (l Line) Cost() Money { return l.UnitCost.Mul(l.Quantity) }

// Gross returns Σ quantity × unit price over the order's lines, in the
// order's currency. It returns a *[MismatchError] if a line is priced in
// another currency.
func (o Order) Gross() (Money, error) {
	t := o.Currency.Zero()
	for _, l := range o.Lines {
		var err error
		if t, err = t.Add(l.Gross()); err != nil {
			return Money{}, err
		}
	}
	return t, nil
}

// Net returns the order's merchandise value after line and order-level
// discounts: Σ (quantity × unit price − line discount) − order discount. It
// excludes shipping and tax. It returns a *[MismatchError] if an amount is
// in another currency than the order.
func (o Order) Net() (Money, error) {
	t := o.Currency.Zero()
	for _, l := range o.Lines {
		n, err := l.Net()
		if err == nil {
			t, err = t.Add(n)
		}
		if err != nil {
			return Money{}, err
		}
	}
	return t.Sub(o.Discount)
}

// Total returns what the customer paid: [Order.Net] + shipping + tax. It is
// the ceiling for the refunds of the order. It returns a *[MismatchError] if
// an amount is in another currency than the order.
func (o Order) Total() (Money, error) {
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
// with [Money.Allocate], so the shares add up to o.Discount to the cent and
// line-level margins add up to the order's. Share i belongs to o.Lines[i].
//
// An order without an order-level discount gives zero shares. It returns an
// error if a line's net value is negative, [ErrZeroWeights] if a discount is
// set on an order whose lines are all worth zero, and a *[MismatchError] if
// an amount is in another currency than the order.
func (o Order) DiscountShares() ([]Money, error) {
	out := make([]Money, len(o.Lines))
	if o.Discount.IsZero() {
		for i := range out {
			out[i] = o.Currency.Zero()
		}
		return out, nil
	}
	if _, err := match(o.Discount, o.Currency.Zero()); err != nil {
		return nil, err
	}
	w := make([]decimal.Decimal, len(o.Lines))
	for i, l := range o.Lines {
		n, err := l.Net()
		if err == nil {
			_, err = match(n, o.Currency.Zero())
		}
		if err != nil {
			return nil, err
		}
		w[i] = n.Decimal()
	}
	return o.Discount.Allocate(w)
}

// allocMinor is the allocation-free fast path of [Money.Allocate] for an
// amount and weights that are all whole minor units of one currency: it
// writes to out[i] the share of total for weight w[i], by the same
// largest-remainder rule (ties to the earlier part), and reports whether it
// could. idx and rem are scratch space of len(w). total and the weights
// must not be negative.
func allocMinor(total int64, w []int64, out []int64, idx []int, rem []uint64) bool {
	var sum uint64
	for _, v := range w {
		if v < 0 {
			return false
		}
		s, c := bits.Add64(sum, uint64(v), 0)
		if c != 0 {
			return false
		}
		sum = s
	}
	if sum == 0 || total < 0 {
		return false
	}
	given := int64(0)
	for i, v := range w {
		// total × v < 2^63 × sum, so the quotient fits and Div64 cannot panic.
		hi, lo := bits.Mul64(uint64(total), uint64(v))
		q, r := bits.Div64(hi, lo, sum)
		out[i] = int64(q)
		rem[i] = r
		given += int64(q)
	}
	left := total - given // fewer than len(w)
	if left == 0 {
		return true
	}
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(rem[b], rem[a]) })
	for k := int64(0); k < left; k++ {
		out[idx[k]]++
	}
	return true
}
