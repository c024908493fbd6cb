package sample

import (
	"math"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// Replenishment: an (s, S) policy per SKU, reviewed at the end of each day.
// When units on hand plus on order fall to the reorder point s, the SKU is
// ordered up to S and the units arrive LeadTime days later. The reorder
// point covers the lead time plus safetyDays of expected demand; stock-out
// prone SKUs reorder when half the lead time's demand is left, so they run
// out before the delivery arrives.
const (
	safetyDays = 7
	cycleDays  = 28
)

// initStock sets the reorder points and the opening stock.
func (g *generator) initStock() {
	n := len(g.cat)
	g.onHand, g.onOrder = make([]int64, n), make([]int64, n)
	g.reorderAt, g.upTo = make([]int64, n), make([]int64, n)
	t := &g.truth
	// Expected units a day: orders a day × units per order × popularity.
	meanPrice := 0.0
	for i, p := range g.cat {
		meanPrice += p.Popularity * float64(g.price[i])
	}
	unitsPerOrder := max(1, t.P*t.Gamma/(t.Q-1)*100/meanPrice)
	perDay := float64(len(g.plan)) / float64(g.cal.days) * unitsPerOrder
	for i, p := range g.cat {
		mu := perDay * p.Popularity
		if g.roles[i] == rolePromo {
			mu *= 1 + t.PercentOff.Lift
		}
		lead := float64(p.LeadTime)
		switch g.roles[i] {
		case roleDead:
			g.reorderAt[i], g.upTo[i] = -1, 0
			g.onHand[i] = 60 + int64(g.ri.IntN(120))
			continue
		case roleSlow:
			g.reorderAt[i], g.upTo[i] = -1, 0
			g.onHand[i] = 150 + int64(g.ri.IntN(100))
			continue
		case roleStockout:
			g.reorderAt[i] = int64(math.Ceil(mu * lead / 2))
		default:
			g.reorderAt[i] = int64(math.Ceil(mu * (lead + safetyDays)))
		}
		g.upTo[i] = g.reorderAt[i] + int64(math.Ceil(mu*cycleDays)) + 1
		g.onHand[i] = g.upTo[i]
	}
}

// receive books the deliveries arriving at the start of day i.
func (g *generator) receive(i int, d *Day) {
	for _, a := range g.arrivals[i] {
		g.onHand[a.sku] += a.qty
		g.onOrder[a.sku] -= a.qty
		d.Receipts = append(d.Receipts, inventory.Receipt{SKU: g.cat[a.sku].SKU, Day: g.cal.start[i], Quantity: a.qty, UnitCost: g.cat[a.sku].Cost})
	}
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

// replenish reviews every SKU at the end of day i.
func (g *generator) replenish(i int) {
	for k, p := range g.cat {
		pos := g.onHand[k] + g.onOrder[k]
		if g.reorderAt[k] < 0 || pos > g.reorderAt[k] {
			continue
		}
		q := g.upTo[k] - pos
		g.onOrder[k] += q
		if a := i + p.LeadTime; a < g.cal.days {
			g.arrivals[a] = append(g.arrivals[a], arrival{sku: k, qty: q})
		}
	}
}

// snapshot writes the end-of-day stock of every SKU.
func (g *generator) snapshot(i int, d *Day) {
	for k, p := range g.cat {
		d.Snapshots = append(d.Snapshots, inventory.Snapshot{SKU: p.SKU, Day: g.cal.start[i], OnHand: g.onHand[k], UnitCost: p.Cost})
	}
}
