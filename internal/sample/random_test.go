package sample

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGammaMoments: Gamma(shape k, rate θ) has mean k/θ and variance
// k/θ²; the sample mean of n draws is within 4 standard errors
// (sqrt(k)/θ/sqrt(n)) and the sample variance within 10 % (its relative
// standard error, sqrt((2 + 6/k)/n), is under 1.5 % for n = 100,000 and
// k ≥ 0.5).
func TestGammaMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 100_000
	for _, c := range []struct{ shape, rate float64 }{{0.5, 2}, {0.75, 60}, {3.5, 85}, {6, 0.03}} {
		var sum, sum2 float64
		for range n {
			x := gammaRand(r, c.shape, c.rate)
			sum += x
			sum2 += x * x
		}
		mean := sum / n
		variance := sum2/n - mean*mean
		wantMean, wantVar := c.shape/c.rate, c.shape/(c.rate*c.rate)
		if se := math.Sqrt(wantVar / n); math.Abs(mean-wantMean) > 4*se {
			t.Errorf("Gamma(%v, %v): mean %.5g, want %.5g ± %.2g", c.shape, c.rate, mean, wantMean, 4*se)
		}
		if math.Abs(variance/wantVar-1) > 0.1 {
			t.Errorf("Gamma(%v, %v): variance %.5g, want %.5g ± 10 %%", c.shape, c.rate, variance, wantVar)
		}
	}
}

// TestPoissonMoments: mean and variance of Poisson draws are the mean
// (4 standard errors for the mean, 10 % for the variance), on both sides
// of the switch to the normal approximation at 30.
func TestPoissonMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 100_000
	for _, m := range []float64{0.3, 5, 29, 80} {
		var sum, sum2 float64
		for range n {
			x := float64(poisson(r, m))
			sum += x
			sum2 += x * x
		}
		mean := sum / n
		variance := sum2/n - mean*mean
		if se := math.Sqrt(m / n); math.Abs(mean-m) > 4*se {
			t.Errorf("Poisson(%v): mean %.4f, want %v ± %.2g", m, mean, m, 4*se)
		}
		if math.Abs(variance/m-1) > 0.1 {
			t.Errorf("Poisson(%v): variance %.4f, want %v ± 10 %%", m, variance, m)
		}
	}
	if got := poisson(r, 0); got != 0 {
		t.Errorf("Poisson(0) = %d", got)
	}
}
