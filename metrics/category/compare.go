package category

import (
	"github.com/shopmetrics/shopmetrics/internal/fdr"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Compare sets, in each row of cur, the penetration of the category in
// prev (the previous period's [Result]), the change in points and its
// two-sided two-proportion z-test p-value, and whether the change is
// significant after the Benjamini–Hochberg correction at cfg.Alpha over
// the categories tested. A category bought in prev and not in cur gets a
// row of its own, with no buyers. A p-value is undefined when either
// period has no buyers or the category's penetration is 0 or 1 in both.
func Compare(cur *Result, prev Result, cfg Config) {
	cfg = cfg.withDefaults()
	rows := make(map[string]int, len(cur.Categories))
	for i, r := range cur.Categories {
		rows[r.Category] = i
	}
	for _, p := range prev.Categories {
		if p.Buyers == 0 {
			continue
		}
		if _, ok := rows[p.Category]; !ok {
			rows[p.Category] = len(cur.Categories)
			cur.Categories = append(cur.Categories, Row{Category: p.Category, Penetration: metrics.CountRatio(0, cur.Buyers),
				MainShare: metrics.CountRatio(0, cur.Buyers), NetSales: cur.NetSales.Currency().Zero(),
				SalesShare: metricsZeroShare(cur), Start: metrics.CountRatio(0, cur.NewCustomers*whole),
				Base: metrics.CountRatio(0, cur.Returning*whole)})
		}
	}
	prevBuyers := make(map[string]int64, len(prev.Categories))
	for _, p := range prev.Categories {
		prevBuyers[p.Category] = p.Buyers
	}
	var ps []float64
	var tested []int
	for i := range cur.Categories {
		r := &cur.Categories[i]
		x2 := prevBuyers[r.Category]
		r.Previous = metrics.CountRatio(x2, prev.Buyers)
		r.Change = metrics.Points(r.Penetration, r.Previous)
		r.PValue = metrics.Undefined(metrics.UnitNumber)
		r.Significant = false
		if p, ok := twoProportion(r.Buyers, cur.Buyers, x2, prev.Buyers); ok {
			r.PValue = metrics.NumberValue(p)
			ps = append(ps, p)
			tested = append(tested, i)
		}
	}
	for k, q := range fdr.Adjust(ps) {
		cur.Categories[tested[k]].Significant = q <= cfg.Alpha
	}
	sortRows(cur.Categories)
}

// metricsZeroShare is the sales share of a category without sales in cur.
func metricsZeroShare(cur *Result) metrics.Ratio {
	return oneCurrency(metrics.MoneyRatio(cur.NetSales.Currency().Zero(), cur.NetSales))
}
