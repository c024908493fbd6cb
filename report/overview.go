package report

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// overviewKeys are the KPIs of the overview, in the order shown.
var overviewKeys = []string{
	metrics.KeyNetSales, metrics.KeyOrders, metrics.KeyAOV, metrics.KeySpendPerBuyer,
	metrics.KeyGrossMargin, metrics.KeyNewCustomers, metrics.KeyConversionRate,
	metrics.KeyCAC, metrics.KeyLTV, metrics.KeyLTVToCAC,
}

// review assembles the review from the accumulators, one section after
// another (PhaseSections); nil when ctx is done, which b.stopped says.
func (b *builder) review() *Review {
	r := &Review{
		Store: b.in.Store, Period: b.periods[pCur], Previous: b.periods[pPrev], YearAgo: b.periods[pYear],
		Currency: b.cur,
	}
	omit := func(s Section, missing string) { r.Omitted = append(r.Omitted, Omission{Section: s, Missing: missing}) }
	b.phase(PhaseSections, int64(2+len(b.parts)))
	if !b.await(func() {
		if b.orders.first.IsZero() {
			omit(SectionOverview, "orders")
			omit(SectionCustomers, "orders")
		} else {
			r.Overview = b.overview()
			r.Customers = b.customersSection(b.vsPrev, b.vsYear)
		}
	}) {
		return nil
	}
	if !b.await(func() {
		switch {
		case b.events.first.IsZero():
			omit(SectionTraffic, "events")
		case r.Overview == nil: // events without orders: no conversion to show
			omit(SectionTraffic, "orders")
		default:
			r.Traffic = b.trafficSection(b.vsPrev, b.vsYear)
		}
	}) {
		return nil
	}
	b.endTraffic()
	for _, p := range b.parts {
		if !b.await(func() { p.finish(b, r) }) {
			return nil
		}
	}
	if !b.endPhase() {
		return nil
	}
	r.Notes = b.notes
	return r
}

// periodValues returns the KPI values of period i, or nil when the orders
// do not cover it (its numbers would be zeros for lack of data).
func (b *builder) periodValues(i int) (metrics.Values, metrics.Summary) {
	s := b.summary[i]
	if i != pCur && !b.data.covers(b.periods[i]) {
		return nil, s
	}
	v := s.Values()
	if !b.events.first.IsZero() && (i == pCur || b.events.covers(b.periods[i])) {
		visitors := b.uidx.count(i)
		v[metrics.KeyVisitors] = metrics.CountValue(visitors)
		v[metrics.KeyConversionRate] = metrics.RatioValue(metrics.ConversionRate(s.Buyers, visitors))
	}
	if len(b.spend) > 0 {
		_, blended, err := metrics.AcquisitionCost(s, slices.Values(b.spend))
		if err == nil {
			v[metrics.KeyMarketingSpend] = metrics.MoneyValue(blended.Spend)
			cac, okc := blended.Cost()
			v[metrics.KeyCAC] = moneyIf(cac, okc)
			if ltv, ok := b.horizonLTV(i, s); ok {
				v[metrics.KeyLTV] = metrics.MoneyValue(ltv)
				if okc {
					r, err := metrics.LTVToCAC(ltv, cac)
					if err != nil {
						b.errs = append(b.errs, err)
					}
					v[metrics.KeyLTVToCAC] = metrics.RatioValue(r).In(metrics.UnitMultiple)
				}
			}
		} else {
			b.errs = append(b.errs, err)
		}
	}
	return v, s
}

// horizonLTV returns the LTV of period i (current, previous or year-ago,
// which -compare may make any earlier period): the predicted
// gross profit of a new customer over the LTV horizon (Config.LTVMonths,
// default 12 months) from acquisition, under the customer model fitted as
// of the period's last day (see [cohortPart.model]; one fit per compared
// period the data covers) and at the period's gross margin. It does not depend on the length of the period: a
// quarter and its last month, which end on the same day, share the model
// and differ only by their margin. It reports false when the period has
// no gross margin in (0, 1] or no customers; a model that cannot be
// fitted leaves a note in the overview.
func (b *builder) horizonLTV(i int, s metrics.Summary) (money.Money, bool) {
	margin, ok := b.margin(i)
	cp := partOf[*cohortPart](b)
	if !ok || cp == nil || cp.ledger.Customers() == 0 {
		return money.Money{}, false
	}
	ltv, err := cp.model(b.asOfPeriod(i)).newCustomerLTV(b.ltvMonths(), margin, b.cur)
	if err != nil {
		if i == pCur {
			b.note(SectionOverview, "ltv", err)
		}
		return money.Money{}, false
	}
	return ltv, true
}

func (b *builder) overview() *Overview {
	b.orderGaps() // noted in the overview, whichever section reads them first
	cur, curSum := b.periodValues(pCur)
	prev, prevSum := b.periodValues(pPrev)
	year, _ := b.periodValues(pYear) // last year's values; its summary is not needed
	p := b.periods[pCur]
	vsPrev, err := metrics.CompareValues(p, cur, prev, b.in.Targets)
	if err != nil {
		b.errs = append(b.errs, err)
	}
	vsYear, err := metrics.CompareValues(p, cur, year, nil)
	if err != nil {
		b.errs = append(b.errs, err)
	}
	b.coverage(SectionOverview, b.data, pPrev)
	b.coverage(SectionOverview, b.data, pYear)
	daily, cut := b.curCoverage(b.daily.series())
	b.cut = cut
	if b.partial(pPrev) {
		partialComparisons(vsPrev)
	}
	if b.partial(pYear) {
		partialComparisons(vsYear)
	}
	b.gapNotes([nPeriods]bool{pPrev: prev != nil, pYear: year != nil})
	b.vsPrev, b.vsYear = vsPrev, vsYear
	o := &Overview{KPIs: kpis(overviewKeys, vsPrev, vsYear), Daily: daily}
	switch decomposable := prev != nil && !b.events.first.IsZero() && b.events.covers(b.periods[pPrev]); {
	case decomposable && b.cut:
		// The period's sales, visitors and buyers cover its days up to the
		// data's end: their change from a whole period is days missing,
		// which the decomposition would lay on visitors.
		b.note(SectionOverview, "decomposition", fmt.Errorf("%w: its sales would be set against a whole period's", errDataEndsEarly))
	case decomposable && b.partial(pPrev):
		// Days missing from the data in either period: the same.
		b.note(SectionOverview, "decomposition", fmt.Errorf("%w: their sales would be set against each other", errDaysMissing))
	case decomposable:
		pf := metrics.SalesFactors{Visitors: b.uidx.count(pPrev), Buyers: prevSum.Buyers, Sales: prevSum.NetSales}
		cf := metrics.SalesFactors{Visitors: b.uidx.count(pCur), Buyers: curSum.Buyers, Sales: curSum.NetSales}
		d, err := metrics.Decompose(pf, cf)
		switch {
		case err != nil:
			b.note(SectionOverview, "decomposition", err)
		case d.Defined:
			o.Decomposition = decomposition(pf, cf, d)
		default: // a factor is zero in a period: the log method has no answer
			b.note(SectionOverview, "decomposition", errors.New("report: the decomposition needs visitors, buyers and net sales above zero in both periods"))
		}
	}
	return o
}

// kpis turns the comparisons with the previous period and last year into
// KPIs, for the keys given and in their order; keys absent from both are
// skipped.
func kpis(keys []string, vsPrev, vsYear []metrics.Comparison) []KPI {
	find := func(cs []metrics.Comparison, key string) (metrics.Comparison, bool) {
		for _, c := range cs {
			if c.KPI.Key == key {
				return c, true
			}
		}
		return metrics.Comparison{}, false
	}
	var out []KPI
	for _, key := range keys {
		cp, ok := find(vsPrev, key)
		if !ok || !cp.Current.Defined() && !cp.Previous.Defined() && !cp.Target.Defined() {
			continue
		}
		cy, ok := find(vsYear, key)
		if !ok { // no value last year: a comparison with nothing
			cy = metrics.Comparison{KPI: cp.KPI, Previous: metrics.Undefined(cp.KPI.Unit)}
		}
		out = append(out, fromComparisons(cp, cy))
	}
	return out
}

// decomposition returns the review's form of d, the LMDI decomposition of
// the change in net sales from prev to cur. Its driver is the factor with
// the largest absolute effect, the first of equals.
func decomposition(prev, cur metrics.SalesFactors, d metrics.Decomposition) *Decomposition {
	spb := func(f metrics.SalesFactors) metrics.Value {
		m, ok := f.Sales.Div(f.Buyers, money.RoundHalfEven)
		return moneyIf(m, ok)
	}
	effects := []money.Money{d.Visitors, d.Conversion, d.SpendPerBuyer}
	out := &Decomposition{
		Factors: []Factor{
			{Key: metrics.KeyVisitors, Previous: metrics.CountValue(prev.Visitors), Current: metrics.CountValue(cur.Visitors)},
			{Key: metrics.KeyConversionRate, Previous: pct(metrics.CountRatio(prev.Buyers, prev.Visitors)),
				Current: pct(metrics.CountRatio(cur.Buyers, cur.Visitors))},
			{Key: metrics.KeySpendPerBuyer, Previous: spb(prev), Current: spb(cur)},
		},
		Change: metrics.MoneyValue(d.Change),
	}
	best := 0
	for i, e := range effects {
		out.Factors[i].Effect = metrics.MoneyValue(e)
		if e.Abs().Decimal().GreaterThan(effects[best].Abs().Decimal()) {
			best = i
		}
	}
	out.Driver = out.Factors[best].Key
	return out
}

// curCoverage notes, in the overview, that the data ends before the
// reviewed period's last day ("cur_coverage", with the data's last day
// in the period's time zone), and returns days without the days after
// it: their sales, orders and visitors are not known, and a row of zeros
// would say they were none. The period's figures then cover its days up
// to the data's end, which the note says; cut reports whether it does.
//
// Records alone cannot tell a store whose data stops from one that sold
// nothing on its last days, so the days after the last record (the last
// order, event or refund: see dataEnd) are taken
// as past the data's end only when so long a gap would be very unlikely
// at the store's own pace: its orders and daily visitors per day up to
// the last record, r, over the g days after it, with r·g ≥ gapEvidence
// (a Poisson count of rate r has no record in g days with probability
// e^(−r·g), under 1 in 1,000). A store of 2.2 orders a day whose data
// stops on 20 December is cut there (2.2 × 11 days = 24); one with 2
// orders in November's first 9 days and none in its last 21 is not
// (0.22 × 21 = 4.7): its last days are zeros. Data that ends before the
// period starts is paced by the previous period's orders a day, over the
// days from its last record to the period's end; cut, the period has no
// daily row at all.
func (b *builder) curCoverage(days []Day) (_ []Day, cut bool) {
	p := b.periods[pCur]
	end := b.dataEnd()
	if end.IsZero() || p.IsZero() {
		return days, false
	}
	loc := p.Start.Location()
	last := end.In(loc)
	if lastDay := p.End.Add(-time.Nanosecond).In(loc); dayNumber(last) >= dayNumber(lastDay) {
		return days, false
	}
	k := 0
	for k < len(days) && !days[k].Date.After(last) {
		k++
	}
	var n int64
	for _, d := range days[:k] {
		n += d.Orders
		if v, ok := d.Visitors.Count(); ok {
			n += v
		}
	}
	paced := k
	if k == 0 {
		// No record in the period: the pace is the previous period's
		// orders a day (its visitors are distinct over the period, not
		// a day's, so they are left out: a slower pace, a safer cut).
		prev := b.periods[pPrev]
		n = b.summary[pPrev].Orders
		paced = dayNumber(prev.End.Add(-time.Nanosecond).In(loc)) - dayNumber(prev.Start.In(loc)) + 1
	}
	gap := dayNumber(p.End.Add(-time.Nanosecond).In(loc)) - dayNumber(last) // the days after the last record, to the period's last
	if paced <= 0 || float64(n)/float64(paced)*float64(gap) < gapEvidence {
		return days, false
	}
	b.notes = append(b.notes, Note{Section: SectionOverview, Key: "cur_coverage", Reason: last.Format(time.DateOnly)})
	b.covered = p
	b.covered.End = p.Start // no record in the period: no day of it is covered
	if end := metrics.PeriodOf(last, metrics.Day).End; end.After(p.Start) {
		b.covered.End = end
	}
	return days[:k], true
}

// coveredPeriod returns the reviewed period as the data cover it, which
// the sections that analyse its days up to the data's end read (the
// products section's stock, the fulfilment section's as-of time):
//   - when the data end before the period does (b.cut, which only the
//     overview's curCoverage decides), its days up to the data's last
//     day, from the period's start;
//   - when, so cut, the data have no record in the period at all, none
//     of its days: End == Start, the period's start;
//   - otherwise the whole period, and so also when the overview is not
//     built (a review without orders): no day is then taken off.
func (b *builder) coveredPeriod() metrics.Period {
	if !b.cut {
		return b.periods[pCur]
	}
	return b.covered
}

// dataEnd returns the data's end: the time of its last order, event or
// refund, the store's own records of what happened; the last record of
// any kind without them. Marketing spend is not one: it is often entered
// for days ahead, or for a whole month at once, and spend recorded to
// the 31st would hide orders and visits that stop on the 20th.
func (b *builder) dataEnd() time.Time {
	var end time.Time
	for _, t := range [...]time.Time{b.orders.last, b.events.last, b.paid.last} {
		if t.After(end) {
			end = t
		}
	}
	if end.IsZero() {
		return b.data.last
	}
	return end
}

// gapEvidence is −log of the chance, 1 in 1,000, below which a gap
// without records at the end of the period is taken as the data's end
// (see curCoverage).
const gapEvidence = 6.908 // log(1000)

// partialComparison leaves undefined the change, the difference and the
// target attainment of c when its KPI grows with the days counted
// (growsWithDays): the money totals, the counts (orders, buyers,
// visitors, sessions, new customers), the repurchase rate and the spend
// per buyer, say. Of a period the data covers only in part (b.cut, or
// days missing from the data in it or in the period it is set against:
// builder.partial), they would set some of its days against a whole period (a month's first 20
// days against the whole month before, or its target), and say a fall
// that is only days not yet in the data; the rates and averages per order
// or visitor (margin, conversion, order value) keep theirs. The values
// themselves, this period's and the compared one, stay.
//
// It is the one place of this rule: the overview's comparisons
// (partialComparisons) and the sections' own KPIs (sectionKPI) both go
// through it.
func partialComparison(c *metrics.Comparison) {
	if !growsWithDays(c.KPI) {
		return
	}
	c.Diff = metrics.Undefined(c.Diff.Unit())
	c.Change = metrics.Ratio{}     // undefined
	c.Attainment = metrics.Ratio{} // undefined
}

// partialComparisons applies partialComparison to each comparison of cs.
func partialComparisons(cs []metrics.Comparison) {
	for i := range cs {
		partialComparison(&cs[i])
	}
}

// growsWithDays reports whether k's value grows with the days counted,
// so that a period the data cover in part is not set against a whole one
// (see partialComparison):
//   - a total or a count over the period: the money totals, orders,
//     buyers, visitors, sessions, new customers and members, points
//     issued, redeemed and expired, the inventory's lost sales;
//   - a share that counts what its base does over the period: the
//     repurchase rate (buyers with a second order in the period), the
//     members' active rate and repurchase rates, and the inventory's
//     turnover, sell-through and GMROI (the period's sales over its
//     stock);
//   - the spend per buyer: the period's sales over its distinct buyers,
//     who place more orders the more days are counted (on the demo cut
//     at 20 December it read −13.3 % against November, the whole month
//     −2.6 %).
//
// A level at the period's end does not (members, points outstanding, the
// points' liability, the inventory's value), nor do the rates and
// averages per order or visitor (margin, conversion, order value, the
// share of returning buyers, days of inventory, the stock-out rate).
func growsWithDays(k metrics.KPI) bool {
	switch k.Key {
	case "loyalty_members", "loyalty_points_outstanding":
		return false
	case metrics.KeyRepurchaseRate, metrics.KeySpendPerBuyer, "loyalty_active_rate", "loyalty_member_repurchase", "loyalty_non_member_repurchase",
		"turnover", "sell_through", "gmroi", "lost_sales":
		return true
	}
	return k.Additive() || k.Unit == metrics.UnitCount
}

// sectionKPI returns, as NewKPI does, a section's own KPI def without a
// target, its changes left undefined by partialComparison when the
// reviewed period is cut short (b.cut) or days are missing from the data
// in the periods compared (builder.partial): the traffic section's
// sessions, the members' active rate or the inventory's turnover, say,
// are not set against a whole previous period.
func (b *builder) sectionKPI(def metrics.KPI, current, previous, yearAgo metrics.Value) (KPI, error) {
	vsPrev, vsYear, err := comparisons(def, current, previous, yearAgo, metrics.Value{})
	if err != nil {
		return KPI{}, err
	}
	if b.partial(pPrev) {
		partialComparison(&vsPrev)
	}
	if b.partial(pYear) {
		partialComparison(&vsYear)
	}
	return fromComparisons(vsPrev, vsYear), nil
}
