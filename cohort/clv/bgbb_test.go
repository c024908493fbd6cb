package clv

import (
	"math"
	"testing"
)

// TestFitBGBBDonations reproduces Fader, Hardie & Shang (2010): α = 1.204,
// β = 0.750, γ = 0.657, δ = 2.783, LL −33225.58 (BTYD vignette); the dataset
// README's SciPy MLE is (1.203522, 0.749716, 0.656718, 2.783443), LL
// −33225.5813.
func TestFitBGBBDonations(t *testing.T) {
	m, info, err := FitBGBB(donations(t), FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v LL=%.4f se=%.4f", m, info.LogLikelihood, info.StdErr)
	paper := BGBB{1.204, 0.750, 0.657, 2.783}
	scipy := BGBB{1.203522, 0.749716, 0.656718, 2.783443}
	for i, v := range m.Params() {
		// The paper's δ = 2.783 is 2.7834 rounded; allow half a unit in the
		// third decimal plus the weak identification of δ.
		if !near(v, paper.Params()[i], 0.0006) || !near(v, scipy.Params()[i], 2e-4*v) {
			t.Errorf("param %d = %.6f, paper %.3f, SciPy %.6f", i, v, paper.Params()[i], scipy.Params()[i])
		}
	}
	if !near(info.LogLikelihood, -33225.58, 0.01) || info.Weight != 11104 || info.Rows != 22 {
		t.Errorf("LL %.4f weight %v rows %d, want −33225.58, 11104, 22", info.LogLikelihood, info.Weight, info.Rows)
	}
}

// TestBGBBPredictions checks the published BG/BB figures.
//
// Hardie's spreadsheet evaluates at the exact MLE, so those figures are
// checked with our own fit to their published 0.1. The BTYD vignette's
// predictions are checked to 1e-4 relative: evaluated at the vignette's
// printed estimate they differ from its printed predictions by up to
// 3e-5 relative, more than the 7-digit rounding of the estimate explains,
// so the vignette evaluated them at a slightly different estimate.
func TestBGBBPredictions(t *testing.T) {
	m, _, err := FitBGBB(donations(t), FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	paper := BGBB{1.204, 0.750, 0.657, 2.783}
	// BTYD vignette p. 32: E[X(10)] = 3.179805 for a new donor.
	if got := must(m.ExpectedPurchases(10)); !near(got, 3.179805, 1e-4*3.18) {
		t.Errorf("E[X(10)] = %.7f, want 3.179805", got)
	}
	// BTYD vignette p. 32: conditional expectation over 10 future
	// opportunities for A (x=0, t_x=0, n=6) and B (x=4, t_x=5, n=6).
	if got := must(m.ConditionalExpectedPurchases(Customer{T: 6}, 10)); !near(got, 0.1302169, 1e-4*0.13) {
		t.Errorf("E[A] = %.7f, want 0.1302169", got)
	}
	if got := must(m.ConditionalExpectedPurchases(Customer{X: 4, Tx: 5, T: 6}, 10)); !near(got, 3.627858, 1e-4*3.63) {
		t.Errorf("E[B] = %.7f, want 3.627858", got)
	}
	// FHS (2010) Table 6 via lifetimes' test: P(alive in 2002).
	for _, tc := range []struct{ x, tx, want float64 }{{0, 0, 0.11}, {2, 4, 0.59}, {6, 6, 0.93}} {
		if got := must(paper.PAlive(Customer{X: tc.x, Tx: tc.tx, T: 6})); !near(got, tc.want, 0.005) {
			t.Errorf("PAlive(x=%v,t_x=%v) = %.4f, want %.2f", tc.x, tc.tx, got, tc.want)
		}
	}
	// Hardie's BG/BB spreadsheet (cells C18, C24) via lifetimes' test: the
	// expected number of donors with 0 and with 6 transactions in 6 years.
	if got := 11104 * must(m.PurchaseProbability(0, 6)); !near(got, 3454.9, 0.05) {
		t.Errorf("donors with 0 = %.2f, want 3454.9", got)
	}
	if got := 11104 * must(m.PurchaseProbability(6, 6)); !near(got, 1253.1, 0.05) {
		t.Errorf("donors with 6 = %.2f, want 1253.1", got)
	}
	// Hardie's "Conditional Expectations (II)" sheet via lifetimes' test:
	// total expected transactions in the next 5 years is 12884.2.
	total := 0.0
	for _, c := range donations(t) {
		total += c.Weight * must(m.ConditionalExpectedPurchases(c, 5))
	}
	if !near(total, 12884.2, 0.05) {
		t.Errorf("Σ conditional expectations = %.2f, want 12884.2", total)
	}
	// P(X(n)=x) sums to 1 over x and has mean E[X(n)].
	sum, mean := 0.0, 0.0
	for x := 0; x <= 6; x++ {
		p := must(m.PurchaseProbability(x, 6))
		sum += p
		mean += float64(x) * p
	}
	if !near(sum, 1, 1e-12) || !near(mean, must(m.ExpectedPurchases(6)), 1e-12) {
		t.Errorf("Σp = %v, mean %v, want 1 and %v", sum, mean, must(m.ExpectedPurchases(6)))
	}
	// γ = 1 uses the digamma limit: continuous with its neighbours.
	at := func(g float64) float64 {
		mm := m
		mm.Gamma = g
		return must(mm.ExpectedPurchases(10)) + must(mm.ConditionalExpectedPurchases(Customer{X: 4, Tx: 5, T: 6}, 10))
	}
	if v, lo, hi := at(1), at(1-1e-5), at(1+1e-5); math.Abs(v-(lo+hi)/2) > 1e-6 {
		t.Errorf("γ=1: %v, neighbours %v %v", v, lo, hi)
	}
}
