package inventory

import (
	"math"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// EOQCost returns the yearly cost of ordering q units at a time against an
// annual demand of D units: the ordering cost D / q × S plus the holding
// cost q / 2 × H, for a cost S per order and a cost H of holding one unit
// for a year (the cost whose minimum [EOQ] finds; at q = EOQ the two parts
// are equal). Purchase costs, which do not depend on q, are left out.
//
// The unit factors D / q and q / 2 are floats and enter the amounts as
// their shortest decimal form; the result is rounded to the currency's
// minor unit, half to even. It returns a *metrics.ConfigError if D is
// negative or not finite, q is not positive and finite, or S or H is
// negative, and a *money.MismatchError if S and H are in different
// currencies.
func EOQCost(annualDemand, q float64, orderCost, holdingCost money.Money) (money.Money, error) {
	if !(annualDemand >= 0) || !finite(annualDemand) {
		return money.Money{}, paramErr("annualDemand", "finite and not negative", annualDemand)
	}
	if !(q > 0) || !finite(q) {
		return money.Money{}, paramErr("q", "finite and positive", q)
	}
	if orderCost.IsNegative() {
		return money.Money{}, configError("orderCost", "must not be negative, got "+orderCost.String())
	}
	if holdingCost.IsNegative() {
		return money.Money{}, configError("holdingCost", "must not be negative, got "+holdingCost.String())
	}
	ordering := orderCost.MulRate(decimal.NewFromFloat(annualDemand / q))
	holding := holdingCost.MulRate(decimal.NewFromFloat(q / 2))
	sum, err := ordering.Add(holding)
	if err != nil {
		return money.Money{}, err
	}
	return sum.Round(money.RoundHalfEven), nil
}

// NewsvendorOutcome is what an order of Quantity units of a seasonal item
// is expected to give under normally distributed demand (see
// [NewsvendorAt]). Unit figures are expectations, so they are not whole.
type NewsvendorOutcome struct {
	Quantity  float64 // units ordered
	Sales     float64 // expected units sold: E[min(D, Q)]
	LostSales float64 // expected units short: E[(D − Q)+]
	Leftover  float64 // expected units left over: E[(Q − D)+]
	// Cost is the expected mismatch cost Co × Leftover + Cu × LostSales,
	// with the underage cost Cu = price − cost and the overage cost
	// Co = cost − salvage: what is lost against a perfect forecast.
	Cost money.Money
	// Profit is the expected profit price × Sales − cost × Quantity +
	// salvage × Leftover.
	Profit money.Money
}

// NewsvendorAt returns the expected outcome of ordering q units of an item
// sold once (the newsvendor model of [Newsvendor]) whose demand is normal
// with the given mean and standard deviation in units. With z = (q − μ) /
// σ and the standard normal loss function L(z) = φ(z) − z (1 − Φ(z)):
//
//	LostSales = σ × L(z)          (max(μ − q, 0) when σ = 0)
//	Sales     = μ − LostSales
//	Leftover  = q − Sales
//
// At the quantity Newsvendor returns, Cost is (Cu + Co) × σ × φ(z*), its
// minimum. Money results are rounded to the currency's minor unit, half
// to even, from the unit expectations in their shortest decimal form.
//
// It returns a *metrics.ConfigError if q, the mean or σ is negative or not
// finite, or if salvage > cost or cost > price (no positive under- or
// overage cost is needed here, unlike Newsvendor), and a
// *money.MismatchError if the prices are in different currencies.
func NewsvendorAt(q, mean, sigma float64, price, cost, salvage money.Money) (NewsvendorOutcome, error) {
	for _, p := range []struct {
		name string
		v    float64
	}{{"q", q}, {"mean", mean}, {"sigma", sigma}} {
		if !(p.v >= 0) || !finite(p.v) {
			return NewsvendorOutcome{}, paramErr(p.name, "finite and not negative", p.v)
		}
	}
	cu, err := price.Sub(cost)
	if err != nil {
		return NewsvendorOutcome{}, err
	}
	co, err := cost.Sub(salvage)
	if err != nil {
		return NewsvendorOutcome{}, err
	}
	if cu.IsNegative() {
		return NewsvendorOutcome{}, configError("price", "must not be below cost (price − cost "+cu.String()+")")
	}
	if co.IsNegative() {
		return NewsvendorOutcome{}, configError("salvage", "must not be above cost (cost − salvage "+co.String()+")")
	}
	var lost float64
	if sigma == 0 {
		lost = max(mean-q, 0)
	} else {
		z := (q - mean) / sigma
		lost = sigma * normalLoss(z)
	}
	out := NewsvendorOutcome{Quantity: q, LostSales: lost, Sales: mean - lost}
	out.Leftover = q - out.Sales
	if out.Leftover < 0 { // rounding when q is far below the mean
		out.Leftover = 0
	}
	units := func(v float64) decimal.Decimal { return decimal.NewFromFloat(v) }
	over := co.MulRate(units(out.Leftover))
	under := cu.MulRate(units(out.LostSales))
	if out.Cost, err = over.Add(under); err != nil {
		return NewsvendorOutcome{}, err
	}
	out.Cost = out.Cost.Round(money.RoundHalfEven)
	profit, err := price.MulRate(units(out.Sales)).Sub(cost.MulRate(units(q)))
	if err != nil {
		return NewsvendorOutcome{}, err
	}
	if profit, err = profit.Add(salvage.MulRate(units(out.Leftover))); err != nil {
		return NewsvendorOutcome{}, err
	}
	out.Profit = profit.Round(money.RoundHalfEven)
	return out, nil
}

// normalLoss is the standard normal loss function E[(Z − z)+] =
// φ(z) − z (1 − Φ(z)). For large z it is computed from the complementary
// CDF directly, which keeps it positive where 1 − Φ(z) would round to 0.
func normalLoss(z float64) float64 {
	phi := distuv.UnitNormal.Prob(z)
	tail := 0.5 * math.Erfc(z/math.Sqrt2) // 1 − Φ(z) without cancellation
	return max(phi-z*tail, 0)
}
