package clv

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// bgnbdSim draws customers from a BG/NBD process with known parameters,
// in weeks. Customers are acquired uniformly over the first `span` weeks of
// a `horizon`-week window. If days is true, purchase times are recorded at
// day resolution (several purchases on one day count once, as the models
// count purchase days), which is how real summaries look and what makes
// grouping effective.
type bgnbdSim struct {
	m             BGNBD
	span, horizon float64
	days          bool
}

func (s bgnbdSim) draw(n int, seed uint64) []Customer {
	src := rand.NewPCG(seed, 1)
	rng := rand.New(src)
	lam := distuv.Gamma{Alpha: s.m.R, Beta: s.m.Alpha, Src: src}
	pd := distuv.Beta{Alpha: s.m.A, Beta: s.m.B, Src: src}
	out := make([]Customer, n)
	for i := range out {
		acq := rng.Float64() * s.span
		if s.days {
			acq = math.Floor(acq * 7)
			acq /= 7
		}
		T := s.horizon - acq
		l, p := lam.Rand(), pd.Rand()
		x, tx, t := 0.0, 0.0, 0.0
		for {
			t += rng.ExpFloat64() / l
			if t > T {
				break
			}
			rec := t
			if s.days {
				rec = math.Floor(t*7) / 7
				if rec == tx && x > 0 || rec == 0 {
					continue // same purchase day
				}
			}
			x, tx = x+1, rec
			if rng.Float64() < p {
				break
			}
		}
		out[i] = Customer{X: x, Tx: tx, T: T}
	}
	return out
}

// TestBGNBDRecovery fits data simulated from known parameters and checks
// that each estimate lies within 4 standard errors of the truth.
func TestBGNBDRecovery(t *testing.T) {
	truth := BGNBD{R: 0.25, Alpha: 4, A: 0.8, B: 2.5}
	cs := bgnbdSim{m: truth, span: 12, horizon: 52}.draw(20000, 7)
	m, info, err := FitBGNBD(cs, FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if len(info.StdErr) != 4 {
		t.Fatalf("no standard errors: %+v", info)
	}
	for i, v := range m.Params() {
		if z := (v - truth.Params()[i]) / info.StdErr[i]; math.Abs(z) > 4 {
			t.Errorf("param %d = %.4f ± %.4f, truth %.4f (z = %.1f)", i, v, info.StdErr[i], truth.Params()[i], z)
		}
	}
}

// pnbdSim draws customers from a Pareto/NBD process, in weeks, acquired
// uniformly over the first span weeks of a horizon-week window, with
// purchase days recorded at day resolution as bgnbdSim does.
type pnbdSim struct {
	m             ParetoNBD
	span, horizon float64
}

func (s pnbdSim) draw(n int, seed uint64) []Customer {
	src := rand.NewPCG(seed, 2)
	rng := rand.New(src)
	lam := distuv.Gamma{Alpha: s.m.R, Beta: s.m.Alpha, Src: src}
	mu := distuv.Gamma{Alpha: s.m.S, Beta: s.m.Beta, Src: src}
	out := make([]Customer, n)
	for i := range out {
		T := s.horizon - math.Floor(rng.Float64()*s.span*7)/7
		l, life := lam.Rand(), rng.ExpFloat64()/mu.Rand()
		end := math.Min(life, T)
		x, tx, t := 0.0, 0.0, 0.0
		for {
			t += rng.ExpFloat64() / l
			if t > end {
				break
			}
			if rec := math.Floor(t*7) / 7; rec > tx {
				x, tx = x+1, rec
			}
		}
		out[i] = Customer{X: x, Tx: tx, T: T}
	}
	return out
}

// withSpend sets each repeat customer's Monetary to a mean of x
// Gamma-Gamma transaction values, rounded to cents: ν ~ Gamma(q, γ) and the
// mean of x values Gamma(p, ν) is Gamma(p·x, ν·x).
func withSpend(cs []Customer, m GammaGamma, seed uint64) []Customer {
	src := rand.NewPCG(seed, 3)
	nu := distuv.Gamma{Alpha: m.Q, Beta: m.Gamma, Src: src}
	for i, c := range cs {
		if c.X == 0 {
			continue
		}
		z := distuv.Gamma{Alpha: m.P * c.X, Beta: nu.Rand() * c.X, Src: src}
		cs[i].Monetary = math.Max(0.01, math.Round(z.Rand()*100)/100)
	}
	return cs
}

// bgbbSim draws n customers from a BG/BB process over opportunities
// opportunities (FHS 2010's donations have 6).
func bgbbSim(m BGBB, n, opportunities int, seed uint64) []Customer {
	src := rand.NewPCG(seed, 4)
	rng := rand.New(src)
	pd := distuv.Beta{Alpha: m.Alpha, Beta: m.Beta, Src: src}
	td := distuv.Beta{Alpha: m.Gamma, Beta: m.Delta, Src: src}
	out := make([]Customer, n)
	for i := range out {
		p, theta := pd.Rand(), td.Rand()
		x, tx := 0.0, 0.0
		for k := 1; k <= opportunities; k++ {
			if rng.Float64() < theta {
				break
			}
			if rng.Float64() < p {
				x, tx = x+1, float64(k)
			}
		}
		out[i] = Customer{X: x, Tx: tx, T: float64(opportunities)}
	}
	return out
}

// withExtremes replaces every 333rd customer (0.3 %) by an extreme one:
// heavy buyers with hundreds to thousands of purchase days, alive or gone
// quiet, and very old customers who never bought, at day resolution
// within their age T.
func withExtremes(cs []Customer, seed uint64) []Customer {
	rng := rand.New(rand.NewPCG(seed, 5))
	for i := 0; i < len(cs); i += 333 {
		T := cs[i].T
		switch rng.IntN(3) {
		case 0: // heavy buyer, still buying
			cs[i] = Customer{X: float64(200 + rng.IntN(2000)), Tx: T, T: T}
		case 1: // heavy buyer gone quiet
			cs[i] = Customer{X: float64(200 + rng.IntN(2000)), Tx: math.Floor(rng.Float64()*T*7) / 7, T: T}
			cs[i].Tx = math.Max(cs[i].Tx, 1.0/7)
		default: // bought once, long ago
			cs[i] = Customer{T: T * float64(1+rng.IntN(50))}
		}
	}
	return cs
}
