package clv

import (
	"math"
	"testing"
)

// TestHoldoutCDNOW runs the FHL (2005) holdout check on CDNOW: the 39-week
// holdout has 1,882 actual repeat purchases (dataset README), and the
// BG/NBD's conditional expectations should track them by frequency.
func TestHoldoutCDNOW(t *testing.T) {
	cal, xstar := cdnowCBS(t)
	groups, err := HoldoutByFrequency(cdnowBGNBD, cal, xstar, 39, 7)
	if err != nil {
		t.Fatal(err)
	}
	var n, actual, pred float64
	for _, g := range groups {
		n += g.Customers
		actual += g.Actual * g.Customers
		pred += g.Predicted * g.Customers
		t.Logf("x=%d%s n=%4.0f actual %.3f predicted %.3f", g.X, map[bool]string{true: "+"}[g.Open], g.Customers, g.Actual, g.Predicted)
	}
	if len(groups) != 8 || n != 2357 || !near(actual, 1882, 1e-9) {
		t.Errorf("groups %d, customers %v, actual %v; want 8, 2357, 1882", len(groups), n, actual)
	}
	// The BG/NBD underpredicts CDNOW's holdout (1,653 vs 1,882 here). The
	// shortfall is the model's, not the conditional formula's: the
	// unconditional tracking forecast for the same 39 weeks, computed by a
	// different formula (eq. 7 instead of eq. 10), agrees within 1%.
	acq := make([]float64, len(cal))
	for i, c := range cal {
		acq[i] = 272.0/7 - c.T
	}
	cum, err := ExpectedCumulative(cdnowBGNBD, acq, []float64{272.0 / 7, 272.0/7 + 39})
	if err != nil {
		t.Fatal(err)
	}
	if uncond := cum[1] - cum[0]; math.Abs(pred-uncond)/uncond > 0.01 || math.Abs(pred-actual)/actual > 0.15 {
		t.Errorf("conditional forecast %.1f, unconditional %.1f, actual 1882", pred, uncond)
	}
	// The mean actual purchases rise with calibration frequency; so must
	// the forecasts.
	for i := 1; i < len(groups); i++ {
		if groups[i].Predicted <= groups[i-1].Predicted {
			t.Errorf("forecast not increasing at x=%d", groups[i].X)
		}
	}
}

// TestExpectedCumulativeCDNOW tracks cumulative repeat purchases over the
// 78 weeks against BTYD's cu.tracking (week 39: 2,457 by the file; week 78:
// 4,339). Customers were acquired at 38.857 − T weeks after 1997-01-01
// (T counts days to 1997-09-30 over 7).
func TestExpectedCumulativeCDNOW(t *testing.T) {
	cal, _ := cdnowCBS(t)
	acq := make([]float64, len(cal))
	for i, c := range cal {
		acq[i] = 272.0/7 - c.T
	}
	rows := readCSV(t, "btyd_cdnowSummary_cu_tracking.csv")
	times := make([]float64, len(rows))
	actual := make([]float64, len(rows))
	for i, r := range rows {
		times[i], actual[i] = atof(t, r[0]), atof(t, r[1])
	}
	pred, err := ExpectedCumulative(cdnowBGNBD, acq, times)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{39, 78} {
		t.Logf("week %d: actual %.0f predicted %.1f", w, actual[w-1], pred[w-1])
		if math.Abs(pred[w-1]-actual[w-1])/actual[w-1] > 0.05 {
			t.Errorf("week %d: predicted %.1f, actual %.0f", w, pred[w-1], actual[w-1])
		}
	}
	for i := 1; i < len(pred); i++ {
		if pred[i] < pred[i-1] {
			t.Fatalf("cumulative forecast decreases at week %d", i+1)
		}
	}
}
