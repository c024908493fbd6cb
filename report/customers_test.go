package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestRepeatWindows checks the repeat rates within 30, 60 and 90 days
// against the customers' orders, counted by hand.
func TestRepeatWindows(t *testing.T) {
	c := money.MustCurrency("CNY")
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	var orders []metrics.Order
	for i, o := range []struct {
		cust string
		at   time.Time
	}{
		{"a", day(7, 1)}, {"a", day(7, 20)}, // 19 days: repeats in every window
		{"b", day(8, 1)}, {"b", day(9, 15)}, // 45 days: within 60 and 90, not 30
		{"c", day(9, 1)},                       // never again
		{"d", day(10, 15)}, {"d", day(10, 16)}, // 1 day, but only its 30-day window is observed by Nov 30
		{"e", day(11, 20)}, // too young for any window
		{"f", day(11, 30)}, // the data reach the period's last day, so windows are observed to Nov 30
	} {
		orders = append(orders, metrics.Order{ID: string(rune('A' + i)), CustomerID: o.cust, PlacedAt: o.at, Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: money.MustNew("10", "CNY"), UnitCost: money.MustNew("4", "CNY")}}})
	}
	r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	mid := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	want := []RepeatWindow{
		// a, b, c, d; a and d. As of Oct 31 (the day before the period),
		// a, b and c: d's window closed in November, and d repeated.
		{Days: 30, AcquiredBy: mid(10, 31), Eligible: 4, Repeaters: 2, Rate: metrics.CountRatio(2, 4),
			Closed: 1, ClosedRepeaters: 1, ClosedRate: metrics.CountRatio(1, 1)},
		// a, b, c; a and b. As of Oct 31 the same three (c: Sep 1 + 60
		// days = Oct 31): no window closed in November.
		{Days: 60, AcquiredBy: mid(10, 1), Eligible: 3, Repeaters: 2, Rate: metrics.CountRatio(2, 3),
			Closed: 0, ClosedRepeaters: 0, ClosedRate: metrics.CountRatio(0, 0)},
		// c's first order on Sep 1 + 90 days = Nov 30. As of Oct 31, a and
		// b: c's window closed in November, without a repeat.
		{Days: 90, AcquiredBy: mid(9, 1), Eligible: 3, Repeaters: 2, Rate: metrics.CountRatio(2, 3),
			Closed: 1, ClosedRepeaters: 0, ClosedRate: metrics.CountRatio(0, 1)},
	}
	if diff := cmp.Diff(want, r.Customers.Repeat); diff != "" {
		t.Errorf("repeat windows (-want +got):\n%s", diff)
	}
	k, ok := findKPI(r.Customers.KPIs, "repeat_30d")
	if !ok {
		t.Fatal("no repeat_30d KPI")
	}
	// The KPI is the closed cohort's: d in November (1 of 1); in October,
	// c (first order Sep 1; as of Sep 30 only a and b were eligible), who
	// did not repeat (0 of 1). The pooled rates, 2 of 4 and 1 of 3, would
	// compare two sets that share a, b and c. The data do not reach back
	// to November 2024.
	if diff := cmp.Diff([]metrics.Value{pct(metrics.CountRatio(1, 1)), pct(metrics.CountRatio(0, 1)), metrics.Undefined(metrics.UnitRatio)},
		[]metrics.Value{k.Current, k.Previous, k.YearAgo}); diff != "" {
		t.Errorf("repeat_30d current, previous, year ago (-want +got):\n%s", diff)
	}
}
