package promo

import (
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func rats(xs ...float64) []*big.Rat {
	out := make([]*big.Rat, len(xs))
	for i, x := range xs {
		out[i] = new(big.Rat).SetFloat64(x)
	}
	return out
}

func floats(rs []*big.Rat) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i], _ = r.Float64()
	}
	return out
}

// monday is the civil day of Monday 2025-09-01.
var monday = dayOf(day0, day0.Location())

// TestFitSameWeekday checks the same-weekday baseline on two weeks whose
// Mondays sold 10 and 14 and other days 5 and 7 (hand computation).
func TestFitSameWeekday(t *testing.T) {
	pre := rats(10, 5, 5, 5, 5, 5, 5, 14, 7, 7, 7, 7, 7, 7)
	// Targets: the next Monday, Tuesday and Monday again.
	f := fitSameWeekday(pre, monday, []int{monday + 14, monday + 15, monday + 21})
	if diff := cmp.Diff([]float64{12, 6, 12}, floats(f.pred)); diff != "" {
		t.Errorf("pred (-want +got):\n%s", diff)
	}
	// Residuals: Monday ±2, other days ±1 (12 of them): SS = 8 + 12 = 20,
	// df = 14 − 7 = 7, σ = √(20/7).
	if f.df != 7 || math.Abs(f.sigma-math.Sqrt(20.0/7)) > 1e-12 {
		t.Errorf("df %d σ %g, want 7 and %g", f.df, f.sigma, math.Sqrt(20.0/7))
	}
	// Var(Σ pred)/σ² = Σ c_w²/n_w = 2²/2 (Monday twice) + 1²/2 = 2.5.
	if f.vf != 2.5 {
		t.Errorf("vf %g, want 2.5", f.vf)
	}
	checkLinear(t, f, floats(pre))
}

// checkLinear checks the fit's linear form: Σ pred = w·pre, and refitting
// the fitted values gives them back.
func checkLinear(t *testing.T, f fit, pre []float64) {
	t.Helper()
	var wy, sum float64
	for i := range pre {
		wy += f.w[i] * pre[i]
	}
	for _, p := range floats(f.pred) {
		sum += p
	}
	if math.Abs(wy-sum) > 1e-9*math.Max(1, math.Abs(sum)) {
		t.Errorf("w·pre = %g, Σ pred = %g", wy, sum)
	}
	var wf float64
	for i := range pre {
		wf += f.w[i] * f.fitted[i]
	}
	if math.Abs(wf-sum) > 1e-9*math.Max(1, math.Abs(sum)) {
		t.Errorf("w·fitted = %g, Σ pred = %g", wf, sum)
	}
}

// TestFitTrendWeekday checks that an exact linear series with a weekend
// step is recovered exactly: y = 100 + 2t + 30 on Saturdays and Sundays.
func TestFitTrendWeekday(t *testing.T) {
	y := func(d int) float64 {
		v := 100 + 2*float64(d-monday)
		if w := weekdayOf(d); w == 0 || w == 6 {
			v += 30
		}
		return v
	}
	var pre []float64
	for d := monday; d < monday+28; d++ {
		pre = append(pre, y(d))
	}
	targets := []int{monday + 28, monday + 33, monday + 40}
	f, err := fitTrendWeekday(rats(pre...), monday, targets)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{y(targets[0]), y(targets[1]), y(targets[2])} // 156, 196, 210
	if diff := cmp.Diff(want, floats(f.pred), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("pred (-want +got):\n%s", diff)
	}
	if f.df != 20 || f.sigma > 1e-9 {
		t.Errorf("df %d σ %g, want 20 and 0 for an exact fit", f.df, f.sigma)
	}
	checkLinear(t, f, pre)
	noisy := slices.Clone(pre)
	for i := range noisy {
		noisy[i] += float64((i*7)%5) - 2 // a fixed wiggle
	}
	g, err := fitTrendWeekday(rats(noisy...), monday, targets)
	if err != nil {
		t.Fatal(err)
	}
	checkLinear(t, g, noisy)
	if _, err := fitTrendWeekday(rats(pre[:8]...), monday, targets); err == nil {
		t.Error("8 pre-period days for 8 parameters: want an error")
	}
}

// TestScaleFit checks the diff-in-diff scaling by hand: treated sold 100 a
// day before, the control 50 a day before and 60 a day in the window (+20
// %), so the treated baseline is 120 a day.
func TestScaleFit(t *testing.T) {
	pre := make([]float64, 14)
	ctl := make([]float64, 14)
	for i := range pre {
		pre[i], ctl[i] = 100, 50
	}
	targets := []int{monday + 14, monday + 15}
	tr := fitSameWeekday(rats(pre...), monday, targets)
	c := fitSameWeekday(rats(ctl...), monday, targets)
	f, ok := scaleFit(tr, c, big.NewRat(120, 1))
	if !ok {
		t.Fatal("scaleFit refused a positive control")
	}
	if diff := cmp.Diff([]float64{120, 120}, floats(f.pred)); diff != "" {
		t.Errorf("pred (-want +got):\n%s", diff)
	}
	if _, ok := scaleFit(tr, c, new(big.Rat)); ok {
		t.Error("a control without window sales: want refusal")
	}
}
