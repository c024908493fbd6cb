package clv

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

const cdnowWeek = 7 * 24 * time.Hour

var cdnowYear = ValueConfig{TimeUnit: cdnowWeek, Horizon: 52 * cdnowWeek, DiscountPeriod: 4 * cdnowWeek, DiscountRate: 0.01, Margin: 0.3}

// cdnowFits returns the BG/NBD and Gamma-Gamma fits on CDNOW with their
// covariance matrices.
func cdnowFits(t testing.TB) ([]Customer, BGNBD, GammaGamma, Uncertainty) {
	cs, _ := cdnowCBS(t)
	bg, bi, err := FitBGNBD(Group(cs), FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	gg, gi, err := FitGammaGamma(cs, FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	return cs, bg, gg, Uncertainty{Purchases: bi.Cov, Spend: gi.Cov}
}

// TestIntervalsBootstrap checks the delta-method interval of the CDNOW
// total against an independent parametric bootstrap: 100 draws of both
// models' parameters from the normal distribution of the fits (mean the
// estimate, covariance FitInfo.Cov), the total recomputed by CLV for
// each. The delta method's standard error must be within 25 % of the
// bootstrap's (whose own sampling error with 100 draws is about 7 %; the two differ by 12–17 % on CDNOW depending on the draws).
func TestIntervalsBootstrap(t *testing.T) {
	cs, bg, gg, u := cdnowFits(t)
	rows := Group(cs)
	values, total, err := Intervals(bg, gg, u, rows, cdnowYear)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for i, v := range values {
		sum += rows[i].weight() * v.CLV.Value
		if !v.CLV.Defined || v.CLV.Low > v.CLV.Value || v.CLV.High < v.CLV.Value {
			t.Fatalf("row %d: %+v", i, v.CLV)
		}
	}
	if !near(sum, total.Value, 1e-6*sum) {
		t.Errorf("total %v, sum of customers %v", total.Value, sum)
	}
	direct := 0.0
	for _, c := range rows {
		v, err := CLV(bg, gg, c, cdnowYear)
		if err != nil {
			t.Fatal(err)
		}
		direct += c.weight() * v
	}
	if !near(direct, total.Value, 1e-9*direct) {
		t.Errorf("total %v, CLV summed %v", total.Value, direct)
	}
	draw := func(mean []float64, cov [][]float64, rng *rand.Rand) []float64 {
		n := len(mean)
		var chol mat.Cholesky
		sym := mat.NewSymDense(n, nil)
		for i := range n {
			for j := i; j < n; j++ {
				sym.SetSym(i, j, cov[i][j])
			}
		}
		if !chol.Factorize(sym) {
			t.Fatal("covariance not positive definite")
		}
		var l mat.TriDense
		chol.LTo(&l)
		out := make([]float64, n)
		for {
			z := make([]float64, n)
			for i := range z {
				z[i] = rng.NormFloat64()
			}
			ok := true
			for i := range n {
				out[i] = mean[i]
				for j := 0; j <= i; j++ {
					out[i] += l.At(i, j) * z[j]
				}
				ok = ok && out[i] > 0
			}
			if ok {
				return out
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var totals []float64
	for range 100 {
		p := draw(bg.Params(), u.Purchases, rng)
		q := draw(gg.Params(), u.Spend, rng)
		m, s := BGNBD{p[0], p[1], p[2], p[3]}, GammaGamma{q[0], q[1], q[2]}
		tot := 0.0
		for _, c := range rows {
			v, err := CLV(m, s, c, cdnowYear)
			if err != nil {
				t.Fatal(err)
			}
			tot += c.weight() * v
		}
		totals = append(totals, tot)
	}
	sd := stat.StdDev(totals, nil)
	t.Logf("total %.1f, delta-method se %.1f (%.1f–%.1f), bootstrap sd %.1f, mean %.1f",
		total.Value, total.StdErr, total.Low, total.High, sd, stat.Mean(totals, nil))
	if math.Abs(total.StdErr-sd)/sd > 0.25 {
		t.Errorf("delta-method se %v, bootstrap sd %v", total.StdErr, sd)
	}
}

// TestIntervalsProperties: for any customer, the interval contains the
// value, its low end is at least 0, a wider level gives a wider interval,
// and without covariances only the value is defined.
func TestIntervalsProperties(t *testing.T) {
	_, bg, gg, u := cdnowFits(t)
	rapid.Check(t, func(t *rapid.T) {
		T := rapid.Float64Range(1, 80).Draw(t, "T")
		x := float64(rapid.IntRange(0, 30).Draw(t, "x"))
		tx := 0.0
		if x > 0 {
			tx = rapid.Float64Range(0, T).Draw(t, "tx")
		}
		c := Customer{X: x, Tx: tx, T: T, Monetary: rapid.Float64Range(0, 500).Draw(t, "monetary")}
		var m PurchaseModel = bg
		if rapid.Bool().Draw(t, "pareto") {
			m = cdnowParetoNBD
		}
		uu := u
		if _, ok := m.(ParetoNBD); ok {
			// An illustrative covariance: 5 % standard errors.
			p := cdnowParetoNBD.Params()
			uu.Purchases = make([][]float64, 4)
			for i := range p {
				uu.Purchases[i] = make([]float64, 4)
				uu.Purchases[i][i] = 0.0025 * p[i] * p[i]
			}
		}
		v95, _, err := Intervals(m, gg, uu, []Customer{c}, cdnowYear)
		if err != nil {
			t.Fatal(err)
		}
		uu.Level = 0.5
		v50, _, err := Intervals(m, gg, uu, []Customer{c}, cdnowYear)
		if err != nil {
			t.Fatal(err)
		}
		a, b := v95[0].CLV, v50[0].CLV
		if !a.Defined || a.Low < 0 || a.Low > a.Value || a.High < a.Value || a.High < b.High || a.Low > b.Low {
			t.Fatalf("95 %% %+v, 50 %% %+v", a, b)
		}
		if p := v95[0].PAlive; !(p >= 0 && p <= 1) {
			t.Fatalf("P(alive) %v", p)
		}
		none, tot, err := Intervals(m, gg, Uncertainty{}, []Customer{c}, cdnowYear)
		if err != nil || none[0].CLV.Defined || tot.Defined || none[0].CLV.Value != a.Value {
			t.Fatalf("no covariance: %+v, %+v, %v", none[0].CLV, tot, err)
		}
	})
}

func TestIntervalsErrors(t *testing.T) {
	_, bg, gg, u := cdnowFits(t)
	var ce *metrics.ConfigError
	bad := u
	bad.Spend = [][]float64{{1}}
	bad.Level = 1
	_, _, err := Intervals(bg, gg, bad, nil, ValueConfig{})
	if !errors.As(err, &ce) || len(err.(interface{ Unwrap() []error }).Unwrap()) < 3 {
		t.Errorf("err = %v, want the config, level and covariance errors", err)
	}
	_, _, err = Intervals(bg, gg, u, []Customer{{ID: "a", X: 1, Tx: 3, T: 2}, {ID: "b", T: 1}}, cdnowYear)
	if !errors.Is(err, ErrInvalidCustomer) {
		t.Errorf("err = %v, want ErrInvalidCustomer", err)
	}
	// A spend model without a mean for customers with no repeat purchase.
	_, _, err = Intervals(bg, GammaGamma{1, 0.5, 1}, u, []Customer{{ID: "z", T: 1}}, cdnowYear)
	if !errors.Is(err, ErrUndefined) {
		t.Errorf("q ≤ 1: err = %v, want ErrUndefined", err)
	}
}

// BenchmarkIntervals1M computes every customer's CLV with its interval and
// the total's for 1M synthetic day-resolution customers (the BG/NBD set of
// BenchmarkPredict1M with Gamma-Gamma spend), over 52 weeks discounted
// every 4 weeks (target: under 10 s on one core). Skipped with -short.
func BenchmarkIntervals1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M customers: skipped with -short")
	}
	_, bg, gg, u := cdnowFits(b)
	cs := millionSet("Spend")
	c0 := cpuTime()
	for b.Loop() {
		if _, _, err := Intervals(bg, gg, u, cs, cdnowYear); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time as well as the wall clock: on a shared machine the wall
	// clock counts the time other processes hold the core.
	b.ReportMetric((cpuTime()-c0).Seconds()/float64(b.N), "cpu-s/1M")
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestIntervalsOrder checks that the rows of Group's order, whose
// histories Intervals finds in the row before, and the same rows
// reversed, which it finds in a map, get the same values to the last bit:
// each row's value does not depend on how its history was found.
func TestIntervalsOrder(t *testing.T) {
	cs, bg, gg, u := cdnowFits(t)
	rows := Group(cs)
	rev := slices.Clone(rows)
	slices.Reverse(rev)
	if !historiesAdjacent(rows) || historiesAdjacent(rev) {
		t.Fatalf("historiesAdjacent: Group's rows %v, reversed %v; want true, false", historiesAdjacent(rows), historiesAdjacent(rev))
	}
	shared := 0 // rows whose history is the row before's
	for i := 1; i < len(rows); i++ {
		if rows[i].X == rows[i-1].X && rows[i].Tx == rows[i-1].Tx && rows[i].T == rows[i-1].T {
			shared++
		}
	}
	if shared == 0 {
		t.Fatal("no two rows share a history: the test would not test the row before")
	}
	for _, m := range []PurchaseModel{bg, MBGNBD(bg)} {
		got, _, err := Intervals(m, gg, u, rows, cdnowYear)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := Intervals(m, gg, u, rev, cdnowYear)
		if err != nil {
			t.Fatal(err)
		}
		slices.Reverse(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%T: Group's order against reversed (-want +got):\n%s", m, diff)
		}
	}
}
