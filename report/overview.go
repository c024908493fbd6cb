package report

import (
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
		Currency: b.cur, Language: b.cfg.Language,
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
	if len(b.in.Spend) > 0 {
		_, blended, err := metrics.AcquisitionCost(s, slices.Values(b.in.Spend))
		if err == nil {
			v[metrics.KeyMarketingSpend] = metrics.MoneyValue(blended.Spend)
			cac, ok := blended.Cost()
			v[metrics.KeyCAC] = moneyKPI(cac, ok)
			if ltv, ok := b.simpleLTV(i, s); ok {
				v[metrics.KeyLTV] = metrics.MoneyValue(ltv)
				if c, okc := blended.Cost(); okc {
					if r, err := metrics.LTVToCAC(ltv, c); err == nil {
						v[metrics.KeyLTVToCAC] = metrics.RatioValue(r)
					}
				}
			}
		} else {
			b.errs = append(b.errs, err)
		}
	}
	return v, s
}

// moneyKPI returns m as a KPI value, undefined (the zero Value) when ok is
// false.
func moneyKPI(m money.Money, ok bool) metrics.Value {
	if !ok {
		return metrics.Value{}
	}
	return metrics.MoneyValue(m)
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

// simpleLTV returns the simple LTV of period i (METRICS.md): AOV × orders
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
	year, _ := b.periodValues(pYear)
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
	o := &Overview{KPIs: kpis(overviewKeys, vsPrev, vsYear), Daily: b.daily.series()}
	if prev != nil && !b.events.first.IsZero() && b.events.covers(b.periods[pPrev]) {
		pf := metrics.SalesFactors{Visitors: b.count(b.users, pPrev), Buyers: prevSum.Buyers, Sales: prevSum.NetSales}
		cf := metrics.SalesFactors{Visitors: b.count(b.users, pCur), Buyers: curSum.Buyers, Sales: curSum.NetSales}
		if d, err := metrics.Decompose(pf, cf); err == nil && d.Defined {
			o.Decomposition = decomposition(pf, cf, d)
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
		cy, _ := find(vsYear, key)
		out = append(out, KPI{
			Key: key, Direction: cp.KPI.Direction,
			Current: value(cp.KPI, cp.Current), Previous: value(cp.KPI, cp.Previous),
			YearAgo: value(cp.KPI, cy.Previous), Target: value(cp.KPI, cp.Target),
			ChangePrev: cp.Change, ChangeYear: cy.Change, Attainment: cp.Attainment,
		})
	}
	return out
}

// value converts a metrics KPI value to a review value of the KPI's kind.
func value(k metrics.KPI, v metrics.Value) Value {
	kind := KindNumber
	switch {
	case k.Unit == metrics.UnitMoney:
		kind = KindMoney
	case k.Unit == metrics.UnitCount:
		kind = KindCount
	case k.Unit == metrics.UnitRatio:
		kind = KindPercent
	case k.Key == metrics.KeyLTVToCAC:
		kind = KindMultiple
	}
	if !v.Defined() {
		return Undefined(kind)
	}
	if m, ok := v.Money(); ok {
		return MoneyValue(m)
	}
	f, _ := v.Float()
	switch kind {
	case KindCount:
		return CountValue(int64(f))
	case KindMoney:
		return Undefined(kind)
	}
	return Value{Kind: kind, Ratio: metrics.NewRatio(f, 1)}
}

func decomposition(prev, cur metrics.SalesFactors, d metrics.Decomposition) *Decomposition {
	spb := func(f metrics.SalesFactors) Value {
		m, ok := f.Sales.Div(f.Buyers, money.RoundHalfEven)
		return MoneyValueOK(m, ok)
	}
	out := &Decomposition{
		Factors: []Factor{
			{Key: metrics.KeyVisitors, Previous: CountValue(prev.Visitors), Current: CountValue(cur.Visitors), Effect: MoneyValue(d.Visitors)},
			{Key: metrics.KeyConversionRate, Previous: PercentValue(metrics.CountRatio(prev.Buyers, prev.Visitors)),
				Current: PercentValue(metrics.CountRatio(cur.Buyers, cur.Visitors)), Effect: MoneyValue(d.Conversion)},
			{Key: metrics.KeySpendPerBuyer, Previous: spb(prev), Current: spb(cur), Effect: MoneyValue(d.SpendPerBuyer)},
		},
		Change: MoneyValue(d.Change),
	}
	best := -1
	for i, f := range out.Factors {
		if best < 0 || f.Effect.Money.Abs().Decimal().GreaterThan(out.Factors[best].Effect.Money.Abs().Decimal()) {
			best = i
		}
	}
	out.Driver = out.Factors[best].Key
	return out
}
