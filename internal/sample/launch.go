package sample

import (
	"math/rand/v2"
)

// launchWindow is the number of days at the end of the period in which
// the new products are launched: the "new products" of a review of the
// period's last quarter (METRICS.md "New product": launched in the last
// 90 days).
const launchWindow = 90

// launchDays dates every product's launch: the new products (roleNew) on
// days spread evenly over the last launchWindow days of the period (the
// whole period when it is shorter), the others on a day 30 to 929 days
// before the period.
func (g *generator) launchDays(r *rand.Rand) {
	n, days := len(g.cat), g.cal.days
	g.launch = make([]int, n)
	span := min(launchWindow, days)
	for j, k := range g.newIdx {
		g.launch[k] = days - span + (j+1)*span/(len(g.newIdx)+1)
	}
	for k := range g.cat {
		before := 30 + r.IntN(900)
		if g.roles[k] == roleNew {
			g.cat[k].Launch = g.cal.start[g.launch[k]]
			continue
		}
		g.cat[k].Launch = g.cal.start[0].AddDate(0, 0, -before)
	}
}

// pickable sets the cumulative SKU weights of each regime to those of the
// SKUs launched by day i: a product sells from its launch day on.
func (g *generator) pickable(i int) {
	for r := range g.skuW {
		w := make([]float64, len(g.skuW[r]))
		for k, x := range g.skuW[r] {
			if g.launch[k] <= i {
				w[k] = x
			}
		}
		g.skuCum[r] = cumulative(w)
	}
}
