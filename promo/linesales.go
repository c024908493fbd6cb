package promo

import (
	"errors"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// LineSales is what one order line contributes to sales and profit once the
// order-level discount is spread over the lines.
type LineSales struct {
	SKU       string
	Category  string
	Quantity  int64
	Promotion string      // the line's own promotion code, if any
	Gross     money.Money // quantity × unit price (销售总额)
	Discount  money.Money // line discount + the line's share of the order discount (优惠金额)
	Net       money.Money // Gross − Discount (净销售额, before returns)
	Cost      money.Money // quantity × unit cost (销售成本)
	Profit    money.Money // Net − Cost (毛利)
}

// SplitOrder returns the net sales and gross profit of each line of o, in
// the order of o.Lines, following shopmetrics' definitions:
//
//	value(i)  = quantity × unit price − line discount
//	share(i)  = the order discount allocated in proportion to value(i)
//	net(i)    = value(i) − share(i)
//	profit(i) = net(i) − quantity × unit cost
//
// The order discount is allocated with the largest-remainder method of
// [money.Money.Allocate], to the cent (or to the finest decimal the
// discount has): the shares add up to the order discount exactly, and ties
// go to the earlier line. When line values have more decimals than the
// discount, a line's share can exceed its value by less than one such unit,
// leaving it a net of, say, CNY −0.003; the order's total stays exact. A cancelled order is split like any other; the
// [Ledger] is what leaves cancelled orders out of sales.
//
// SplitOrder returns an error joining one *[OrderError] per problem: no
// currency, a non-positive quantity, a negative price, discount or cost, an
// amount in another currency (which also wraps money.ErrCurrencyMismatch),
// a line discount above the line's gross, or an order discount above the
// order's value.
func SplitOrder(o metrics.Order) ([]LineSales, error) {
	return appendLineSales(nil, o)
}

// splitMinor computes the lines of o in int64 minor units, with
// [metrics.Order.AppendLineMinor], when the order is valid and every amount
// is whole minor units of o.Currency; otherwise it returns false and the
// caller takes the exact path.
func splitMinor(dst []metrics.LineMinor, o *metrics.Order) ([]metrics.LineMinor, bool) {
	if o.Currency.IsZero() || len(o.Lines) == 0 {
		return dst[:0], false
	}
	return o.AppendLineMinor(dst[:0])
}

func appendLineSales(dst []LineSales, o metrics.Order) ([]LineSales, error) {
	var buf [8]metrics.LineMinor
	if ml, ok := splitMinor(buf[:0], &o); ok {
		c := o.Currency
		for i, m := range ml {
			l := &o.Lines[i]
			dst = append(dst, LineSales{
				SKU: l.SKU, Category: l.Category, Quantity: l.Quantity, Promotion: l.Promotion,
				Gross: c.FromMinor(m.Gross), Discount: c.FromMinor(m.Discount + m.Share), Net: c.FromMinor(m.Net()),
				Cost: c.FromMinor(m.Cost), Profit: c.FromMinor(m.Net() - m.Cost),
			})
		}
		return dst, nil
	}
	if err := validateOrder(o); err != nil {
		return dst, err
	}
	return appendLineSalesSlow(dst, o)
}

func appendLineSalesSlow(dst []LineSales, o metrics.Order) ([]LineSales, error) {
	c := o.Currency
	shares, err := o.DiscountShares()
	if err != nil {
		return dst, &OrderError{OrderID: o.ID, Line: -1, Reason: "order discount cannot be allocated: " + err.Error()}
	}
	for i, l := range o.Lines {
		// validateOrder checked the currencies, so these cannot fail; an
		// error is still reported, never dropped.
		share := shares[i]
		cost := l.UnitCost.Mul(l.Quantity)
		disc, err1 := l.Discount.Add(share)
		v, err2 := l.Net()
		net, err3 := v.Sub(share)
		profit, err4 := net.Sub(cost)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return dst, &OrderError{OrderID: o.ID, Line: i, SKU: l.SKU, Reason: "amounts do not add up: " + err.Error(), Err: err}
		}
		dst = append(dst, LineSales{
			SKU: l.SKU, Category: l.Category, Quantity: l.Quantity, Promotion: l.Promotion,
			Gross: inCur(l.UnitPrice.Mul(l.Quantity), c), Discount: inCur(disc, c), Net: inCur(net, c),
			Cost: inCur(cost, c), Profit: inCur(profit, c),
		})
	}
	return dst, nil
}

// inCur gives the zero Money the currency c, so results print uniformly.
func inCur(m money.Money, c money.Currency) money.Money {
	if m.Currency().IsZero() {
		return c.Zero()
	}
	return m
}

// validateOrder reports every problem of o at once.
func validateOrder(o metrics.Order) error {
	var errs []error
	bad := func(line int, sku, reason string) {
		errs = append(errs, &OrderError{OrderID: o.ID, Line: line, SKU: sku, Reason: reason})
	}
	badCur := func(line int, sku, reason string) {
		errs = append(errs, &OrderError{OrderID: o.ID, Line: line, SKU: sku, Reason: reason, Err: money.ErrCurrencyMismatch})
	}
	c := o.Currency
	if c.IsZero() {
		bad(-1, "", "no currency")
		return errors.Join(errs...)
	}
	check := func(line int, sku, what string, m money.Money) {
		if !m.Currency().IsZero() && m.Currency() != c {
			badCur(line, sku, what+" "+m.String()+" is not in "+c.Code())
		}
		if m.IsNegative() {
			bad(line, sku, what+" "+m.String()+" is negative")
		}
	}
	check(-1, "", "order discount", o.Discount)
	if len(o.Lines) == 0 {
		bad(-1, "", "no lines")
	}
	var total money.Money
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
