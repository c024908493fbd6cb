package xlsx

import (
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// campaigns writes the CRM campaigns part of the promotions section to sh:
// each campaign's reach and effect, with the method and the caveat of
// observational comparisons; nothing when p is nil.
func (b *book) campaigns(sh *sheet, p *report.Campaigns) {
	if p == nil {
		return
	}
	lb := b.lb
	var rows [][]xcell
	for i := range p.Items {
		x := &p.Items[i]
		cmp := "campaign_holdout"
		if !x.Randomised {
			cmp = "campaign_observational"
		}
		rows = append(rows, []xcell{text(x.Name), text(x.Window.Label()), text(lb(cmp)), count(x.Targeted), count(x.Compared),
			b.ratio(x.Response), b.ratio(x.CompareResponse), b.ratio(x.Redemption), count(x.Redemptions), b.amountOrNA(x.Discounts),
			b.value(x.RevenuePer), b.value(x.CompareRevenuePer),
			b.value(x.IncrementalRevenue), b.value(x.RevenueLow), b.value(x.RevenueHigh),
			b.value(x.IncrementalProfit), b.value(x.ProfitLow), b.value(x.ProfitHigh),
			b.amountOrNA(x.Cost), b.value(x.Gain), b.value(x.ROI), b.value(x.ROILow), b.value(x.ROIHigh), text(lb(x.VerdictKey()))})
	}
	sh.table(lb("campaigns_title"), []string{lb("campaign_name"), lb("window"), lb("campaign_comparison"), lb("campaign_targeted"), lb("campaign_compared"),
		lb("campaign_response"), lb("campaign_compare_response"), lb("campaign_redemption"), lb("campaign_redemptions"), lb("campaign_discounts"),
		lb("campaign_revenue_per"), lb("campaign_compare_revenue_per"),
		lb("campaign_incremental_revenue"), lb("interval") + " ↓", lb("interval") + " ↑",
		lb("campaign_incremental_profit"), lb("interval") + " ↓", lb("interval") + " ↑",
		lb("campaign_cost"), lb("campaign_gain"), lb("roi"), lb("roi_interval") + " ↓", lb("roi_interval") + " ↑", lb("verdict")}, rows)
	sh.note(lb("campaigns_method"))
	for _, x := range p.Items {
		if !x.Randomised {
			sh.note(x.Name + ": " + lb("campaigns_observational_note"))
		}
	}
	for _, s := range render.CampaignOverlaps(p, b.lang) {
		sh.note(s)
	}
}

// amountOrNA is the cell of *m, or the NA text for a nil m (an amount not
// known).
func (b *book) amountOrNA(m *money.Money) xcell {
	if m == nil {
		return b.na()
	}
	return amount(*m)
}
