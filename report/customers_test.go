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

// repeatOrders returns a paid order of one line at each of the times of
// each customer, customers in name order.
func repeatOrders(at map[string][]time.Time) []metrics.Order {
	var orders []metrics.Order
	for _, cust := range slices.Sorted(func(yield func(string) bool) {
		for c := range at {
			if !yield(c) {
				return
			}
		}
	}) {
		for _, t := range at[cust] {
			orders = append(orders, metrics.Order{ID: cust + t.Format(time.RFC3339), CustomerID: cust, PlacedAt: t, Status: metrics.Paid,
				Currency: money.MustCurrency("CNY"),
				Lines:    []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: money.MustNew("10", "CNY"), UnitCost: money.MustNew("4", "CNY")}}})
		}
	}
	return orders
}

// closedCohort is a RepeatWindow's closed cohort, its rate printed.
type closedCohort struct {
	Days              int
	Closed, Repeaters int64
	Rate              string
}

func closedCohorts(r *Review) []closedCohort {
	var out []closedCohort
	for _, w := range r.Customers.Repeat {
		out = append(out, closedCohort{w.Days, w.Closed, w.ClosedRepeaters, w.ClosedRate.String()})
	}
	return out
}

// TestRepeatClosedAcrossDST counts the windows closed in a November of
// New York, whose clocks go back on its 2nd, by the local days of the
// first orders: 30 days closes on Nov 1 for a first order on Oct 2.
func TestRepeatClosedAcrossDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	at := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 30, 0, 0, ny) }
	orders := repeatOrders(map[string][]time.Time{
		"a": {at(9, 1, 10)},                   // 30 days close Oct 1; 90 days Nov 30, a cohort begun Aug 3, before the data
		"b": {at(10, 1, 23)},                  // Oct 1 local, Oct 2 UTC: 30 days close Oct 31; 60 days Nov 30
		"c": {at(10, 2, 0), at(10, 20, 10)},   // 30 days close Nov 1: a repeater
		"d": {at(10, 31, 23), at(11, 29, 10)}, // 30 days close Nov 30: a repeater
		"e": {at(11, 1, 0)},                   // 30 days close Dec 1
		"f": {at(11, 30, 23)},
	})
	r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: metrics.MonthOf(2025, time.November, ny)})
	if err != nil {
		t.Fatal(err)
	}
	want := []closedCohort{{30, 2, 2, "1.0000"}, {60, 1, 0, "0.0000"}, {90, 1, 0, "n/a"}}
	if diff := cmp.Diff(want, closedCohorts(r)); diff != "" {
		t.Errorf("closed cohorts (-want +got):\n%s", diff)
	}
}

// TestRepeatPeriodOfHours takes the customers of a period of twelve
// hours as of its day: the 30-day windows of first orders on Nov 1 close
// on Dec 1, in the period. A day's step back from its end would take
// them as of Nov 30, before the period.
func TestRepeatPeriodOfHours(t *testing.T) {
	at := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, time.UTC) }
	orders := repeatOrders(map[string][]time.Time{
		"a": {at(9, 1, 10), at(9, 2, 10)},
		"b": {at(11, 1, 10), at(11, 5, 10)},
		"c": {at(12, 1, 11)},
	})
	p, err := metrics.NewPeriod(at(12, 1, 0), at(12, 1, 12))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	want := []closedCohort{{30, 1, 1, "1.0000"}, {60, 0, 0, "n/a"}, {90, 0, 0, "n/a"}}
	if diff := cmp.Diff(want, closedCohorts(r)); diff != "" {
		t.Errorf("closed cohorts (-want +got):\n%s", diff)
	}
}

// TestRepeatCohortBeforeData leaves undefined the rate of a closed
// cohort the data start in the middle of: October's 30-day cohort is
// the first orders of Sep 1-30 and the data start on Sep 20, so the
// KPI's previous value is n/a; so is November's own 60-day cohort, first
// orders of Sep 2 - Oct 1.
func TestRepeatCohortBeforeData(t *testing.T) {
	at := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 10, 0, 0, 0, time.UTC) }
	orders := repeatOrders(map[string][]time.Time{
		"a": {at(9, 20), at(9, 25)},
		"b": {at(10, 10), at(10, 12)},
		"c": {at(11, 30)},
	})
	r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := []closedCohort{{30, 1, 1, "1.0000"}, {60, 1, 1, "n/a"}, {90, 0, 0, "n/a"}}
	if diff := cmp.Diff(want, closedCohorts(r)); diff != "" {
		t.Errorf("closed cohorts (-want +got):\n%s", diff)
	}
	k, ok := findKPI(r.Customers.KPIs, "repeat_30d")
	if !ok {
		t.Fatal("no repeat_30d KPI")
	}
	if got := [2]string{k.Current.String(), k.Previous.String()}; got != [2]string{"1", "n/a"} {
		t.Errorf("repeat_30d current, previous = %q; want 1, n/a", got)
	}
}

// TestRepeatCohortInOrdersGap leaves undefined the rate of a closed
// cohort whose windows have days the orders are missing from
// (builder.orderGaps), as the cohort months they touch are: each day of
// 2025 to June 30 a new customer orders, and again 10 days later (2
// orders a day), but no order of May 10-31 is in the data (22 days at 2
// a day, 44 ≥ gapEvidence). June's 30-day cohort, first orders of May
// 2-31, holds the 8 customers of May 2-9, whose second orders fell in
// the missing days: 0 of 8 is not a rate, it is the gap. May's cohort
// (first orders of Apr 1 - May 1, windows to May 31) and June's 60- and
// 90-day ones reach into it too. A five-day closure is no gap: its rates
// are defined, the orders it lost counted.
func TestRepeatCohortInOrdersGap(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 10, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		from, to time.Time // the days without orders, inclusive
		rates    []string  // the closed rates of 30, 60 and 90 days
		kpis     []string  // repeat_30d's current and previous values
		reason   string
	}{
		{name: "22 days missing", from: day(5, 10), to: day(5, 31), rates: []string{"n/a", "n/a", "n/a"}, kpis: []string{"n/a", "n/a"},
			reason: "every closed cohort of June and May has windows in the gap"},
		{name: "a five-day closure", from: day(5, 10), to: day(5, 14), rates: []string{"0.7333", "0.9333", "1.0000"}, kpis: []string{"0.7333333333333333", "0.9354838709677419"},
			reason: "five days are a closure, not missing data, and the orders it lost count: June's 30-day cohort is 30 customers, of whom those of May 2-4 (second orders May 12-14) and those of May 10-14 (first orders lost, counted from May 20-24) did not order again, 22 of 30; the 60-day one, first orders of Apr 2 - May 1, lost Apr 30's and May 1's second orders, 28 of 30; May's 30-day one, first orders of Apr 1 - May 1, the same two, 29 of 31"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at := map[string][]time.Time{}
			for d := day(1, 1); d.Before(day(7, 1)); d = d.AddDate(0, 0, 1) {
				for _, o := range []time.Time{d, d.AddDate(0, 0, 10)} {
					if o.Before(day(7, 1)) && (o.Before(tc.from) || o.After(tc.to)) {
						at[d.Format(time.DateOnly)] = append(at[d.Format(time.DateOnly)], o)
					}
				}
			}
			orders := repeatOrders(at)
			slices.SortFunc(orders, func(x, y metrics.Order) int { return x.PlacedAt.Compare(y.PlacedAt) })
			r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: metrics.MonthOf(2025, time.June, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			var rates []string
			for _, w := range r.Customers.Repeat {
				rates = append(rates, w.ClosedRate.String())
			}
			if diff := cmp.Diff(tc.rates, rates); diff != "" {
				t.Errorf("closed rates of 30, 60, 90 days (-want +got):\n%s\n%s", diff, tc.reason)
			}
			k, ok := findKPI(r.Customers.KPIs, "repeat_30d")
			if !ok {
				t.Fatal("no repeat_30d KPI")
			}
			if diff := cmp.Diff(tc.kpis, []string{k.Current.String(), k.Previous.String()}); diff != "" {
				t.Errorf("repeat_30d current, previous (-want +got):\n%s\n%s", diff, tc.reason)
			}
		})
	}
}

// TestRepeatPeriodOfHoursPrevious leaves undefined the previous value of
// a period of hours whose previous period ends on its own day: the
// morning before an afternoon has the same as-of day, so its closed
// cohort is the afternoon's own (the 30-day windows closing on Dec 1),
// and comparing it with itself would say the rate did not move.
func TestRepeatPeriodOfHoursPrevious(t *testing.T) {
	at := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, time.UTC) }
	orders := repeatOrders(map[string][]time.Time{
		"a": {at(9, 1, 10), at(9, 2, 10)},
		"b": {at(11, 1, 10), at(11, 5, 10)},
		"c": {at(12, 1, 13)},
	})
	p, err := metrics.NewPeriod(at(12, 1, 12), at(12, 2, 0))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	k, ok := findKPI(r.Customers.KPIs, "repeat_30d")
	if !ok {
		t.Fatal("no repeat_30d KPI")
	}
	if diff := cmp.Diff([]string{"1", "n/a"}, []string{k.Current.String(), k.Previous.String()}); diff != "" {
		t.Errorf("repeat_30d current, previous (-want +got):\n%s", diff)
	}
}
