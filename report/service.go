package report

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// servicePart computes the service and returns section from the tickets
// opened in the period, the previous one and the same period last year
// (service.Desk) and the returns of those periods (service.Returns: each
// period's orders and its refunds).
type servicePart struct {
	cur, prev, year             service.Desk
	returns, prevRets, yearRets service.Returns
}

func (p *servicePart) start(b *builder) {
	for _, t := range b.in.Tickets {
		if b.periods[pYear].Contains(t.OpenedAt) {
			// A bad ticket is reported once, by the period it is in.
			if err := p.year.Add(t); err != nil && !b.periods[pCur].Contains(t.OpenedAt) && !b.periods[pPrev].Contains(t.OpenedAt) {
				if b.skip() {
					b.badTickets.add(err, t.ID)
				} else {
					b.errs = append(b.errs, err)
				}
			}
		}
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
			if b.skip() { // left out of every figure, counted in a note
				b.badTickets.add(err, t.ID)
				continue
			}
			b.errs = append(b.errs, err)
		}
	}
}

// refunds adds the refunds to the returns once the pass over the refunds
// (builder.refunds, after the orders) has found those to leave out (more
// than was paid, units not ordered, a quantity that is not positive): a
// refund left out of every other figure is left out of the returns too.
func (p *servicePart) refunds(b *builder) {
	for _, r := range b.in.Refunds {
		if b.badRefundIDs[r.ID] {
			continue
		}
		if b.periods[pYear].Contains(r.At) {
			if err := p.yearRets.AddRefund(r); err != nil {
				b.errs = append(b.errs, err)
			}
		}
		var err error
		switch {
		case b.periods[pCur].Contains(r.At):
			err = p.returns.AddRefund(r)
		case b.periods[pPrev].Contains(r.At):
			err = p.prevRets.AddRefund(r)
		}
		if err != nil { // an invalid ReasonMap: report's is the default one
			b.errs = append(b.errs, err)
		}
	}
}

func (p *servicePart) order(b *builder, o *metrics.Order) {
	if b.ordMask&(1<<pYear) != 0 {
		if err := p.yearRets.AddOrder(*o); err != nil {
			b.errs = append(b.errs, err)
		}
	}
	var err error
	switch {
	case b.ordMask&(1<<pCur) != 0:
		err = p.returns.AddOrder(*o)
	case b.ordMask&(1<<pPrev) != 0:
		err = p.prevRets.AddOrder(*o)
	}
	if err != nil {
		b.errs = append(b.errs, err)
	}
}

func (p *servicePart) finish(b *builder, r *Review) {
	p.refunds(b)
	if len(b.in.Tickets) == 0 {
		r.Omitted = append(r.Omitted, Omission{Section: SectionService, Missing: "tickets"})
		return
	}
	cur := p.cur.Summary(b.summary[pCur].Orders)
	var prev service.Summary
	hasPrev := b.data.covers(b.periods[pPrev])
	if hasPrev {
		prev = p.prev.Summary(b.summary[pPrev].Orders)
	}
	// Last year's, for 同比, when the data cover it.
	var year service.Summary
	hasYear := b.data.covers(b.periods[pYear])
	if hasYear {
		year = p.year.Summary(b.summary[pYear].Orders)
	}
	s := &Service{SLA: cur.SLA, CSATResponses: cur.Responses}
	kpi := func(key string, c, pv, yv metrics.Value) {
		if !hasPrev {
			pv = metrics.Value{}
		}
		if !hasYear {
			yv = metrics.Value{}
		}
		k, err := NewKPI(ownKPI(key), c, pv, yv, metrics.Value{})
		if err != nil {
			b.errs = append(b.errs, err)
		}
		s.KPIs = append(s.KPIs, k)
	}
	kpi("first_response_median", durationIf(cur.FirstResponseMedian, cur.HasResponse), durationIf(prev.FirstResponseMedian, prev.HasResponse), durationIf(year.FirstResponseMedian, year.HasResponse))
	kpi("first_response_p90", durationIf(cur.FirstResponseP90, cur.HasResponse), durationIf(prev.FirstResponseP90, prev.HasResponse), durationIf(year.FirstResponseP90, year.HasResponse))
	kpi("within_sla", pct(cur.WithinSLA), pct(prev.WithinSLA), pct(year.WithinSLA))
	kpi("resolution_rate", pct(cur.ResolutionRate), pct(prev.ResolutionRate), pct(year.ResolutionRate))
	kpi("resolve_median", durationIf(cur.ResolveMedian, cur.HasResolution), durationIf(prev.ResolveMedian, prev.HasResolution), durationIf(year.ResolveMedian, year.HasResolution))
	kpi("reopen_rate", pct(cur.ReopenRate), pct(prev.ReopenRate), pct(year.ReopenRate))
	kpi("csat", pct(cur.CSAT), pct(prev.CSAT), pct(year.CSAT))
	kpi("avg_score", number(cur.AvgScore), number(prev.AvgScore), number(year.AvgScore))
	kpi("contacts_per_100_orders", number(cur.ContactsPer100Orders), number(prev.ContactsPer100Orders), number(year.ContactsPer100Orders))
	tally := func(ts []service.Tally) []Count {
		var out []Count
		for _, t := range ts {
			out = append(out, Count{Name: t.Name, N: t.Count, Share: metrics.CountRatio(t.Count, cur.Tickets)})
		}
		return out
	}
	s.Reasons, s.Channels = tally(cur.ByReason), tally(cur.ByChannel)

	rs := p.returns.Summary(b.cur)
	// By value, the overview's return rate (METRICS.md 退款率): returns
	// / (gross sales − discounts). The SKUs' sold value is before
	// discounts (service.ReturnStat.SoldValue) while refunds are what was
	// paid back, after them: their ratio mixed the two.
	units, value := unitReturnRate(rs), b.summary[pCur].ReturnRate
	var prevUnits, prevValue metrics.Ratio
	if hasPrev {
		prevUnits, prevValue = unitReturnRate(p.prevRets.Summary(b.cur)), b.summary[pPrev].ReturnRate
	}
	var yearUnits, yearValue metrics.Ratio
	if hasYear {
		yearUnits, yearValue = unitReturnRate(p.yearRets.Summary(b.cur)), b.summary[pYear].ReturnRate
	}
	kpi("return_rate_units", pct(units), pct(prevUnits), pct(yearUnits))
	kpi("return_rate_value", pct(value), pct(prevValue), pct(yearValue))
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
	s.OutliersTested = rs.Tested
	for _, x := range rs.Outliers {
		s.Outliers = append(s.Outliers, ReturnOutlier{SKU: x.Name, Name: b.productName(x.Name), Category: x.Category,
			Reason: x.TopReason.String(), Rate: x.UnitRate, CategoryRate: catRate[x.Category]})
	}
	r.Service = s
}

// unitReturnRate is the return rate of a period by units, over all its
// SKUs: units returned / units sold.
func unitReturnRate(rs service.ReturnSummary) metrics.Ratio {
	var sold, returned int64
	for _, x := range rs.BySKU {
		sold += x.Sold
		returned += x.Returned
	}
	return metrics.CountRatio(returned, sold)
}
