package promo

import (
	"math"
	"math/big"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Sales is what a group of items actually sold over some days.
type Sales struct {
	Units       int64
	NetSales    money.Money // after line and allocated order discounts
	GrossProfit money.Money // net sales − units × unit cost
}

// Expected is a baseline: what a group of items would have sold over some
// days without the promotion. Units are fractional; the amounts are the
// exact baseline rounded once, half-even, to the currency's minor unit
// (a same-weekday baseline is an average of exact amounts; a trend baseline
// is a least-squares forecast).
type Expected struct {
	Units       float64
	NetSales    money.Money
	GrossProfit money.Money
}

// Effect is actual minus baseline for one group of items over some days:
// the lift of the promoted items in the window, or a side effect.
//
// The increments are exact amounts (actual − rounded baseline). The
// confidence intervals come from the daily residuals of the baseline on
// the pre-period: the actual days are taken as independent with the
// residual variance σ², multiplied by actual / baseline when the actual
// total is above the baseline (the noise of sales grows with their level,
// as for counts), and the baseline adds its own estimation variance (for
// the same-weekday baseline σ²·Σ c_w²/n_w, with c_w window days and n_w
// pre-period days of weekday w; for the trend baseline the least-squares
// prediction variance; for the diff-in-diff baseline also the variance of
// the control group's ratio, by the delta method). The interval is
//
//	estimate ± t(level, df) × √(σ²·(days × scale + v) + control variance)
//
// with Student's t on the residual degrees of freedom df (pre-period days
// minus the fitted parameters: 7 for same-weekday, 8 for trend-weekday).
// [Bootstrap] replaces the t quantile by resampled residuals.
type Effect struct {
	Days     metrics.Period // the days measured, whole days of the store's zone
	Measured bool           // false when there was nothing to measure; see Why and the Result's caveats
	// Why says why a side effect of a [Result] is not measured, one of
	// [ErrNoCategory], [ErrNoRivals], [ErrWholeStore], [ErrNoPostWindow]
	// and [ErrPostOverlap]; nil when Measured.
	Why      error
	Actual   Sales
	Baseline Expected

	Units       float64     // incremental units, actual − baseline
	NetSales    money.Money // incremental net sales
	GrossProfit money.Money // incremental gross profit (增量毛利)

	// UnitsCI and GrossProfitCI are the confidence intervals of Units
	// and GrossProfit, and Verdict the reading of GrossProfitCI. When the
	// group sold nothing in the pre-period, there is no variation to read
	// an interval from (it would be a point: [0, 0], read as no effect,
	// when nothing sold on Days either, or the whole sales of Days, read
	// as an effect known for sure): both are undefined and Verdict is
	// [Undetermined].
	UnitsCI       Range
	GrossProfitCI Interval
	Verdict       Verdict

	// CostMissing is the units of the group sold without a unit cost (a
	// zero or missing unit cost) over the days the effect reads: the
	// baseline's pre-period and Days. Such units count at no cost, their
	// whole net sales as gross profit, so that every gross-profit figure
	// of the effect (Actual, Baseline and incremental GrossProfit) is an
	// overstatement of unknown size: when CostMissing is not zero,
	// GrossProfitCI is undefined and Verdict is [Undetermined], and the
	// Result's ROI figures that rest on the effect are undefined too.
	// The units and net sales need no cost and stay measured.
	CostMissing int64
}

// fitted holds an effect with the baselines behind it.
type fitted struct {
	Effect
	fits  [3]fit
	scale float64 // the variance scale of the gross profit's actual days
	// flat: the items sold nothing in the pre-period, so the baseline's
	// residuals are all zero and a t interval would be a point (the
	// estimate, known for sure): no interval and no verdict are read
	// from it.
	flat bool
}

// estimator fits one method on one pre-period.
type estimator struct {
	interval       IntervalMethod
	resamples      int
	seed           uint64
	method         BaselineMethod
	level          float64
	cur            money.Currency
	preFrom, preTo int
	control        *series
}

// fitOne fits measure m of s on the pre-period and evaluates it on targets.
func (e *estimator) fitOne(s series, m measure, targets []int) (fit, error) {
	pre := s.values(m, e.preFrom, e.preTo)
	switch e.method {
	case TrendWeekday:
		return fitTrendWeekday(pre, e.preFrom, targets)
	case DiffInDiff:
		t := fitSameWeekday(pre, e.preFrom, targets)
		c := fitSameWeekday(e.control.values(mNet, e.preFrom, e.preTo), e.preFrom, targets)
		ca := new(big.Rat)
		for _, d := range targets {
			ca.Add(ca, e.control.at(d).value(mNet))
		}
		f, ok := scaleFit(t, c, ca)
		if !ok {
			return fit{}, ErrNoControl
		}
		return f, nil
	}
	return fitSameWeekday(pre, e.preFrom, targets), nil
}

// effect measures s on the target days.
func (e *estimator) effect(s series, targets []int, days metrics.Period) (fitted, error) {
	var out fitted
	out.Days = days
	if len(targets) == 0 {
		return out, nil
	}
	for m := range out.fits {
		f, err := e.fitOne(s, measure(m), targets)
		if err != nil {
			return fitted{}, err
		}
		out.fits[m] = f
	}
	out.Measured = true
	c := e.cur
	out.Actual = s.total(targets, c)
	ub := ratFloat(out.fits[mUnits].sum())
	bNet, bProfit := ratMinorHalfEven(out.fits[mNet].sum()), ratMinorHalfEven(out.fits[mProfit].sum())
	out.Baseline = Expected{Units: ub, NetSales: c.FromMinor(bNet), GrossProfit: c.FromMinor(bProfit)}
	out.Units = float64(out.Actual.Units) - ub
	// Actual and baseline are amounts of c: the increments are Totals.
	var inc money.Total
	inc.AddMoney(out.Actual.NetSales)
	inc.Sub(bNet)
	out.NetSales = inc.Money(c)
	inc = money.Total{}
	inc.AddMoney(out.Actual.GrossProfit)
	inc.Sub(bProfit)
	out.GrossProfit = inc.Money(c)

	if q, ok := tQuantile(e.level, out.fits[mUnits].df); ok {
		h := q * out.fits[mUnits].sdOfSum(levelScale(float64(out.Actual.Units), ub))
		out.UnitsCI = Range{Lo: out.Units - h, Hi: out.Units + h, Level: e.level, Defined: true}
	}
	q, ok := tQuantile(e.level, out.fits[mProfit].df)
	out.scale = levelScale(minorFloat(out.Actual.GrossProfit), minorFloat(out.Baseline.GrossProfit))
	est := minorFloat(out.GrossProfit)
	out.GrossProfitCI = moneyInterval(est, q*out.fits[mProfit].sdOfSum(out.scale), e.level, ok, c)
	if e.interval == Bootstrap && e.method != DiffInDiff {
		pre := make([]float64, 0, e.preTo-e.preFrom)
		for _, v := range s.values(mProfit, e.preFrom, e.preTo) {
			pre = append(pre, ratFloat(v))
		}
		lo, hi, ok := bootstrapHalf(out.fits[mProfit], pre, len(targets), out.scale, e.level, e.resamples, e.seed)
		out.GrossProfitCI = Interval{}
		if ok {
			out.GrossProfitCI = Interval{
				Lo: c.FromMinor(int64(math.RoundToEven(est + lo))), Hi: c.FromMinor(int64(math.RoundToEven(est + hi))),
				Level: e.level, Defined: true,
			}
		}
	}
	if out.CostMissing = s.noCost(e.preFrom, e.preTo, targets); out.CostMissing > 0 {
		out.GrossProfitCI = Interval{}
	}
	if s.total(dayRange(e.preFrom, e.preTo), c).Units == 0 {
		// Nothing sold before: no variation to read an interval from,
		// neither "no effect" nor an effect known for sure.
		out.flat = true
		out.UnitsCI, out.GrossProfitCI = Range{}, Interval{}
	}
	out.Verdict = verdictOf(minorFloat(out.GrossProfitCI.Lo), minorFloat(out.GrossProfitCI.Hi), out.GrossProfitCI.Defined)
	return out, nil
}

// minorFloat returns m in minor units as a float64, for statistics.
func minorFloat(m money.Money) float64 {
	f := m.Decimal().Shift(int32(m.Currency().Digits())).InexactFloat64()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// ratFloat returns r as the nearest float64, for statistics.
func ratFloat(r *big.Rat) float64 { return nearest(r.Float64()) }

// nearest returns f, the nearest float64 that Float64 methods return with
// whether it is exact: a rounding, not an error.
func nearest(f float64, exact bool) float64 { return f }
