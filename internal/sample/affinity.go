package sample

import (
	"github.com/shopmetrics/shopmetrics/metrics"
)

// AffinityTruth is the one cross-buying affinity built into the demo
// baskets (品类关联): when the first item of category From goes into a
// basket that holds no item of category To, one unit of a To item
// follows it with probability AddRate (顺手带一件), drawn by popularity
// among the To items on sale and in stock, leaving out the slow movers
// and the stock-out prone SKUs, whose roles the add-on must not blur
// (none in stock: no add-on). The add-on counts towards the basket's
// target value, so order values keep their Gamma-Gamma truth. Without
// it the baskets draw each item independently of the others (and, as
// they hold few lines, a basket with one category holds another less
// often than chance would: a negative association).
//
// In an order, P(To | From) = p0 + (1 − p0) × AddRate where p0 is
// P(To | From) without the add-on, so the basket-scope lift of the pair,
// P(To | From) / P(To), follows from AddRate and the base rates; tests
// recover AddRate as (P(To | From) − p0) / (1 − p0), with p0 measured on
// the store generated without the add-on.
type AffinityTruth struct {
	From, To string  // category keys: home → snacks (a mug, then coffee)
	AddRate  float64 // probability of the add-on, 0.25
}

// streamAffinity is the random stream of the add-ons, apart from the
// streams of random.go so that it cannot take another draw's.
const streamAffinity uint64 = 1<<39 + 25

func defaultAffinity() AffinityTruth {
	return AffinityTruth{From: "home", To: "snacks", AddRate: 0.25}
}

// addOn adds, to the basket of o (its SKUs in skus) on day day of
// percent-off regime reg and festival fk, the add-on of the affinity
// ([AffinityTruth]) when SKU i, just put in, is the basket's first item
// of category From; it takes the add-on's unit from stock unless the
// order is cancelled, and returns its price in fen (0 without an
// add-on).
func (g *generator) addOn(o *metrics.Order, skus *[]int, i, day int, reg uint8, fk int, cancelled bool) int64 {
	a := &g.truth.Affinity
	if a.AddRate <= 0 || g.cat[i].Category != a.From {
		return 0
	}
	for _, k := range *skus {
		if c := g.cat[k].Category; c == a.To || c == a.From && k != i {
			return 0
		}
	}
	r := g.ra
	if r.Float64() >= a.AddRate {
		return 0
	}
	var cands []int
	var cum []float64
	total := 0.0
	for _, k := range g.byCat[g.catIdx(a.To)] {
		if w := g.skuW[reg][k]; w > 0 && g.launch[k] <= day && g.onHand[k] > 0 && g.roles[k] != roleStockout && g.roles[k] != roleSlow {
			total += w
			cands = append(cands, k)
			cum = append(cum, total)
		}
	}
	u := r.Float64() * total // drawn even without a candidate, so that the stream does not depend on stock
	if len(cands) == 0 {
		return 0
	}
	n := 0
	for n < len(cum)-1 && cum[n] <= u {
		n++
	}
	k := cands[n]
	*skus = append(*skus, k)
	o.Lines = append(o.Lines, g.line(k, 1, reg, fk))
	if !cancelled {
		g.onHand[k]--
		g.sold[k]++
	}
	return g.price[k]
}

// catIdx returns the index of the category key in categories, or -1.
func (g *generator) catIdx(key string) int {
	for i, c := range categories {
		if c.key == key {
			return i
		}
	}
	return -1
}
