package report

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// servicePart computes the service and returns section from the tickets
// opened in the period and the previous one (metrics.Service) and the
// returns of the period and the previous one (metrics.Returns: each
// period's orders and its refunds).
type servicePart struct {
	cur, prev         service.Desk
	returns, prevRets service.Returns
}

func (p *servicePart) start(b *builder) {
	for _, t := range b.in.Tickets {
		var s *service.Desk
		switch {
		case b.periods[pCur].Contains(t.OpenedAt):
			s = &p.cur
		case b.periods[pPrev].Contains(t.OpenedAt):
			s = &p.prev
		default:
			continue
		}
		if err := s.Add(t); err != nil {
			b.errs = append(b.errs, err)
		}
	}
	for _, r := range b.in.Refunds {
		switch {
		case b.periods[pCur].Contains(r.At):
			p.returns.AddRefund(r)
		case b.periods[pPrev].Contains(r.At):
			p.prevRets.AddRefund(r)
		}
	}
}

func (p *servicePart) order(b *builder, o *metrics.Order) {
	switch {
	case b.periods[pCur].Contains(o.PlacedAt):
		p.returns.AddOrder(*o)
	case b.periods[pPrev].Contains(o.PlacedAt):
		p.prevRets.AddOrder(*o)
	}
}

func (p *servicePart) finish(b *builder, r *Review) {
	if len(b.in.Tickets) == 0 {
		r.Omitted = append(r.Omitted, Omission{Section: SectionService, Missing: "tickets"})
		return
	}
	cur := p.cur.Summary(b.sums[pCur].For(b.cur).Orders)
	var prev service.Summary
	hasPrev := b.data.covers(b.periods[pPrev])
	if hasPrev {
		prev = p.prev.Summary(b.sums[pPrev].For(b.cur).Orders)
	}
	na := Undefined
	kpi := func(key string, dir metrics.Direction, c, pv Value) KPI {
		if !hasPrev {
			pv = na(c.Kind)
		}
		return NewKPI(key, dir, c, pv, na(c.Kind), na(c.Kind))
	}
	s := &Service{SLA: cur.SLA, CSATResponses: cur.Responses}
	s.KPIs = []KPI{
		kpi("first_response_median", metrics.LowerIsBetter, DurationValue(cur.FirstResponseMedian, cur.HasResponse), DurationValue(prev.FirstResponseMedian, prev.HasResponse)),
		kpi("first_response_p90", metrics.LowerIsBetter, DurationValue(cur.FirstResponseP90, cur.HasResponse), DurationValue(prev.FirstResponseP90, prev.HasResponse)),
		kpi("within_sla", metrics.HigherIsBetter, PercentValue(cur.WithinSLA), PercentValue(prev.WithinSLA)),
		kpi("resolution_rate", metrics.HigherIsBetter, PercentValue(cur.ResolutionRate), PercentValue(prev.ResolutionRate)),
		kpi("resolve_median", metrics.LowerIsBetter, DurationValue(cur.ResolveMedian, cur.HasResolution), DurationValue(prev.ResolveMedian, prev.HasResolution)),
		kpi("reopen_rate", metrics.LowerIsBetter, PercentValue(cur.ReopenRate), PercentValue(prev.ReopenRate)),
		kpi("csat", metrics.HigherIsBetter, PercentValue(cur.CSAT), PercentValue(prev.CSAT)),
		kpi("avg_score", metrics.HigherIsBetter, NumberValue(cur.AvgScore), NumberValue(prev.AvgScore)),
		kpi("contacts_per_100_orders", metrics.LowerIsBetter, NumberValue(cur.ContactsPer100Orders), NumberValue(prev.ContactsPer100Orders)),
	}
	tally := func(ts []service.Tally) []Count {
		var out []Count
		for _, t := range ts {
			out = append(out, Count{Name: t.Name, N: t.Count, Share: metrics.CountRatio(t.Count, cur.Tickets)})
		}
		return out
	}
	s.Reasons, s.Channels = tally(cur.ByReason), tally(cur.ByChannel)

	rs := p.returns.Summary(b.cur)
	units, value := returnRates(rs, b.cur)
	var prevUnits, prevValue metrics.Ratio
	if hasPrev {
		prevUnits, prevValue = returnRates(p.prevRets.Summary(b.cur), b.cur)
	}
	s.KPIs = append(s.KPIs,
		kpi("return_rate_units", metrics.LowerIsBetter, PercentValue(units), PercentValue(prevUnits)),
		kpi("return_rate_value", metrics.LowerIsBetter, PercentValue(value), PercentValue(prevValue)))
	for _, x := range rs.ByReason {
		if x.Units == 0 && x.Refunds == 0 {
			continue
		}
		s.ReturnReasons = append(s.ReturnReasons, ReturnReason{Reason: x.Reason.String(), Units: x.Units, Value: x.Value, Share: x.Share})
	}
	catRate := map[string]metrics.Ratio{}
	for _, c := range rs.ByCategory {
		catRate[c.Name] = c.UnitRate
	}
	for _, x := range rs.Outliers {
		s.Outliers = append(s.Outliers, ReturnOutlier{SKU: x.Name, Name: b.productName(x.Name), Category: x.Category,
			Reason: x.TopReason.String(), Rate: x.UnitRate, CategoryRate: catRate[x.Category]})
	}
	r.Service = s
}

// returnRates is the return rate of a period by units and by value, over
// all its SKUs.
func returnRates(rs service.ReturnSummary, c money.Currency) (units, value metrics.Ratio) {
	var sold, returned int64
	var soldValue, returnedValue money.Sum
	for _, x := range rs.BySKU {
		sold += x.Sold
		returned += x.Returned
		soldValue.Add(x.SoldValue)
		returnedValue.Add(x.ReturnedValue)
	}
	value, _ = metrics.MoneyRatio(returnedValue.Total(c), soldValue.Total(c))
	return metrics.CountRatio(returned, sold), value
}
