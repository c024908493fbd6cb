package report

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestGapComparisons: days missing from the data (orderGaps) in the
// reviewed period or in the one it is set against leave undefined the
// changes of what grows with the days counted, as a period cut short
// does: the demo store with its orders, events and refunds of
// 10 to 25 November taken out. Its November has 16 days fewer: reviewed
// in December, the change of net sales and orders against November
// would read a rise that is only days missing; reviewed in November, a
// fall. The averages per order (order value) keep their change, a note
// in the overview names the missing days ("prev_gap"), the decomposition
// of the change in sales is not made (cause_days_missing), the
// categories are not compared, and the sections' own KPIs (members'
// new count) go the same way; the forecast chart shows the missing days
// n/a and the backtest leaves out the months that read them, and the
// customers section notes that the customer model reads them as days
// without orders. October, before the gap, compares all, and its model
// reads no missing day.
func TestGapComparisons(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews it four times")
	}
	s := sample.Generate(sample.Config{Customers: 1500})
	loc := s.Period.Start.Location()
	from, to := time.Date(2025, time.November, 10, 0, 0, 0, 0, loc), time.Date(2025, time.November, 26, 0, 0, 0, 0, loc)
	out := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	orders := slices.DeleteFunc(slices.Clone(s.Orders), func(o metrics.Order) bool { return out(o.PlacedAt) })
	events := slices.DeleteFunc(slices.Clone(s.Events), func(e funnel.Event) bool { return out(e.Time) })
	refunds := slices.DeleteFunc(slices.Clone(s.Refunds), func(r metrics.Refund) bool { return out(r.At) })
	build := func(os []metrics.Order, es []funnel.Event, rs []metrics.Refund, ps []loyalty.Entry, m time.Month) *Review {
		in := Input{Orders: slices.Values(os), Events: slices.Values(es), Refunds: rs, Members: s.Members, Points: ps,
			Items: catalogueItems(s), Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts}
		r, err := Build(in, Config{Period: metrics.MonthOf(2025, m, loc)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	type got struct {
		Gaps          []string // the overview's prev_gap notes
		NetSales      bool     // whether the change is defined
		Orders        bool
		AOV           bool
		NewMembers    bool
		Categories    bool
		Decomposition string // the cause of its note, or "made"
		// The forecast chart's days of history without an actual, as
		// "first..last (days)", and the months the net sales forecast
		// was backtested over.
		ChartNA   string
		Backtests int
		NaiveMAPE bool // whether the naive forecast's MAPE is defined
		// The customers section's note that the customer model reads
		// the missing days before the day it is taken on.
		ModelGap string
	}
	look := func(r *Review) got {
		var g got
		for _, n := range notesKeyed(r, SectionOverview, "prev_gap") {
			g.Gaps = append(g.Gaps, n.Reason)
		}
		defined := func(kpis []KPI, key string) bool {
			k, ok := findKPI(kpis, key)
			if !ok || !k.Previous.Defined() {
				t.Fatalf("%s: no previous value to compare: the test proves nothing", key)
			}
			return k.ChangePrev.Defined()
		}
		g.NetSales = defined(r.Overview.KPIs, metrics.KeyNetSales)
		g.Orders = defined(r.Overview.KPIs, metrics.KeyOrders)
		g.AOV = defined(r.Overview.KPIs, metrics.KeyAOV)
		g.NewMembers = defined(r.Membership.KPIs, "loyalty_new_members")
		g.Categories = r.Categories.Compared
		g.Decomposition = "made"
		if ns := notesKeyed(r, SectionOverview, "decomposition"); len(ns) > 0 {
			g.Decomposition = ns[0].Cause
		}
		if g.Decomposition == "made" && r.Overview.Decomposition == nil {
			g.Decomposition = "none, without a note"
		}
		var na []time.Time
		for _, d := range r.Plan.Days {
			if !d.Point.Defined() && !d.Actual.Defined() {
				na = append(na, d.Date)
			}
		}
		if len(na) > 0 {
			g.ChartNA = fmt.Sprintf("%s..%s (%d)", na[0].Format(time.DateOnly), na[len(na)-1].Format(time.DateOnly), len(na))
		}
		for _, f := range r.Plan.Forecasts {
			if f.Key == metrics.KeyNetSales {
				g.Backtests = f.Backtest.Periods
				g.NaiveMAPE = f.Backtest.BaselineMAPE.Defined()
			}
		}
		for _, n := range notesKeyed(r, SectionCustomers, "model_gap") {
			g.ModelGap += n.Reason
		}
		return g
	}
	gap := []string{"2025-11-10..2025-11-25"}
	// The months backtested are the last three before the period's end
	// whose days hold no missing day: reviewed in December, October and
	// December (November holds the gap; December's baseline, the 35
	// days from 27 October, does too, and only the model is scored on
	// it, so the naive forecast's MAPE is not given); in November,
	// September and October.
	missing := func(backtests int, naive bool) got {
		return got{Gaps: gap, AOV: true, Decomposition: "cause_days_missing", ChartNA: "2025-11-10..2025-11-25 (16)", Backtests: backtests, NaiveMAPE: naive,
			ModelGap: gap[0]}
	}
	whole := got{NetSales: true, Orders: true, AOV: true, NewMembers: true, Categories: true, Decomposition: "made", Backtests: 3, NaiveMAPE: true}
	for _, tc := range []struct {
		name  string
		month time.Month
		whole bool // the demo as generated
		want  got
	}{
		{"December after the gap", time.December, false, missing(2, false)},
		{"November with the gap", time.November, false, missing(2, true)},
		{"October before the gap", time.October, false, whole},
		{"December, no gap", time.December, true, whole},
	} {
		r := build(orders, events, refunds, s.Points, tc.month) // points taken out would break the balances
		if tc.whole {
			r = build(s.Orders, s.Events, s.Refunds, s.Points, tc.month)
		}
		if d := cmp.Diff(tc.want, look(r)); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
	}
}

// gapOrders returns the orders of a store whose four customers order
// every day at 10:00 from 2025-01-01 to 03-31 (UTC), 1 or 2 units of SKU
// "A" at ¥10, but for 1 to 14 February: days missing from the data
// (TestCampaignsInGap, TestPromotionsInGap).
func gapOrders() []metrics.Order {
	cny := money.MustCurrency("CNY")
	var orders []metrics.Order
	for d := time.Date(2025, time.January, 1, 10, 0, 0, 0, time.UTC); d.Month() <= time.March; d = d.AddDate(0, 0, 1) {
		if d.Month() == time.February && d.Day() <= 14 {
			continue
		}
		for i, c := range []string{"u1", "u2", "u3", "u4"} {
			orders = append(orders, metrics.Order{ID: c + d.Format("0102"), CustomerID: c, PlacedAt: d, Status: metrics.Paid, Currency: cny,
				Lines: []metrics.Line{{SKU: "A", Quantity: int64(1 + i%2), UnitPrice: cny.FromMinor(1000), UnitCost: cny.FromMinor(400)}}})
		}
	}
	return orders
}
