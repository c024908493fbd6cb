package funnel

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func TestCompareRates(t *testing.T) {
	// Expected values computed independently with Python's
	// statistics.NormalDist: z = (pB−pA)/√(p(1−p)(1/nA+1/nB)),
	// P = 2(1−Φ(|z|)), CI = Δ ± Φ⁻¹(0.975)·√(pA(1−pA)/nA + pB(1−pB)/nB).
	tests := []struct {
		name   string
		reason string
		a, b   metrics.Ratio
		want   Difference
	}{
		{"significant lift", "20 % → 25 % on 1,000 each",
			metrics.CountRatio(200, 1000), metrics.CountRatio(250, 1000),
			Difference{Defined: true, Tested: true, Delta: 0.05, Z: 2.677397763008329, P: 0.007419649261025674,
				Low: 0.013463621687539847, High: 0.08653637831246014}},
		{"not significant", "7.5 % → 6.3 % on 400 and 380",
			metrics.CountRatio(30, 400), metrics.CountRatio(24, 380),
			Difference{Defined: true, Tested: true, Delta: 24.0/380 - 30.0/400, Z: -0.6512276358285259, P: 0.5148995532323632,
				Low: -0.047400483008426496, High: 0.023716272482110716}},
		{"both zero", "0 % and 0 %: Δ = 0, nothing to test",
			metrics.CountRatio(0, 50), metrics.CountRatio(0, 80),
			Difference{Defined: true}},
		{"undefined", "a rate over no units",
			metrics.CountRatio(0, 0), metrics.CountRatio(3, 10),
			Difference{}},
	}
	// Floats: agreement to 1e-12 covers the different normal CDF
	// implementations (gonum's erfc and Python's).
	opt := cmpopts.EquateApprox(0, 1e-12)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CompareRates(tt.a, tt.b)
			tt.want.A, tt.want.B = tt.a, tt.b
			if diff := cmp.Diff(tt.want, got, opt); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	cfg := Config{Steps: steps("view", "buy")}
	// A: 4 viewers, 1 buyer. B: 4 viewers, 3 buyers.
	a, err := Count(cfg, []Event{ev("a1", 0, "view"), ev("a2", 0, "view"), ev("a3", 0, "view"), ev("a4", 0, "view"), ev("a1", 1, "buy")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Count(cfg, []Event{ev("b1", 0, "view"), ev("b2", 0, "view"), ev("b3", 0, "view"), ev("b4", 0, "view"),
		ev("b1", 1, "buy"), ev("b2", 1, "buy"), ev("b3", 1, "buy")})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	// Step 2: 1/4 → 3/4, Δ = 0.5 (hand count).
	if got := c.Steps[1].FromFirst.Delta; got != 0.5 {
		t.Errorf("Δ = %v, want 0.5", got)
	}
	if got := c.Steps[1].FromPrevious; !got.A.Equal(metrics.CountRatio(1, 4)) || !got.B.Equal(metrics.CountRatio(3, 4)) {
		t.Errorf("FromPrevious rates = %v, %v, want 25%%, 75%%", got.A, got.B)
	}
	other, err := Count(Config{Steps: steps("view", "cart")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Compare(a, other); !errors.Is(err, ErrMismatch) {
		t.Errorf("Compare(different steps) = %v, want ErrMismatch", err)
	}
}

func TestCompareRatesNotProportions(t *testing.T) {
	for _, r := range []metrics.Ratio{metrics.NewRatio(-1, 4), metrics.NewRatio(5, 4), metrics.NewRatio(1, -4)} {
		if d := CompareRates(r, metrics.CountRatio(1, 4)); d.Defined || d.Tested || d.Low != 0 || d.High != 0 {
			t.Errorf("CompareRates(%v/%v, 1/4) = %+v, want undefined", r.Num(), r.Den(), d)
		}
	}
}

// TestCompareRatesNeverInfinite checks the promise that no field is NaN or
// infinite for proportions whose counts are so small (subnormal) or so
// large that the standard errors overflow.
func TestCompareRatesNeverInfinite(t *testing.T) {
	pairs := [][2]metrics.Ratio{
		{metrics.NewRatio(1e-320, 3e-320), metrics.CountRatio(1, 4)},
		{metrics.CountRatio(1, 4), metrics.NewRatio(1e-320, 3e-320)},
		{metrics.NewRatio(1e308, 1.5e308), metrics.NewRatio(1e308, 1.7e308)},
	}
	for _, p := range pairs {
		d := CompareRates(p[0], p[1])
		for _, v := range []float64{d.Delta, d.Low, d.High, d.Z, d.P} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("CompareRates(%v/%v, %v/%v) = %+v: a field is not finite", p[0].Num(), p[0].Den(), p[1].Num(), p[1].Den(), d)
				break
			}
		}
	}
}
