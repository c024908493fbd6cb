package cohort

import (
	"errors"
	"fmt"
	"math"
	"math/bits"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The value of an order: net sales and COGS from its lines, as shopmetrics
// defines them, on a fast integer path for the common order and an exact,
// validating decimal path for everything else.

// causeError is a problem whose category is an error of its own, such as
// money.ErrCurrencyMismatch, with a message of its own.
type causeError struct {
	msg string
	err error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.err }

// sameCur reports whether m is in c (the zero Money fits any currency).
func sameCur(m money.Money, c money.Currency) bool {
	mc := m.Currency()
	return mc == c || (mc.IsZero() && m.IsZero())
}

// fastValue computes net sales and COGS of a valid order in whole minor
// units, and the index of its main line (see [mainCategory]; -1 for no
// lines), with [metrics.Order.AppendLineMinor] into the scratch slice
// *lines, which it keeps for the next call. It reports false if anything
// is unusual (invalid data, extra decimals, overflow), and the caller then
// takes the slow, checking path.
func fastValue(o *metrics.Order, cur money.Currency, lines *[]metrics.LineMinor) (net, cogs int64, main int, ok bool) {
	if o.Currency != cur || cur.IsZero() || o.PlacedAt.IsZero() {
		return 0, 0, -1, false
	}
	ls, ok := o.AppendLineMinor((*lines)[:0])
	*lines = ls
	if !ok {
		return 0, 0, -1, false
	}
	main = -1
	best := int64(-1)
	for i := range ls {
		ln := &ls[i]
		if ln.Gross > best {
			best, main = ln.Gross, i
		}
		// Each term is at most MaxInt64, so neither sum can wrap past
		// the bound before it is checked.
		net += ln.Net()
		cogs += ln.Cost
		if net > math.MaxInt64/4 || cogs > math.MaxInt64/4 || ln.Cost > math.MaxInt64/4 || ln.Net() > math.MaxInt64/4 {
			return 0, 0, -1, false
		}
	}
	return net, cogs, main, true
}

// slowValue validates the order and its refunds, reporting every problem,
// and computes net sales and COGS (before refunds) exactly.
func slowValue(o *metrics.Order, cur money.Currency, refunds []metrics.Refund) (net, cogs money.Total, err error) {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	mismatch := func(m money.Money) {
		if !sameCur(m, cur) {
			errs = append(errs, &money.MismatchError{A: cur.Zero(), B: m})
		}
	}
	switch {
	case cur.IsZero():
		errs = append(errs, &causeError{"no currency", money.ErrUnknownCurrency})
	case o.Currency != cur:
		errs = append(errs, &causeError{fmt.Sprintf("currency %s, the ledger holds %s", o.Currency.Code(), cur.Code()), money.ErrCurrencyMismatch})
	}
	if o.PlacedAt.IsZero() {
		bad("no PlacedAt")
	}
	mismatch(o.Discount)
	if o.Discount.IsNegative() {
		bad("negative order discount %s", o.Discount)
	}
	n := decimal.Zero.Sub(o.Discount.Decimal())
	k := decimal.Zero
	for i, ln := range o.Lines {
		mismatch(ln.UnitPrice)
		mismatch(ln.Discount)
		mismatch(ln.UnitCost)
		if ln.Quantity <= 0 {
			bad("line %d (SKU %q): quantity %d is not positive", i+1, ln.SKU, ln.Quantity)
		}
		for _, f := range []struct {
			name string
			m    money.Money
		}{{"unit price", ln.UnitPrice}, {"discount", ln.Discount}, {"unit cost", ln.UnitCost}} {
			if f.m.IsNegative() {
				bad("line %d (SKU %q): negative %s %s", i+1, ln.SKU, f.name, f.m)
			}
		}
		q := decimal.NewFromInt(ln.Quantity)
		n = n.Add(ln.UnitPrice.Decimal().Mul(q)).Sub(ln.Discount.Decimal())
		k = k.Add(ln.UnitCost.Decimal().Mul(q))
	}
	for i := range refunds {
		r := &refunds[i]
		if r.OrderID != o.ID {
			bad("refund %q is for order %q", r.ID, r.OrderID)
		}
		if r.At.IsZero() {
			bad("refund %q has no date", r.ID)
		} else if !o.PlacedAt.IsZero() && r.At.Before(o.PlacedAt) {
			bad("refund %q is dated before the order", r.ID)
		}
		mismatch(r.Amount)
		if r.Amount.IsNegative() {
			bad("refund %q: negative amount %s", r.ID, r.Amount)
		}
		for _, rl := range r.Lines {
			if rl.Quantity <= 0 {
				bad("refund %q: SKU %q: quantity %d is not positive", r.ID, rl.SKU, rl.Quantity)
			}
			if _, ok := lineOf(o, rl.SKU); !ok {
				bad("refund %q: SKU %q is not on the order", r.ID, rl.SKU)
			}
		}
	}
	if len(errs) > 0 {
		return money.Total{}, money.Total{}, errors.Join(errs...)
	}
	net.AddAmount(n, cur)
	cogs.AddAmount(k, cur)
	return net, cogs, nil
}

// refundValue returns a validated refund's amount and the cost of its
// restocked units, in minor units.
func refundValue(o *metrics.Order, r *metrics.Refund, cur money.Currency) (amt, cost money.Total) {
	amt.AddAmount(r.Amount.Decimal(), cur)
	for _, rl := range r.Lines {
		if !rl.Restocked {
			continue
		}
		if ln, ok := lineOf(o, rl.SKU); ok { // always, once validated
			cost.AddAmount(ln.UnitCost.Decimal().Mul(decimal.NewFromInt(rl.Quantity)), cur)
		}
	}
	return amt, cost
}

func lineOf(o *metrics.Order, sku string) (metrics.Line, bool) {
	for _, ln := range o.Lines {
		if ln.SKU == sku {
			return ln, true
		}
	}
	return metrics.Line{}, false
}

// mainCategory returns the Category of o's line of highest gross value
// (quantity × unit price), the earlier line on a tie.
func mainCategory(o *metrics.Order) string {
	if len(o.Lines) == 1 {
		return o.Lines[0].Category
	}
	best, cat := int64(-1), ""
	for i := range o.Lines {
		ln := &o.Lines[i]
		p, ok := ln.UnitPrice.Minor()
		hi, v := bits.Mul64(uint64(p), uint64(ln.Quantity))
		if !ok || p < 0 || ln.Quantity < 0 || hi != 0 || v > math.MaxInt64 {
			return mainCategoryExact(o)
		}
		if int64(v) > best {
			best, cat = int64(v), ln.Category
		}
	}
	return cat
}

// mainCategoryExact is mainCategory in decimals, for amounts beyond the
// int64 fast path.
func mainCategoryExact(o *metrics.Order) string {
	var best decimal.Decimal
	cat := ""
	for i := range o.Lines {
		ln := &o.Lines[i]
		v := ln.UnitPrice.Decimal().Mul(decimal.NewFromInt(ln.Quantity))
		if i == 0 || v.GreaterThan(best) {
			best, cat = v, ln.Category
		}
	}
	return cat
}
