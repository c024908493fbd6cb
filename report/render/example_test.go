package render_test

import (
	"fmt"
	"log"
	"os"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// A review built by hand, checked by the default rules and rendered as
// Markdown. Sections without data are left out with a note.
func Example() {
	month := metrics.MonthOf(2025, time.November, time.UTC)
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	netSales, err := report.NewKPI(metrics.KPI{Key: "net_sales", Unit: metrics.UnitMoney},
		cny("120000"), cny("100000"), metrics.Value{}, cny("150000"))
	if err != nil {
		log.Fatal(err)
	}
	ltvCAC, err := report.NewKPI(metrics.KPI{Key: "ltv_cac", Unit: metrics.UnitMultiple},
		metrics.RatioValue(metrics.NewRatio(240, 120)), metrics.Value{}, metrics.Value{}, metrics.Value{})
	if err != nil {
		log.Fatal(err)
	}
	r := &report.Review{
		Store:    "Demo store",
		Period:   month,
		Previous: month.Previous(),
		Currency: money.MustCurrency("CNY"),
		Overview: &report.Overview{KPIs: []report.KPI{netSales, ltvCAC}},
		Omitted: []report.Omission{
			{Section: report.SectionTraffic, Missing: "events"},
			{Section: report.SectionProducts, Missing: "inventory"},
			{Section: report.SectionPromotions, Missing: "promotions"},
			{Section: report.SectionCustomers, Missing: "orders"},
			{Section: report.SectionService, Missing: "tickets"},
		},
	}
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	if err := (render.Markdown{Lang: render.English}).Render(os.Stdout, r); err != nil {
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
	// ### What went well
	//
	// *Nothing improved beyond chance or met its target: a change is praised only when its significance test passes (\|z\| ≥ 1.96) or a target is met.*
	//
	// ### Problems to act on
	//
	// - **\[warning\] Net sales missed its target: CN¥120,000.00 against CN¥150,000.00 (80.0%).**
	//   - Evidence (1. Overview): Net sales CN¥120,000.00; Target CN¥150,000.00; Attainment 80.0%
	//   - Recommendation: Find which factor of the sales decomposition and which channel fell short, and set a corrective plan with a weekly check.
	//   - Money at stake: CN¥30,000.00 (sales) · KPI to watch: Net sales · Check by: 2025-12-31
	// - **\[warning\] LTV/CAC is 2.00×, below the healthy 3.00×.**
	//   - Evidence (1. Overview): LTV/CAC 2.00×
	//   - Recommendation: Cut spend on channels whose new customers do not come back, and raise repeat purchases (membership, replenishment reminders) to lift LTV.
	//   - KPI to watch: LTV/CAC · Check by: 2025-12-31
}

// One review, computed once, read in both languages: the review holds no
// language, and the names and number formats of each come from Label and
// Formatter, which the renderers use too. Here the first KPIs of a tiny
// store's November, against October.
func Example_bothLanguages() {
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
	r, err := report.Build(report.Input{Store: "Tea shop", Orders: slices.Values(orders)},
		report.Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := render.Formatter{Lang: l}
		for _, k := range r.Overview.KPIs[:3] {
			fmt.Printf("%s: %s (%s %s)\n", render.Label(k.Key, l), f.Value(k.Current), render.Label("change_prev", l), f.Change(k.ChangePrev))
		}
	}
	// Output:
	// Net sales: CN¥180.00 (vs previous +80.0%)
	// Orders: 2 (vs previous +100.0%)
	// AOV: CN¥90.00 (vs previous -10.0%)
	// 净销售额: ¥180.00 (环比 +80.0%)
	// 订单数: 2 (环比 +100.0%)
	// 平均订单价值: ¥90.00 (环比 -10.0%)
}

// A renderer of another package names the data values as this package's
// renderers do by printing the copy Relabel returns.
func ExampleRelabel() {
	r := &report.Review{Fulfilment: &report.Fulfilment{
		Carriers: []report.DeliveryGroup{{Name: "SF Express"}, {Name: "My Courier"}},
		Regions:  []report.DeliveryGroup{{Name: "Xinjiang"}},
	}}
	zh := render.Relabel(r, render.Chinese, map[string]string{"My Courier": "自营配送"})
	f := zh.Fulfilment
	fmt.Println(f.Carriers[0].Name, f.Carriers[1].Name, f.Regions[0].Name)
	fmt.Println(r.Fulfilment.Carriers[0].Name) // r is not changed
	// Output:
	// 顺丰速运 自营配送 新疆
	// SF Express
}
