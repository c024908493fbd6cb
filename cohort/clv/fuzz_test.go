package clv

import (
	"math"
	"testing"
)

// FuzzPredictions feeds arbitrary customers, parameters and horizons to
// every model: no prediction may be NaN, infinite or negative, and P(alive)
// must lie in [0, 1]. Invalid input must give 0, not a panic.
func FuzzPredictions(f *testing.F) {
	f.Add(2.0, 30.43, 38.86, 52.0, 0.243, 4.414, 0.793, 2.426)
	f.Add(200.0, 2.0, 40.0, 1e4, 1e-4, 1e3, 0.5, 1e3)
	f.Add(0.0, 0.0, 1e4, 1.0, 50.0, 0.01, 1.0, 100.0)
	f.Add(-1.0, math.NaN(), math.Inf(1), -5.0, 0.0, -1.0, math.NaN(), 1.0)
	f.Fuzz(func(t *testing.T, x, tx, T, h, p1, p2, p3, p4 float64) {
		c := Customer{X: math.Round(math.Abs(x)), Tx: tx, T: T}
		models := []model{
			BGNBD{p1, p2, p3, p4}, MBGNBD{p1, p2, p3, p4}, ParetoNBD{p1, p2, p3, p4},
		}
		for _, m := range models {
			if pa := m.PAlive(c); !(pa >= 0 && pa <= 1) {
				t.Fatalf("%+v PAlive(%+v) = %v", m, c, pa)
			}
			if e := m.ConditionalExpectedPurchases(c, h); !finite(e) || e < 0 {
				t.Fatalf("%+v E[Y(%v)|%+v] = %v", m, h, c, e)
			}
			if e := m.ExpectedPurchases(h); !finite(e) || e < 0 {
				t.Fatalf("%+v E[X(%v)] = %v", m, h, e)
			}
		}
		bb := BGBB{p1, p2, p3, p4}
		d := Customer{X: c.X, Tx: math.Round(math.Abs(tx)), T: math.Round(math.Abs(T))}
		if pa := bb.PAlive(d); !(pa >= 0 && pa <= 1) {
			t.Fatalf("%+v PAlive(%+v) = %v", bb, d, pa)
		}
		if e := bb.ConditionalExpectedPurchases(d, h); !finite(e) || e < 0 {
			t.Fatalf("%+v E = %v", bb, e)
		}
		if p := (BGNBD{p1, p2, p3, p4}).PurchaseProbability(int(c.X)%1000, h); !(p >= 0 && p <= 1) {
			t.Fatalf("BG/NBD P(X=%v) = %v", c.X, p)
		}
		if p := (ParetoNBD{p1, p2, p3, p4}).PurchaseProbability(int(c.X)%1000, h); !(p >= 0 && p <= 1) {
			t.Fatalf("Pareto/NBD P(X=%v) = %v", c.X, p)
		}
	})
}
