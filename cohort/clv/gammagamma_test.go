package clv

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"
	"pgregory.net/rapid"
)

// TestFitGammaGammaCDNOW reproduces Fader & Hardie (2013): p = 6.25,
// q = 3.74, γ = 15.44 on the 946 CDNOW repeat customers; CLVTools reports
// LL −4055.9177 on the full-precision m_x, and the dataset README's SciPy MLE
// is (6.24957, 3.74422, 15.44352).
func TestFitGammaGammaCDNOW(t *testing.T) {
	cs, _ := cdnowCBS(t)
	m, info, err := FitGammaGamma(cs, FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v LL=%.4f se=%.4f iter=%d", m, info.LogLikelihood, info.StdErr, info.Iterations)
	if info.Rows != 946 || !info.Converged {
		t.Errorf("rows %d converged %v, want 946 true", info.Rows, info.Converged)
	}
	paper := GammaGamma{6.25, 3.74, 15.44}
	scipy := GammaGamma{6.24957, 3.74422, 15.44352}
	for i, v := range m.Params() {
		if !near(v, paper.Params()[i], 0.005) || !near(v, scipy.Params()[i], 2e-4*v) {
			t.Errorf("param %d = %.5f, paper %.2f, SciPy %.5f", i, v, paper.Params()[i], scipy.Params()[i])
		}
	}
	if !near(info.LogLikelihood, -4055.9177, 1e-3) {
		t.Errorf("LL = %.4f, want −4055.9177 (CLVTools)", info.LogLikelihood)
	}
	// The population mean spend pγ/(q−1) at the paper's estimate is
	// 6.25·15.44/2.74 = 35.2190 (hand computation).
	if got, err := (GammaGamma{6.25, 3.74, 15.44}).ExpectedSpend(Customer{}); err != nil || !near(got, 35.2190, 1e-4) {
		t.Errorf("population mean spend = %.3f, %v", got, err)
	}
}

func TestGammaGammaErrors(t *testing.T) {
	_, _, err := FitGammaGamma([]Customer{{X: 0, T: 5}}, FitConfig{})
	if !errors.Is(err, ErrNoData) {
		t.Errorf("only x=0: err = %v, want ErrNoData", err)
	}
	_, _, err = FitGammaGamma([]Customer{{ID: "a", X: 2, Tx: 1, T: 5}, {ID: "b", X: 1, Tx: 3, T: 2}}, FitConfig{})
	var ce *CustomerError
	if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidCustomer) {
		t.Errorf("err = %v, want *CustomerError", err)
	}
	if got := len(err.(interface{ Unwrap() []error }).Unwrap()); got != 2 {
		t.Errorf("got %d errors, want both rows reported: %v", got, err)
	}
	var ue *UndefinedError
	if _, err := (GammaGamma{1, 0.5, 1}).ExpectedSpend(Customer{}); !errors.As(err, &ue) || !errors.Is(err, ErrUndefined) {
		t.Errorf("q ≤ 1 with x = 0: err = %v, want *UndefinedError (mean does not exist)", err)
	}
}

// TestPropertyExpectedSpendBetween: the conditional expected spend is a
// weighted mean of the population mean pγ/(q−1) and the customer's own
// mean, so it lies between them (Fader & Hardie 2013, eq. 5).
func TestPropertyExpectedSpendBetween(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := GammaGamma{
			P:     rapid.Float64Range(0.01, 100).Draw(t, "p"),
			Q:     rapid.Float64Range(1.01, 100).Draw(t, "q"),
			Gamma: rapid.Float64Range(0.01, 1000).Draw(t, "gamma"),
		}
		c := Customer{X: float64(rapid.IntRange(1, 500).Draw(t, "x")), Monetary: rapid.Float64Range(0.01, 1e5).Draw(t, "m")}
		got, err := m.ExpectedSpend(c)
		pop := m.P * m.Gamma / (m.Q - 1)
		lo, hi := min(pop, c.Monetary), max(pop, c.Monetary)
		if err != nil || got < lo*(1-1e-12) || got > hi*(1+1e-12) {
			t.Fatalf("%+v %+v: E = %v (%v), not in [%v, %v]", m, c, got, err, lo, hi)
		}
	})
}

// TestGGRowsEqualsPerRow: the log-likelihood and gradient of ggRows, which
// take the terms in x alone once per distinct x, equal the sums over rows
// of each row's terms (Fader and Hardie 2013, eq. 4, and its derivatives
// written out per row) to 1e-11 relative, for rows with repeated and
// fractional x, weights and spends, at parameters across the range.
func TestGGRowsEqualsPerRow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 60).Draw(t, "rows")
		xs, ms, ws := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			xs[i] = float64(rapid.IntRange(1, 6).Draw(t, "x"))
			if rapid.Bool().Draw(t, "fractional") {
				xs[i] += rapid.Float64Range(0.01, 0.99).Draw(t, "xfrac")
			}
			ms[i] = rapid.Float64Range(0.01, 5000).Draw(t, "m")
			ws[i] = rapid.SampledFrom([]float64{1, 1, 2, 0.5, 3.25}).Draw(t, "w")
		}
		th := []float64{rapid.Float64Range(0.05, 50).Draw(t, "p"), rapid.Float64Range(0.05, 50).Draw(t, "q"), rapid.Float64Range(0.05, 500).Draw(t, "g")}
		p, q, g := th[0], th[1], th[2]
		var want, wp, wq, wg float64
		for i, x := range xs {
			m, w, px := ms[i], ws[i], p*xs[i]
			l := math.Log(g + x*m)
			want += w * (lgamma(px+q) - lgamma(px) - lgamma(q) + q*math.Log(g) + (px-1)*math.Log(m) + px*math.Log(x) - (px+q)*l)
			wp += w * x * (mathext.Digamma(px+q) - mathext.Digamma(px) + math.Log(m) + math.Log(x) - l)
			wq += w * (mathext.Digamma(px+q) - mathext.Digamma(q) + math.Log(g) - l)
			wg += w * (q/g - (px+q)/(g+x*m))
		}
		grad := make([]float64, 3)
		got := newGGRows(xs, ms, ws).ll(th, grad)
		if nogo := newGGRows(xs, ms, ws).ll(th, nil); nogo != got {
			t.Fatalf("ll without a gradient %v, with one %v", nogo, got)
		}
		// The sums cancel: compare against the scale of their terms.
		scale := 0.0
		for i, x := range xs {
			scale += ws[i] * (math.Abs(lgamma(p*x+q)) + math.Abs(lgamma(p*x)) + (p*x+q)*math.Abs(math.Log(g+x*ms[i])) + 1)
		}
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"ll", got, want}, {"∂p", grad[0], wp}, {"∂q", grad[1], wq}, {"∂γ", grad[2], wg}} {
			if math.Abs(c.got-c.want) > 1e-11*scale {
				t.Fatalf("%s = %.17g, per row %.17g (scale %g)", c.name, c.got, c.want, scale)
			}
		}
	})
}
