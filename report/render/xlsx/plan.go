package xlsx

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// plan writes the plan section to sh: the forecasts of the next period
// with their backtest, the suggested targets and the daily forecast.
func (b *book) plan(sh *sheet, s *report.Plan) {
	if s == nil {
		return
	}
	lb := b.lb
	pct := func(v metrics.Value) xcell {
		if x, ok := v.Float(); ok {
			return b.ratio(metrics.NewRatio(x, 1))
		}
		return b.na()
	}
	if len(s.Forecasts) > 0 {
		var rows [][]xcell
		for _, f := range s.Forecasts {
			rows = append(rows, []xcell{text(lb(f.Key)), b.value(f.Point), b.value(f.Low), b.value(f.High),
				pct(f.Backtest.MAPE), pct(f.Backtest.BaselineMAPE), b.ratio(f.Backtest.Coverage)})
		}
		sh.table(lb("forecasts")+" ("+s.Next.Label()+")", []string{lb("metric"), lb("forecast"), lb("forecast_low"), lb("forecast_high"), lb("backtest_mape"), lb("baseline_mape"), lb("interval_coverage")}, rows)
		sh.note(lb("forecast_method"))
	}
	if len(s.Targets) > 0 {
		var rows [][]xcell
		for _, t := range s.Targets {
			rows = append(rows, []xcell{text(lb(t.Key)), b.value(t.Base), b.value(t.Stretch)})
		}
		sh.table(lb("suggested_targets"), []string{lb("metric"), lb("base_target"), lb("stretch_target")}, rows)
		sh.note(lb("target_rule"))
		for _, c := range render.ForecastCaveats(s, b.lang) {
			sh.note(c)
		}
	}
	if len(s.Days) > 0 {
		var rows [][]xcell
		for _, d := range s.Days {
			rows = append(rows, []xcell{date(d.Date), b.value(d.Actual), b.value(d.Point), b.value(d.Low), b.value(d.High)})
		}
		sh.table(lb("forecast_chart"), []string{lb("date"), lb("actual"), lb("forecast"), lb("forecast_low"), lb("forecast_high")}, rows)
	}
	b.actions(sh, s.Actions)
}
