package profile

import (
	"math"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Alpha is the significance level of [Shift]'s test, before the
// Bonferroni correction over a dimension's values.
const Alpha = 0.05

// minExpected is the smallest expected count, in each group, of the
// values with and without the attribute, for the normal approximation of
// the two-proportion test (the usual rule of thumb).
const minExpected = 5

// Row is the figures of the buyers with one attribute value.
type Row struct {
	Value     string // the attribute value, [Unknown] or [Other]
	Buyers    int64  // buyers with the value
	New       int64  // of which new customers
	Orders    int64  // their orders in the period
	Repeaters int64  // of which buyers with ≥ 2 orders in the period
	// Sales are the buyers' net sales in the period (the table's
	// currency).
	Sales money.Money
	// SalesShare is Sales / the sales of all buyers: the shares of a
	// dimension's rows add up to 1. Undefined when all sales are zero.
	SalesShare metrics.Ratio
	// BuyerShare is Buyers / all buyers.
	BuyerShare metrics.Ratio
	// AOV is Sales / Orders, money rounded half-even to the minor unit;
	// undefined without orders.
	AOV metrics.Value
	// Repurchase is Repeaters / Buyers (复购率).
	Repurchase metrics.Ratio
	// ValuePerBuyer is the buyers' summed [Buyer.Value] / Buyers, rounded
	// half-even to the minor unit; undefined without buyers.
	ValuePerBuyer metrics.Value
	// Shift compares the value's share of new customers with its share
	// of all buyers.
	Shift Shift
}

// Shift compares how common an attribute value is among the period's new
// customers and among all its buyers (the base).
type Shift struct {
	NewShare  metrics.Ratio // new buyers with the value / new buyers
	BaseShare metrics.Ratio // buyers with the value / buyers
	// Points is NewShare − BaseShare in percentage points (a Value in
	// metrics.UnitPoints); undefined when either is.
	Points metrics.Value
	// Z is the pooled two-proportion z statistic of new against
	// returning buyers (positive when the value is commoner among new
	// ones), and P its two-sided p-value, in metrics.UnitNumber; both
	// undefined when a group is empty or an expected count is below 5.
	Z, P metrics.Value
	// Significant says P < Alpha / k, k the number of rows of the
	// dimension tested (Bonferroni); false when P is undefined.
	Significant bool
}

// row computes the row of value v with sums c, one of k tested rows.
func (t *Table) row(v string, c *cell, k int64) Row {
	r := Row{Value: v, Buyers: c.buyers, New: c.new, Orders: c.orders, Repeaters: c.repeaters}
	r.Sales = c.sales.Money(t.cur)
	r.SalesShare = totalRatio(c.sales, t.total.sales)
	r.BuyerShare = metrics.CountRatio(c.buyers, t.total.buyers)
	r.AOV = perCount(c.sales, c.orders, t.cur)
	r.Repurchase = metrics.CountRatio(c.repeaters, c.buyers)
	r.ValuePerBuyer = perCount(c.value, c.buyers, t.cur)
	r.Shift = shift(c.new, t.total.new, c.buyers-c.new, t.total.buyers-t.total.new, k)
	if v == "" { // the total: nothing to compare
		r.Shift.Z, r.Shift.P, r.Shift.Significant = metrics.Undefined(metrics.UnitNumber), metrics.Undefined(metrics.UnitNumber), false
	}
	return r
}

// totalRatio returns num / den of two totals of one currency.
func totalRatio(num, den money.Total) metrics.Ratio {
	n, _ := num.Decimal().Float64()
	d, _ := den.Decimal().Float64()
	return metrics.NewRatio(n, d)
}

// perCount returns the total divided by n, rounded half-even to the
// minor unit, or an undefined money Value when n is 0.
func perCount(t money.Total, n int64, cur money.Currency) metrics.Value {
	if n <= 0 {
		return metrics.Undefined(metrics.UnitMoney)
	}
	return metrics.MoneyValue(t.Div(n, cur))
}

// shift compares x1 of n1 new buyers with x2 of n2 returning buyers
// having a value, one of k values tested.
func shift(x1, n1, x2, n2, k int64) Shift {
	s := Shift{
		NewShare:  metrics.CountRatio(x1, n1),
		BaseShare: metrics.CountRatio(x1+x2, n1+n2),
	}
	s.Points = metrics.RatioValue(metrics.Points(s.NewShare, s.BaseShare)).In(metrics.UnitPoints)
	s.Z, s.P = metrics.Undefined(metrics.UnitNumber), metrics.Undefined(metrics.UnitNumber)
	if n1 == 0 || n2 == 0 {
		return s
	}
	p := float64(x1+x2) / float64(n1+n2)
	for _, n := range [...]int64{n1, n2} {
		if float64(n)*p < minExpected || float64(n)*(1-p) < minExpected {
			return s
		}
	}
	se := math.Sqrt(p * (1 - p) * (1/float64(n1) + 1/float64(n2)))
	z := (float64(x1)/float64(n1) - float64(x2)/float64(n2)) / se
	pv := math.Erfc(math.Abs(z) / math.Sqrt2)
	s.Z, s.P = metrics.NumberValue(z), metrics.NumberValue(pv)
	s.Significant = pv < Alpha/float64(max(k, 1))
	return s
}
