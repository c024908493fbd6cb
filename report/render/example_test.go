package render_test

import (
	"log"
	"os"
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
	// - **\[warning\] Net sales missed its target: CN¥120,000.00 against CN¥150,000.00 (80.0%).**
	//   - Evidence (1. Overview): Net sales CN¥120,000.00; Target CN¥150,000.00; Attainment 80.0%
	//   - Recommendation: Find which factor of the sales decomposition and which channel fell short, and set a corrective plan with a weekly check.
	// - **\[warning\] LTV/CAC is 2.00×, below the healthy 3.00×.**
	//   - Evidence (1. Overview): LTV/CAC 2.00×
	//   - Recommendation: Cut spend on channels whose new customers do not come back, and raise repeat purchases (membership, replenishment reminders) to lift LTV.
}
