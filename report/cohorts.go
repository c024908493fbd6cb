package report

import (
	"context"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// cohortRows is the number of monthly cohorts shown, the last ones
// acquired up to the end of the period.
const cohortRows = 6

// asOf returns the day the customer analyses are taken on: the period's
// last day, or the data's last moment when the data ends before it (the
// days after the data are unknown, not days without purchases).
func (b *builder) asOf() time.Time { return b.asOfPeriod(pCur) }

// asOfPeriod returns the day the customer model of period i is taken on:
// its last day (the midnight starting it, in the period's time zone:
// the day of a period of hours too, which a day's step back from its end
// would put before its start), or the data's last moment (dataEnd) when
// the data end before it.
func (b *builder) asOfPeriod(i int) time.Time {
	last := b.periods[i].End.Add(-time.Nanosecond).In(b.periods[i].Location())
	t := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, last.Location())
	if last := b.dataEnd(); !last.IsZero() && last.Before(t) {
		return last
	}
	return t
}

// cohorts returns the last monthly cohorts' "on" retention in calendar
// months (cohort.Ledger.Retention), observed up to [builder.asOf]; a
// month after the cohort's first with days the orders are missing from
// ([builder.orderGaps]) is n/a.
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
		for k, c := range r.Cells {
			if !c.Observed {
				break
			}
			// A later month with days the orders are missing from is
			// not observed whole: its retention is unknown, not low
			// (the first is the cohort's own, 100 % by its definition).
			month := metrics.Period{Start: r.Period.Start.AddDate(0, k, 0), End: r.Period.Start.AddDate(0, k+1, 0)}
			if k > 0 && !r.Period.IsZero() && b.inGap(month) {
				row.Retention = append(row.Retention, metrics.Ratio{})
				continue
			}
			row.Retention = append(row.Retention, c.Retention)
		}
		out = append(out, row)
	}
	return out
}

// cohortPart adds the cohort retention heatmap, the RFM segments and the
// customer model to section 5. models holds the customer model fitted as
// of each day asked for (the period's end for the section and the LTV,
// the previous period's for the LTV's comparison).
type cohortPart struct {
	ledger   cohort.Ledger
	models   map[time.Time]*customerModel
	families []clv.Family    // Config.CustomerModels
	ctx      context.Context // the build's, which stops a fit under way
}

// model returns the customer model as of asOf, fitted once.
func (p *cohortPart) model(asOf time.Time) *customerModel {
	if m, ok := p.models[asOf]; ok {
		return m
	}
	if p.models == nil {
		p.models = make(map[time.Time]*customerModel)
	}
	m := fitCustomers(p.ctx, &p.ledger, asOf, p.families)
	p.models[asOf] = m
	return m
}

func (p *cohortPart) start(b *builder) {
	p.ledger.Location = b.periods[pCur].Location()
	p.families = b.cfg.CustomerModels
	p.ctx = b.ctx
}

func (p *cohortPart) order(b *builder, o *metrics.Order) {
	// The customer's number in b.firsts, which the ledger looks up
	// instead of hashing the ID again (-1 for the orders it skips).
	if err := p.ledger.AddNumbered(o, &b.firsts.ids, b.firsts.cust, b.orderRefunds...); err != nil {
		b.errs = append(b.errs, err)
	}
}

func (p *cohortPart) finish(b *builder, r *Review) {
	if r.Customers == nil {
		return
	}
	p.repeat(b, r.Customers)
	r.Customers.Cohorts = p.cohorts(b)
	r.Customers.Segments = p.segments(b)
	p.customerModel(b, r.Customers)
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
