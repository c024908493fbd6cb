package quantile

import (
	"math/bits"
	"slices"
)

// Of returns the p-quantiles of xs, for ps in ascending order (each
// 0 ≤ p ≤ 1), as [Sorted] gives them of xs sorted, without sorting it:
// it reorders xs by selection, in time linear in its length on average
// (a sort of the 300,000 durations of a funnel step took most of a
// funnel's Result). It panics if xs is empty or ps is not ascending.
func Of[T ~int64](xs []T, ps ...float64) []T {
	if len(xs) == 0 {
		panic("quantile: Of of no values")
	}
	out := make([]T, len(ps))
	from := 0 // xs[:from] holds no value larger than any of xs[from:]
	for i, p := range ps {
		if i > 0 && p < ps[i-1] {
			panic("quantile: Of with quantiles not in ascending order")
		}
		h := p * float64(len(xs)-1)
		lo := int(h)
		if lo >= len(xs)-1 {
			lo = len(xs) - 1
		}
		if lo >= from {
			nth(xs[from:], lo-from)
			from = lo
		}
		a := xs[lo]
		if lo == len(xs)-1 {
			out[i] = a
			continue
		}
		// Every value after lo is at least a: the next order statistic
		// is the least of them.
		b := slices.Min(xs[lo+1:])
		out[i] = a + T((h-float64(lo))*float64(b-a)+0.5)
	}
	return out
}

// nth reorders xs so that xs[k] is the value a sort would put there, with
// no larger value before it and no smaller one after it: quickselect on
// the median of three with a three-way partition (so that many equal
// values, such as durations of whole seconds, take one pass), which sorts
// what is left if it has not converged after twice as many rounds as a
// balanced split would need.
func nth[T ~int64](xs []T, k int) {
	lo, hi := 0, len(xs) // the range still to split: xs[lo:hi] holds k
	for rounds := 2*bits.Len(uint(len(xs))) + 8; hi-lo > 16; rounds-- {
		if rounds == 0 {
			slices.Sort(xs[lo:hi])
			return
		}
		m := lo + (hi-lo)/2
		a, b, c := xs[lo], xs[m], xs[hi-1]
		pivot := max(min(a, b), min(max(a, b), c)) // the median of the three
		// xs[lo:lt] < pivot, xs[lt:i] == pivot, xs[gt:hi] > pivot.
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch v := xs[i]; {
			case v < pivot:
				xs[lt], xs[i] = v, xs[lt]
				lt++
				i++
			case v > pivot:
				gt--
				xs[gt], xs[i] = v, xs[gt]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return // xs[k] is the pivot
		}
	}
	slices.Sort(xs[lo:hi])
}
