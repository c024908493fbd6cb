package render

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// handCampaigns returns the CRM campaigns of the hand review: one with a
// random holdout that pays and one observational that does not. The
// numbers are invented but consistent: gain = incremental gross profit −
// cost, ROI = gain / cost.
func handCampaigns(loc *time.Location) *report.Campaigns {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	known := func(s string) *money.Money { m := cny(s); return &m }
	mny := func(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }
	roi := func(num, den float64) metrics.Value { return metrics.RatioValue(metrics.NewRatio(num, den)) }
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, loc) }
	return &report.Campaigns{Items: []report.CampaignResult{
		{ID: "vip", Name: "VIP coupon", Window: metrics.Period{Start: day(11, 1), End: day(11, 15)}, Randomised: true,
			Targeted: 2000, Compared: 500, Response: metrics.CountRatio(520, 2000), CompareResponse: metrics.CountRatio(90, 500),
			Redemption: metrics.CountRatio(300, 2000), Redemptions: 320, Discounts: known("6400.00"),
			RevenuePer: mny("61.00"), CompareRevenuePer: mny("40.00"),
			IncrementalRevenue: mny("42000.00"), RevenueLow: mny("30000.00"), RevenueHigh: mny("54000.00"),
			IncrementalProfit: mny("15000.00"), ProfitLow: mny("9000.00"), ProfitHigh: mny("21000.00"),
			Cost: known("5000.00"), Gain: mny("10000.00"), GainLow: mny("4000.00"), GainHigh: mny("16000.00"),
			ROI: roi(10000, 5000), ROILow: roi(4000, 5000), ROIHigh: roi(16000, 5000), Verdict: "pays"},
		{ID: "sms", Name: "Win-back SMS", Window: metrics.Period{Start: day(11, 10), End: day(11, 24)},
			Targeted: 3000, Compared: 9000, Response: metrics.CountRatio(240, 3000), CompareResponse: metrics.CountRatio(690, 9000),
			Redemption: metrics.CountRatio(60, 3000), Redemptions: 60, Discounts: known("600.00"),
			RevenuePer: mny("9.10"), CompareRevenuePer: mny("8.90"),
			IncrementalRevenue: mny("600.00"), RevenueLow: mny("-3000.00"), RevenueHigh: mny("4200.00"),
			IncrementalProfit: mny("200.00"), ProfitLow: mny("-1200.00"), ProfitHigh: mny("1600.00"),
			Cost: known("9000.00"), Gain: mny("-8800.00"), GainLow: mny("-10200.00"), GainHigh: mny("-7400.00"),
			ROI: roi(-8800, 9000), ROILow: roi(-10200, 9000), ROIHigh: roi(-7400, 9000), Verdict: "does_not_pay"},
	}}
}
