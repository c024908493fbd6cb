package clv

import (
	"math"
	"testing"
)

// TestFitMBGNBDCDNOW reproduces the MBG/NBD on CDNOW: r = 0.525,
// α = 6.183, a = 0.891, b = 1.614 (lifetimes' test, from BTYDplus).
func TestFitMBGNBDCDNOW(t *testing.T) {
	m, info, err := FitMBGNBD(Group(cdnowRounded(t)), FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v LL=%.4f se=%.4f", m, info.LogLikelihood, info.StdErr)
	want := MBGNBD{0.525, 6.183, 0.891, 1.614}
	for i, v := range m.Params() {
		if !near(v, want.Params()[i], 0.0005) {
			t.Errorf("param %d = %.4f, want %.3f", i, v, want.Params()[i])
		}
	}
}

// TestMBGNBDPredictions checks the MBG/NBD against hand formulas.
func TestMBGNBDPredictions(t *testing.T) {
	m := MBGNBD{0.525, 6.183, 0.891, 1.614}
	// x = 0: P(alive) = 1/(1 + a/b · ((α+T)/α)^r), hand formula.
	c := Customer{T: 30}
	want := 1 / (1 + m.A/m.B*math.Pow((m.Alpha+30)/m.Alpha, m.R))
	if got := must(m.PAlive(c)); !near(got, want, 1e-14) {
		t.Errorf("PAlive(x=0) = %v, want %v", got, want)
	}
	// New-customer expectation, lifetimes' formula with the untransformed
	// series: b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))].
	for _, tt := range []float64{1, 39, 100} {
		lf, _, _ := log2F1(m.R, m.B+1, m.A+m.B, tt/(m.Alpha+tt))
		want := m.B / (m.A - 1) * (1 - math.Exp(lf+m.R*math.Log(m.Alpha/(m.Alpha+tt))))
		if got := must(m.ExpectedPurchases(tt)); !near(got, want, 1e-9*want) {
			t.Errorf("E[X(%v)] = %v, want %v", tt, got, want)
		}
	}
	// The log-likelihood gradient is analytic: compare with differences.
	cs := cdnowRounded(t)
	d, _ := prepare(Group(cs), false)
	th := []float64{0.5, 6, 0.9, 1.6}
	g := make([]float64, 4)
	d.bgnbdLL(th, g, true)
	for i := range th {
		h := 1e-6 * th[i]
		p := append([]float64(nil), th...)
		p[i] += h
		fp := d.bgnbdLL(p, nil, true)
		p[i] -= 2 * h
		fm := d.bgnbdLL(p, nil, true)
		if num := (fp - fm) / (2 * h); !near(g[i], num, 1e-5*math.Max(1, math.Abs(num))) {
			t.Errorf("dLL/dθ%d = %g, numerical %g", i, g[i], num)
		}
	}
	// The sum of single-customer likelihoods equals the fitted total.
	sum := 0.0
	for _, c := range cs {
		ll, err := m.LogLikelihood(c)
		if err != nil {
			t.Fatal(err)
		}
		sum += ll
	}
	if total := d.bgnbdLL(m.Params(), nil, true); !near(sum, total, 1e-6) {
		t.Errorf("Σ LL = %v, grouped %v", sum, total)
	}
}
