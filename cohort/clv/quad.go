package clv

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mat"
)

// glNodes holds the 16-point Gauss–Legendre rule on [−1, 1], computed once
// and never modified.
var glNodes = sync.OnceValues(func() ([]float64, []float64) {
	const n = 16
	xs, ws := make([]float64, n), make([]float64, n)
	quad.Legendre{}.FixedLocations(xs, ws, -1, 1)
	return xs, ws
})

// integratePanels returns ∫ f over [edges[0], edges[len-1]] by the
// 16-point Gauss–Legendre rule on each panel between consecutive edges.
func integratePanels(edges []float64, f func(float64) float64) float64 {
	xs, ws := glNodes()
	var sum float64
	for i := 1; i < len(edges); i++ {
		mid, half := (edges[i-1]+edges[i])/2, (edges[i]-edges[i-1])/2
		for k, x := range xs {
			sum += ws[k] * half * f(mid+half*x)
		}
	}
	return sum
}

// maxPanels bounds the panels of [logIntegralConcave].
const maxPanels = 4096

// logIntegralConcave returns log ∫_lo^hi e^{g(v)} dv for a concave g, by
// composite 16-point Gauss–Legendre quadrature on panels over which g
// changes by at most 2 and departs from its chord by at most 1/2, after
// locating the mode and cutting where e^g falls below e^{−50} of its
// maximum. It works in log space throughout, so the integral may be far
// outside the float64 range. ok is false if g is not finite on the range or
// more than maxPanels panels would be needed; the work is bounded either
// way.
func logIntegralConcave(g func(float64) float64, lo, hi float64) (float64, bool) {
	if !(hi > lo) {
		return math.Inf(-1), hi == lo
	}
	// Golden-section search for the mode.
	const phi = 0.6180339887498949
	a, b := lo, hi
	c, d := b-phi*(b-a), a+phi*(b-a)
	gc, gd := g(c), g(d)
	for range 120 {
		if gc >= gd {
			b, d, gd = d, c, gc
			c = b - phi*(b-a)
			gc = g(c)
		} else {
			a, c, gc = c, d, gd
			d = a + phi*(b-a)
			gd = g(d)
		}
		if !(b-a > 1e-15*(math.Abs(a)+math.Abs(b))) {
			break
		}
	}
	mode := (a + b) / 2
	glo, ghi, gm := g(lo), g(hi), g(mode)
	if math.IsNaN(glo) || math.IsNaN(ghi) || !finite(gm) {
		return 0, false
	}
	gmax := math.Max(gm, math.Max(glo, ghi))
	if glo == gmax {
		mode = lo
	} else if ghi == gmax {
		mode = hi
	}
	const cut = 50
	// cutAt returns the point between inner (g ≥ gmax−cut) and outer where
	// g crosses gmax−cut, or outer if g stays above it.
	cutAt := func(inner, outer, gOuter float64) float64 {
		if gOuter >= gmax-cut {
			return outer
		}
		for range 200 {
			m := (inner + outer) / 2
			if m == inner || m == outer {
				break
			}
			if g(m) >= gmax-cut {
				inner = m
			} else {
				outer = m
			}
		}
		return outer
	}
	left, right := cutAt(mode, lo, glo), cutAt(mode, hi, ghi)
	xs, ws := glNodes()
	sum := 0.0
	type panel struct{ a, b, ga, gb float64 }
	stack := []panel{{left, right, g(left), g(right)}}
	panels := 0
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		m := (p.a + p.b) / 2
		gm := g(m)
		if math.IsNaN(gm) || math.IsNaN(p.ga) || math.IsNaN(p.gb) {
			return 0, false
		}
		smooth := math.Abs(p.ga-p.gb) <= 2 && math.Abs(gm-(p.ga+p.gb)/2) <= 0.5
		if !smooth && m > p.a && m < p.b {
			if len(stack)+panels > maxPanels {
				return 0, false
			}
			stack = append(stack, panel{p.a, m, p.ga, gm}, panel{m, p.b, gm, p.gb})
			continue
		}
		panels++
		half := (p.b - p.a) / 2
		for i, x := range xs {
			v := g(m + half*x)
			if math.IsNaN(v) {
				return 0, false
			}
			sum += ws[i] * half * math.Exp(v-gmax)
		}
	}
	if !(sum > 0) || !finite(sum) {
		return 0, false
	}
	return gmax + ln(sum), true
}

// laguerreNodes holds the 32-point Gauss–Laguerre rule (weight e^{−v} on
// [0, ∞)) by the Golub–Welsch method, computed once and never modified.
var laguerreNodes = sync.OnceValues(func() ([]float64, []float64) {
	const n = 32
	j := mat.NewSymDense(n, nil)
	for k := range n {
		j.SetSym(k, k, float64(2*k+1))
		if k > 0 {
			j.SetSym(k, k-1, float64(k))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(j, true) {
		panic("clv: Gauss–Laguerre nodes") // a fixed matrix: cannot fail
	}
	xs := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	ws := make([]float64, n)
	for k := range ws {
		v := vecs.At(0, k)
		ws[k] = v * v
	}
	return xs, ws
})
