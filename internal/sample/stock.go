package sample

import (
	"math"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// Replenishment: an (s, S) policy per SKU, reviewed at the end of each day
// on a demand forecast that is the exponentially weighted mean of the
// SKU's daily sales (smoothing 1/28). When units on hand plus on order fall
// to the reorder point s, the SKU is ordered up to S and the units arrive
// LeadTime days later. The reorder point covers the lead time plus
// safetyDays of forecast demand, two Poisson standard deviations and one
// basket; stock-out prone SKUs reorder when half the lead time's demand is
// left, so they run out before the delivery arrives. Slow movers and dead
// stock are never reordered.
const (
	safetyDays = 7
	cycleDays  = 28
	smoothing  = 1.0 / 28
)

// initStock sets the opening forecasts and stock.
func (g *generator) initStock() {
	n := len(g.cat)
	g.onHand, g.onOrder, g.sold = make([]int64, n), make([]int64, n), make([]int64, n)
	g.forecast = make([]float64, n)
	t := &g.truth
	// Opening forecast: orders a day × popularity × the units a draw of
	// the SKU is expected to give (cheap items go by two or three).
	meanTarget := t.P * t.Gamma / (t.Q - 1) * 100
	perDay := float64(g.planned()) / float64(g.cal.days)
	for i, p := range g.cat {
		units := min(max(meanTarget/float64(g.price[i]), 1), 3)
		g.forecast[i] = perDay * p.Popularity * units
		if g.roles[i] == rolePromo {
			g.forecast[i] *= 1 + t.PercentOff.Lift
		}
		switch g.roles[i] {
		case roleDead:
			g.onHand[i] = 60 + int64(g.ri.IntN(120))
		case roleSlow:
			g.onHand[i] = 150 + int64(g.ri.IntN(100))
		default:
			_, g.onHand[i] = g.policy(i)
		}
		if d := g.launch[i]; d > 0 {
			// A new product: its first stock arrives on its launch day.
			g.arrivals[d] = append(g.arrivals[d], arrival{sku: i, qty: g.onHand[i]})
			g.onOrder[i], g.onHand[i] = g.onHand[i], 0
		}
	}
}

// policy returns the reorder point and order-up-to level of SKU i, or -1
// for a SKU that is never reordered.
func (g *generator) policy(i int) (s, upTo int64) {
	mu, lead := g.forecast[i], float64(g.cat[i].LeadTime)
	switch g.roles[i] {
	case roleDead, roleSlow:
		return -1, 0
	case roleStockout:
		s = int64(math.Ceil(mu * lead / 2))
	default:
		m := mu * (lead + safetyDays)
		s = int64(math.Ceil(m+2*math.Sqrt(m))) + 3
	}
	return s, s + max(int64(math.Ceil(mu*cycleDays)), 6)
}

// receive books the deliveries arriving at the start of day i.
func (g *generator) receive(i int, d *Day) {
	for _, a := range g.arrivals[i] {
		g.onHand[a.sku] += a.qty
		g.onOrder[a.sku] -= a.qty
		rec := inventory.Receipt{SKU: g.cat[a.sku].SKU, Day: g.cal.start[i], Quantity: a.qty, UnitCost: g.cat[a.sku].Cost}
		g.purchaseOrder(a.sku, &rec)
		d.Receipts = append(d.Receipts, rec)
	}
	g.forgetPOs(g.cal.start[i])
	g.arrivals[i] = nil
}

// adjust books shrinkage: now and then a unit or two of a SKU in stock is
// found damaged or missing at the count.
func (g *generator) adjust(i int, d *Day) {
	for k := range g.cat {
		if g.ri.Float64() >= 0.002 || g.onHand[k] <= 0 {
			continue
		}
		q := min(g.onHand[k], 1+int64(g.ri.IntN(2)))
		reason := "盘点差异 count correction"
		if g.ri.IntN(2) == 0 {
			reason = "仓内破损 damaged in warehouse"
		}
		g.onHand[k] -= q
		d.Adjustments = append(d.Adjustments, inventory.Adjustment{SKU: g.cat[k].SKU, Day: g.cal.start[i], Quantity: -q, Reason: reason})
	}
}

// replenish updates the forecasts with the day's sales and reviews every
// SKU at the end of day i.
func (g *generator) replenish(i int) {
	for k, p := range g.cat {
		if g.launch[k] > i {
			continue // not on sale yet
		}
		g.forecast[k] += smoothing * (float64(g.sold[k]) - g.forecast[k])
		g.sold[k] = 0
		s, upTo := g.policy(k)
		pos := g.onHand[k] + g.onOrder[k]
		if s < 0 || pos > s {
			continue
		}
		q := upTo - pos
		g.onOrder[k] += q
		if a := i + p.LeadTime; a < g.cal.days {
			g.arrivals[a] = append(g.arrivals[a], arrival{sku: k, qty: q})
		}
	}
}

// snapshot writes the end-of-day stock of every SKU launched.
func (g *generator) snapshot(i int, d *Day) {
	for k, p := range g.cat {
		if g.launch[k] > i {
			continue
		}
		d.Snapshots = append(d.Snapshots, inventory.Snapshot{SKU: p.SKU, Day: g.cal.start[i], OnHand: g.onHand[k], UnitCost: p.Cost})
	}
}
