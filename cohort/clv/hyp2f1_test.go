package clv

import (
	"math"
	"testing"
)

// TestHyp2F1ClosedForms checks 2F1 against elementary closed forms
// (Abramowitz & Stegun 15.1.3 and 15.1.8), on the series path (z ≤ 0.9)
// and on the 1 − z transformation path (z > 0.9), including the
// integer c − a − b case that the transformation must interpolate.
func TestHyp2F1ClosedForms(t *testing.T) {
	tests := []struct {
		name    string
		a, b, c float64
		want    func(z float64) float64
	}{
		// A&S 15.1.3: 2F1(1, 1; 2; z) = −log(1−z)/z (c−a−b = 0, integer).
		{"log", 1, 1, 2, func(z float64) float64 { return -math.Log1p(-z) / z }},
		// A&S 15.1.8: 2F1(a, b; b; z) = (1−z)^{−a}.
		{"power", 2.5, 0.7, 0.7, func(z float64) float64 { return math.Pow(1-z, -2.5) }},
		{"power, negative a", -0.3, 3.2, 3.2, func(z float64) float64 { return math.Pow(1-z, 0.3) }},
	}
	for _, tc := range tests {
		for _, z := range []float64{0.01, 0.3, 0.85, 0.95, 0.999, 0.999999} {
			l, s, ok := hyp2f1(tc.a, tc.b, tc.c, z)
			want := tc.want(z)
			if got := s * math.Exp(l); !ok || !near(got, want, 1e-8*math.Abs(want)) {
				t.Errorf("%s z=%v: 2F1 = %.15g (ok %v), want %.15g", tc.name, z, got, ok, want)
			}
		}
	}
}
