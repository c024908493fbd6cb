package clv

import "math"

// maxSeriesTerms bounds the direct summation of 2F1. Beyond it the callers
// switch to a transformed representation.
const maxSeriesTerms = 20000

// log2F1 returns the Gaussian hypergeometric function 2F1(a, b; c; z) for
// |z| < 1 as log|F| and the sign of F, by direct summation of its power
// series with a running rescale so that neither terms nor the sum
// overflow. ok is false if the series did not converge within
// maxSeriesTerms terms (z close to 1 with large a·b/c) or c is a
// non-positive integer; callers then use a transformation.
func log2F1(a, b, c, z float64) (logAbs, sign float64, ok bool) {
	return log2F1N(a, b, c, z, maxSeriesTerms)
}

// quickSeriesTerms is the budget of a first, cheap attempt at the series
// near z = 1, before the transformation to 1 − z.
const quickSeriesTerms = 500

// log2F1N is log2F1 with a budget of maxTerms terms.
func log2F1N(a, b, c, z float64, maxTerms float64) (logAbs, sign float64, ok bool) {
	if !(math.Abs(z) < 1) || (c <= 0 && c == math.Trunc(c)) {
		return 0, 0, false
	}
	if z == 0 {
		return 0, 1, true
	}
	const big = 1e200
	term, sum, scale := 1.0, 1.0, 0.0
	az := math.Abs(z)
	for k := 0.0; k < maxTerms; k++ {
		ratio := (a + k) * (b + k) / ((c + k) * (k + 1)) * z
		// The terms after the current sum are bounded by a geometric
		// series once |ratio| < 1; |ratio| tends to |z| from either side,
		// so bound with the larger of the two.
		rb := math.Max(math.Abs(ratio), az)
		if k > 0 && rb < 1 && math.Abs(term)*rb/(1-rb) <= 1e-16*math.Abs(sum) {
			break
		}
		term *= ratio
		sum += term
		if term == 0 {
			break
		}
		if math.Abs(sum) > big || math.Abs(term) > big {
			term /= big
			sum /= big
			scale += ln(big)
		}
		if k >= maxTerms-1 {
			return 0, 0, false
		}
	}
	if sum == 0 {
		return math.Inf(-1), 0, true
	}
	return scale + ln(math.Abs(sum)), math.Copysign(1, sum), true
}

// logSumExp returns log(e^a + e^b) without overflow.
func logSumExp(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	if math.IsInf(a, -1) {
		return a
	}
	return a + math.Log1p(math.Exp(b-a))
}

// logDiffExp returns log(e^a − e^b) for a ≥ b; −Inf when a == b.
func logDiffExp(a, b float64) float64 {
	if b >= a {
		return math.Inf(-1)
	}
	return a + math.Log1p(-math.Exp(b-a))
}

// logAdd returns log(u+v) for u, v ≥ 0 without overflow.
func logAdd(u, v float64) float64 {
	if s := u + v; !math.IsInf(s, 0) {
		return ln(s)
	}
	return logSumExp(ln(u), ln(v))
}

// mulLog returns k·l with 0 for l = 0 even if k is +Inf, as the logarithm
// of a power x^k with x = 1 must be.
func mulLog(k, l float64) float64 {
	if l == 0 {
		return 0
	}
	return k * l
}

// logRatio returns log((α+T)/(α+t_x)) = log1p((T−t_x)/(α+t_x)) for
// 0 ≤ t_x ≤ T without overflow.
func logRatio(alpha, t, tx float64) float64 {
	d, den := t-tx, alpha+tx
	if math.IsInf(den, 0) {
		d, den = d/2, alpha/2+tx/2
	}
	return math.Log1p(d / den)
}

// lbeta returns log B(a, b) for a, b > 0.
func lbeta(a, b float64) float64 {
	return lgamma(a) + lgamma(b) - lgamma(a+b)
}

// lgamma returns log|Γ(x)|.
func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// logistic returns 1/(1+e^{−v}) without overflow.
func logistic(v float64) float64 {
	if v >= 0 {
		return 1 / (1 + math.Exp(-v))
	}
	e := math.Exp(v)
	return e / (1 + e)
}

// hyp2f1 returns 2F1(a, b; c; z) for 0 ≤ z < 1 as log|F| and sign. It sums
// the power series where that converges quickly (z ≤ 0.9, or when the
// terms keep one sign and the series converges within its term budget) and
// otherwise uses the linear
// transformation to 1 − z (DLMF 15.8.4), whose two series converge fast
// near z = 1. When c − a − b is within 1e-9 of an integer, where that
// transformation is singular, it interpolates between c ± δ. ok is false
// only if no representation converged.
func hyp2f1(a, b, c, z float64) (logAbs, sign float64, ok bool) {
	// With a, b > −1, c > 0 and z ≥ 0 the terms change sign at most once
	// (after the first), so the series is accurate however slowly it
	// converges; try it first.
	// Near z = 1 a slow series is first given a small budget, then the
	// transformation, then the full budget.
	positive := a > -1 && b > -1 && c > 0
	if z <= 0.9 || positive {
		budget := float64(maxSeriesTerms)
		if z > 0.9 {
			budget = quickSeriesTerms
		}
		if l, s, ok := log2F1N(a, b, c, z, budget); ok {
			return l, s, true
		}
	}
	if l, s, ok := hyp2f1OneMinusZ(a, b, c, z, true); ok {
		return l, s, true
	}
	if z > 0.9 && positive {
		return log2F1(a, b, c, z)
	}
	return 0, 0, false
}

// hyp2f1OneMinusZ evaluates 2F1 by DLMF 15.8.4. Where c − a − b is an
// integer it averages c ± δ, once (interpolate is then false): with
// parameters beyond 2^53 every float64 is an integer and the neighbours
// are singular too, so ok is false.
func hyp2f1OneMinusZ(a, b, c, z float64, interpolate bool) (float64, float64, bool) {
	d := c - a - b
	if !finite(d) {
		return 0, 0, false
	}
	if math.Abs(d-math.Round(d)) < 1e-9 {
		if !interpolate {
			return 0, 0, false
		}
		// Singular connection coefficients: average the neighbours.
		delta := 1e-7 * math.Max(1, math.Abs(c))
		l1, s1, ok1 := hyp2f1OneMinusZ(a, b, c+delta, z, false)
		l2, s2, ok2 := hyp2f1OneMinusZ(a, b, c-delta, z, false)
		if !ok1 || !ok2 {
			return 0, 0, false
		}
		l, s := signedLogSum(l1-math.Ln2, s1, l2-math.Ln2, s2)
		return l, s, true
	}
	w := 1 - z
	lf1, sf1, ok1 := log2F1(a, b, 1-d, w)
	lf2, sf2, ok2 := log2F1(c-a, c-b, 1+d, w)
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	lgc, sgc := math.Lgamma(c)
	lgd, sgd := math.Lgamma(d)
	lgca, sgca := math.Lgamma(c - a)
	lgcb, sgcb := math.Lgamma(c - b)
	lgnd, sgnd := math.Lgamma(-d)
	lga, sga := math.Lgamma(a)
	lgb, sgb := math.Lgamma(b)
	t1 := lgc + lgd - lgca - lgcb + lf1
	s1 := float64(sgc*sgd*sgca*sgcb) * sf1
	t2 := d*ln(w) + lgc + lgnd - lga - lgb + lf2
	s2 := float64(sgc*sgnd*sga*sgb) * sf2
	l, s := signedLogSum(t1, s1, t2, s2)
	if !finite(l) && !math.IsInf(l, -1) {
		return 0, 0, false
	}
	return l, s, true
}

// signedLogSum returns log|x+y| and its sign for x = s1·e^{l1}, y = s2·e^{l2}.
func signedLogSum(l1, s1, l2, s2 float64) (float64, float64) {
	if s1 == 0 {
		return l2, s2
	}
	if s2 == 0 {
		return l1, s1
	}
	if l1 < l2 {
		l1, s1, l2, s2 = l2, s2, l1, s1
	}
	r := math.Exp(l2 - l1)
	if s1 == s2 {
		return l1 + math.Log1p(r), s1
	}
	if r == 1 {
		return math.Inf(-1), 0
	}
	return l1 + math.Log1p(-r), s1
}

// ln returns the natural logarithm of x. math.Log is inaccurate for
// subnormal x (it gives −709.09 for the smallest positive float64, whose
// logarithm is −744.44), so those are scaled into the normal range first.
func ln(x float64) float64 {
	if x > 0 && x < minNormal {
		return math.Log(x*(1<<54)) - 54*math.Ln2
	}
	return math.Log(x)
}
