package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestOrderGaps takes a run of days without orders as missing data only
// when the store's pace makes it very unlikely and it lasts a week or
// more. Each store has orders every day (or every fifth day) from Jan 1
// to Jun 30, 2025, but on the days left out; June is reviewed. The slow
// store, 0.2 orders a day, has 24 days without one around the three
// weeks: 4.8 below gapEvidence (6.9).
func TestOrderGaps(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		perDay   int            // orders on each day with orders
		every    int            // days between days with orders
		from, to time.Time      // the days without orders, inclusive
		want     []string       // orders_gap notes
		cells    map[int]string // cohort 2025-01's cells k: "n/a" or defined
	}{
		{name: "three weeks missing at 3 a day", perDay: 3, every: 1, from: day(3, 1), to: day(3, 21),
			want: []string{"2025-03-01..2025-03-21 (21)"}, cells: map[int]string{1: "ok", 2: "n/a", 3: "ok"}},
		{name: "a five-day closure at 3 a day", perDay: 3, every: 1, from: day(3, 1), to: day(3, 5),
			cells: map[int]string{1: "ok", 2: "ok", 3: "ok"}},
		{name: "three weeks without orders at one every fifth day", perDay: 1, every: 5, from: day(3, 1), to: day(3, 21),
			cells: map[int]string{1: "ok", 2: "ok", 3: "ok"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var orders []metrics.Order
			for d := day(1, 1); d.Before(day(7, 1)); d = d.AddDate(0, 0, tc.every) {
				if !d.Before(tc.from) && !d.After(tc.to) {
					continue
				}
				for i := range tc.perDay {
					// Customer i buys each day with orders: the cohort of
					// January holds them all, retained every month.
					orders = append(orders, repeatOrders(map[string][]time.Time{string(rune('a' + i)): {d}})...)
				}
			}
			r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: metrics.MonthOf(2025, time.June, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range r.NotesOf(SectionOverview) {
				if n.Key == "orders_gap" {
					got = append(got, n.Reason)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("orders_gap notes (-want +got):\n%s", diff)
			}
			cells := map[int]string{}
			for _, row := range r.Customers.Cohorts {
				if row.Label != "2025-01" {
					continue
				}
				for k := 1; k <= 3 && k < len(row.Retention); k++ {
					cells[k] = "ok"
					if !row.Retention[k].Defined() {
						cells[k] = "n/a"
					}
				}
			}
			if diff := cmp.Diff(tc.cells, cells); diff != "" {
				t.Errorf("cohort 2025-01, months 1-3 (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOrderGapsWithVisits takes no run of days as missing from the data
// when the store's events go on through it: the data are there, and
// they say that visitors came and nobody bought (a checkout down for
// three weeks), as the data's end is judged over orders and events
// alike (builder.curCoverage, builder.dataEnd). The store of
// TestOrderGaps' first case, 3 orders a day with none of Mar 1-21, also
// has a visit every day.
func TestOrderGapsWithVisits(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	var orders []metrics.Order
	var events []funnel.Event
	for d := day(1, 1); d.Before(day(7, 1)); d = d.AddDate(0, 0, 1) {
		events = append(events, funnel.Event{UserID: "visitor", Time: d.Add(-time.Hour), Name: "page_view"})
		if !d.Before(day(3, 1)) && !d.After(day(3, 21)) {
			continue
		}
		for i := range 3 {
			orders = append(orders, repeatOrders(map[string][]time.Time{string(rune('a' + i)): {d}})...)
		}
	}
	r, err := Build(Input{Orders: slices.Values(orders), Events: slices.Values(events)}, Config{Period: metrics.MonthOf(2025, time.June, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range r.NotesOf(SectionOverview) {
		if n.Key == "orders_gap" {
			got = append(got, n.Reason)
		}
	}
	if diff := cmp.Diff([]string(nil), got); diff != "" {
		t.Errorf("orders_gap notes (-want +got):\n%s", diff)
	}
	for _, row := range r.Customers.Cohorts {
		if row.Label == "2025-01" && len(row.Retention) > 2 && !row.Retention[2].Defined() {
			t.Errorf("cohort 2025-01, March: n/a; want its rate (no one bought, and the data say so)")
		}
	}
}
