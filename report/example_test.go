package report_test

import (
	"fmt"
	"log"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// A custom rule added to the default ones: flag a net sales fall of more
// than 10 % against the previous period.
func ExampleRuleFunc() {
	month := metrics.MonthOf(2025, time.November, time.UTC)
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	netSales, ok := metrics.LookupKPI(metrics.KeyNetSales)
	if !ok {
		log.Fatal("no net sales KPI")
	}
	k, err := report.NewKPI(netSales, cny("80000"), cny("100000"), metrics.Value{}, metrics.Value{})
	if err != nil {
		log.Fatal(err)
	}
	r := &report.Review{Period: month, Overview: &report.Overview{KPIs: []report.KPI{k}}}
	salesFall := report.RuleFunc{Name: "sales_fall", Func: func(r *report.Review) []report.Finding {
		if r.Overview == nil {
			return nil
		}
		for _, k := range r.Overview.KPIs {
			if v, ok := k.ChangePrev.Value(); ok && k.Key == "net_sales" && v < -0.10 {
				return []report.Finding{{
					Section:  report.SectionOverview,
					Severity: report.Warning,
					Title: report.Say("Net sales fell %s.", "净销售额环比下降%s。",
						report.ChangeArg(k.ChangePrev)),
					Evidence:       []report.Evidence{{Key: "change_prev", Value: metrics.RatioValue(k.ChangePrev)}},
					Recommendation: report.Say("Check the decomposition.", "查看销售额拆解。"),
				}}
			}
		}
		return nil
	}}
	report.Evaluate(r, append(report.DefaultRules(report.Thresholds{}), salesFall))
	zh := render.Formatter{Lang: render.Chinese}
	for _, f := range r.Findings {
		fmt.Println(f.Rule + ": " + zh.Message(f.Title))
	}
	// Output:
	// sales_fall: 净销售额环比下降-20.0%。
}

// Build computes the review from raw data. Here two months of a tiny
// store: the overview compares November with October. By hand: November
// sells 120 + 60 = 180 against 100, +80 %; its margin is (180 − 40) / 180 =
// 77.8 % against 80 % in October, −2.8 %; bob is the one new customer.
func ExampleBuild() {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	order := func(id, customer string, day int, month time.Month, price string) metrics.Order {
		return metrics.Order{
			ID: id, CustomerID: customer, Status: metrics.Paid, Currency: money.MustCurrency("CNY"),
			PlacedAt: time.Date(2025, month, day, 10, 0, 0, 0, time.UTC),
			Lines:    []metrics.Line{{SKU: "TEA-1", Quantity: 1, UnitPrice: cny(price), UnitCost: cny("20")}},
		}
	}
	orders := []metrics.Order{
		order("o1", "alice", 1, time.October, "100"),
		order("o2", "alice", 3, time.November, "120"),
		order("o3", "bob", 9, time.November, "60"),
	}
	r, err := report.Build(report.Input{Orders: slices.Values(orders)},
		report.Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	f := render.Formatter{Lang: render.Chinese}
	for _, k := range r.Overview.KPIs {
		fmt.Printf("%s: %s (环比 %s)\n", render.Label(k.Key, render.Chinese), f.Value(k.Current), f.ChangeOf(k.ChangeKind(), k.ChangePrev))
	}
	// Output:
	// 净销售额: ¥180.00 (环比 +80.0%)
	// 订单数: 2 (环比 +100.0%)
	// 平均订单价值: ¥90.00 (环比 -10.0%)
	// 客单价: ¥90.00 (环比 -10.0%)
	// 毛利率: 77.8% (环比 -2.2个百分点)
	// 新客数: 1 (环比 0.0%)
}

// ExampleTrend shows the rows of the sales trend table: a period of more
// than WeeklyAfter days is shown week by week.
func ExampleTrend() {
	loc := time.UTC
	var days []report.Day
	for i := range 50 {
		days = append(days, report.Day{Date: time.Date(2025, 10, 1+i, 0, 0, 0, 0, loc), NetSales: money.MustNew("100", "CNY"), Orders: 2})
	}
	rows, err := report.Trend(days)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Println(r.Start.Format("2006-01-02"), r.Days, r.NetSales, r.Orders, r.Avg7)
	}
	// Output:
	// 2025-10-01 7 CNY 700.00 14 CNY 100.00
	// 2025-10-08 7 CNY 700.00 14 CNY 100.00
	// 2025-10-15 7 CNY 700.00 14 CNY 100.00
	// 2025-10-22 7 CNY 700.00 14 CNY 100.00
	// 2025-10-29 7 CNY 700.00 14 CNY 100.00
	// 2025-11-05 7 CNY 700.00 14 CNY 100.00
	// 2025-11-12 7 CNY 700.00 14 CNY 100.00
	// 2025-11-19 1 CNY 100.00 2 CNY 100.00
}
