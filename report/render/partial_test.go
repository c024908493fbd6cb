package render

import (
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// TestPartialDataRendered: without snapshots the products section shows
// its sales parts and no stock parts (no "None." under stock-outs that
// were never measured), and the notes say what was not computed: the
// stock parts, and the gross margin with the share of sales without a
// cost, whose value reads n/a.
func TestPartialDataRendered(t *testing.T) {
	r := handReview()
	p := r.Products
	r.Products = &report.Products{NoStock: true, TopSellers: p.TopSellers, Categories: p.Categories, Classes: p.Classes}
	for i, k := range r.Overview.KPIs {
		if k.Key == metrics.KeyGrossMargin {
			r.Overview.KPIs[i].Current, r.Overview.KPIs[i].ChangePrev = metrics.Undefined(metrics.UnitRatio), metrics.Ratio{}
		}
	}
	r.Notes = []report.Note{
		{Section: report.SectionProducts, Key: "stock_parts", Reason: "no_snapshots"},
		{Section: report.SectionOverview, Key: "margin_no_cost", Reason: "100.0%"},
		{Section: report.SectionPromotions, Key: "roi_no_cost", Reason: "双12", Count: 1265},
		{Section: report.SectionPromotions, Key: "net_roi_no_cost", Reason: "双十一", Count: 7},
		{Section: report.SectionPromotions, Key: "campaign_no_cost", Reason: "Win-back", Count: 1},
		{Section: report.SectionPromotions, Key: "roi_no_cost", Reason: "618"}, // a review written before the counts
	}
	md := render(t, Markdown{Lang: English}, r)
	for _, want := range []string{"### Top sellers", "### ABC×XYZ",
		"*Not computed: Inventory, slow movers, stock-outs and the reorder list (no inventory snapshots: the stock parts need them)*",
		"*Not computed: Gross margin (share of gross sales without a unit cost: 100.0%)*",
		"*Not computed: ROI, ROI interval, net ROI, verdict and weekend effect (双12: 1,265 units of its items sold without a unit cost in its baseline weeks or window)*",
		"*Not computed: Net ROI (双十一: 7 units sold without a unit cost on the items and days its side effects measure)*",
		"*Not computed: CRM campaign's incremental gross profit, gain, ROI and verdict (Win-back: 1 of the orders it compares has a line sold without a unit cost)*",
		"*Not computed: ROI, ROI interval, net ROI, verdict and weekend effect (618: sales without a unit cost on a day it measures)*"} {
		if !strings.Contains(md, want) {
			t.Errorf("%q not in:\n%s", want, md)
		}
	}
	// The zh review says both reasons in Chinese (they were English text).
	zh := render(t, Markdown{Lang: Chinese}, r)
	for _, want := range []string{"无单位成本的销售额占比", "没有库存快照", "ROI、ROI区间、净ROI、结论与周末效应（双12：其商品在基线期与活动期内有1,265件售出时无单位成本）",
		"净ROI（双十一：其副作用测算的商品与日期中有7件售出时无单位成本）", "（Win-back：其对比的订单中有1笔含无单位成本的商品）", "（618：其测算期内有无单位成本的销售）"} {
		if !strings.Contains(zh, want) {
			t.Errorf("%q not in the zh review:\n%s", want, zh)
		}
	}
	for _, bad := range []string{"### Slow movers", "### Stock-outs on A items", "### Reorder list"} {
		if strings.Contains(md, bad) {
			t.Errorf("%q rendered without snapshots", bad)
		}
	}
}
