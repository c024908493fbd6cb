// Package fdr adjusts p-values for testing many hypotheses at once with
// the Benjamini–Hochberg procedure, which the analyses that test one
// hypothesis per SKU, category or page share.
package fdr

import "slices"

// Adjust returns the Benjamini–Hochberg adjusted p-values (q-values) of
// ps, in the same order: with the p-values sorted ascending, q(i) = min
// over j ≥ i of p(j) × m / j, never below p(i) whatever the rounding and
// at most 1 for p-values in [0, 1]. A hypothesis is rejected at a false
// discovery rate α when its q-value is at most α. Empty input gives an
// empty result.
func Adjust(ps []float64) []float64 {
	m := len(ps)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case ps[a] < ps[b]:
			return -1
		case ps[a] > ps[b]:
			return 1
		}
		return 0
	})
	q := make([]float64, m)
	run := 1.0
	for r := m - 1; r >= 0; r-- {
		i := idx[r]
		run = min(run, ps[i]*float64(m)/float64(r+1))
		q[i] = max(run, ps[i])
	}
	return q
}
