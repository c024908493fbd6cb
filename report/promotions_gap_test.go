package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// TestPromotionsInGap: a promotion whose pre-period, window or
// post-window holds days missing from the data (the overview's
// "orders_gap") is not measured: those days would read as days without
// sales, a baseline too low. Four customers order every day from
// 2025-01-01 to 03-31 (UTC) but for 1 to 14 February; the review is of
// March 2025, the pre-period 28 days.
func TestPromotionsInGap(t *testing.T) {
	cny := money.MustCurrency("CNY")
	orders := gapOrders()
	pr := func(id string, from, to int) promo.Promotion {
		w, err := metrics.NewPeriod(time.Date(2025, time.March, from, 0, 0, 0, 0, time.UTC), time.Date(2025, time.March, to+1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		return promo.Promotion{ID: id, Name: id, Window: w, Scope: promo.Scope{Store: true}, Mechanism: promo.PercentOff,
			Percent: decimal.RequireFromString("0.1"), FixedCost: cny.FromMinor(0), MediaCost: cny.FromMinor(0)}
	}
	in := Input{Orders: slices.Values(orders), Promotions: []promo.Promotion{
		pr("pre-gap", 1, 3), // its pre-period, 1 to 28 February, holds the gap
		pr("clear", 20, 22), // its pre-period, 20 February to 19 March, is whole
	}}
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.March, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Promotions == nil {
		t.Fatal("no promotions section")
	}
	var measured []string
	for _, x := range r.Promotions.Items {
		measured = append(measured, x.ID)
	}
	if d := cmp.Diff([]string{"clear"}, measured); d != "" {
		t.Errorf("measured (-want +got):\n%s", d)
	}
	want := []Unmeasured{{ID: "pre-gap", Name: "pre-gap", Cause: "cause_days_missing", Missing: "2025-02-01..2025-02-14",
		Reason: `report: days are missing from the data in the periods compared: 2025-02-01..2025-02-14, in what promotion "pre-gap" reads`}}
	if d := cmp.Diff(want, r.Promotions.Unmeasured); d != "" {
		t.Errorf("not measured (-want +got):\n%s", d)
	}
}
