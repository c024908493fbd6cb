package promo

import (
	"fmt"
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// WeekdayIndex is the sales of one weekday relative to the average day.
type WeekdayIndex struct {
	Weekday time.Weekday
	Days    int         // days of this weekday in the period
	Mean    money.Money // mean daily net sales, rounded half-even to the minor unit
	// Index is the weekday's mean daily net sales / the mean daily net
	// sales of all days: 1.25 means 25 % above an average day. CI is its
	// Student-t interval from the spread of this weekday's days (the
	// all-days mean taken as fixed); undefined with fewer than 2 days.
	Index metrics.Ratio
	CI    Range
}

// DayOfWeek is the day-of-week index of sales (weekends vs weekdays) of a
// group of items over a period.
type DayOfWeek struct {
	Period   metrics.Period
	Weekdays [7]WeekdayIndex // indexed by time.Weekday: Sunday first
	// WeekendMean and WeekdayMean are the mean daily net sales of Saturdays
	// and Sundays, and of Monday to Friday.
	WeekendMean, WeekdayMean money.Money
	// WeekendRatio is WeekendMean / WeekdayMean; CI is its interval by the
	// delta method on the log ratio (Welch-style, fewer degrees of freedom
	// of the two groups), and Verdict reads it: Gain when weekends sell
	// more, Loss when less, NoEffect when the interval contains 1.
	WeekendRatio metrics.Ratio
	CI           Range
	Verdict      Verdict
}

// DayOfWeek returns the day-of-week index of the net sales of the items in
// sc over the whole days p touches. Level is the confidence level of the
// intervals; 0 means 0.95.
//
// DayOfWeek returns a *[CoverageError] wrapping [ErrWindowOutsideData] if
// p is not inside the data, and a *metrics.ConfigError naming "level" for a
// level outside (0, 1) (NaN included).
func (l *Ledger) DayOfWeek(sc Scope, p metrics.Period, level float64) (*DayOfWeek, error) {
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) { // also NaN
		return nil, configError("level", fmt.Sprintf("must be in (0, 1), got %g", level))
	}
	loc := l.loc()
	from, to := periodDays(p, loc)
	if l.orders == 0 || from < l.minDay || to-1 > l.maxDay {
		have := ""
		if span, ok := l.Span(); ok {
			have = span.Label()
		}
		return nil, &CoverageError{Promotion: "", Need: daysPeriod(from, to, loc).Label(), Have: have, Err: ErrWindowOutsideData}
	}
	s := l.gather(l.resolve(sc), from, to)
	c := l.cur
	out := &DayOfWeek{Period: daysPeriod(from, to, loc)}

	var sums [7]money.Total
	var xs [7][]float64
	var all money.Total
	var allF float64
	for d := from; d < to; d++ {
		w := weekdayOf(d)
		net := s.at(d).net
		sums[w].AddTotal(net)
		all.AddTotal(net)
		x := minorFloat(net.Money(c))
		xs[w] = append(xs[w], x)
		allF += x
	}
	n := to - from
	meanAll := allF / float64(n)
	var weSum, wdSum money.Total
	var weX, wdX []float64
	for w := range 7 {
		wi := &out.Weekdays[w]
		wi.Weekday = time.Weekday(w)
		wi.Days = len(xs[w])
		if wi.Days == 0 {
			continue
		}
		wi.Mean = sums[w].Div(int64(wi.Days), c)
		m, sd := meanSD(xs[w])
		wi.Index = metrics.NewRatio(m, meanAll)
		if q, ok := tQuantile(level, wi.Days-1); ok && meanAll != 0 {
			h := q * sd / math.Sqrt(float64(wi.Days))
			wi.CI = Range{Lo: (m - h) / meanAll, Hi: (m + h) / meanAll, Level: level, Defined: true}
		}
		if isWeekend(time.Weekday(w)) {
			weSum.AddTotal(sums[w])
			weX = append(weX, xs[w]...)
		} else {
			wdSum.AddTotal(sums[w])
			wdX = append(wdX, xs[w]...)
		}
	}
	if len(weX) > 0 {
		out.WeekendMean = weSum.Div(int64(len(weX)), c)
	}
	if len(wdX) > 0 {
		out.WeekdayMean = wdSum.Div(int64(len(wdX)), c)
	}
	mWe, sdWe := meanSD(weX)
	mWd, sdWd := meanSD(wdX)
	if len(weX) == 0 || len(wdX) == 0 {
		return out, nil
	}
	out.WeekendRatio = metrics.NewRatio(mWe, mWd)
	if mWe > 0 && mWd > 0 {
		v := sdWe*sdWe/(float64(len(weX))*mWe*mWe) + sdWd*sdWd/(float64(len(wdX))*mWd*mWd)
		if q, ok := tQuantile(level, min(len(weX), len(wdX))-1); ok {
			lr := math.Log(mWe / mWd)
			h := q * math.Sqrt(v)
			out.CI = Range{Lo: math.Exp(lr - h), Hi: math.Exp(lr + h), Level: level, Defined: true}
			out.Verdict = verdictOf(out.CI.Lo-1, out.CI.Hi-1, true)
		}
	}
	return out, nil
}

// meanSD returns the mean and the sample standard deviation of xs (0 for
// fewer than two values).
func meanSD(xs []float64) (mean, sd float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}
