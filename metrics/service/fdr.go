package service

import (
	"cmp"
	"math"
	"slices"
)

// DefaultFDR is the false-discovery rate q at which [Returns.Summary]
// controls its outliers unless [Returns].FDR says otherwise.
const DefaultFDR = 0.05

// BenjaminiHochberg returns which of the m hypotheses with p-values p are
// rejected at false-discovery rate q by the Benjamini–Hochberg (1995)
// step-up procedure: with the p-values sorted, p(1) ≤ … ≤ p(m), it finds
// the largest k with p(k) ≤ k·q/m and rejects the k hypotheses of the
// smallest p-values (ties at p(k) included). Among the rejections, the
// expected share of true nulls is at most q for independent or positively
// dependent tests.
//
// Testing m SKUs each at 5 % would flag about 5 % of the unremarkable
// ones by chance; BH keeps the flagged list's expected share of chance
// findings at q instead. Its rejections are always a subset of the
// unadjusted ones (p ≤ q), and grow with q.
//
// A NaN p-value is never rejected but counts in m. Empty input gives no
// rejections. BenjaminiHochberg panics if q is not in (0, 1], a
// programmer error (see [Returns].FDR for the checked setting).
func BenjaminiHochberg(p []float64, q float64) []bool {
	if !(q > 0 && q <= 1) {
		panic("service: BenjaminiHochberg: q must be in (0, 1]")
	}
	m := len(p)
	out := make([]bool, m)
	idx := make([]int, 0, m)
	for i, v := range p {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	cut := math.Inf(-1) // p(k) of the largest k that passes
	for k := len(idx); k >= 1; k-- {
		if v := p[idx[k-1]]; v <= float64(k)*q/float64(m) {
			cut = v
			break
		}
	}
	for _, i := range idx {
		out[i] = p[i] <= cut
	}
	return out
}
