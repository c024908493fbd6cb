package render

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// layoutCampaigns lays out the CRM campaigns part of the promotions
// section: who each campaign reached and what it added, with intervals,
// ROI and verdict, and a note on each observational comparison; nothing
// when p is nil.
func layoutCampaigns(p *report.Campaigns, f Formatter) []block {
	if p == nil {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	bs := []block{heading{3, lb("campaigns_title")}}
	if len(p.Items) == 0 {
		return append(bs, note{lb("no_rows")})
	}
	reach := table{
		head:  []string{lb("campaign_name"), lb("window"), lb("campaign_comparison"), lb("campaign_targeted"), lb("campaign_compared"), lb("campaign_response"), lb("campaign_compare_response"), lb("campaign_redemption"), lb("campaign_redemptions"), lb("campaign_discounts")},
		right: []bool{false, false, false, true, true, true, true, true, true, true},
	}
	effect := table{
		head:  []string{lb("campaign_name"), lb("campaign_revenue_per"), lb("campaign_compare_revenue_per"), lb("campaign_incremental_revenue"), lb("interval"), lb("campaign_incremental_profit"), lb("interval"), lb("campaign_cost"), lb("roi"), lb("roi_interval"), lb("verdict")},
		right: []bool{false, true, true, true, true, true, true, true, true, true, false},
	}
	var observational []string
	for i := range p.Items {
		x := &p.Items[i]
		cmpKey := "campaign_holdout"
		if !x.Randomised {
			cmpKey = "campaign_observational"
			observational = append(observational, x.Name)
		}
		reach.rows = append(reach.rows, []cell{{text: x.Name}, {text: periodText(x.Window)}, {text: lb(cmpKey)},
			{text: f.Count(x.Targeted)}, {text: f.Count(x.Compared)}, {text: f.Percent(x.Response)}, {text: f.Percent(x.CompareResponse)},
			{text: f.Percent(x.Redemption)}, {text: f.Count(x.Redemptions)}, {text: moneyOrNA(f, x.Discounts)}})
		verdict := cell{text: lb(x.VerdictKey())}
		switch x.Verdict {
		case "pays":
			verdict.class = "good"
		case "does_not_pay":
			verdict.class = "bad"
		}
		effect.rows = append(effect.rows, []cell{{text: x.Name}, {text: f.Value(x.RevenuePer)}, {text: f.Value(x.CompareRevenuePer)},
			{text: f.Value(x.IncrementalRevenue)}, {text: interval(x.RevenueLow, x.RevenueHigh, f)},
			{text: f.Value(x.IncrementalProfit)}, {text: interval(x.ProfitLow, x.ProfitHigh, f)},
			{text: moneyOrNA(f, x.Cost)}, {text: percentValue(x.ROI, f)}, {text: percentInterval(x.ROILow, x.ROIHigh, f)}, verdict})
	}
	bs = append(bs, reach, effect, note{lb("campaigns_method")})
	for _, name := range observational {
		bs = append(bs, note{name + colon(f.Lang) + lb("campaigns_observational_note")})
	}
	for _, s := range CampaignOverlaps(p, f.Lang) {
		bs = append(bs, note{s})
	}
	return bs
}

// CampaignOverlaps returns, in language l, a sentence for each campaign
// of p that another campaign of the page overlapped and targeted some of
// its customers ([report.CampaignResult].Overlaps): its comparison
// includes some of that campaign's effect. Every renderer prints them
// under the campaigns.
func CampaignOverlaps(p *report.Campaigns, l Language) []string {
	if p == nil {
		return nil
	}
	f := Formatter{Lang: l}
	var out []string
	for _, x := range p.Items {
		key := "campaign_overlap"
		if x.Randomised {
			key = "campaign_overlap_random"
		}
		for _, o := range x.Overlaps {
			out = append(out, fmt.Sprintf(Label(key, l), x.Name, f.Count(o.Targeted), f.Count(o.Compared), o.With, f.Count(int64(o.Days))))
		}
	}
	return out
}

// percentValue formats a ratio value as a percentage, or n/a.
func percentValue(v metrics.Value, f Formatter) string {
	r, ok := v.Ratio()
	if !ok {
		return f.NA()
	}
	return f.Percent(r)
}

// percentInterval formats lo … hi as percentages, or n/a.
func percentInterval(lo, hi metrics.Value, f Formatter) string {
	if !lo.Defined() || !hi.Defined() {
		return f.NA()
	}
	return percentValue(lo, f) + " … " + percentValue(hi, f)
}

// moneyOrNA formats *m, or the mark of an undefined value for a nil m.
func moneyOrNA(f Formatter, m *money.Money) string {
	if m == nil {
		return f.NA()
	}
	return f.Money(*m)
}
