package report

import (
	"cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/fulfilment"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// fulfilmentPart computes the fulfilment section: a fulfilment.Tracker of
// the orders placed in the period, the previous period and the same
// period last year, each as of its period's end (the period's as of the
// data's end when the data end before it does), and a fulfilment.Link of
// the period's orders with every refund and ticket of the data about them
// (a late-delivery return may come after the period ends).
type fulfilmentPart struct {
	trackers [nPeriods]fulfilment.Tracker
	link     fulfilment.Link
	known    bool // an order of the period has a ship or delivery time or a promise
	// refunds are the refunds of the period's orders that metrics.Validate
	// accepts with their order, added to the link at finish less those
	// the pass over all refunds leaves out (a refund ID of another
	// order's too, which one order's refunds do not show).
	refunds []linkRefund
	// open are the period's orders whose status depends on the time it
	// is taken at (fulfilment.StatusOf): not cancelled, promised, not
	// delivered. They are added to the period's tracker and link at
	// finish, as of the data's end when the data end before the period
	// does (builder.coveredPeriod): as of the period's end, an order whose
	// delivery the data no longer records would be late for days the
	// data do not reach. Without their lines; a few days of orders.
	open []metrics.Order
}

// linkRefund is a refund of an order of the period, for the link of late
// deliveries to late-delivery returns.
type linkRefund struct {
	order, refund string
	late          bool // its reason is a late delivery
}

func (p *fulfilmentPart) start(b *builder) {
	for i := range p.trackers {
		if i != pCur { // see open
			p.trackers[i].AsOf = b.periods[i].End
		}
	}
	for _, t := range b.in.Tickets {
		p.link.AddTicket(t.OrderID)
	}
}

func (p *fulfilmentPart) order(b *builder, o *metrics.Order) {
	for i := range p.trackers {
		if i == pPrev2 || b.ordMask&(1<<i) == 0 {
			continue
		}
		if i == pCur {
			// Only the refunds the review keeps: one left out of the
			// sales (more than was paid, another currency, …) is left
			// out of the late returns too.
			var reasons service.ReasonMap // the default rules, as the service section's
			for _, r := range b.orderRefunds {
				p.refunds = append(p.refunds, linkRefund{order: o.ID, refund: r.ID, late: reasons.Normalize(r.Reason) == service.ReasonLateDelivery})
			}
		}
		if i == pCur && o.Status != metrics.Cancelled && !o.PromisedBy.IsZero() && o.DeliveredAt.IsZero() {
			if err := metrics.FulfilmentError(o); err != nil {
				b.errs = append(b.errs, err) // as Add would return it
				return
			}
			x := *o
			x.Lines = nil
			p.open = append(p.open, x)
			p.known = true
			continue
		}
		if err := p.trackers[i].Add(*o); err != nil {
			b.errs = append(b.errs, err) // a time out of order, which the summarizers report too
			return
		}
		if i != pCur {
			continue
		}
		if err := p.link.AddOrder(*o); err != nil {
			b.errs = append(b.errs, err)
		}
		if o.Status != metrics.Cancelled && !(o.ShippedAt.IsZero() && o.DeliveredAt.IsZero() && o.PromisedBy.IsZero()) {
			p.known = true
		}
	}
}

func (p *fulfilmentPart) finish(b *builder, r *Review) {
	switch {
	case b.orders.first.IsZero():
		r.Omitted = append(r.Omitted, Omission{Section: SectionFulfilment, Missing: "orders"})
		return
	case !p.known:
		r.Omitted = append(r.Omitted, Omission{Section: SectionFulfilment, Missing: "fulfilment"})
		return
	}
	for _, x := range p.refunds {
		if !b.badRefundIDs[x.refund] {
			p.link.AddRefund(x.order, x.late)
		}
	}
	p.refunds = nil
	asOf := b.coveredPeriod().End
	p.trackers[pCur].AsOf, p.link.AsOf = asOf, asOf
	for _, o := range p.open {
		if err := cmp.Or(p.trackers[pCur].Add(o), p.link.AddOrder(o)); err != nil {
			b.errs = append(b.errs, err)
		}
	}
	var sums [nPeriods]fulfilment.Summary
	for _, i := range []int{pCur, pPrev, pYear} {
		if i == pCur || b.data.covers(b.periods[i]) {
			sums[i] = p.trackers[i].Summary()
		}
	}
	hasPrev, hasYear := b.data.covers(b.periods[pPrev]), b.data.covers(b.periods[pYear])
	s := &Fulfilment{}
	kpi := func(key string, v func(fulfilment.Summary) metrics.Value) {
		prev, year := metrics.Value{}, metrics.Value{}
		if hasPrev {
			prev = v(sums[pPrev])
		}
		if hasYear {
			year = v(sums[pYear])
		}
		k, err := NewKPI(ownKPI(key), v(sums[pCur]), prev, year, metrics.Value{})
		if err != nil {
			b.errs = append(b.errs, err)
		}
		s.KPIs = append(s.KPIs, k)
	}
	kpi("time_to_ship_median", func(s fulfilment.Summary) metrics.Value { return orUndefined(s.ToShip.Median) })
	kpi("time_to_ship_p90", func(s fulfilment.Summary) metrics.Value { return orUndefined(s.ToShip.P90) })
	kpi("time_to_deliver_median", func(s fulfilment.Summary) metrics.Value { return orUndefined(s.ToDeliver.Median) })
	kpi("time_to_deliver_p90", func(s fulfilment.Summary) metrics.Value { return orUndefined(s.ToDeliver.P90) })
	kpi("order_to_door_median", func(s fulfilment.Summary) metrics.Value { return orUndefined(s.ToDoor.Median) })
	kpi("on_time_rate", func(s fulfilment.Summary) metrics.Value { return pct(s.OnTimeRate) })

	cur := sums[pCur]
	s.Coverage = FulfilmentCoverage{
		Orders: cur.Orders, Shipped: cur.ToShip.N, ShipFromPlaced: cur.ShipFromPlaced,
		Delivered: cur.ToDoor.N, ShipDelivered: cur.ToDeliver.N,
		Promised: cur.Orders - cur.NoPromise, Pending: cur.Pending, LateOpen: cur.LateUndelivered,
	}
	groups := func(ss []fulfilment.Summary) []DeliveryGroup {
		var out []DeliveryGroup
		for _, x := range ss {
			if x.Orders == 0 { // only cancelled orders: nothing was fulfilled
				continue
			}
			out = append(out, DeliveryGroup{Name: x.Name, Orders: x.Orders,
				ShipMedian: orUndefined(x.ToShip.Median), DeliverMedian: orUndefined(x.ToDeliver.Median),
				DeliverP90: orUndefined(x.ToDeliver.P90), Late: x.Late, OnTimeRate: x.OnTimeRate, DeliveredOrders: x.ToDoor.N})
		}
		return out
	}
	s.Carriers, s.Regions = groups(p.trackers[pCur].ByCarrier()), groups(p.trackers[pCur].ByRegion())
	outs := p.link.Outcomes()
	for _, st := range []fulfilment.Status{fulfilment.OnTime, fulfilment.Late} {
		o := outs[st]
		s.Outcomes = append(s.Outcomes, DeliveryOutcome{Status: st.String(), Orders: o.Orders,
			LateReturns: o.LateReturns, LateReturnRate: o.LateReturnRate,
			Tickets: o.Tickets, TicketsPer100: number(o.TicketsPer100)})
	}
	r.Fulfilment = s
}

// orUndefined returns v, or the undefined duration for the zero Value of
// a period the data does not reach.
func orUndefined(v metrics.Value) metrics.Value {
	if v.Unit() != metrics.UnitDuration {
		return metrics.Undefined(metrics.UnitDuration)
	}
	return v
}
