package category

import (
	"math"
)

// fisherUpper returns the one-sided p-value of Fisher's exact test for a
// positive association: P(X ≥ k) for X hypergeometric, the number of
// buyers of both among n buyers of B drawn from N buyers of whom K bought
// A. It is in [0, 1].
func fisherUpper(k, K, n, N int64) float64 {
	lo := max(0, n+K-N)
	hi := min(K, n)
	if k <= lo {
		return 1
	}
	if k > hi {
		return 0
	}
	lc := func(a, b int64) float64 { // log C(a, b)
		x, _ := math.Lgamma(float64(a + 1))
		y, _ := math.Lgamma(float64(b + 1))
		z, _ := math.Lgamma(float64(a - b + 1))
		return x - y - z
	}
	logp := lc(K, k) + lc(N-K, n-k) - lc(N, n)
	term := math.Exp(logp)
	sum := 0.0
	for x := k; x <= hi; x++ {
		sum += term
		if term < sum*1e-17 {
			break // the terms past the mode only decrease
		}
		// p(x+1) / p(x) = (K−x)(n−x) / ((x+1)(N−K−n+x+1))
		term *= float64(K-x) * float64(n-x) / (float64(x+1) * float64(N-K-n+x+1))
	}
	return min(max(sum, 0), 1)
}

// twoProportion returns the two-sided p-value of the pooled
// two-proportion z-test of x1/n1 against x2/n2, and false when it is not
// defined (an empty sample, or both proportions 0 or both 1).
func twoProportion(x1, n1, x2, n2 int64) (float64, bool) {
	if n1 <= 0 || n2 <= 0 {
		return 0, false
	}
	p1, p2 := float64(x1)/float64(n1), float64(x2)/float64(n2)
	p := float64(x1+x2) / float64(n1+n2)
	se := math.Sqrt(p * (1 - p) * (1/float64(n1) + 1/float64(n2)))
	if !(se > 0) {
		return 0, false
	}
	z := (p1 - p2) / se
	return min(math.Erfc(math.Abs(z)/math.Sqrt2), 1), true
}
