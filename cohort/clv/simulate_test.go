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
