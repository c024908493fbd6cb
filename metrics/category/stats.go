package category

import (
	"math"

	"github.com/shopmetrics/shopmetrics/internal/fisher"
)

// fisherUpper returns the one-sided p-value of Fisher's exact test for a
// positive association: P(X ≥ k) for X hypergeometric, the number of
// buyers of both among n buyers of B drawn from N buyers of whom K bought
// A. It is in [0, 1].
func fisherUpper(k, K, n, N int64) float64 { return fisher.Upper(k, n, K, N) }

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
