package promo

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestSummary(t *testing.T) {
	y := func(s string) money.Money { return money.MustNew(s, "CNY") }
	r := &Result{
		Promotion: Promotion{ID: "P9"},
		Window:    metrics.Period{Start: day0, End: day0.AddDate(0, 0, 7)},
		Lift: Effect{Measured: true, GrossProfit: y("120"), Verdict: NoEffect,
			GrossProfitCI: Interval{Lo: y("-80"), Hi: y("320"), Level: 0.9, Defined: true}},
		PullForward: Effect{Measured: true, GrossProfit: y("-200"), Verdict: Loss,
			GrossProfitCI: Interval{Lo: y("-390"), Hi: y("-10"), Level: 0.9, Defined: true}},
		Halo:   Effect{Measured: true, GrossProfit: y("15"), Verdict: NoEffect},
		Cost:   y("1000"),
		ROI:    metrics.NewRatio(-100, 1000),
		NetROI: metrics.NewRatio(-300, 1000),
		// With CNY 220 of fixed and media cost: ROI = (120 − 220) / 1000, and
		// the interval the same on −80 and 320.
		ROILow: metrics.NewRatio(-300, 1000), ROIHigh: metrics.NewRatio(100, 1000), Outcome: Inconclusive,
		Caveats: []string{"the post-window is cut to 5 of 14 days by the end of the data"},
	}
	// The halo is not distinguishable from zero, so it is not mentioned.
	want := "P9, 2025-09-01..2025-09-07: incremental gross profit CNY 120.00 [CNY -80.00, CNY 320.00] (90%) against the same-weekday baseline: " +
		"not distinguishable from zero; the data cannot tell whether it added profit.\n" +
		"ROI -10.00% [-30.00%, 10.00%] on a cost of CNY 1000.00; net ROI after side effects -30.00%.\n" +
		"Verdict: inconclusive (the ROI interval contains zero, or there is none).\n" +
		"The pull-forward changed gross profit by CNY -200.00 [CNY -390.00, CNY -10.00] (90%).\n" +
		"Caveat: the post-window is cut to 5 of 14 days by the end of the data."
	if diff := cmp.Diff(want, r.Summary()); diff != "" {
		t.Errorf("Summary (-want +got):\n%s", diff)
	}
}
