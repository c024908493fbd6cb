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

func TestExploreDemo(t *testing.T) {
	for _, days := range []int{365, 730} {
		sales, orders, _ := demoSeries(t, sample.Config{Days: days})
		for _, s := range []forecast.Series{sales, orders} {
			bt, err := forecast.RunBacktest(s, forecast.Months(s, 8), forecast.Config{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range bt.Results {
				t.Logf("%s actual %.0f fc %.0f [%.0f, %.0f] base %.0f rho %.2f annual %v", s.At(r.Span.Start).Format("2006-01"), r.Actual, r.Forecast.Point, r.Forecast.Low, r.Forecast.High, r.Baseline, r.Forecast.Rho, r.Forecast.Annual)
			}
			t.Logf("days %d model %v %v %v base %v %v %v cov %v", days, bt.Model.MAPE, bt.Model.SMAPE, bt.Model.MASE, bt.Baseline.MAPE, bt.Baseline.SMAPE, bt.Baseline.MASE, bt.Coverage)
		}
	}
}
