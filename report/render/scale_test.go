package render

import (
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

func TestNiceTicksTable(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		max    int
		want   []float64
		reason string
	}{
		{"sales", 0, 12345, 6, []float64{0, 2500, 5000, 7500, 10000, 12500}, "2,000 would need 8 ticks; 2,500 is the smallest round step within 6"},
		{"negative day", -4667.9, 12000, 6, []float64{-5000, 0, 5000, 10000, 15000}, "a refund day below zero: the axis crosses zero on a tick"},
		{"shares", 0.153, 0.312, 5, []float64{0.15, 0.2, 0.25, 0.3, 0.35}, "float error removed: 0.15, not 0.15000000000000002"},
		{"one value", 5, 5, 6, []float64{4, 4.5, 5, 5.5, 6}, "a flat series is widened by ±1"},
		{"all zero", 0, 0, 6, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, "no data above zero still gets an axis from 0"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, niceTicks(tt.lo, tt.hi, tt.max)); diff != "" {
			t.Errorf("%s (%s): niceTicks(%v, %v) mismatch (-want +got):\n%s", tt.name, tt.reason, tt.lo, tt.hi, diff)
		}
	}
}

// TestNiceTicksProperties checks the tick algorithm's contract on random
// ranges: the ticks cover the data, are evenly spaced by a round step
// (1, 2, 2.5 or 5 × 10^k), lie on multiples of it, and number 3 to
// maxTicks.
func TestNiceTicksProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scale := math.Pow(10, float64(rapid.IntRange(-4, 9).Draw(t, "decade")))
		lo := rapid.Float64Range(-1, 1).Draw(t, "lo") * scale
		if math.Abs(lo) < 1e-9*scale {
			lo = 0 // charts show money, counts and shares, never 1e-300
		}
		span := rapid.Float64Range(0, 2).Draw(t, "span") * scale
		if span < 1e-9*scale {
			span = 0 // a flat series
		}
		hi := lo + span
		maxTicks := rapid.IntRange(4, 10).Draw(t, "maxTicks")
		ticks := niceTicks(lo, hi, maxTicks)
		if n := len(ticks); n < 3 || n > maxTicks {
			t.Fatalf("%d ticks for [%v, %v], want 3..%d: %v", n, lo, hi, maxTicks, ticks)
		}
		if ticks[0] > lo || ticks[len(ticks)-1] < hi {
			t.Fatalf("ticks %v do not cover [%v, %v]", ticks, lo, hi)
		}
		// The difference of two ticks carries float error (1.000005 − 1):
		// read the step at 10 significant digits.
		step, _ := strconv.ParseFloat(strconv.FormatFloat(ticks[1]-ticks[0], 'g', 10, 64), 64)
		e := math.Floor(math.Log10(step))
		m := step / math.Pow(10, e)
		round := false
		for _, r := range []float64{1, 2, 2.5, 5, 10} {
			if math.Abs(m-r) < 1e-6 {
				round = true
			}
		}
		if !round {
			t.Fatalf("step %v of %v is not 1, 2, 2.5 or 5 × 10^k", step, ticks)
		}
		for i, x := range ticks {
			if k := x / step; math.Abs(k-math.Round(k)) > 1e-6*math.Max(1, math.Abs(k)) {
				t.Fatalf("tick %v is not a multiple of %v", x, step)
			}
			if i > 0 && math.Abs(x-ticks[i-1]-step) > 1e-6*step {
				t.Fatalf("ticks %v unevenly spaced", ticks)
			}
		}
	})
}

func TestDayTicks(t *testing.T) {
	tests := []struct {
		n, max int
		want   []int
		reason string
	}{
		{30, 8, []int{0, 7, 14, 21, 28}, "a month: weekly"},
		{7, 8, []int{0, 1, 2, 3, 4, 5, 6}, "a week: every day"},
		{92, 8, []int{0, 14, 28, 42, 56, 70, 84}, "a quarter: fortnightly"},
		{1, 8, []int{0}, "one day"},
		{0, 8, nil, "no days"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, dayTicks(tt.n, tt.max)); diff != "" {
			t.Errorf("dayTicks(%d) (%s) mismatch (-want +got):\n%s", tt.n, tt.reason, diff)
		}
	}
}

// TestHeatColor checks the cohort heatmap's scale: it darkens
// monotonically, so a larger share always reads darker; 15 % and 30 %
// (the usual spread of monthly retention, which the old single-hue
// opacity scale drew alike) differ by a contrast ratio of at least 1.3 even
// on a 0–100 % domain; and the printed value's colour contrasts at least
// 4.5:1 (WCAG AA) with every cell.
func TestHeatColor(t *testing.T) {
	prev := math.Inf(1)
	for i := 0; i <= 200; i++ {
		v := float64(i) / 200
		c := heatColor(v)
		if l := c.luminance(); l >= prev {
			t.Errorf("luminance not decreasing at %v: %v after %v", v, l, prev)
		} else {
			prev = l
		}
		if k := contrast(c, textOn(c)); k < 4.5 {
			t.Errorf("text on %s (t=%v) contrasts %.2f:1, want ≥ 4.5", c.hex(), v, k)
		}
	}
	// Measured 1.38 with these stops.
	if k := contrast(heatColor(0.15), heatColor(0.30)); k < 1.3 {
		t.Errorf("15%% and 30%% contrast %.2f:1, want ≥ 1.3", k)
	}
	if got := heatColor(-1).hex(); got != heatColor(0).hex() {
		t.Errorf("below 0 not clamped: %s", got)
	}
	if got := heatColor(math.NaN()).hex(); got != heatColor(0).hex() {
		t.Errorf("NaN not drawn as 0: %s", got)
	}
	if got, want := heatColor(1).hex(), "#440154"; got != want { // viridis at 0, matplotlib's darkest
		t.Errorf("heatColor(1) = %s, want %s", got, want)
	}
}

// TestHeatDomain checks the top of the heatmap's scale: the largest
// retention after the first period, rounded up, whatever the youngest
// cohort (which has only its first period, 100 %) holds; the demo of
// 2025-12 drew 15–30 % in one green because that cohort set the top to
// 100 %.
func TestHeatDomain(t *testing.T) {
	r := func(v ...float64) report.CohortRow {
		var c report.CohortRow
		for _, x := range v {
			c.Retention = append(c.Retention, metrics.NewRatio(x, 1))
		}
		return c
	}
	tests := []struct {
		name   string
		rows   []report.CohortRow
		want   float64
		reason string
	}{
		{"demo", []report.CohortRow{r(1, 0.213, 0.204, 0.149), r(1, 0.299), r(1)}, 0.3, "29.9% rounds up to 30%"},
		{"first only", []report.CohortRow{r(1), r(1)}, 1, "no later period: the first sets the scale"},
		{"none", nil, 1, "no data"},
	}
	for _, tt := range tests {
		if got := heatDomain(tt.rows); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s (%s): heatDomain = %v, want %v", tt.name, tt.reason, got, tt.want)
		}
	}
}
