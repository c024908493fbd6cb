package report

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// handReview returns a small review built by hand, with every section
// filled and one product whose name is a script tag. The numbers are
// invented but consistent: the KPI changes and attainments are computed
// by NewKPI from the values given here.
func handReview(lang Language) *Review {
	loc := time.FixedZone("CST", 8*3600)
	p := metrics.MonthOf(2025, time.November, loc)
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	mny := func(s string) Value { return MoneyValue(cny(s)) }
	na := Undefined
	r := &Review{
		Store: "Demo <Store> & Co", Period: p, Previous: p.Previous(), YearAgo: p.YearAgo(),
		Currency: money.MustCurrency("CNY"), Language: lang,
	}
	var days []Day
	for i := 0; i < 10; i++ {
		m := cny("1000").Mul(int64(i + 1))
		d := Day{Date: p.Start.AddDate(0, 0, i), NetSales: m, Avg7: na(KindMoney)}
		if i >= 6 {
			// mean of days i-6..i: 1000 × (i-2) by the arithmetic series
			d.Avg7 = mny(money.MustNew("1000", "CNY").Mul(int64(i - 2)).Amount())
		}
		days = append(days, d)
	}
	r.Overview = &Overview{
		KPIs: []KPI{
			NewKPI("net_sales", metrics.HigherIsBetter, mny("123456.78"), mny("100000"), mny("80000"), mny("130000")),
			NewKPI("orders", metrics.HigherIsBetter, CountValue(1200), CountValue(1000), na(KindCount), na(KindCount)),
			NewKPI("aov", metrics.HigherIsBetter, mny("102.88"), mny("100"), na(KindMoney), na(KindMoney)),
			NewKPI("cac", metrics.LowerIsBetter, mny("60"), mny("50"), na(KindMoney), mny("55")),
			NewKPI("ltv", metrics.HigherIsBetter, mny("150"), mny("150"), na(KindMoney), na(KindMoney)),
			NewKPI("ltv_cac", metrics.HigherIsBetter, MultipleValue(metrics.NewRatio(150, 60)), MultipleValue(metrics.NewRatio(150, 50)), na(KindMultiple), na(KindMultiple)),
		},
		Decomposition: &Decomposition{
			Factors: []Factor{
				{Key: "visitors", Previous: CountValue(40000), Current: CountValue(50000), Effect: mny("20000.00")},
				{Key: "conversion_rate", Previous: PercentValue(metrics.CountRatio(1000, 40000)), Current: PercentValue(metrics.CountRatio(1100, 50000)), Effect: mny("-11000.00")},
				{Key: "spend_per_buyer", Previous: mny("100"), Current: mny("112.23"), Effect: mny("14456.78")},
			},
			Change: mny("23456.78"), Driver: "visitors",
		},
		Daily: days,
	}
	r.Traffic = &Traffic{
		KPIs: []KPI{NewKPI("visitors", metrics.HigherIsBetter, CountValue(50000), CountValue(40000), na(KindCount), na(KindCount)),
			NewKPI("bounce_rate", metrics.LowerIsBetter, PercentValue(metrics.CountRatio(20000, 62000)), PercentValue(metrics.CountRatio(15000, 50000)), na(KindPercent), na(KindPercent))},
		Sources: []Breakdown{{Name: "search", Visitors: 30000, Sessions: CountValue(37000), Share: metrics.CountRatio(30000, 50000), Conversion: metrics.CountRatio(700, 30000)},
			{Name: "ads | social", Visitors: 20000, Sessions: CountValue(25000), Share: metrics.CountRatio(20000, 50000), Conversion: metrics.CountRatio(400, 20000)}},
		Funnel: []Step{
			{Name: "view", Users: 50000, Overall: metrics.CountRatio(50000, 50000), MedianTime: na(KindDuration), P90Time: na(KindDuration)},
			{Name: "cart", Users: 5000, StepConversion: metrics.CountRatio(5000, 50000), Overall: metrics.CountRatio(5000, 50000), UsualDropOff: metrics.NewRatio(0.9, 1), MedianTime: DurationValue(5*time.Minute, true), P90Time: DurationValue(40*time.Minute, true)},
			{Name: "checkout", Users: 2000, StepConversion: metrics.CountRatio(2000, 5000), Overall: metrics.CountRatio(2000, 50000), UsualDropOff: metrics.NewRatio(0.45, 1), MedianTime: DurationValue(9*time.Minute, true), P90Time: DurationValue(2*time.Hour, true)},
			{Name: "pay", Users: 1100, StepConversion: metrics.CountRatio(1100, 2000), Overall: metrics.CountRatio(1100, 50000), UsualDropOff: metrics.NewRatio(0.4, 1), MedianTime: DurationValue(12*time.Minute, true), P90Time: DurationValue(3*time.Hour, true)},
		},
		LargestLoss: 1,
	}
	r.Products = &Products{
		TopSellers: []Product{
			{SKU: "SKU-1", Name: "<script>alert(1)</script>", Category: "toys", Units: 300, NetSales: cny("30000"), Share: metrics.NewRatio(30000, 123456.78), Class: "AX"},
			{SKU: "SKU-2", Name: "茶杯 **bold** | pipe", Category: "kitchen", Units: 200, NetSales: cny("20000"), Share: metrics.NewRatio(20000, 123456.78), Class: "AY"},
		},
		Categories: []CategoryRow{{Category: "toys", NetSales: cny("60000"), GrossProfit: cny("24000"), Margin: metrics.NewRatio(24000, 60000)}},
		KPIs:       []KPI{NewKPI("dio", metrics.LowerIsBetter, DaysValue(metrics.NewRatio(45, 1)), DaysValue(metrics.NewRatio(40, 1)), na(KindDays), na(KindDays))},
		SlowMovers: []StockItem{{SKU: "SKU-9", Name: "old lamp", OnHand: 120, Value: cny("3600"), DaysOfSupply: na(KindDays), Dead: true}},
		SlowValue:  mny("3600"), SlowShare: metrics.NewRatio(3600, 12000),
		Classes:    []Class{{ABC: "A", XYZ: "X", SKUs: 3, NetSales: cny("80000")}},
		Pareto:     []ParetoPoint{{0.1, 0.5}, {0.2, 0.8}, {0.5, 0.95}, {1, 1}},
		StockOutsA: []StockOut{{SKU: "SKU-2", Name: "茶杯", Days: 4, Rate: metrics.CountRatio(4, 30)}},
		Reorder:    []ReorderItem{{SKU: "SKU-2", Name: "茶杯", OnHand: 0, ReorderPoint: 40, Quantity: 120}},
	}
	r.Promotions = &Promotions{
		Items: []PromotionResult{{
			ID: "P1", Name: "Double 11", Window: metrics.DayOf(2025, time.November, 11, loc),
			Actual: cny("20000"), Baseline: cny("8000"), Incremental: cny("12000"), Lift: metrics.NewRatio(12000, 8000),
			ROI: metrics.NewRatio(500, 5000), NetROI: metrics.NewRatio(-500, 5000), ROILow: PercentValue(metrics.NewRatio(-0.3, 1)), ROIHigh: PercentValue(metrics.NewRatio(0.1, 1)),
			Cannibalization: mny("-1000"), Halo: mny("300"), PullForward: na(KindMoney), Verdict: "unprofitable",
			Daily: []PromoDay{{p.Start.AddDate(0, 0, 9), cny("3000"), cny("3000")}, {p.Start.AddDate(0, 0, 10), cny("20000"), cny("8000")}, {p.Start.AddDate(0, 0, 11), cny("2500"), cny("3000")}},
		}},
		Weekday: []WeekdaySales{{Weekday: time.Monday, NetSales: mny("3800"), Index: metrics.NewRatio(3800, 4115.23)}, {Weekday: time.Sunday, NetSales: mny("5000"), Index: metrics.NewRatio(5000, 4115.23)}},
	}
	r.Customers = &Customers{
		KPIs: []KPI{NewKPI("repurchase_rate", metrics.HigherIsBetter, PercentValue(metrics.CountRatio(180, 1100)), PercentValue(metrics.CountRatio(200, 1000)), na(KindPercent), na(KindPercent))},
		Cohorts: []CohortRow{
			{Label: "2025-09", Size: 400, Retention: []metrics.Ratio{metrics.CountRatio(400, 400), metrics.CountRatio(80, 400), metrics.CountRatio(60, 400)}},
			{Label: "2025-10", Size: 500, Retention: []metrics.Ratio{metrics.CountRatio(500, 500), metrics.CountRatio(90, 500)}},
		},
		Segments: []Segment{{Name: "champions", Customers: 120, Share: metrics.CountRatio(120, 1100), NetSales: cny("40000")}},
	}
	r.Service = &Service{
		SLA: time.Hour, CSATResponses: 42,
		KPIs: []KPI{NewKPI("within_sla", metrics.HigherIsBetter, PercentValue(metrics.CountRatio(80, 100)), PercentValue(metrics.CountRatio(90, 100)), na(KindPercent), na(KindPercent)),
			NewKPI("first_response_median", metrics.LowerIsBetter, DurationValue(25*time.Minute, true), DurationValue(20*time.Minute, true), na(KindDuration), na(KindDuration))},
		Reasons:       []Count{{Name: "where is my order", N: 60, Share: metrics.CountRatio(60, 100)}},
		ReturnReasons: []ReturnReason{{Reason: "not_as_described", Units: 30, Value: cny("3000"), Share: metrics.CountRatio(30, 50)}},
		Outliers:      []ReturnOutlier{{SKU: "SKU-7", Name: "dress", Category: "apparel", Reason: "not_as_described", Rate: metrics.CountRatio(12, 40), CategoryRate: metrics.CountRatio(50, 1000)}},
	}
	return r
}
