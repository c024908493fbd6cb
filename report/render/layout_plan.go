package render

import (
	"fmt"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// layoutPlan lays out the plan section: the forecasts of the next period
// with their backtest, a chart of the history and the forecast band, the
// suggested targets, then the actions.
func layoutPlan(s *report.Plan, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	if len(s.Forecasts) > 0 {
		bs = append(bs, heading{3, lb("forecasts")})
		bs = append(bs, para{lb("next_period") + colon(f.Lang) + periodText(s.Next)})
		t := table{head: []string{lb("metric"), lb("forecast"), lb("forecast_low"), lb("forecast_high"), lb("backtest_mape"), lb("baseline_mape"), lb("interval_coverage")},
			right: []bool{false, true, true, true, true, true, true}}
		for _, fc := range s.Forecasts {
			bt := fc.Backtest
			t.rows = append(t.rows, []cell{{text: lb(fc.Key)}, {text: f.Value(fc.Point)}, {text: f.Value(fc.Low)}, {text: f.Value(fc.High)},
				{text: numberPercent(bt.MAPE, f)}, {text: numberPercent(bt.BaselineMAPE, f)}, {text: intervalCoverage(bt.Coverage, f)}})
		}
		bs = append(bs, t)
		if len(s.Days) > 0 {
			days := s.Days
			bs = append(bs, chart{title: lb("forecast_chart"), draw: func(f Formatter) string { return forecastSVG(days, f) }})
		}
		bs = append(bs, note{lb("forecast_method")})
	}
	if len(s.Targets) > 0 {
		bs = append(bs, heading{3, lb("suggested_targets")})
		t := table{head: []string{lb("metric"), lb("base_target"), lb("stretch_target")}, right: []bool{false, true, true}}
		for _, tg := range s.Targets {
			t.rows = append(t.rows, []cell{{text: lb(tg.Key)}, {text: f.Value(tg.Base)}, {text: f.Value(tg.Stretch)}})
		}
		bs = append(bs, t, note{lb("target_rule")})
		for _, c := range ForecastCaveats(s, f.Lang) {
			bs = append(bs, note{c})
		}
	}
	return append(bs, actionBlocks(s.Actions, f)...)
}

// ForecastCaveats returns, in language l, what the backtests of s's
// forecasts say against them, one sentence each: a forecast whose 80 %
// interval held the actual in fewer than half of its backtest periods
// (its interval, and the stretch target's odds, are not borne out), and
// one whose backtest error is no lower than the naive forecast's. Both
// go under the suggested targets, which rest on the forecasts.
func ForecastCaveats(s *report.Plan, l Language) []string {
	var out []string
	for _, fc := range s.Forecasts {
		bt := fc.Backtest
		name := Label(fc.Key, l)
		if c := bt.Coverage; c.Defined() && c.Den() > 0 && 2*c.Num() < c.Den() {
			out = append(out, fmt.Sprintf(Label("forecast_interval_missed", l), name,
				strconv.FormatFloat(c.Num(), 'f', 0, 64), strconv.FormatFloat(c.Den(), 'f', 0, 64)))
		}
		m, ok1 := bt.MAPE.Float()
		n, ok2 := bt.BaselineMAPE.Float()
		if ok1 && ok2 && m >= n {
			f := Formatter{Lang: l}
			out = append(out, fmt.Sprintf(Label("forecast_not_better", l), name, numberPercent(bt.MAPE, f), numberPercent(bt.BaselineMAPE, f)))
		}
	}
	return out
}

// intervalCoverage prints a backtest's interval coverage with the counts it
// comes from, "33.3% (1/3)": over at most three periods a share alone
// reads as more evidence than it is.
func intervalCoverage(c metrics.Ratio, f Formatter) string {
	if !c.Defined() {
		return f.Percent(c)
	}
	lp, rp := parens(f.Lang)
	return f.Percent(c) + lp + strconv.FormatFloat(c.Num(), 'f', 0, 64) + "/" + strconv.FormatFloat(c.Den(), 'f', 0, 64) + rp
}

// numberPercent prints a plain number that is a fraction (a MAPE) as a
// percentage, or the formatter's n/a.
func numberPercent(v metrics.Value, f Formatter) string {
	x, ok := v.Float()
	if !ok {
		return f.NA()
	}
	return f.Percent(metrics.NewRatio(x, 1))
}

// forecastSVG draws the daily net sales of the history and the forecast
// of the next period with its interval band.
func forecastSVG(days []report.ForecastDay, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	dates := make([]time.Time, len(days))
	actual := make([]point, len(days))
	fc := make([]point, len(days))
	band := make([][2]point, len(days))
	tips := make([]string, len(days))
	ftips := make([]string, len(days))
	var cur money.Currency
	for i, d := range days {
		dates[i] = d.Date
		if m, ok := d.Actual.Money(); ok {
			actual[i] = point{moneyFloat(m), true}
			tips[i] = f.Date(d.Date) + colon(f.Lang) + f.Money(m)
			cur = m.Currency()
		}
		if m, ok := d.Point.Money(); ok {
			fc[i] = point{moneyFloat(m), true}
			ftips[i] = f.Date(d.Date) + colon(f.Lang) + lb("forecast") + " " + f.Money(m) + " (" + f.Value(d.Low) + " – " + f.Value(d.High) + ")"
			cur = m.Currency()
		}
		lo, okl := d.Low.Money()
		hi, okh := d.High.Money()
		if okl && okh {
			band[i] = [2]point{{moneyFloat(lo), true}, {moneyFloat(hi), true}}
		}
	}
	return lineChart(lineSpec{
		title: lb("forecast_chart"), days: dates,
		series: []series{{name: lb("actual"), class: "s1", pts: actual, tips: tips}, {name: lb("forecast"), class: "s2", pts: fc, tips: ftips}},
		band:   band, bandName: lb("forecast_band"),
		yLabel: func(v, step float64) string { return moneyTick(v, step, cur, f) },
	})
}
