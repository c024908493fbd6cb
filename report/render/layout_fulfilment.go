package render

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/report"
)

// layoutFulfilment lays out the fulfilment section: the coverage of the
// data, the KPIs, the tables by carrier and by region, what late
// deliveries led to, and the definitions.
func layoutFulfilment(s *report.Fulfilment, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	if c := s.Coverage; c.Shipped < c.Orders || c.Delivered < c.Orders || c.Promised < c.Orders || c.ShipFromPlaced > 0 || c.Pending > 0 || c.LateOpen > 0 {
		bs = append(bs, note{coverageText(c, f)})
	}
	if len(s.KPIs) > 0 {
		bs = append(bs, kpiTable(s.KPIs, f))
	}
	groups := func(title, col string, gs []report.DeliveryGroup) {
		if len(gs) == 0 {
			return
		}
		bs = append(bs, heading{3, lb(title)})
		t := table{head: []string{lb(col), lb("orders"), lb("delivered_n"), lb("ship_median"), lb("deliver_median"), lb("deliver_p90"), lb("late_n"), lb("on_time_rate")},
			right: []bool{false, true, true, true, true, true, true, true}}
		for _, g := range gs {
			t.rows = append(t.rows, []cell{{text: groupName(g.Name, f)}, {text: f.Count(g.Orders)}, {text: f.Count(g.DeliveredOrders)},
				{text: f.Value(g.ShipMedian)}, {text: f.Value(g.DeliverMedian)}, {text: f.Value(g.DeliverP90)},
				{text: f.Count(g.Late)}, {text: f.Percent(g.OnTimeRate)}})
		}
		bs = append(bs, t)
	}
	groups("by_carrier", "carrier", s.Carriers)
	groups("by_region", "region", s.Regions)
	if len(s.Outcomes) > 0 {
		bs = append(bs, heading{3, lb("delivery_outcomes")})
		t := table{head: []string{lb("delivery"), lb("orders"), lb("late_returns"), lb("late_return_rate"), lb("tickets_n"), lb("tickets_per_100")},
			right: []bool{false, true, true, true, true, true}}
		for _, o := range s.Outcomes {
			t.rows = append(t.rows, []cell{{text: lb(o.Status)}, {text: f.Count(o.Orders)}, {text: f.Count(o.LateReturns)},
				{text: f.Percent(o.LateReturnRate)}, {text: f.Count(o.Tickets)}, {text: f.Value(o.TicketsPer100)}})
		}
		bs = append(bs, t)
	}
	bs = append(bs, note{lb("fulfilment_def")})
	return bs
}

// coverageText says how many of the period's orders each figure could use.
func coverageText(c report.FulfilmentCoverage, f Formatter) string {
	return fmt.Sprintf(Label("fulfilment_coverage", f.Lang), f.Count(c.Orders), f.Count(c.Shipped), f.Count(c.ShipFromPlaced),
		f.Count(c.Delivered), f.Count(c.ShipDelivered), f.Count(c.Promised), f.Count(c.Pending), f.Count(c.LateOpen))
}

// groupName is the name of a carrier or region, or a label for the
// orders that name none.
func groupName(name string, f Formatter) string {
	if name == "" {
		return Label("not_given", f.Lang)
	}
	return name
}

// GroupName returns the display name of a carrier or region of the
// fulfilment section in l: the name itself, or "(not given)" for the
// orders without one.
func GroupName(name string, l Language) string { return groupName(name, Formatter{Lang: l}) }
