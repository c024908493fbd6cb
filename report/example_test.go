package report_test

import (
	"fmt"
	"log"
	"os"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// A review built by hand, checked by the default rules and rendered as
// Markdown. Sections without data are left out with a note.
func Example() {
	month := metrics.MonthOf(2025, time.November, time.UTC)
	cny := func(s string) report.Value { return report.MoneyValue(money.MustNew(s, "CNY")) }
	r := &report.Review{
		Store:    "Demo store",
		Period:   month,
		Previous: month.Previous(),
		Currency: money.MustCurrency("CNY"),
		Language: report.English,
		Overview: &report.Overview{KPIs: []report.KPI{
			report.NewKPI("net_sales", metrics.HigherIsBetter,
				cny("120000"), cny("100000"), report.Undefined(report.KindMoney), cny("150000")),
			report.NewKPI("ltv_cac", metrics.HigherIsBetter,
				report.MultipleValue(metrics.NewRatio(240, 120)), report.Undefined(report.KindMultiple),
				report.Undefined(report.KindMultiple), report.Undefined(report.KindMultiple)),
		}},
		Omitted: []report.Omission{
			{Section: report.SectionTraffic, Missing: "events"},
			{Section: report.SectionProducts, Missing: "inventory"},
			{Section: report.SectionPromotions, Missing: "promotions"},
			{Section: report.SectionCustomers, Missing: "orders"},
			{Section: report.SectionService, Missing: "tickets"},
		},
	}
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	if err := (report.Markdown{}).Render(os.Stdout, r); err != nil {
		log.Fatal(err)
	}
	// Output:
	// # Demo store — Store operations review
	//
	// Period: 2025-11 · Compared with: 2025-10 · Currency: CNY
	//
	// ## 1. Overview
	//
	// | Metric | Value | vs previous | vs last year | Target | Attainment |
	// |---|---:|---:|---:|---:|---:|
	// | Net sales | CN¥120,000.00 | +20.0% | n/a | CN¥150,000.00 | 80.0% |
	// | LTV/CAC | 2.00× | n/a | n/a | n/a | n/a |
	//
	// ## 2. Traffic and conversion
	//
	// *Left out: no events.*
	//
	// ## 3. Products and inventory
	//
	// *Left out: no inventory snapshots.*
	//
	// ## 4. Promotions
	//
	// *Left out: no promotions.*
	//
	// ## 5. Customers and repurchase
	//
	// *Left out: no orders.*
	//
	// ## 6. Customer service and returns
	//
	// *Left out: no tickets.*
	//
	// ## 7. Findings and recommendations
	//
	// - **\[warning\] Net sales missed its target: CN¥120,000.00 against CN¥150,000.00 (80.0%).**
	//   - Evidence (1. Overview): Net sales CN¥120,000.00; Target CN¥150,000.00; Attainment 80.0%
	//   - Recommendation: Find which factor of the sales decomposition and which channel fell short, and set a corrective plan with a weekly check.
	// - **\[warning\] LTV/CAC is 2.00×, below the healthy 3.00×.**
	//   - Evidence (1. Overview): LTV/CAC 2.00×
	//   - Recommendation: Cut spend on channels whose new customers do not come back, and raise repeat purchases (membership, replenishment reminders) to lift LTV.
}

// A custom rule added to the default ones: flag a net sales fall of more
// than 10 % against the previous period.
func ExampleRuleFunc() {
	month := metrics.MonthOf(2025, time.November, time.UTC)
	cny := func(s string) report.Value { return report.MoneyValue(money.MustNew(s, "CNY")) }
	na := report.Undefined(report.KindMoney)
	r := &report.Review{Period: month, Overview: &report.Overview{KPIs: []report.KPI{
		report.NewKPI("net_sales", metrics.HigherIsBetter, cny("80000"), cny("100000"), na, na),
	}}}
	salesFall := report.RuleFunc{Name: "sales_fall", Func: func(r *report.Review) []report.Finding {
		if r.Overview == nil {
			return nil
		}
		for _, k := range r.Overview.KPIs {
			if v, ok := k.ChangePrev.Value(); ok && k.Key == "net_sales" && v < -0.10 {
				return []report.Finding{{
					Section:        report.SectionOverview,
					Severity:       report.Warning,
					Title:          report.Text{EN: "Net sales fell more than 10%.", ZH: "净销售额环比下降超过10%。"},
					Evidence:       []report.Evidence{{Key: "change_prev", Value: report.PercentValue(k.ChangePrev)}},
					Recommendation: report.Text{EN: "Check the decomposition.", ZH: "查看销售额拆解。"},
				}}
			}
		}
		return nil
	}}
	report.Evaluate(r, append(report.DefaultRules(report.Thresholds{}), salesFall))
	for _, f := range r.Findings {
		os.Stdout.WriteString(f.Rule + ": " + f.Title.In(report.Chinese) + "\n")
	}
	// Output:
	// sales_fall: 净销售额环比下降超过10%。
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
		report.Config{Period: metrics.MonthOf(2025, time.November, time.UTC), Language: report.Chinese})
	if err != nil {
		log.Fatal(err)
	}
	f := report.Formatter{Lang: r.Language}
	for _, k := range r.Overview.KPIs {
		fmt.Printf("%s: %s (环比 %s)\n", report.Label(k.Key, r.Language), f.Value(k.Current), f.Change(k.ChangePrev))
	}
	// Output:
	// 净销售额: ¥180.00 (环比 +80.0%)
	// 订单数: 2 (环比 +100.0%)
	// 平均订单价值: ¥90.00 (环比 -10.0%)
	// 客单价: ¥90.00 (环比 -10.0%)
	// 毛利率: 77.8% (环比 -2.8%)
	// 新客数: 1 (环比 +0.0%)
}
