package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// TestForecastCaveats: a forecast whose interval held the actual in fewer
// than half of its backtest periods, or whose backtest error is no lower
// than the naive forecast's, gets a sentence under the suggested targets;
// 2 of 3 periods covered, an undefined coverage and a lower error get
// none. (The demo's net sales and orders were covered in 0 of 3 periods,
// and the page gave their stretch targets a one-in-four chance.)
func TestForecastCaveats(t *testing.T) {
	bt := func(covered, periods float64, mape, naive float64) report.ForecastError {
		return report.ForecastError{Periods: int(periods), MAPE: metrics.NumberValue(mape), BaselineMAPE: metrics.NumberValue(naive),
			Coverage: metrics.NewRatio(covered, periods)}
	}
	p := &report.Plan{Forecasts: []report.Forecast{
		{Key: "net_sales", Backtest: bt(0, 3, 0.164, 0.149)},
		{Key: "orders", Backtest: bt(1, 3, 0.10, 0.145)},
		{Key: "visitors", Backtest: bt(2, 3, 0.035, 0.12)},
		{Key: "aov", Backtest: report.ForecastError{MAPE: metrics.Undefined(metrics.UnitNumber), BaselineMAPE: metrics.NumberValue(0.1)}},
	}}
	want := []string{
		"Net sales: the actual fell inside the forecast's 80 % interval in only 0 of 3 backtest periods, so the interval, and the stretch target's odds, are not borne out.",
		"Net sales: the forecast's backtest error (MAPE 16.4%) is no lower than the naive forecast's (14.9%).",
		"Orders: the actual fell inside the forecast's 80 % interval in only 1 of 3 backtest periods, so the interval, and the stretch target's odds, are not borne out.",
	}
	if diff := cmp.Diff(want, ForecastCaveats(p, English)); diff != "" {
		t.Errorf("caveats (-want +got):\n%s", diff)
	}
	if got := ForecastCaveats(p, Chinese); len(got) != 3 || got[0] != "净销售额：回测中实际值仅在0/3个周期落在80%预测区间内，预测区间及挑战目标的达成概率均未得到验证。" {
		t.Errorf("Chinese caveats: %q", got)
	}
}
