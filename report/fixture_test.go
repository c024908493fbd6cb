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
func handReview() *Review {
	loc := time.FixedZone("CST", 8*3600)
	p := metrics.MonthOf(2025, time.November, loc)
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	mny := func(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }
	na := metrics.Undefined
	pct := metrics.RatioValue
	in := func(r metrics.Ratio, u metrics.Unit) metrics.Value { return metrics.RatioValue(r).In(u) }
	dur := metrics.DurationValue
	kpi := func(key string, unit metrics.Unit, dir metrics.Direction, cur, prev, year, target metrics.Value) KPI {
		k, err := NewKPI(metrics.KPI{Key: key, Unit: unit, Direction: dir}, cur, prev, year, target)
		if err != nil {
			panic(err)
		}
		return k
	}
	r := &Review{
		Store: "Demo <Store> & Co", Period: p, Previous: p.Previous(), YearAgo: p.YearAgo(),
		Currency: money.MustCurrency("CNY"),
	}
	var days []Day
	for i := 0; i < 10; i++ {
		m := cny("1000").Mul(int64(i + 1))
		d := Day{Date: p.Start.AddDate(0, 0, i), NetSales: m, Avg7: na(metrics.UnitMoney)}
		if i >= 6 {
			// mean of days i-6..i: 1000 × (i-2) by the arithmetic series
			d.Avg7 = mny(money.MustNew("1000", "CNY").Mul(int64(i - 2)).Amount())
		}
		days = append(days, d)
	}
	r.Overview = &Overview{
		KPIs: []KPI{
			kpi("net_sales", metrics.UnitMoney, metrics.HigherIsBetter, mny("123456.78"), mny("100000"), mny("80000"), mny("130000")),
			kpi("orders", metrics.UnitCount, metrics.HigherIsBetter, metrics.CountValue(1200), metrics.CountValue(1000), na(metrics.UnitCount), na(metrics.UnitCount)),
			kpi("aov", metrics.UnitMoney, metrics.HigherIsBetter, mny("102.88"), mny("100"), na(metrics.UnitMoney), na(metrics.UnitMoney)),
			kpi("cac", metrics.UnitMoney, metrics.LowerIsBetter, mny("60"), mny("50"), na(metrics.UnitMoney), mny("55")),
			// CAC +20 % on 300 and 360 new customers: z = ln 1.2 / √(1/300 + 1/360) = 2.33.
			kpi("new_customers", metrics.UnitCount, metrics.HigherIsBetter, metrics.CountValue(300), metrics.CountValue(360), na(metrics.UnitCount), na(metrics.UnitCount)),
			kpi("ltv", metrics.UnitMoney, metrics.HigherIsBetter, mny("150"), mny("150"), na(metrics.UnitMoney), na(metrics.UnitMoney)),
			kpi("ltv_cac", metrics.UnitMultiple, metrics.HigherIsBetter, in(metrics.NewRatio(150, 60), metrics.UnitMultiple), in(metrics.NewRatio(150, 50), metrics.UnitMultiple), na(metrics.UnitMultiple), na(metrics.UnitMultiple)),
		},
		Decomposition: &Decomposition{
			Factors: []Factor{
				{Key: "visitors", Previous: metrics.CountValue(40000), Current: metrics.CountValue(50000), Effect: mny("20000.00")},
				{Key: "conversion_rate", Previous: pct(metrics.CountRatio(1000, 40000)), Current: pct(metrics.CountRatio(1100, 50000)), Effect: mny("-11000.00")},
				{Key: "spend_per_buyer", Previous: mny("100"), Current: mny("112.23"), Effect: mny("14456.78")},
			},
			Change: mny("23456.78"), Driver: "visitors",
		},
		Daily: days,
	}
	r.Traffic = &Traffic{
		KPIs: []KPI{kpi("visitors", metrics.UnitCount, metrics.HigherIsBetter, metrics.CountValue(50000), metrics.CountValue(40000), na(metrics.UnitCount), na(metrics.UnitCount)),
			kpi("bounce_rate", metrics.UnitRatio, metrics.LowerIsBetter, pct(metrics.CountRatio(20000, 62000)), pct(metrics.CountRatio(15000, 50000)), na(metrics.UnitRatio), na(metrics.UnitRatio))},
		Sources: []Breakdown{{Name: "search", Visitors: 30000, Sessions: metrics.CountValue(37000), Share: metrics.CountRatio(30000, 50000), Conversion: metrics.CountRatio(700, 30000)},
			{Name: "ads | social", Visitors: 20000, Sessions: metrics.CountValue(25000), Share: metrics.CountRatio(20000, 50000), Conversion: metrics.CountRatio(400, 20000)}},
		Funnel: []Step{
			{Name: "view", Users: 50000, Overall: metrics.CountRatio(50000, 50000), MedianTime: na(metrics.UnitDuration), P90Time: na(metrics.UnitDuration)},
			{Name: "cart", Users: 5000, StepConversion: metrics.CountRatio(5000, 50000), Overall: metrics.CountRatio(5000, 50000), UsualDropOff: metrics.NewRatio(0.9, 1), MedianTime: dur(5 * time.Minute), P90Time: dur(40 * time.Minute)},
			{Name: "checkout", Users: 2000, StepConversion: metrics.CountRatio(2000, 5000), Overall: metrics.CountRatio(2000, 50000), UsualDropOff: metrics.NewRatio(0.45, 1), MedianTime: dur(9 * time.Minute), P90Time: dur(2 * time.Hour)},
			{Name: "pay", Users: 1100, StepConversion: metrics.CountRatio(1100, 2000), Overall: metrics.CountRatio(1100, 50000), UsualDropOff: metrics.NewRatio(0.4, 1), MedianTime: dur(12 * time.Minute), P90Time: dur(3 * time.Hour)},
		},
		LargestLoss: 1,
	}
	r.Products = &Products{
		TopSellers: []Product{
			{SKU: "SKU-1", Name: "<script>alert(1)</script>", Category: "toys", Units: 300, NetSales: cny("30000"), Share: metrics.NewRatio(30000, 123456.78), Class: "AX"},
			{SKU: "SKU-2", Name: "茶杯 **bold** | pipe", Category: "kitchen", Units: 200, NetSales: cny("20000"), Share: metrics.NewRatio(20000, 123456.78), Class: "AY"},
		},
		Categories: []CategoryRow{{Category: "toys", NetSales: cny("60000"), GrossProfit: mny("24000"), Margin: metrics.NewRatio(24000, 60000)}},
		KPIs:       []KPI{kpi("dio", metrics.UnitDays, metrics.LowerIsBetter, in(metrics.NewRatio(45, 1), metrics.UnitDays), in(metrics.NewRatio(40, 1), metrics.UnitDays), na(metrics.UnitDays), na(metrics.UnitDays))},
		SlowMovers: []StockItem{{SKU: "SKU-9", Name: "old lamp", OnHand: 120, Value: cny("3600"), DaysOfSupply: na(metrics.UnitDays), Dead: true}},
		SlowValue:  mny("3600"), SlowShare: metrics.NewRatio(3600, 12000),
		Classes:    []Class{{ABC: "A", XYZ: "X", SKUs: 3, NetSales: cny("80000")}},
		Pareto:     []ParetoPoint{{SKUShare: 0.1, SalesShare: 0.5}, {SKUShare: 0.2, SalesShare: 0.8}, {SKUShare: 0.5, SalesShare: 0.95}, {SKUShare: 1, SalesShare: 1}},
		StockOutsA: []StockOut{{SKU: "SKU-2", Name: "茶杯", Days: 4, Rate: metrics.CountRatio(4, 30)}},
		Reorder:    []ReorderItem{{SKU: "SKU-2", Name: "茶杯", OnHand: 0, ReorderPoint: 40, Quantity: 120}},
	}
	r.Promotions = &Promotions{
		Items: []PromotionResult{{
			ID: "P1", Name: "Double 11", Window: metrics.DayOf(2025, time.November, 11, loc),
			Actual: cny("20000"), Baseline: cny("8000"), Incremental: cny("12000"), Lift: metrics.NewRatio(12000, 8000),
			ROI: metrics.NewRatio(500, 5000), NetROI: metrics.NewRatio(-500, 5000), ROILow: pct(metrics.NewRatio(-0.3, 1)), ROIHigh: pct(metrics.NewRatio(0.1, 1)),
			Cannibalization: mny("-1000"), Halo: mny("300"), PullForward: na(metrics.UnitMoney), Verdict: "inconclusive",
			WeekendDiff: mny("-120.50"), WeekendLow: na(metrics.UnitMoney), WeekendHigh: na(metrics.UnitMoney), WeekendVerdict: "undetermined",
			Daily: []PromoDay{{Date: p.Start.AddDate(0, 0, 9), Actual: cny("3000"), Baseline: cny("3000")}, {Date: p.Start.AddDate(0, 0, 10), Actual: cny("20000"), Baseline: cny("8000")}, {Date: p.Start.AddDate(0, 0, 11), Actual: cny("2500"), Baseline: cny("3000")}},
		}},
		Weekday: []WeekdaySales{{Weekday: time.Monday, NetSales: mny("3800"), Index: metrics.NewRatio(3800, 4115.23)}, {Weekday: time.Sunday, NetSales: mny("5000"), Index: metrics.NewRatio(5000, 4115.23)}},
		Weekend: &WeekendEffect{WeekendMean: cny("5000"), WeekdayMean: cny("3800"), Ratio: metrics.NewRatio(5000, 3800),
			Low: in(metrics.NewRatio(1.1, 1), metrics.UnitMultiple), High: in(metrics.NewRatio(1.5, 1), metrics.UnitMultiple), Level: 0.95, Verdict: "weekend_higher"},
	}
	r.Customers = &Customers{
		KPIs: []KPI{kpi("repurchase_rate", metrics.UnitRatio, metrics.HigherIsBetter, pct(metrics.CountRatio(180, 1100)), pct(metrics.CountRatio(200, 1000)), na(metrics.UnitRatio), na(metrics.UnitRatio))},
		Cohorts: []CohortRow{
			{Label: "2025-09", Size: 400, Retention: []metrics.Ratio{metrics.CountRatio(400, 400), metrics.CountRatio(80, 400), metrics.CountRatio(60, 400)}},
			{Label: "2025-10", Size: 500, Retention: []metrics.Ratio{metrics.CountRatio(500, 500), metrics.CountRatio(90, 500)}},
		},
		Segments: []Segment{{Name: "champions", Customers: 120, Share: metrics.CountRatio(120, 1100), NetSales: cny("40000")}},
	}
	r.Service = &Service{
		SLA: time.Hour, CSATResponses: 42,
		KPIs: []KPI{kpi("within_sla", metrics.UnitRatio, metrics.HigherIsBetter, pct(metrics.CountRatio(80, 100)), pct(metrics.CountRatio(90, 100)), na(metrics.UnitRatio), na(metrics.UnitRatio)),
			kpi("first_response_median", metrics.UnitDuration, metrics.LowerIsBetter, dur(25*time.Minute), dur(20*time.Minute), na(metrics.UnitDuration), na(metrics.UnitDuration))},
		Reasons:       []Count{{Name: "where is my order", N: 60, Share: metrics.CountRatio(60, 100)}},
		ReturnReasons: []ReturnReason{{Reason: "not_as_described", Units: 30, Value: cny("3000"), Share: metrics.CountRatio(30, 50)}},
		Outliers:      []ReturnOutlier{{SKU: "SKU-7", Name: "dress", Category: "apparel", Reason: "not_as_described", Rate: metrics.CountRatio(12, 40), CategoryRate: metrics.CountRatio(50, 1000)}},
	}
	return r
}
