package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestBacktestShortHistory: the backtest of the plan's forecast leaves
// out the months it cannot score and scores the others. The demo's
// orders start on 1 January 2024. Reviewed in March 2024, January has
// no history before it and February none before its baseline (35 days
// back; a *forecast.SpanError without Predict's error): March alone is
// scored; reviewed in April, March and April are. With the orders of
// 10 January to 19 February taken out (days missing, which are not
// history), March has 18 days of history, fewer than the model's four
// weeks (Predict's *ShortError, wrapped by the SpanError): April alone
// is scored, and reviewed in March no month is.
func TestBacktestShortHistory(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 1500})
	loc := s.Period.Start.Location()
	from, to := time.Date(2024, time.January, 10, 0, 0, 0, 0, loc), time.Date(2024, time.February, 20, 0, 0, 0, 0, loc)
	gapped := slices.DeleteFunc(slices.Clone(s.Orders), func(o metrics.Order) bool {
		return !o.PlacedAt.Before(from) && o.PlacedAt.Before(to)
	})
	type got struct {
		Periods int
		MAPE    bool // defined
	}
	for _, tc := range []struct {
		year  int
		month time.Month
		gap   bool
		want  got
	}{
		{2024, time.January, false, got{0, false}},
		{2024, time.March, false, got{1, true}},
		{2024, time.April, false, got{2, true}},
		{2025, time.April, false, got{3, true}},
		{2024, time.March, true, got{0, false}},
		{2024, time.April, true, got{1, true}},
	} {
		orders := s.Orders
		if tc.gap {
			orders = gapped
		}
		in := Input{Orders: slices.Values(orders), Items: catalogueItems(s)}
		r, err := Build(in, Config{Period: metrics.MonthOf(tc.year, tc.month, loc)})
		if err != nil {
			t.Fatal(err)
		}
		var g *got
		for _, f := range r.Plan.Forecasts {
			if f.Key == metrics.KeyNetSales {
				g = &got{f.Backtest.Periods, f.Backtest.MAPE.Defined()}
			}
		}
		if g == nil {
			t.Fatalf("%d %s (gap %t): no net sales forecast", tc.year, tc.month, tc.gap)
		}
		if d := cmp.Diff(tc.want, *g); d != "" {
			t.Errorf("%d %s (gap %t) (-want +got):\n%s", tc.year, tc.month, tc.gap, d)
		}
	}
}
