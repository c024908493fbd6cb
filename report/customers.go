package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// customerKeys are the KPIs of section 5, in the order shown.
var customerKeys = []string{
	metrics.KeyBuyers, metrics.KeyNewCustomers, metrics.KeyReturningCustomers,
	metrics.KeyReturningRate, metrics.KeyRepurchaseRate,
}

// customersSection computes the KPIs of section 5, the buyers with their
// comparisons.
func (b *builder) customersSection(vsPrev, vsYear []metrics.Comparison) *Customers {
	return &Customers{KPIs: kpis(customerKeys, vsPrev, vsYear)}
}

// modelKPIs are the KPIs of the customer model, shown after the buyers.
// They are the section's own, not in the catalogue of [KPIs]:
// active_customers and the predicted CLV are there already.
var modelKPIs = [...]metrics.KPI{
	{Key: "buyers_90d", Unit: metrics.UnitCount, Direction: metrics.HigherIsBetter},
	{Key: "buyers_180d", Unit: metrics.UnitCount, Direction: metrics.HigherIsBetter},
}

func modelKPI(key string) metrics.KPI {
	for _, k := range modelKPIs {
		if k.Key == key {
			return k
		}
	}
	return ownKPI(key)
}

// ltvMonths returns Config.LTVMonths or its default.
func (b *builder) ltvMonths() int {
	if b.cfg.LTVMonths > 0 {
		return b.cfg.LTVMonths
	}
	return defaultLTVMonth
}

// customerModel adds the customer model's figures to section 5: the
// active customers under the chosen model beside the buyers of the last 90
// and 180 days, the predicted CLV of all customers over the LTV horizon
// with its interval, and which model was chosen and why. A model that
// cannot be fitted, a candidate left out of the choice, a CLV that cannot
// be computed and customers left out of it each leave a note.
func (p *cohortPart) customerModel(b *builder, c *Customers) {
	if p.ledger.Customers() == 0 {
		return
	}
	c.LTVMonths = b.ltvMonths()
	cm := p.model(b.asOf())
	if cm.err != nil {
		b.note(SectionCustomers, "customer_model", cm.err)
		return
	}
	for _, err := range cm.leftOut() {
		b.note(SectionCustomers, "customer_model", err)
	}
	c.Model = cm.modelSummary()
	// The model reads the customers' orders to the day it is taken on:
	// days missing from the data (orderGaps) before it are days without
	// orders in its histories, which it cannot tell apart.
	if runs := b.gapsIn(metrics.Period{End: b.asOf().AddDate(0, 0, 1)}); len(runs) > 0 {
		b.notes = append(b.notes, Note{Section: SectionCustomers, Key: "model_gap", Reason: strings.Join(runs, ", ")})
	}
	add := func(key string, v metrics.Value) {
		k, err := NewKPI(modelKPI(key), v, metrics.Value{}, metrics.Value{}, metrics.Value{})
		if err != nil {
			b.errs = append(b.errs, err)
			return
		}
		c.KPIs = append(c.KPIs, k)
	}
	active, recent, recentLong, err := cm.activeBase()
	if err != nil {
		b.note(SectionCustomers, "active_customers", err)
	} else {
		add("active_customers", metrics.CountValue(active))
		add("buyers_90d", metrics.CountValue(recent))
		add("buyers_180d", metrics.CountValue(recentLong))
	}
	margin, ok := b.margin(pCur)
	if !ok {
		if p := partOf[*productsPart](b); p != nil {
			if share, some, err := p.costs[pCur].lackingShare(b.cur); err == nil && some {
				b.notes = append(b.notes, Note{Section: SectionCustomers, Key: "clv_no_cost", Reason: share.Percent(1)})
			}
		}
		return
	}
	total, out, err := cm.value(c.LTVMonths, margin)
	if out > 0 {
		// The key's name says why; a Reason would print in English on
		// the Chinese page.
		b.notes = append(b.notes, Note{Section: SectionCustomers, Key: "clv_no_spend", LeftOut: out})
	}
	if err != nil {
		b.note(SectionCustomers, "predicted_clv", err)
		return
	}
	r, err := moneyRange(total, b.cur)
	if err != nil {
		b.note(SectionCustomers, "predicted_clv", err)
		return
	}
	c.CLV = r
	add("predicted_clv", metrics.MoneyValue(r.Value))
	n := int64(len(cm.customers)) - out
	per, perOK := r.Value.Div(n, money.RoundHalfEven)
	add("predicted_clv_per_customer", moneyIf(per, perOK))
}

// moneyRange converts a CLV interval to amounts of cur; the range is left
// at the value when the interval is undefined (no covariance).
func moneyRange(v clv.Interval, cur money.Currency) (*MoneyRange, error) {
	val, err := clv.Money(v.Value, cur)
	if err != nil {
		return nil, err
	}
	r := &MoneyRange{Value: val, Low: val, High: val}
	if !v.Defined {
		return r, nil
	}
	if r.Low, err = clv.Money(v.Low, cur); err != nil {
		return nil, err
	}
	if r.High, err = clv.Money(v.High, cur); err != nil {
		return nil, err
	}
	r.Level = clvLevel
	return r, nil
}

// repeatWindows are the windows of the repeat rates, in days.
var repeatWindows = []int{30, 60, 90}

// repeat adds the repeat rates within 30, 60 and 90 days of the first
// order to section 5 (see [RepeatWindow]), as of the period's last day,
// and the KPIs of the customers whose window closed in the period,
// compared with those of the previous period and last year's. The
// customers eligible as of the day before a period are eligible as of
// its last day, with the same orders in their window: the closed cohort
// is the difference of the two pooled counts. A closed cohort's rate is
// undefined when the data do not cover the days its customers were
// acquired (the N days before the period's, from its first day shifted
// back by N): a cohort the data start in the middle of is a part of
// itself, whose earliest "first orders" include customers of before
// the data. It is undefined too when a day of that span, to the
// period's end, is missing from the data ([builder.orderGaps]): the
// repeat orders of those days are not known, and would count as none;
// and a compared period's when its last day is the reviewed period's
// first (periods of hours): the two cohorts would share customers.
func (p *cohortPart) repeat(b *builder, c *Customers) {
	if p.ledger.Customers() == 0 {
		return
	}
	memo := make(map[time.Time][]cohort.RepeatRate)
	rates := func(asOf time.Time) ([]cohort.RepeatRate, bool) {
		if r, ok := memo[asOf]; ok {
			return r, r != nil
		}
		rp, err := p.ledger.Repurchase(cohort.RepurchaseConfig{Within: repeatWindows, AsOf: asOf})
		if err != nil {
			b.note(SectionCustomers, "repeat_rate", err)
			memo[asOf] = nil
			return nil, false
		}
		memo[asOf] = rp.Overall
		return rp.Overall, true
	}
	// closed returns, per window, the customers whose window closed in
	// period i and their repeaters, with the rates as of its last day;
	// a window whose cohort the data do not cover is not observed.
	type window struct {
		eligible, repeaters int64
		observed            bool
	}
	closed := func(i int) (end []cohort.RepeatRate, out []window, ok bool) {
		if i != pCur && !b.data.covers(b.periods[i]) {
			return nil, nil, false
		}
		// A compared period whose last day is the reviewed one's first
		// (the morning before an afternoon) closes windows on that day
		// too: its cohort would share the reviewed one's customers.
		if i != pCur && !b.asOfPeriod(i).Before(metrics.PeriodOf(b.periods[pCur].Start, metrics.Day).Start) {
			return nil, nil, false
		}
		last, dayBefore := b.asOfPeriod(i), b.periods[i].Start.AddDate(0, 0, -1)
		if end, ok = rates(last); !ok {
			return nil, nil, false
		}
		out = make([]window, len(end))
		for j := range out {
			// The cohort's first orders and their windows span the N
			// days before the period and the period itself.
			span := metrics.Period{Start: b.periods[i].Start.AddDate(0, 0, -end[j].Days), End: b.periods[i].End}
			out[j].observed = b.data.coversFrom(span.Start) && !b.inGap(span)
		}
		if last.Before(dayBefore) {
			return end, out, true // the data end before the period: no window closed in it
		}
		before, ok := rates(dayBefore)
		if !ok || len(before) != len(end) {
			return nil, nil, false
		}
		for j := range end {
			out[j].eligible, out[j].repeaters = end[j].Eligible-before[j].Eligible, end[j].Repeaters-before[j].Repeaters
		}
		return end, out, true
	}
	cur, curClosed, ok := closed(pCur)
	if !ok {
		return
	}
	asOf := b.asOfPeriod(pCur)
	_, prev, okPrev := closed(pPrev)
	_, year, okYear := closed(pYear)
	rate := func(ws []window, ok bool, j int) metrics.Ratio {
		if !ok || j >= len(ws) || !ws[j].observed {
			return metrics.Ratio{}
		}
		return metrics.CountRatio(ws[j].repeaters, ws[j].eligible)
	}
	for j, r := range cur {
		w := curClosed[j]
		c.Repeat = append(c.Repeat, RepeatWindow{Days: r.Days, AcquiredBy: asOf.AddDate(0, 0, -r.Days),
			Eligible: r.Eligible, Repeaters: r.Repeaters, Rate: r.Rate,
			Closed: w.eligible, ClosedRepeaters: w.repeaters, ClosedRate: rate(curClosed, true, j)})
		k, err := NewKPI(ownKPI(fmt.Sprintf("repeat_%dd", r.Days)), pct(rate(curClosed, true, j)), pct(rate(prev, okPrev, j)), pct(rate(year, okYear, j)), metrics.Value{})
		if err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		c.KPIs = append(c.KPIs, k)
	}
}
