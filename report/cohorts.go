package report

import (
	"errors"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// cohortRows is the number of monthly cohorts shown, the last ones
// acquired up to the end of the period.
const cohortRows = 6

// asOf returns the day the customer analyses are taken on: the period's
// last day, or the data's last moment when the data ends before it (the
// days after the data are unknown, not days without purchases).
func (b *builder) asOf() time.Time {
	t := b.periods[pCur].End.AddDate(0, 0, -1)
	if last := b.data.last; !last.IsZero() && last.Before(t) {
		return last
	}
	return t
}

// cohorts returns the last monthly cohorts' "on" retention in calendar
// months (cohort.Ledger.Retention), observed up to [builder.asOf].
func (pp *cohortPart) cohorts(b *builder) []CohortRow {
	var out []CohortRow
	m, err := pp.ledger.Retention(cohort.RetentionConfig{Grain: metrics.Month, AsOf: b.asOf()})
	if err != nil {
		b.errs = append(b.errs, err)
		return nil
	}
	rows := m.Rows
	if len(rows) > cohortRows {
		rows = rows[len(rows)-cohortRows:]
	}
	for _, r := range rows {
		row := CohortRow{Label: r.Label, Size: r.Customers}
		for _, c := range r.Cells {
			if !c.Observed {
				break
			}
			row.Retention = append(row.Retention, c.Retention)
		}
		out = append(out, row)
	}
	return out
}

// cohortPart adds the cohort retention heatmap to section 5.
type cohortPart struct{ ledger cohort.Ledger }

func (p *cohortPart) start(b *builder) { p.ledger.Location = b.periods[pCur].Location() }

func (p *cohortPart) order(b *builder, o *metrics.Order) {
	if err := p.ledger.Add(*o, b.refundsOf[o.ID]...); err != nil {
		b.errs = append(b.errs, err)
	}
}

func (p *cohortPart) finish(b *builder, r *Review) {
	if r.Customers == nil {
		return
	}
	r.Customers.Cohorts = p.cohorts(b)
	r.Customers.Segments = p.segments(b)
	ks, err := p.clv(b)
	if err != nil {
		b.note(SectionCustomers, "predicted_clv", err)
	}
	r.Customers.KPIs = append(r.Customers.KPIs, ks...)
}

// clv returns the KPIs of the CLV forecast of the active base, none when
// the period has no gross margin in (0, 1] or no customers. It returns the
// forecast's error when a model cannot be fitted or a customer valued: the
// forecast is then left out with a note, never guessed.
func (p *cohortPart) clv(b *builder) ([]KPI, error) {
	margin, ok := b.sums[pCur].For(b.cur).GrossMargin.Value()
	if !ok || margin <= 0 || margin > 1 || p.ledger.Customers() == 0 {
		return nil, nil
	}
	sum, err := p.ledger.Summary(cohort.SummaryConfig{CalibrationEnd: b.asOf()})
	if err != nil {
		return nil, err
	}
	cs, unit := clv.FromSummary(sum)
	active, m, err := forecast(cs, unit, margin, b.cur)
	var ve *valueError
	if err != nil && !errors.As(err, &ve) {
		return nil, err
	}
	kvs := []struct {
		key string
		v   metrics.Value
	}{{"active_customers", metrics.CountValue(active)}}
	if ve == nil {
		per, perOK := m.Div(active, money.RoundHalfEven)
		kvs = append(kvs, []struct {
			key string
			v   metrics.Value
		}{{"predicted_clv", metrics.MoneyValue(m)}, {"predicted_clv_per_customer", moneyIf(per, perOK)}}...)
	}
	var out []KPI
	for _, kv := range kvs {
		k, err := NewKPI(ownKPI(kv.key), kv.v, metrics.Value{}, metrics.Value{}, metrics.Value{})
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	if ve != nil { // the active base without its value, and a note for the value
		return out, ve.err
	}
	return out, nil
}

// segmentKeys are the catalogue keys of the RFM segments of package
// cohort, in the order of its Segment constants.
var segmentKeys = map[cohort.Segment]string{
	cohort.Champions: "champions", cohort.Loyal: "loyal", cohort.PotentialLoyalists: "potential",
	cohort.New: "new", cohort.AtRisk: "at_risk", cohort.CantLose: "cant_lose",
	cohort.Hibernating: "hibernating", cohort.Lost: "lost",
}

// segments returns the RFM segments of the customers as of
// [builder.asOf] (cohort.Ledger.RFM: quintile scores of recency and
// frequency).
func (p *cohortPart) segments(b *builder) []Segment {
	rfm := p.ledger.RFM(cohort.RFMConfig{AsOf: b.asOf()})
	var out []Segment
	for _, s := range rfm.Segments {
		if s.Customers == 0 {
			continue
		}
		key, ok := segmentKeys[s.Segment]
		if !ok {
			key = s.Segment.String()
		}
		out = append(out, Segment{Name: key, Customers: s.Customers, Share: s.Share, NetSales: s.NetSales})
	}
	return out
}
