package clv

import (
	"math"
	"testing"
)

// TestBGNBDHugeAB: fits on weekly data with few repeat purchases can
// give a and b in the millions (the UCI Online Retail reviews noted their
// CLV as not computed). E[Y(t)] must then still be computed. Two
// independent checks: where the dropout probability is pinned (a, b ≥
// 1e8), the expectation is that of a fixed p = a/(a+b+x),
// (1 − (1+pk)^{−(r+x)})/p with k = t/(α+T), times P(alive); and where the
// hypergeometric form also converges (a = 40, b = 60), the quadrature
// agrees with it.
func TestBGNBDHugeAB(t *testing.T) {
	for _, m := range []BGNBD{{0.3, 5, 1e8, 1e9}, {0.5, 3, 1e12, 1e13}, {1, 1, 5e8, 5e8}} {
		for _, c := range []Customer{{}, {X: 1, Tx: 3, T: 10}, {X: 30, Tx: 40, T: 50}} {
			for _, h := range []float64{4.35, 52} {
				got, err := m.ConditionalExpectedPurchases(c, h)
				if err != nil {
					t.Errorf("%+v %+v t=%v: %v", m, c, h, err)
					continue
				}
				p := m.A / (m.A + m.B + c.X)
				k := h / (m.Alpha + c.T)
				pa, _ := m.PAlive(c)
				want := -math.Expm1(-(m.R+c.X)*math.Log1p(p*k)) / p * pa
				if math.Abs(got-want) > 1e-6*want {
					t.Errorf("%+v %+v t=%v: %v, fixed-p limit %v", m, c, h, got, want)
				}
			}
		}
	}
	m := BGNBD{0.8, 6, 40, 60}
	for _, c := range []Customer{{}, {X: 2, Tx: 5, T: 20}} {
		for _, h := range []float64{4, 40} {
			q, ok := m.condExpBetaQuad(c, h, false)
			s, ok2 := m.condExp(c, h, false)
			if !ok || !ok2 || math.Abs(q-s) > 1e-9*s {
				t.Errorf("%+v t=%v: quadrature %v (%v), hypergeometric %v (%v)", c, h, q, ok, s, ok2)
			}
		}
	}
}
