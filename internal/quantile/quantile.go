// Package quantile holds the one quantile rule shopmetrics uses for exact
// samples: linear interpolation between order statistics (Hyndman and
// Fan's type 7, the default of R and NumPy).
package quantile

// Sorted returns the p-quantile (0 ≤ p ≤ 1) of the ascending, non-empty
// sorted by type-7 interpolation, rounded half up to a whole unit. It
// panics if sorted is empty.
func Sorted[T ~int64](sorted []T, p float64) T {
	h := p * float64(len(sorted)-1)
	lo := int(h)
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	a, b := sorted[lo], sorted[lo+1]
	return a + T((h-float64(lo))*float64(b-a)+0.5)
}
