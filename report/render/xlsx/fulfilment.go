package xlsx

import (
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// fulfilment writes the fulfilment section to sh: its KPIs, the coverage,
// the tables by carrier and by region and what late deliveries led to.
func (b *book) fulfilment(sh *sheet, s *report.Fulfilment) {
	if s == nil {
		return
	}
	lb := b.lb
	b.kpis(sh, lb("fulfilment"), s.KPIs)
	c := s.Coverage
	sh.table(lb("coverage"), []string{lb("orders"), lb("shipped_n"), lb("ship_from_placed"), lb("delivered_n"), lb("ship_delivered"), lb("promised_n"), lb("pending_n"), lb("late_open")},
		[][]xcell{{count(c.Orders), count(c.Shipped), count(c.ShipFromPlaced), count(c.Delivered), count(c.ShipDelivered), count(c.Promised), count(c.Pending), count(c.LateOpen)}})
	groups := func(title, col string, gs []report.DeliveryGroup) {
		var rows [][]xcell
		for _, g := range gs {
			rows = append(rows, []xcell{text(render.GroupName(g.Name, b.lang)), count(g.Orders), count(g.DeliveredOrders),
				b.value(g.ShipMedian), b.value(g.DeliverMedian), b.value(g.DeliverP90), count(g.Late), b.ratio(g.OnTimeRate)})
		}
		sh.table(lb(title), []string{lb(col), lb("orders"), lb("delivered_n"), lb("ship_median"), lb("deliver_median"), lb("deliver_p90"), lb("late_n"), lb("on_time_rate")}, rows)
	}
	groups("by_carrier", "carrier", s.Carriers)
	groups("by_region", "region", s.Regions)
	var rows [][]xcell
	for _, o := range s.Outcomes {
		rows = append(rows, []xcell{text(lb(o.Status)), count(o.Orders), count(o.LateReturns), b.ratio(o.LateReturnRate), count(o.Tickets), b.value(o.TicketsPer100)})
	}
	sh.table(lb("delivery_outcomes"), []string{lb("delivery"), lb("orders"), lb("late_returns"), lb("late_return_rate"), lb("tickets_n"), lb("tickets_per_100")}, rows)
	sh.note(lb("fulfilment_def"))
}
