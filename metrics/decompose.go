package metrics

import (
	"math"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// SalesFactors are the three factors of 销售额 = 访客数 × 转化率 × 客单价 for
// one period: sales = visitors × (buyers / visitors) × (sales / buyers).
type SalesFactors struct {
	Visitors int64       // 访客数
	Buyers   int64       // paying buyers; conversion rate = Buyers / Visitors
	Sales    money.Money // sales; spend per buyer = Sales / Buyers
}

// Factors returns the sales factors of s given the period's visitors: its
// net sales and buyers, so that the spend per buyer is
// [Summary.SpendPerBuyer] unrounded.
func (s Summary) Factors(visitors int64) SalesFactors {
	return SalesFactors{Visitors: visitors, Buyers: s.Buyers, Sales: s.NetSales}
}

// Decomposition attributes the change of sales between two periods to the
// three factors. Visitors + Conversion + SpendPerBuyer = Change exactly.
type Decomposition struct {
	Defined       bool        // false when a factor is zero or sales are negative; see Decompose
	Change        money.Money // current sales − previous sales
	Visitors      money.Money // the effect of the change in visitors
	Conversion    money.Money // the effect of the change in conversion rate
	SpendPerBuyer money.Money // the effect of the change in spend per buyer
}

// Decompose attributes the change of sales from previous to current to
// visitors, conversion rate and spend per buyer with the additive LMDI
// (logarithmic mean Divisia index, Ang 2004) method:
//
//	ΔV = Σᵢ L(V₁, V₀) · ln(xᵢ₁ / xᵢ₀),  L(a, b) = (a − b) / (ln a − ln b), L(a, a) = a
//
// where V is sales and xᵢ the three factors. The effects add up to the
// total change with no residual, which is why shopmetrics uses LMDI rather
// than a chain of substitutions, whose result depends on the order.
//
// The effects are computed in float64 (they are an attribution, a
// statistic), then rounded half-even to the currency's minor units; the
// rounding difference, at most a few minor units, goes to the effect of
// largest magnitude, so the three amounts add up to Change to the last
// digit.
//
// LMDI takes logarithms of every factor, so the decomposition is undefined
// (Defined false, the effects zero amounts, Change still set) when either
// period has no visitors, no buyers or sales that are not positive. It
// returns a *[money.MismatchError] if the two sales are in different currencies.
func Decompose(previous, current SalesFactors) (Decomposition, error) {
	change, err := current.Sales.Sub(previous.Sales)
	if err != nil {
		return Decomposition{}, err
	}
	c := change.Currency()
	d := Decomposition{Change: change, Visitors: c.Zero(), Conversion: c.Zero(), SpendPerBuyer: c.Zero()}
	if previous.Visitors <= 0 || current.Visitors <= 0 || previous.Buyers <= 0 || current.Buyers <= 0 ||
		!previous.Sales.IsPositive() || !current.Sales.IsPositive() {
		return d, nil
	}
	s0 := previous.Sales.Decimal().InexactFloat64()
	s1 := current.Sales.Decimal().InexactFloat64()
	l := logMean(s1, s0)
	lnV := math.Log(float64(current.Visitors) / float64(previous.Visitors))
	lnB := math.Log(float64(current.Buyers) / float64(previous.Buyers))
	lnS := math.Log(s1 / s0)
	effects := [3]float64{l * lnV, l * (lnB - lnV), l * (lnS - lnB)}
	var parts [3]money.Money
	var sum money.Total // of c, as every part is
	big := 0
	for i, e := range effects {
		p, err := c.FromDecimal(decimal.NewFromFloat(e))
		if err != nil {
			return Decomposition{}, err
		}
		parts[i] = p.Round(money.RoundHalfEven)
		sum.AddMoney(parts[i])
		if math.Abs(e) > math.Abs(effects[big]) {
			big = i
		}
	}
	fix := sum
	fix.Neg()
	fix.AddMoney(change)
	fix.AddMoney(parts[big])
	parts[big] = fix.Money(c)
	d.Defined = true
	d.Visitors, d.Conversion, d.SpendPerBuyer = parts[0], parts[1], parts[2]
	return d, nil
}

// logMean returns the logarithmic mean of two positive numbers.
func logMean(a, b float64) float64 {
	if a == b {
		return a
	}
	return (a - b) / math.Log1p((a-b)/b) // ln a − ln b, precise when a ≈ b
}
