package fisher

// Upper returns P(X ≥ x) for X the number of marked items among n drawn
// without replacement from N items of which k are marked: the one-sided
// p-value of Fisher's exact test for a positive association. It sums
// the probabilities relative to the largest, that of the mode, walking up
// and down from it by their ratios, and divides the tail's sum by the
// whole: no term it needs is lost to underflow before the mode's
// neighbours are (a tail far below the mode is 1, not 0, and one far
// above it is 0 only below the smallest float64), and the log-gamma
// functions are not needed at all.
func Upper(x, n, k, N int64) float64 {
	lo, hi := max(0, n-(N-k)), min(n, k)
	switch {
	case x <= lo:
		return 1
	case x > hi:
		return 0
	}
	mode := min(max((n+1)*(k+1)/(N+2), lo), hi)
	// ratio(j) is P(j+1)/P(j), for lo ≤ j < hi.
	ratio := func(j int64) float64 {
		return float64(k-j) * float64(n-j) / (float64(j+1) * float64(N-k-n+j+1))
	}
	total, upper := 1.0, 0.0
	if mode >= x {
		upper = 1
	}
	// Up from the mode: the terms fall; past x they add to the tail too,
	// and the walk stops when they no longer change it.
	t := 1.0
	for j := mode; j < hi; j++ {
		if t *= ratio(j); t == 0 {
			break
		}
		total += t
		if j+1 >= x {
			upper += t
			if t <= upper*1e-17 {
				break
			}
		}
	}
	// Down from the mode: the terms fall; those at x or above add to the
	// tail, the walk stops when they no longer change the whole.
	t = 1.0
	for j := mode; j > lo; j-- {
		if t /= ratio(j - 1); t == 0 {
			break
		}
		total += t
		if j-1 >= x {
			upper += t
		} else if t <= total*1e-17 {
			break
		}
	}
	return min(upper/total, 1)
}
