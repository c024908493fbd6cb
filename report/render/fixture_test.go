package render

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// handReview returns a small review built by hand, with every section
// filled and one product whose name is a script tag. The numbers are
// invented but consistent: the KPI changes and attainments are computed
// by NewKPI from the values given here.
func handReview() *report.Review {
	loc := time.FixedZone("CST", 8*3600)
	p := metrics.MonthOf(2025, time.November, loc)
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	mny := func(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }
	na := metrics.Undefined
	pct := metrics.RatioValue
	in := func(r metrics.Ratio, u metrics.Unit) metrics.Value { return metrics.RatioValue(r).In(u) }
	dur := metrics.DurationValue
	kpi := func(key string, unit metrics.Unit, dir metrics.Direction, cur, prev, year, target metrics.Value) report.KPI {
		k, err := report.NewKPI(metrics.KPI{Key: key, Unit: unit, Direction: dir}, cur, prev, year, target)
		if err != nil {
			panic(err)
		}
		return k
	}
	r := &report.Review{
		Store: "Demo <Store> & Co", Period: p, Previous: p.Previous(), YearAgo: p.YearAgo(),
		Currency: money.MustCurrency("CNY"),
	}
	var days []report.Day
	for i := 0; i < 10; i++ {
		m := cny("1000").Mul(int64(i + 1))
		d := report.Day{Date: p.Start.AddDate(0, 0, i), NetSales: m, Avg7: na(metrics.UnitMoney),
			Orders: int64(10 * (i + 1)), Visitors: metrics.CountValue(int64(300 + i))}
		if i >= 6 {
			// mean of days i-6..i: 1000 × (i-2) by the arithmetic series
			d.Avg7 = mny(money.MustNew("1000", "CNY").Mul(int64(i - 2)).Amount())
		}
		days = append(days, d)
	}
	r.Overview = &report.Overview{
		KPIs: []report.KPI{
			kpi("net_sales", metrics.UnitMoney, metrics.HigherIsBetter, mny("123456.78"), mny("100000"), mny("80000"), mny("130000")),
			kpi("orders", metrics.UnitCount, metrics.HigherIsBetter, metrics.CountValue(1200), metrics.CountValue(1000), na(metrics.UnitCount), na(metrics.UnitCount)),
			kpi("aov", metrics.UnitMoney, metrics.HigherIsBetter, mny("102.88"), mny("100"), na(metrics.UnitMoney), na(metrics.UnitMoney)),
			kpi("cac", metrics.UnitMoney, metrics.LowerIsBetter, mny("60"), mny("50"), na(metrics.UnitMoney), mny("55")),
			// CAC +20 % on 300 and 360 new customers: z = ln 1.2 / √(1/300 + 1/360) = 2.33, a rise beyond chance.
			kpi("new_customers", metrics.UnitCount, metrics.HigherIsBetter, metrics.CountValue(300), metrics.CountValue(360), na(metrics.UnitCount), na(metrics.UnitCount)),
			kpi("ltv", metrics.UnitMoney, metrics.HigherIsBetter, mny("150"), mny("150"), na(metrics.UnitMoney), na(metrics.UnitMoney)),
			kpi("ltv_cac", metrics.UnitMultiple, metrics.HigherIsBetter, in(metrics.NewRatio(150, 60), metrics.UnitMultiple), in(metrics.NewRatio(150, 50), metrics.UnitMultiple), na(metrics.UnitMultiple), na(metrics.UnitMultiple)),
		},
		Decomposition: &report.Decomposition{
			Factors: []report.Factor{
				{Key: "visitors", Previous: metrics.CountValue(40000), Current: metrics.CountValue(50000), Effect: mny("20000.00")},
				{Key: "conversion_rate", Previous: pct(metrics.CountRatio(1000, 40000)), Current: pct(metrics.CountRatio(1100, 50000)), Effect: mny("-11000.00")},
				{Key: "spend_per_buyer", Previous: mny("100"), Current: mny("112.23"), Effect: mny("14456.78")},
			},
			Change: mny("23456.78"), Driver: "visitors",
		},
		Daily: days,
	}
	r.Traffic = &report.Traffic{
		KPIs: []report.KPI{kpi("visitors", metrics.UnitCount, metrics.HigherIsBetter, metrics.CountValue(50000), metrics.CountValue(40000), na(metrics.UnitCount), na(metrics.UnitCount)),
			kpi("bounce_rate", metrics.UnitRatio, metrics.LowerIsBetter, pct(metrics.CountRatio(20000, 62000)), pct(metrics.CountRatio(15000, 50000)), na(metrics.UnitRatio), na(metrics.UnitRatio))},
		Sources: []report.Breakdown{{Name: "search", Visitors: 30000, Sessions: metrics.CountValue(37000), Share: metrics.CountRatio(30000, 50000), Conversion: metrics.CountRatio(700, 30000),
			Buyers: 700, BuyerShare: metrics.CountRatio(700, 1100)},
			{Name: "ads | social", Visitors: 20000, Sessions: metrics.CountValue(25000), Share: metrics.CountRatio(20000, 50000), Conversion: metrics.CountRatio(400, 20000),
				Buyers: 400, BuyerShare: metrics.CountRatio(400, 1100)}},
		Buyers: 1100, FunnelWindow: 24 * time.Hour, Attribution: "last_non_direct", AttributionDays: 30, AttributionAfterPurchase: 30 * time.Minute, BounceRule: "one_page",
		Funnel: []report.Step{
			{Name: "view", Users: 50000, Overall: metrics.CountRatio(50000, 50000), MedianTime: na(metrics.UnitDuration), P90Time: na(metrics.UnitDuration)},
			{Name: "cart", Users: 5000, StepConversion: metrics.CountRatio(5000, 50000), Overall: metrics.CountRatio(5000, 50000), UsualDropOff: metrics.NewRatio(0.9, 1), MedianTime: dur(5 * time.Minute), P90Time: dur(40 * time.Minute)},
			{Name: "checkout", Users: 2000, StepConversion: metrics.CountRatio(2000, 5000), Overall: metrics.CountRatio(2000, 50000), UsualDropOff: metrics.NewRatio(0.45, 1), MedianTime: dur(9 * time.Minute), P90Time: dur(2 * time.Hour)},
			{Name: "pay", Users: 1100, StepConversion: metrics.CountRatio(1100, 2000), Overall: metrics.CountRatio(1100, 50000), UsualDropOff: metrics.NewRatio(0.4, 1), MedianTime: dur(12 * time.Minute), P90Time: dur(3 * time.Hour)},
		},
		LargestLoss: 1,
		TimeToConvert: &report.TimeToConvert{Window: 30 * 24 * time.Hour, AfterPurchase: 30 * time.Minute, Buyers: 1000, NoVisit: 100, Median: dur(26 * time.Hour), P90: dur(9 * 24 * time.Hour),
			Buckets: []report.TimeBucket{
				{Key: "under_1h", Max: time.Hour, Users: 300, Share: metrics.CountRatio(300, 1000)},
				{Key: "1h_24h", Min: time.Hour, Max: 24 * time.Hour, Users: 150, Share: metrics.CountRatio(150, 1000)},
				{Key: "1d_7d", Min: 24 * time.Hour, Max: 7 * 24 * time.Hour, Users: 400, Share: metrics.CountRatio(400, 1000)},
				{Key: "over_7d", Min: 7 * 24 * time.Hour, Users: 150, Share: metrics.CountRatio(150, 1000)},
			}},
	}
	r.Products = &report.Products{
		TopSellers: []report.Product{
			{SKU: "SKU-1", Name: "<script>alert(1)</script>", Category: "toys", Units: 300, NetSales: cny("30000"), Share: metrics.NewRatio(30000, 123456.78), Class: "AX"},
			{SKU: "SKU-2", Name: "茶杯 **bold** | pipe", Category: "kitchen", Units: 200, NetSales: cny("20000"), Share: metrics.NewRatio(20000, 123456.78), Class: "AY"},
		},
		Categories: []report.CategoryRow{{Category: "toys", NetSales: cny("60000"), GrossProfit: mny("24000"), Margin: metrics.NewRatio(24000, 60000)}},
		KPIs:       []report.KPI{kpi("dio", metrics.UnitDays, metrics.LowerIsBetter, in(metrics.NewRatio(45, 1), metrics.UnitDays), in(metrics.NewRatio(40, 1), metrics.UnitDays), na(metrics.UnitDays), na(metrics.UnitDays))},
		SlowMovers: []report.StockItem{{SKU: "SKU-9", Name: "old lamp", OnHand: 120, Value: cny("3600"), DaysOfSupply: na(metrics.UnitDays), Dead: true}},
		SlowValue:  mny("3600"), SlowShare: metrics.NewRatio(3600, 12000),
		Classes:    []report.Class{{ABC: "A", XYZ: "X", SKUs: 3, NetSales: cny("80000")}},
		Pareto:     []report.ParetoPoint{{SKUShare: 0.1, SalesShare: 0.5}, {SKUShare: 0.2, SalesShare: 0.8}, {SKUShare: 0.5, SalesShare: 0.95}, {SKUShare: 1, SalesShare: 1}},
		StockOutsA: []report.StockOut{{SKU: "SKU-2", Name: "茶杯", Days: 4, Rate: metrics.CountRatio(4, 30), LostSales: cny("866.67")}},
		Aging: []report.AgeRow{{Label: "0-30", MinDays: 0, MaxDays: 30, Units: 80, Cost: cny("2400"), Share: metrics.CountRatio(2400, 6000)},
			{Label: ">180", MinDays: 181, MaxDays: -1, Units: 120, Cost: cny("3600"), Share: metrics.CountRatio(3600, 6000)}},
		LostSales: []report.LostSale{{SKU: "SKU-2", Name: "茶杯", StockoutDays: 4, Units: metrics.RatioValue(metrics.NewRatio(26, 3)).In(metrics.UnitNumber), Revenue: cny("866.67")}},
		Reorder:   []report.ReorderItem{{SKU: "SKU-2", Name: "茶杯", OnHand: 0, ReorderPoint: 40, Quantity: 120}},
	}
	r.Promotions = &report.Promotions{
		Items: []report.PromotionResult{{
			ID: "P1", Name: "Double 11", Window: metrics.DayOf(2025, time.November, 11, loc),
			Actual: cny("20000"), Baseline: cny("8000"), Incremental: cny("12000"), Lift: metrics.NewRatio(12000, 8000),
			ROI: metrics.NewRatio(500, 5000), NetROI: metrics.NewRatio(-500, 5000), ROILow: pct(metrics.NewRatio(-0.3, 1)), ROIHigh: pct(metrics.NewRatio(0.1, 1)),
			Cannibalization: mny("-1000"), Halo: mny("300"), PullForward: na(metrics.UnitMoney), Verdict: "inconclusive",
			WeekendDiff: mny("-120.50"), WeekendLow: na(metrics.UnitMoney), WeekendHigh: na(metrics.UnitMoney), WeekendVerdict: "undetermined",
			Daily: []report.PromoDay{{Date: p.Start.AddDate(0, 0, 9), Actual: cny("3000"), Baseline: cny("3000")}, {Date: p.Start.AddDate(0, 0, 10), Actual: cny("20000"), Baseline: cny("8000")}, {Date: p.Start.AddDate(0, 0, 11), Actual: cny("2500"), Baseline: cny("3000")}},
		}},
		Weekday: []report.WeekdaySales{{Weekday: time.Monday, NetSales: mny("3800"), Index: metrics.NewRatio(3800, 4115.23)}, {Weekday: time.Sunday, NetSales: mny("5000"), Index: metrics.NewRatio(5000, 4115.23)}},
		Weekend: &report.WeekendEffect{WeekendMean: cny("5000"), WeekdayMean: cny("3800"), Ratio: metrics.NewRatio(5000, 3800),
			Low: metrics.RatioValue(metrics.NewRatio(1.1, 1)).In(metrics.UnitMultiple), High: metrics.RatioValue(metrics.NewRatio(1.5, 1)).In(metrics.UnitMultiple), Level: 0.95, Verdict: "weekend_higher"},
	}
	r.Customers = &report.Customers{
		KPIs: []report.KPI{kpi("repurchase_rate", metrics.UnitRatio, metrics.HigherIsBetter, pct(metrics.CountRatio(180, 1100)), pct(metrics.CountRatio(200, 1000)), na(metrics.UnitRatio), na(metrics.UnitRatio))},
		Cohorts: []report.CohortRow{
			{Label: "2025-09", Size: 400, Retention: []metrics.Ratio{metrics.CountRatio(400, 400), metrics.CountRatio(80, 400), metrics.CountRatio(60, 400)}},
			{Label: "2025-10", Size: 500, Retention: []metrics.Ratio{metrics.CountRatio(500, 500), metrics.CountRatio(90, 500)}},
		},
		Repeat: []report.RepeatWindow{
			{Days: 30, AcquiredBy: p.End.AddDate(0, 0, -31), Eligible: 900, Repeaters: 180, Rate: metrics.CountRatio(180, 900)},
			{Days: 60, AcquiredBy: p.End.AddDate(0, 0, -61), Eligible: 0, Rate: metrics.CountRatio(0, 0)},
		},
		Segments: []report.Segment{{Name: "champions", Customers: 120, Share: metrics.CountRatio(120, 1100), NetSales: cny("40000")},
			{Name: "at_risk", Customers: 95, Share: metrics.CountRatio(95, 1100), NetSales: cny("9500")},
			{Name: "cant_lose", Customers: 12, Share: metrics.CountRatio(12, 1100), NetSales: cny("3600")}},
		// The customer model: chosen by holdout, one candidate left out.
		Model: &report.CustomerModel{Chosen: "Pareto/NBD", Criterion: "holdout", HistoryWeeks: 52, HoldoutWeeks: 13, MinHistory: 3,
			AliveThreshold: 0.5, RecentDays: 90, Candidates: []report.ModelCandidate{
				{Name: "BG/NBD", LogLikelihood: -1000, BIC: 2030, Holdout: &report.HoldoutFit{Actual: 300, Predicted: 280, MAE: 0.5, RMSE: 0.9}},
				{Name: "MBG/NBD", Error: "clv: MBG/NBD fit did not converge"},
				{Name: "Pareto/NBD", LogLikelihood: -990, BIC: 2010, Holdout: &report.HoldoutFit{Actual: 300, Predicted: 295, MAE: 0.45, RMSE: 0.85}},
			}},
		LTVMonths: 12,
		CLV:       &report.MoneyRange{Value: cny("90000"), Low: cny("80000"), High: cny("100000"), Level: 0.95},
	}
	r.Service = &report.Service{
		SLA: time.Hour, CSATResponses: 42,
		KPIs: []report.KPI{kpi("within_sla", metrics.UnitRatio, metrics.HigherIsBetter, pct(metrics.CountRatio(80, 100)), pct(metrics.CountRatio(90, 100)), na(metrics.UnitRatio), na(metrics.UnitRatio)),
			kpi("first_response_median", metrics.UnitDuration, metrics.LowerIsBetter, dur(25*time.Minute), dur(20*time.Minute), na(metrics.UnitDuration), na(metrics.UnitDuration))},
		Reasons:       []report.Count{{Name: "where is my order", N: 60, Share: metrics.CountRatio(60, 100)}},
		ReturnReasons: []report.ReturnReason{{Reason: "not_as_described", Units: 30, Value: cny("3000"), Share: metrics.CountRatio(30, 50)}},
		Outliers:      []report.ReturnOutlier{{SKU: "SKU-7", Name: "dress", Category: "apparel", Reason: "not_as_described", Rate: metrics.CountRatio(12, 40), CategoryRate: metrics.CountRatio(50, 1000)}},
	}
	// The plan's forecast of December: two days of history, two of forecast.
	unit := metrics.UnitMoney
	r.Plan = &report.Plan{
		Next: metrics.MonthOf(2025, time.December, loc),
		Forecasts: []report.Forecast{
			{Key: "net_sales", Point: mny("120000"), Low: mny("105000"), High: mny("135000"), Level: 0.8, Method: "robust seasonal regression", HistoryDays: 334,
				Backtest: report.ForecastError{Periods: 3, MAPE: metrics.NumberValue(0.08), BaselineMAPE: metrics.NumberValue(0.11), Coverage: metrics.CountRatio(2, 3)}},
			{Key: "orders", Point: metrics.CountValue(600), Low: metrics.CountValue(550), High: metrics.CountValue(650), Level: 0.8, Method: "robust seasonal regression", HistoryDays: 334,
				Backtest: report.ForecastError{MAPE: na(metrics.UnitNumber), BaselineMAPE: na(metrics.UnitNumber)}},
		},
		Targets: []report.SuggestedTarget{
			{Key: "net_sales", Base: mny("120000"), Stretch: mny("127500")},
			{Key: "orders", Base: metrics.CountValue(600), Stretch: metrics.CountValue(625)},
		},
		Days: []report.ForecastDay{
			{Date: time.Date(2025, 11, 29, 0, 0, 0, 0, loc), Actual: mny("3900"), Point: na(unit), Low: na(unit), High: na(unit)},
			{Date: time.Date(2025, 11, 30, 0, 0, 0, 0, loc), Actual: mny("4100"), Point: na(unit), Low: na(unit), High: na(unit)},
			{Date: time.Date(2025, 12, 1, 0, 0, 0, 0, loc), Actual: na(unit), Point: mny("3800"), Low: mny("3000"), High: mny("4600")},
			{Date: time.Date(2025, 12, 2, 0, 0, 0, 0, loc), Actual: na(unit), Point: mny("3700"), Low: mny("2900"), High: mny("4500")},
		},
	}
	r.Campaigns = handCampaigns(loc)
	return r
}
