package render

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// suppliersReview returns the hand review with a suppliers part. Its
// numbers are invented but consistent: Slow delivered 5 receipts, 1 on
// time, 10 of 60 units ordered by the promise and 50 in the end, and two
// stock-outs began while its POs were late; Quick was always on time.
func suppliersReview() *report.Review {
	r := handReview()
	days := func(v float64) metrics.Value { return metrics.NumberValue(v).In(metrics.UnitDays) }
	at := func(d int) time.Time { return time.Date(2025, 11, d, 0, 0, 0, 0, time.UTC) }
	r.Suppliers = &report.Suppliers{
		Rows: []report.SupplierRow{
			{Supplier: "Quick", POs: 3, Receipts: 3, Units: 90, LeadTimeMean: days(4), LeadTimeSD: days(1), LeadTimeMedian: days(4), LeadTimeP90: days(5),
				OnTime: metrics.CountRatio(3, 3), FillRate: metrics.CountRatio(90, 90), EventualFill: metrics.CountRatio(90, 90)},
			{Supplier: "Slow", POs: 5, Receipts: 5, Units: 50, LeadTimeMean: days(11), LeadTimeSD: days(2.7386), LeadTimeMedian: days(11), LeadTimeP90: days(14),
				OnTime: metrics.CountRatio(1, 5), FillRate: metrics.CountRatio(10, 60), EventualFill: metrics.CountRatio(50, 60), StockoutDays: 6, LateStockouts: 2},
			{Supplier: "New", POs: 1, Receipts: 1, Units: 5, LeadTimeMean: metrics.Undefined(metrics.UnitDays), LeadTimeSD: metrics.Undefined(metrics.UnitDays),
				LeadTimeMedian: metrics.Undefined(metrics.UnitDays), LeadTimeP90: metrics.Undefined(metrics.UnitDays)},
		},
		Stockouts: []report.SupplierStockout{
			{SKU: "A1", Name: "马克杯", Supplier: "Slow", PO: "PO2", Start: at(9), Days: 3, Promised: at(8), DaysLate: 1},
		},
		StockoutsTotal: 2,
		SafetyStock: []report.SafetyStockRow{
			{SKU: "A1", Name: "马克杯", Supplier: "Slow", LeadTimeMean: days(11), LeadTimeSD: days(2.7386), FixedSafety: 4, SafetyStock: 9, ReorderPoint: 31},
		},
		Measured: 1, Reordered: 3, LeadTimeDays: 365,
	}
	return r
}

func TestSuppliersGolden(t *testing.T) {
	r := suppliersReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "suppliers."+lang.String()+"."+format, render(t, rd, r))
		}
	}
}

// TestSuppliersPart checks the part's place and content: in the products
// section before promotions, its three tables with the numbers in both
// languages, the rule's finding; and nothing at all without it.
func TestSuppliersPart(t *testing.T) {
	r := suppliersReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, tc := range []struct {
		lang Language
		want []string
	}{
		{English, []string{"### Suppliers", "| Slow | 5 | 5 | 50 | 11.0 days | 2.7 days | 11.0 days | 14.0 days | 20.0% | 16.7% | 83.3% | 6 | 2 |",
			"| New | 1 | 1 | 5 | n/a | n/a | n/a | n/a | n/a | n/a | n/a | 0 | 0 |",
			"2 stock-outs attributed in all", "| A1 | 马克杯 | Slow | PO2 | 2025-11-09 | 3 | 2025-11-08 | 1 |",
			"1 of the 3 SKUs to reorder (the reorder list shows the most urgent)", "| A1 | 马克杯 | Slow | 11.0 days | 2.7 days | 4 | 9 | 31 |",
			"Supplier Slow delivered 20.0% of its receipts on time"}},
		{Chinese, []string{"### 供应商", "| Slow | 5 | 5 | 50 | 11.0天 | 2.7天 | 11.0天 | 14.0天 | 20.0% | 16.7% | 83.3% | 6 | 2 |",
			"共2次缺货", "需补货的3个SKU（补货清单列出最紧急的）中，有1个", "供应商Slow的准时交货率仅为20.0%"}},
	} {
		md := render(t, Markdown{Lang: tc.lang}, r)
		for _, w := range tc.want {
			if !strings.Contains(md, w) {
				t.Errorf("%v: the page lacks %q", tc.lang, w)
			}
		}
		sup, promo := strings.Index(md, Label("suppliers_def", tc.lang)), strings.Index(md, "## "+SectionTitle(r, report.SectionPromotions, tc.lang))
		if sup < 0 || promo < 0 || sup > promo {
			t.Errorf("%v: the suppliers part at %d, promotions at %d: want it within products, before promotions", tc.lang, sup, promo)
		}
	}
	back, _, err := Decode(strings.NewReader(render(t, JSON{}, r)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Suppliers, back.Suppliers); diff != "" {
		t.Errorf("decoded part (-want +got):\n%s", diff)
	}
	plain := handReview()
	for _, lang := range []Language{English, Chinese} {
		if md := render(t, Markdown{Lang: lang}, plain); strings.Contains(md, Label("suppliers_def", lang)) || strings.Contains(md, "### "+Label("suppliers", lang)) {
			t.Errorf("%v: a review without suppliers shows the part", lang)
		}
	}
}
