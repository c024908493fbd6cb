package promo

import (
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// DayGroupLift is a promotion's lift over one group of window days, such as
// its Saturdays and Sundays.
type DayGroupLift struct {
	Days int // window days in the group
	// Effect is the lift over those days; its Days is the zero Period, as
	// the days are not contiguous.
	Effect Effect
	// GrossProfitPerDay is Effect.GrossProfit / Days, rounded half-even to
	// the minor unit, with its confidence interval: the Student-t interval
	// of [Effect] divided by Days, also when [Config.Interval] is
	// [Bootstrap] (Effect.GrossProfitCI is then the bootstrap one); the
	// interval is undefined when Effect.CostMissing is not zero, or when
	// the items sold nothing in the pre-period.
	GrossProfitPerDay   money.Money
	GrossProfitPerDayCI Interval
	// NetSalesLift is incremental net sales / baseline net sales: how much
	// the promotion raised sales on these days, relative to normal.
	NetSalesLift metrics.Ratio
}

// WeekendLift compares the same promotion on weekend and weekday dates of
// its window: the finding that moves a promotion to weekends.
type WeekendLift struct {
	Weekend DayGroupLift // Saturdays and Sundays
	Weekday DayGroupLift // Monday to Friday
	// Difference is weekend minus weekday incremental gross profit per
	// day, with a Student-t confidence interval treating the two groups as
	// independent (√ of the sum of their per-day variances, the smaller of
	// their degrees of freedom), and its verdict; the interval is
	// undefined, and the verdict [Undetermined], when either group's
	// Effect.CostMissing is not zero or the items sold nothing in the
	// pre-period.
	Difference   money.Money
	DifferenceCI Interval
	Verdict      Verdict
}

func isWeekend(w time.Weekday) bool { return w == time.Saturday || w == time.Sunday }

func weekendLift(e *estimator, s series, window []int, loc *time.Location) (WeekendLift, error) {
	var we, wd []int
	for _, d := range window {
		if isWeekend(weekdayOf(d)) {
			we = append(we, d)
		} else {
			wd = append(wd, d)
		}
	}
	var out WeekendLift
	var sds [2]float64
	var dfs [2]int
	flat := false // the items sold nothing in the pre-period (fitted.flat)
	for i, days := range [][]int{we, wd} {
		g := &out.Weekend
		if i == 1 {
			g = &out.Weekday
		}
		g.Days = len(days)
		if len(days) == 0 {
			continue
		}
		f, err := e.effect(s, days, metrics.Period{})
		if err != nil {
			return WeekendLift{}, err
		}
		g.Effect = f.Effect
		g.Effect.Days = metrics.Period{}
		n := int64(len(days))
		var gp money.Total
		gp.AddMoney(f.GrossProfit)
		g.GrossProfitPerDay = gp.Div(n, e.cur)
		sds[i] = f.fits[mProfit].sdOfSum(f.scale) / float64(n)
		dfs[i] = f.fits[mProfit].df
		q, ok := tQuantile(e.level, dfs[i])
		g.GrossProfitPerDayCI = moneyInterval(minorFloat(g.GrossProfitPerDay), q*sds[i], e.level, ok && f.CostMissing == 0 && !f.flat, e.cur)
		flat = flat || f.flat
		if g.NetSalesLift, err = metrics.MoneyRatio(f.NetSales, f.Baseline.NetSales); err != nil {
			return WeekendLift{}, err
		}
	}
	if out.Weekend.Days == 0 || out.Weekday.Days == 0 {
		return out, nil
	}
	var diff money.Total
	diff.AddMoney(out.Weekend.GrossProfitPerDay)
	diff.SubTotal(total(out.Weekday.GrossProfitPerDay))
	out.Difference = diff.Money(e.cur)
	q, ok := tQuantile(e.level, min(dfs[0], dfs[1]))
	half := q * math.Hypot(sds[0], sds[1])
	ok = ok && out.Weekend.Effect.CostMissing == 0 && out.Weekday.Effect.CostMissing == 0 && !flat
	out.DifferenceCI = moneyInterval(minorFloat(out.Difference), half, e.level, ok, e.cur)
	out.Verdict = verdictOf(minorFloat(out.DifferenceCI.Lo), minorFloat(out.DifferenceCI.Hi), out.DifferenceCI.Defined)
	return out, nil
}

// total returns m, an amount of the analysis' currency, as a Total.
func total(m money.Money) money.Total {
	var t money.Total
	t.AddMoney(m)
	return t
}
