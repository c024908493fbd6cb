package xlsx

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestCampaignsSheetCostUnknown: on the promotions sheet, a CRM campaign
// whose cost is not known (Cost nil) has the NA text in its cost, gain
// and ROI cells, never a number 0, and the note that names it; a
// campaign with a known cost has it as a number.
func TestCampaignsSheetCostUnknown(t *testing.T) {
	cny := money.MustCurrency("CNY")
	mny := func(minor int64) metrics.Value { return metrics.MoneyValue(cny.FromMinor(minor)) }
	u, ur := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio)
	known := cny.FromMinor(500000)
	w := metrics.Period{Start: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 11, 15, 0, 0, 0, 0, time.UTC)}
	item := func(name string, cost *money.Money) report.CampaignResult {
		return report.CampaignResult{ID: name, Name: name, Window: w, Targeted: 100, Compared: 200,
			Response: metrics.CountRatio(10, 100), CompareResponse: metrics.CountRatio(10, 200), Redemption: metrics.CountRatio(5, 100),
			RevenuePer: mny(1000), CompareRevenuePer: mny(900), IncrementalRevenue: mny(10000), RevenueLow: mny(-5000), RevenueHigh: mny(25000),
			IncrementalProfit: mny(4000), ProfitLow: mny(-1000), ProfitHigh: mny(9000),
			Cost: cost, Gain: u, GainLow: u, GainHigh: u, ROI: ur, ROILow: ur, ROIHigh: ur, Verdict: "inconclusive"}
	}
	withCost := item("Known", &known)
	withCost.Gain = mny(4000 - 500000)
	r := &report.Review{Store: "x", Currency: cny, Campaigns: &report.Campaigns{Items: []report.CampaignResult{item("Unknown", nil), withCost}},
		Notes: []report.Note{{Section: report.SectionPromotions, Key: "campaign_uncosted", Reason: "Unknown"},
			{Section: report.SectionPromotions, Key: "campaign_no_cost", Reason: "Known", Count: 1234}}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionPromotions, l))
		na := (render.Formatter{Lang: l}).NA()
		// Columns: S cost, T gain, U ROI (see campaigns.go).
		row := strconv.Itoa(find(t, f, sh, "Unknown", 1))
		for _, col := range []string{"S", "T", "U"} {
			if got := raw(t, f, sh, col+row); got != na {
				t.Errorf("%v: Unknown %s%s = %q, want %q", l, col, row, got, na)
			}
		}
		row = strconv.Itoa(find(t, f, sh, "Known", 1))
		if got := raw(t, f, sh, "S"+row); got != "5000.00" {
			t.Errorf("%v: Known cost S%s = %q, want 5000.00", l, row, got)
		}
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		// The note of orders without costs counts them, as the other
		// renderers' does.
		for _, want := range []string{render.Label("campaign_uncosted", l) + " (Unknown)",
			render.Label("campaign_no_cost", l) + " (Known" + map[render.Language]string{render.English: ": 1,234 of the orders", render.Chinese: "：其对比的订单中有1,234笔"}[l]} {
			found := false
			for _, r := range rows {
				found = found || len(r) > 0 && strings.Contains(r[0], want)
			}
			if !found {
				t.Errorf("%v: no note %q on the sheet", l, want)
			}
		}
	}
}

// TestCampaignsSheetVerdict: the verdict column words an observational
// campaign's verdict as an appearance (report.CampaignResult.VerdictKey)
// and a randomised one's as it is.
func TestCampaignsSheetVerdict(t *testing.T) {
	cny := money.MustCurrency("CNY")
	cost := cny.FromMinor(100)
	u, ur := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio)
	item := func(name string, randomised bool) report.CampaignResult {
		return report.CampaignResult{ID: name, Name: name, Randomised: randomised, Cost: &cost,
			RevenuePer: u, CompareRevenuePer: u, IncrementalRevenue: u, RevenueLow: u, RevenueHigh: u,
			IncrementalProfit: u, ProfitLow: u, ProfitHigh: u, Gain: u, GainLow: u, GainHigh: u, ROI: ur, ROILow: ur, ROIHigh: ur,
			Verdict: "does_not_pay"}
	}
	r := &report.Review{Store: "x", Currency: cny, Campaigns: &report.Campaigns{Items: []report.CampaignResult{item("Holdout", true), item("Chosen", false)}}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionPromotions, l))
		// Column X is the verdict (see campaigns.go).
		for name, key := range map[string]string{"Holdout": "does_not_pay", "Chosen": "appears_not_to_pay"} {
			row := strconv.Itoa(find(t, f, sh, name, 1))
			if got, want := raw(t, f, sh, "X"+row), render.Label(key, l); got != want {
				t.Errorf("%v: %s verdict X%s = %q, want %q", l, name, row, got, want)
			}
		}
	}
}
