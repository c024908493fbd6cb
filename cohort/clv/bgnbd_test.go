package clv

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// TestFitBGNBDCDNOW reproduces Fader, Hardie & Lee (2005): r = 0.243,
// α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 on the CDNOW sample.
// Full-precision references: BTYD vignette (r=0.2425982, α=4.4136842,
// a=0.7929899, b=2.4261667, LL=−9582.429); the dataset README's SciPy MLE on
// the BTYD cbs is (0.242595, 4.413602, 0.792922, 2.425907), LL −9582.4292,
// and on lifetimes' 2-d.p. file (0.242593, 4.413531, 0.792886, 2.425753),
// LL −9582.4256.
func TestFitBGNBDCDNOW(t *testing.T) {
	tests := []struct {
		name   string
		rows   []Customer
		want   BGNBD
		wantLL float64
	}{
		{"btyd cbs, full precision", func() []Customer { c, _ := cdnowCBS(t); return c }(),
			BGNBD{0.242595, 4.413602, 0.792922, 2.425907}, -9582.4292},
		{"lifetimes 2 d.p.", cdnowRounded(t), BGNBD{0.242593, 4.413531, 0.792886, 2.425753}, -9582.4256},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, grouped := range []bool{false, true} {
				rows := tc.rows
				if grouped {
					rows = Group(rows)
				}
				m, info, err := FitBGNBD(rows, FitConfig{})
				if err != nil {
					t.Fatal(err)
				}
				if !info.Converged || info.Weight != 2357 {
					t.Errorf("info = %+v, want converged with weight 2357", info)
				}
				// Paper precision: 3 d.p.
				paper := BGNBD{0.243, 4.414, 0.793, 2.426}
				for i, v := range m.Params() {
					if !near(v, paper.Params()[i], 0.0005) {
						t.Errorf("grouped=%v param %d = %.6f, paper %.3f", grouped, i, v, paper.Params()[i])
					}
					if !near(v, tc.want.Params()[i], 2e-5*tc.want.Params()[i]) {
						t.Errorf("grouped=%v param %d = %.7f, SciPy MLE %.6f", grouped, i, v, tc.want.Params()[i])
					}
				}
				if !near(info.LogLikelihood, -9582.4, 0.05) || !near(info.LogLikelihood, tc.wantLL, 1e-3) {
					t.Errorf("grouped=%v LL = %.4f, want %.4f (paper −9582.4)", grouped, info.LogLikelihood, tc.wantLL)
				}
				t.Logf("grouped=%v %+v LL=%.4f rows=%d iter=%d se=%.4f", grouped, m, info.LogLikelihood, info.Rows, info.Iterations, info.StdErr)
				if len(info.StdErr) != 4 {
					t.Errorf("StdErr = %v, want 4 values", info.StdErr)
				}
			}
		})
	}
}

// TestBGNBDLogLikelihoodAtPaper checks the likelihood itself, with its
// constant terms: at the paper's rounded estimates the README's SciPy
// evaluation gives −9582.4268 on lifetimes' 2-d.p. file.
func TestBGNBDLogLikelihoodAtPaper(t *testing.T) {
	m := BGNBD{0.243, 4.414, 0.793, 2.426}
	sum := 0.0
	for _, c := range cdnowRounded(t) {
		ll, err := m.LogLikelihood(c)
		if err != nil {
			t.Fatal(err)
		}
		sum += ll
	}
	if !near(sum, -9582.4268, 1e-3) {
		t.Errorf("LL = %.4f, want −9582.4268", sum)
	}
}

// TestBGNBDGradient compares the analytic gradient with central differences.
func TestBGNBDGradient(t *testing.T) {
	cs, _ := cdnowCBS(t)
	d, err := prepare(Group(cs), false)
	if err != nil {
		t.Fatal(err)
	}
	th := []float64{0.3, 5, 0.9, 2}
	g := make([]float64, 4)
	d.bgnbdLL(th, g, false)
	for i := range th {
		h := 1e-6 * th[i]
		p := append([]float64(nil), th...)
		p[i] += h
		fp := d.bgnbdLL(p, nil, false)
		p[i] -= 2 * h
		fm := d.bgnbdLL(p, nil, false)
		num := (fp - fm) / (2 * h)
		if !near(g[i], num, 1e-5*math.Max(1, math.Abs(num))) {
			t.Errorf("dLL/dθ%d = %g, numerical %g", i, g[i], num)
		}
	}
}

// cdnowBGNBD is the full-precision BTYD estimate (vignette p. 19).
var cdnowBGNBD = BGNBD{0.2425982, 4.4136842, 0.7929899, 2.4261667}

// TestBGNBDPredictions checks predictions against published values and
// against identities that do not share the code paths under test.
func TestBGNBDPredictions(t *testing.T) {
	m := cdnowBGNBD
	// Fader, Hardie & Lee (2005), section 5 and the "Implementing the BG/NBD
	// model" note: customer 1 (x=2, t_x=30.43, T=38.86) is expected to make
	// 1.226 purchases in the next 39 weeks.
	c1 := Customer{X: 2, Tx: 30.43, T: 38.86}
	if got := must(m.ConditionalExpectedPurchases(c1, 39)); !near(got, 1.226, 0.0005) {
		t.Errorf("E[Y(39)|customer 1] = %.4f, want 1.226 (FHL 2005)", got)
	}
	// FHL eq. (9) with the untransformed 2F1(r, b; a+b−1; t/(α+t)) summed
	// directly: an independent route to E[X(t)].
	for _, tt := range []float64{1, 10, 39, 78, 200} {
		z := tt / (m.Alpha + tt)
		lf, sf, ok := log2F1(m.R, m.B, m.A+m.B-1, z)
		if !ok || sf != 1 {
			t.Fatalf("series failed at t=%v", tt)
		}
		want := (m.A + m.B - 1) / (m.A - 1) * (1 - math.Exp(m.R*math.Log(m.Alpha/(m.Alpha+tt))+lf))
		if got := must(m.ExpectedPurchases(tt)); !near(got, want, 1e-9*math.Max(1, want)) {
			t.Errorf("E[X(%v)] = %.12f, eq. 9 gives %.12f", tt, got, want)
		}
		// P(X(t)=n) sums to 1 and its mean is E[X(t)].
		sum, mean := 0.0, 0.0
		for n := 0; n < 2000; n++ {
			p := must(m.PurchaseProbability(n, tt))
			sum += p
			mean += float64(n) * p
		}
		if !near(sum, 1, 1e-8) || !near(mean, want, 1e-6*math.Max(1, want)) {
			t.Errorf("t=%v: Σ P(X=n) = %.10f, mean %.8f, want 1 and %.8f", tt, sum, mean, want)
		}
	}
	// P(alive) is 1 with no repeat purchase and falls with a long silence.
	if got := must(m.PAlive(Customer{X: 0, T: 39})); got != 1 {
		t.Errorf("PAlive(x=0) = %v, want 1", got)
	}
	// Hand computation of FHL eq. (11) for customer 1.
	want := 1 / (1 + m.A/(m.B+1)*math.Pow((m.Alpha+38.86)/(m.Alpha+30.43), m.R+2))
	if got := must(m.PAlive(c1)); !near(got, want, 1e-14) {
		t.Errorf("PAlive(customer 1) = %v, want %v", got, want)
	}
}

// must returns v, failing the test (by panicking) on an error.
func must(v float64, err error) float64 {
	if err != nil {
		panic(err)
	}
	return v
}

// TestBGNBDRowsShareHistory checks the likelihood and its gradient of
// rows in Group's order, where rows of one history (differing in spend)
// are side by side and share their terms, against the same rows shuffled,
// where they seldom are: equal up to the order of the sums.
func TestBGNBDRowsShareHistory(t *testing.T) {
	cs, _ := cdnowCBS(t)
	rows := Group(cs)
	shared := 0
	for i := 1; i < len(rows); i++ {
		if rows[i].X > 0 && rows[i].X == rows[i-1].X && rows[i].Tx == rows[i-1].Tx && rows[i].T == rows[i-1].T {
			shared++
		}
	}
	if shared < 10 {
		t.Fatalf("%d rows share the history of the row before: too few to test", shared)
	}
	shuffled := slices.Clone(rows)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	d, err := prepare(rows, false)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := prepare(shuffled, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, mbg := range []bool{false, true} {
		th := []float64{0.3, 5, 0.9, 2}
		g, gs := make([]float64, 4), make([]float64, 4)
		ll, lls := d.bgnbdLL(th, g, mbg), ds.bgnbdLL(th, gs, mbg)
		// The same terms summed in another order: a few ulps apart.
		if !near(ll, lls, 1e-11*math.Abs(lls)) {
			t.Errorf("mbg %v: LL %v, shuffled %v", mbg, ll, lls)
		}
		for i := range g {
			if !near(g[i], gs[i], 1e-9*math.Max(1, math.Abs(gs[i]))) {
				t.Errorf("mbg %v: dLL/dθ%d %v, shuffled %v", mbg, i, g[i], gs[i])
			}
		}
	}
}
