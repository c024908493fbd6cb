package forecast_test

import (
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/forecast"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// demoSeries returns the daily net sales in yuan (gross − discounts of the
// orders not cancelled, by day placed, − refunds by day paid) and the
// daily orders (not cancelled) of a demo store.
func demoSeries(t testing.TB, cfg sample.Config) (sales, orders forecast.Series, st *sample.Store) {
	t.Helper()
	st = sample.Generate(cfg)
	start := st.Period.Start
	n := dayIndex(start, st.Period.End)
	sales = forecast.Series{Start: start, Values: make([]float64, n)}
	orders = forecast.Series{Start: start, Values: make([]float64, n)}
	minor := func(m money.Money) float64 {
		v, ok := m.Minor()
		if !ok {
			t.Fatalf("amount %v not in minor units", m)
		}
		return float64(v)
	}
	for _, o := range st.Orders {
		if o.Status == metrics.Cancelled {
			continue
		}
		i := dayIndex(start, o.PlacedAt)
		v := -minor(o.Discount)
		for _, l := range o.Lines {
			v += minor(l.UnitPrice.Mul(l.Quantity)) - minor(l.Discount)
		}
		sales.Values[i] += v / 100
		orders.Values[i]++
	}
	for _, r := range st.Refunds {
		if i := dayIndex(start, r.At); i < n {
			sales.Values[i] -= minor(r.Amount) / 100
		}
	}
	return sales, orders, st
}

// dayIndex returns the calendar days from start to t in start's location.
func dayIndex(start, t time.Time) int {
	t = t.In(start.Location())
	d := func(x time.Time) int64 {
		y, m, dd := x.Date()
		return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Unix() / 86400
	}
	return int(d(t) - d(start))
}

// TestCoverageSeeds: over 20 seeds of the demo year, the 80 % interval of
// each month's net sales forecast from the months before it covers the
// actual month in most seeds. October and December are asserted (a sane
// 14 of 20 at least); September (a store-wide promotion from the 1st) and
// November (the three-fold 11.11 peak, which one year of history cannot
// show) are reported, as the model misses them without event marks.
func TestCoverageSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20 demo stores")
	}
	covered := make(map[string]int)
	var mape, base float64
	for seed := uint64(1); seed <= 20; seed++ {
		sales, _, _ := demoSeries(t, sample.Config{Seed: seed})
		bt, err := forecast.RunBacktest(sales, forecast.Months(sales, 4), forecast.Config{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range bt.Results {
			if r.Actual >= r.Forecast.Low && r.Actual <= r.Forecast.High {
				covered[sales.At(r.Span.Start).Format("Jan")]++
			}
		}
		m, _ := bt.Model.MAPE.Float()
		b, _ := bt.Baseline.MAPE.Float()
		mape += m / 20
		base += b / 20
	}
	t.Logf("covered of 20: %v; mean MAPE Sep–Dec %.3f, seasonal naive %.3f", covered, mape, base)
	for _, m := range []string{"Oct", "Dec"} {
		if covered[m] < 14 {
			t.Errorf("%s: the 80 %% interval covers %d of 20 seeds, want ≥ 14", m, covered[m])
		}
	}
}

// TestDemoBacktest: on the default demo year, the model forecasts the
// monthly net sales and orders of May to December better than the
// seasonal-naive baseline (lower MAPE and MASE).
func TestDemoBacktest(t *testing.T) {
	sales, orders, _ := demoSeries(t, sample.Config{})
	for name, s := range map[string]forecast.Series{"net sales": sales, "orders": orders} {
		bt, err := forecast.RunBacktest(s, forecast.Months(s, 8), forecast.Config{})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := bt.Model.MAPE.Float()
		b, _ := bt.Baseline.MAPE.Float()
		mm, _ := bt.Model.MASE.Float()
		bm, _ := bt.Baseline.MASE.Float()
		t.Logf("%s: MAPE %.3f (naive %.3f), sMAPE %v (naive %v), MASE %.2f (naive %.2f), coverage %v", name, m, b, bt.Model.SMAPE, bt.Baseline.SMAPE, mm, bm, bt.Coverage)
		if !(m < b) || !(mm < bm) {
			t.Errorf("%s: the model (MAPE %.3f, MASE %.2f) does not beat the seasonal naive (%.3f, %.2f)", name, m, mm, b, bm)
		}
	}
}
