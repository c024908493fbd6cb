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

// TestCoverageSeeds: over 20 seeds of the two-year demo, the 80 %
// interval of each of September to December 2025's net sales, forecast
// from the days before it, covers the actual month in most seeds. Without
// event marks (Config.Events) October and December are asserted (14 of 20
// at least); September (a promotion from the 1st in 2024 only) and
// November (双十一's three-fold peak) are reported. With the promotions'
// days marked, as the review marks them, every month is covered in at
// least 10 of 20 seeds and the error falls below the seasonal naive's.
func TestCoverageSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20 demo stores")
	}
	for _, mark := range []bool{false, true} {
		covered := make(map[string]int)
		var mape, base float64
		for seed := uint64(1); seed <= 20; seed++ {
			sales, _, st := demoSeries(t, sample.Config{Seed: seed})
			var cfg forecast.Config
			if mark {
				for _, p := range st.Promotions {
					for d := p.Window.Start; d.Before(p.Window.End); d = d.AddDate(0, 0, 1) {
						cfg.Events = append(cfg.Events, d)
					}
				}
			}
			bt, err := forecast.RunBacktest(sales, forecast.Months(sales, 4), cfg)
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
		t.Logf("promotions marked %v: covered of 20: %v; mean MAPE Sep–Dec %.3f, seasonal naive %.3f", mark, covered, mape, base)
		months, least := []string{"Oct", "Dec"}, 14
		if mark {
			months, least = []string{"Sep", "Oct", "Nov", "Dec"}, 10
			if !(mape < base) {
				t.Errorf("with the promotions marked, MAPE %.3f does not beat the seasonal naive %.3f", mape, base)
			}
		}
		for _, m := range months {
			if covered[m] < least {
				t.Errorf("marked %v, %s: the 80 %% interval covers %d of 20 seeds, want ≥ %d", mark, m, covered[m], least)
			}
		}
	}
}

// TestDemoBacktest: on the default two-year demo, the model forecasts the
// monthly net sales and orders of May to December 2025 within 15 % MAPE
// with an interval that covers at least half the months. It does not
// reliably beat the seasonal-naive baseline there (seed 1: net sales MAPE
// 10.4 % against 8.9 %; orders 7.9 % against 8.7 %): the demo's months
// follow the weeks just before them closely, and its festivals move
// demand the model does not mark (Config.Events). The comparison is
// logged; the Walmart test asserts the model beats both baselines.
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
		c, _ := bt.Coverage.Value()
		if !(m < 0.15) || !(c >= 0.5) {
			t.Errorf("%s: MAPE %.3f (want < 0.15), coverage %.3f (want ≥ 0.5)", name, m, c)
		}
	}
}
