package report

import (
	"errors"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// overviewKeys are the KPIs of the overview, in the order shown.
var overviewKeys = []string{
	metrics.KeyNetSales, metrics.KeyOrders, metrics.KeyAOV, metrics.KeySpendPerBuyer,
	metrics.KeyGrossMargin, metrics.KeyNewCustomers, metrics.KeyConversionRate,
	metrics.KeyCAC, metrics.KeyLTV, metrics.KeyLTVToCAC,
}

// review assembles the review from the accumulators.
func (b *builder) review() *Review {
	r := &Review{
		Store: b.in.Store, Period: b.periods[pCur], Previous: b.periods[pPrev], YearAgo: b.periods[pYear],
		Currency: b.cur,
	}
	omit := func(s Section, missing string) { r.Omitted = append(r.Omitted, Omission{Section: s, Missing: missing}) }
	if b.orders.first.IsZero() {
		omit(SectionOverview, "orders")
		omit(SectionCustomers, "orders")
	} else {
		r.Overview = b.overview()
		r.Customers = b.customersSection(b.vsPrev, b.vsYear)
	}
	switch {
	case b.events.first.IsZero():
		omit(SectionTraffic, "events")
	case r.Overview == nil: // events without orders: no conversion to show
		omit(SectionTraffic, "orders")
	default:
		r.Traffic = b.trafficSection(b.vsPrev, b.vsYear)
	}
	for _, p := range b.parts {
		p.finish(b, r)
	}
	r.Notes = b.notes
	return r
}

// periodValues returns the KPI values of period i, or nil when the orders
// do not cover it (its numbers would be zeros for lack of data).
func (b *builder) periodValues(i int) (metrics.Values, metrics.Summary) {
	s := b.sums[i].For(b.cur)
	if i != pCur && !b.data.covers(b.periods[i]) {
		return nil, s
	}
	v := s.Values()
	if !b.events.first.IsZero() && (i == pCur || b.events.covers(b.periods[i])) {
		visitors := b.count(b.users, i)
		v[metrics.KeyVisitors] = metrics.CountValue(visitors)
		v[metrics.KeyConversionRate] = metrics.RatioValue(metrics.ConversionRate(s.Buyers, visitors))
	}
	if len(b.spend) > 0 {
		_, blended, err := metrics.AcquisitionCost(s, slices.Values(b.spend))
		if err == nil {
			v[metrics.KeyMarketingSpend] = metrics.MoneyValue(blended.Spend)
			cac, okc := blended.Cost()
			v[metrics.KeyCAC] = moneyIf(cac, okc)
			if ltv, ok := b.simpleLTV(i, s); ok {
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

// count returns the number of keys of m whose mask has period i.
func (b *builder) count(m map[string]uint8, i int) int64 {
	var n int64
	for _, v := range m {
		if v&(1<<i) != 0 {
			n++
		}
	}
	return n
}

// simpleLTV returns the simple LTV of period i (its definition here): AOV × orders
// per buyer in the period × gross margin × 1 / churn, where churn is the
// share of the previous period's buyers who did not buy in period i. The
// lifetime is therefore in periods of the review's length. It reports
// false when the previous period is not covered by the data or churn is
// zero.
func (b *builder) simpleLTV(i int, s metrics.Summary) (money.Money, bool) {
	before := i + 1 // pPrev for pCur, pPrev2 for pPrev
	if i != pCur && i != pPrev || !b.data.covers(b.periods[before]) {
		return money.Money{}, false
	}
	var was, stayed int64
	for _, m := range b.buyers {
		if m&(1<<before) != 0 {
			was++
			if m&(1<<i) != 0 {
				stayed++
			}
		}
	}
	aov, ok := s.AOV()
	margin, okm := s.GrossMargin.Value()
	if !ok || !okm || was == 0 || s.Buyers == 0 {
		return money.Money{}, false
	}
	churn := 1 - float64(stayed)/float64(was)
	return metrics.SimpleLTV(aov, float64(s.Orders)/float64(s.Buyers), margin, churn)
}

func (b *builder) overview() *Overview {
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
	b.vsPrev, b.vsYear = vsPrev, vsYear
	b.coverage(SectionOverview, b.data, pPrev)
	b.coverage(SectionOverview, b.data, pYear)
	o := &Overview{KPIs: kpis(overviewKeys, vsPrev, vsYear), Daily: b.daily.series()}
	if prev != nil && !b.events.first.IsZero() && b.events.covers(b.periods[pPrev]) {
		pf := metrics.SalesFactors{Visitors: b.count(b.users, pPrev), Buyers: prevSum.Buyers, Sales: prevSum.NetSales}
		cf := metrics.SalesFactors{Visitors: b.count(b.users, pCur), Buyers: curSum.Buyers, Sales: curSum.NetSales}
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
