package clv

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// condModel is a model with the conditional predictions of predict.go.
type condModel interface {
	PurchaseModel
	ConditionalPurchaseProbability(c Customer, n int, t float64) (float64, error)
	PAliveAt(c Customer, t float64) (float64, error)
	DERT(c Customer, delta float64) (float64, error)
}

// cdnowMBGNBD is the MBG/NBD fitted to CDNOW (Batislam, Denizel and
// Filiztekin 2007 report r = 0.525, α = 6.183, a = 0.891, b = 1.614).
var cdnowMBGNBD = MBGNBD{0.525, 6.183, 0.891, 1.614}

var condModels = []struct {
	name string
	m    condModel
}{{"BG/NBD", cdnowBGNBD}, {"MBG/NBD", cdnowMBGNBD}, {"Pareto/NBD", cdnowParetoNBD}}

// TestPropConditionalPMF checks that the conditional probabilities of n
// purchases are probabilities, sum to 1 and have as their mean the
// model's ConditionalExpectedPurchases, a published closed form computed
// by separate code (FHL 2005, eq. 10, and its Pareto/NBD counterpart).
func TestPropConditionalPMF(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		T := rapid.Float64Range(1, 78).Draw(rt, "T")
		x := float64(rapid.IntRange(0, 20).Draw(rt, "x"))
		tx := 0.0
		if x > 0 {
			tx = rapid.Float64Range(0, T).Draw(rt, "tx")
		}
		c := Customer{X: x, Tx: tx, T: T}
		h := rapid.Float64Range(0.5, 104).Draw(rt, "t")
		for _, mm := range condModels {
			var sum, mean float64
			for n := 0; ; n++ {
				p, err := mm.m.ConditionalPurchaseProbability(c, n, h)
				if err != nil {
					rt.Fatalf("%s: P(Y(%v) = %d | %+v): %v", mm.name, h, n, c, err)
				}
				if p < 0 || p > 1 {
					rt.Fatalf("%s: P(Y = %d) = %v is not a probability", mm.name, n, p)
				}
				sum += p
				mean += float64(n) * p
				if 1-sum < 1e-12 && n > 0 || n > 5000 {
					break
				}
			}
			if math.Abs(sum-1) > 1e-9 {
				rt.Fatalf("%s: the PMF of %+v over %v sums to %v", mm.name, c, h, sum)
			}
			want, err := mm.m.ConditionalExpectedPurchases(c, h)
			if err != nil {
				rt.Fatal(err)
			}
			if math.Abs(mean-want) > 1e-6*math.Max(1, want) {
				rt.Fatalf("%s: the PMF's mean for %+v over %v is %v, E[Y] = %v", mm.name, c, h, mean, want)
			}
		}
	})
}

// TestMBGNBDPurchaseProbability checks the new customer's PMF of the
// MBG/NBD against its ExpectedPurchases (b/(a−1)·[…], a separate closed
// form) and the total probability.
func TestMBGNBDPurchaseProbability(t *testing.T) {
	for _, h := range []float64{1, 39, 78, 520} {
		var sum, mean float64
		for n := 0; n < 20000 && (n == 0 || 1-sum > 1e-13); n++ {
			p, err := cdnowMBGNBD.PurchaseProbability(n, h)
			if err != nil {
				t.Fatal(err)
			}
			sum += p
			mean += float64(n) * p
		}
		want, err := cdnowMBGNBD.ExpectedPurchases(h)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(sum-1) > 1e-9 || math.Abs(mean-want) > 1e-7*math.Max(1, want) {
			t.Errorf("MBG/NBD PMF over %v: sum %v, mean %v; want 1 and E[X] = %v", h, sum, mean, want)
		}
	}
	// A new customer drops out at once with probability a/(a+b), so
	// P(X(t) = 0) > a/(a+b) for every t.
	p0, err := cdnowMBGNBD.PurchaseProbability(0, 1e6)
	if floor := 0.891 / (0.891 + 1.614); err != nil || p0 < floor {
		t.Errorf("P(X(1e6) = 0) = %v, %v; want at least a/(a+b) = %v", p0, err, floor)
	}
}

// TestPropPAliveAt checks that P(alive at T + t) starts at PAlive and
// falls with t, within [0, 1].
func TestPropPAliveAt(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		T := rapid.Float64Range(0.1, 78).Draw(rt, "T")
		x := float64(rapid.IntRange(0, 50).Draw(rt, "x"))
		tx := 0.0
		if x > 0 {
			tx = rapid.Float64Range(0, T).Draw(rt, "tx")
		}
		c := Customer{X: x, Tx: tx, T: T}
		t1 := rapid.Float64Range(0, 500).Draw(rt, "t1")
		t2 := t1 + rapid.Float64Range(0, 500).Draw(rt, "dt")
		for _, mm := range condModels {
			pa, err1 := mm.m.PAlive(c)
			p0, err2 := mm.m.PAliveAt(c, 0)
			p1, err3 := mm.m.PAliveAt(c, t1)
			p2, err4 := mm.m.PAliveAt(c, t2)
			if err := errors.Join(err1, err2, err3, err4); err != nil {
				rt.Fatalf("%s: %v", mm.name, err)
			}
			if p0 != pa || !(p1 <= p0+1e-12 && p2 <= p1+1e-12 && p2 >= 0) {
				rt.Fatalf("%s %+v: PAlive %v, at 0 %v, at %v %v, at %v %v; want equal, then falling", mm.name, c, pa, p0, t1, p1, t2, p2)
			}
		}
	})
}

// TestConditionalBySimulation checks P(alive at T + t) and the PMF of the
// purchases in (T, T + t] against customers simulated from each model's
// own story, for the customers without a repeat purchase by T = 39 weeks
// (x = 0, a positive-probability event that can be selected exactly). The
// simulation shares no code with the closed forms: it draws λ and the
// dropout, walks the purchases, and counts.
func TestConditionalBySimulation(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 300,000 customers")
	}
	const (
		n     = 100000
		T, h  = 39.0, 26.0
		maxPM = 3 // P(Y = 0..maxPM) are compared
	)
	c := Customer{T: T}
	for _, mm := range condModels {
		src := rand.NewPCG(7, 11)
		rng := rand.New(src)
		var selected, alive float64
		counts := make([]float64, maxPM+1)
		for range n {
			var x, y int
			dead := false
			var lam float64
			var death float64 // Pareto/NBD: the time of death
			var p float64     // BG models: the dropout probability
			switch m := mm.m.(type) {
			case BGNBD:
				lam = distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: src}.Rand()
				p = distuv.Beta{Alpha: m.A, Beta: m.B, Src: src}.Rand()
			case MBGNBD:
				lam = distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: src}.Rand()
				p = distuv.Beta{Alpha: m.A, Beta: m.B, Src: src}.Rand()
				dead = rng.Float64() < p // the chance at the first purchase
			case ParetoNBD:
				lam = distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: src}.Rand()
				mu := distuv.Gamma{Alpha: m.S, Beta: m.Beta, Src: src}.Rand()
				death = rng.ExpFloat64() / mu
			}
			_, pareto := mm.m.(ParetoNBD)
			for now := rng.ExpFloat64() / lam; now <= T+h && !dead; now += rng.ExpFloat64() / lam {
				if pareto && now > death {
					break
				}
				if now <= T {
					x++
				} else {
					y++
				}
				if !pareto && rng.Float64() < p {
					dead = true
				}
			}
			if x != 0 {
				continue
			}
			selected++
			if pareto {
				dead = death <= T+h
			}
			if !dead {
				alive++
			}
			if y <= maxPM {
				counts[y]++
			}
		}
		se := func(p float64) float64 { return 4*math.Sqrt(p*(1-p)/selected) + 1e-9 }
		got, err := mm.m.PAliveAt(c, h)
		if err != nil {
			t.Fatal(err)
		}
		if sim := alive / selected; math.Abs(got-sim) > se(sim) {
			t.Errorf("%s: P(alive at %v | x = 0, T = %v) = %v; %v of %v simulated customers", mm.name, T+h, T, got, sim, selected)
		}
		for k, cnt := range counts {
			got, err := mm.m.ConditionalPurchaseProbability(c, k, h)
			if err != nil {
				t.Fatal(err)
			}
			if sim := cnt / selected; math.Abs(got-sim) > se(sim) {
				t.Errorf("%s: P(Y(%v) = %d | x = 0, T = %v) = %v; simulated %v", mm.name, h, k, T, got, sim)
			}
		}
	}
}

// TestDERTByStieltjes checks DERT against a Riemann–Stieltjes sum of the
// discount factor over the increments of ConditionalExpectedPurchases on
// a fine grid (midpoint rule, 1/8-week steps to 100 weeks, then 1-week
// steps to 8,000 weeks, where e^{−δu} is below 5e-10), which shares no
// code with DERT's expected-rate quadrature.
func TestDERTByStieltjes(t *testing.T) {
	if testing.Short() {
		t.Skip("sums 8,700 expectations per case")
	}
	delta := math.Log(1.15) / 52 // 15 % a year, weekly
	for _, mm := range condModels {
		for _, c := range []Customer{{T: 39}, {X: 2, Tx: 30.43, T: 38.86}, {X: 12, Tx: 38, T: 39}, {X: 1, Tx: 2, T: 39}} {
			got, err := mm.m.DERT(c, delta)
			if err != nil {
				t.Fatal(err)
			}
			var sum, prev, u float64
			for u < 8000 {
				step := 0.125
				if u >= 100 {
					step = 1
				}
				u += step
				e, err := mm.m.ConditionalExpectedPurchases(c, u)
				if err != nil {
					t.Fatal(err)
				}
				sum += math.Exp(-delta*(u-step/2)) * (e - prev)
				prev = e
			}
			if math.Abs(got-sum) > 1e-6*sum {
				t.Errorf("%s %+v: DERT = %v, the Stieltjes sum %v", mm.name, c, got, sum)
			}
		}
	}
}

// TestPropDERT checks that DERT is positive and decreases in the discount
// rate.
func TestPropDERT(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		T := rapid.Float64Range(1, 78).Draw(rt, "T")
		x := float64(rapid.IntRange(0, 30).Draw(rt, "x"))
		tx := 0.0
		if x > 0 {
			tx = rapid.Float64Range(0, T).Draw(rt, "tx")
		}
		c := Customer{X: x, Tx: tx, T: T}
		d1 := rapid.Float64Range(1e-4, 0.5).Draw(rt, "delta")
		d2 := d1 * rapid.Float64Range(1.01, 10).Draw(rt, "factor")
		for _, mm := range condModels {
			v1, err1 := mm.m.DERT(c, d1)
			v2, err2 := mm.m.DERT(c, d2)
			if err := errors.Join(err1, err2); err != nil {
				rt.Fatalf("%s: %v", mm.name, err)
			}
			if !(v1 > 0 && v2 > 0 && v2 < v1) {
				rt.Fatalf("%s %+v: DERT(%v) = %v, DERT(%v) = %v; want positive and falling", mm.name, c, d1, v1, d2, v2)
			}
		}
	})
}

func TestPurchasesBetween(t *testing.T) {
	c := Customer{X: 2, Tx: 30.43, T: 38.86}
	e26, _ := cdnowBGNBD.ConditionalExpectedPurchases(c, 26)
	e52, _ := cdnowBGNBD.ConditionalExpectedPurchases(c, 52)
	got, err := PurchasesBetween(cdnowBGNBD, c, 26, 52)
	if err != nil || got != e52-e26 {
		t.Errorf("PurchasesBetween(26, 52) = %v, %v; want E[Y(52)] − E[Y(26)] = %v", got, err, e52-e26)
	}
	for _, bad := range [][2]float64{{-1, 2}, {3, 2}, {0, math.Inf(1)}, {math.NaN(), 1}} {
		if _, err := PurchasesBetween(cdnowBGNBD, c, bad[0], bad[1]); !errors.Is(err, metrics.ErrConfig) {
			t.Errorf("PurchasesBetween(%v, %v): error %v, want metrics.ErrConfig", bad[0], bad[1], err)
		}
	}
	for _, bad := range []float64{0, -1, math.Inf(1), math.NaN()} {
		if _, err := cdnowParetoNBD.DERT(c, bad); !errors.Is(err, metrics.ErrConfig) {
			t.Errorf("DERT(δ = %v): error %v, want metrics.ErrConfig", bad, err)
		}
	}
}

// BenchmarkPredict measures the conditional predictions per customer on
// CDNOW's customers (ns/op is per customer).
func BenchmarkPredict(b *testing.B) {
	cs := cdnowRounded(b)
	delta := math.Log(1.15) / 52
	for _, mm := range condModels {
		b.Run(mm.name+"/DERT", func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if _, err := mm.m.DERT(cs[i%len(cs)], delta); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(mm.name+"/PAliveAt", func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if _, err := mm.m.PAliveAt(cs[i%len(cs)], 52); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(mm.name+"/PMF", func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if _, err := mm.m.ConditionalPurchaseProbability(cs[i%len(cs)], 1, 52); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
