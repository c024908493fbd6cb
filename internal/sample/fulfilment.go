package sample

import (
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// fulfil sets the fulfilment of order o of customer c (see [Truth]): its
// region always; for a paid order, its payment, promise, carrier,
// shipping and delivery times, those after the end of the period left
// zero. It returns whether the delivery is (or will be) later than the
// promise, and the delivery time in Unix seconds (possibly after the
// period). Every draw is made whatever the outcome, so that one order's
// fulfilment does not shift the next one's.
func (g *generator) fulfil(o *metrics.Order, c *Customer) (late bool, delivered int64) {
	r, t := g.rf, &g.truth
	end := g.cal.unix[g.cal.days]
	reg := &t.Regions[g.regionIdx[c.Region]]
	car := &t.Carriers[pick(r, g.carrierCum)]
	pay := secondsBetween(r, 5, 300)
	ship := int64(car.ShipHours * 3600 * math.Exp(0.5*r.NormFloat64()))
	transit := int64(reg.TransitHours * car.TransitFactor * 3600 * math.Exp(0.3*r.NormFloat64()))
	o.Region = reg.Name
	if o.Status != metrics.Paid {
		return false, 0
	}
	paid := min(o.PlacedAt.Unix()+pay, end-1)
	shipped := paid + max(ship, 60)
	delivered = shipped + max(transit, 3600)
	promised := paid + int64(t.PromisedHours)*3600
	o.PaidAt = time.Unix(paid, 0).In(g.cal.loc)
	o.PromisedBy = time.Unix(promised, 0).In(g.cal.loc)
	o.Carrier = car.Name
	if shipped < end {
		o.ShippedAt = time.Unix(shipped, 0).In(g.cal.loc)
	}
	if delivered < end {
		o.DeliveredAt = time.Unix(delivered, 0).In(g.cal.loc)
	}
	return delivered > promised, delivered
}
