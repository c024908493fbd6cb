package xlsx

import (
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestSuppliersSheet checks the suppliers tables on the products sheet:
// a supplier's counts and rates as numbers, undefined lead times as the
// NA text, the attributed stock-out's dates and the safety-stock line.
func TestSuppliersSheet(t *testing.T) {
	days := func(v float64) metrics.Value { return metrics.NumberValue(v).In(metrics.UnitDays) }
	na := metrics.Undefined(metrics.UnitDays)
	at := func(d int) time.Time { return time.Date(2025, 11, d, 0, 0, 0, 0, time.UTC) }
	r := &report.Review{Store: "x", Currency: money.MustCurrency("CNY"), Suppliers: &report.Suppliers{
		Rows: []report.SupplierRow{
			{Supplier: "Slow", POs: 5, Receipts: 5, Units: 50, LeadTimeMean: days(11), LeadTimeSD: days(2.5), LeadTimeMedian: days(11), LeadTimeP90: days(14),
				OnTime: metrics.CountRatio(1, 5), FillRate: metrics.CountRatio(10, 60), EventualFill: metrics.CountRatio(50, 60), StockoutDays: 6, LateStockouts: 2},
			{Supplier: "New", POs: 1, Receipts: 1, Units: 5, LeadTimeMean: na, LeadTimeSD: na, LeadTimeMedian: na, LeadTimeP90: na},
		},
		Stockouts:      []report.SupplierStockout{{SKU: "A1", Supplier: "Slow", PO: "PO2", Start: at(9), Days: 3, Promised: at(8), DaysLate: 1}},
		StockoutsTotal: 1,
		SafetyStock:    []report.SafetyStockRow{{SKU: "B2", Supplier: "Slow", LeadTimeMean: days(11), LeadTimeSD: days(2.5), FixedSafety: 4, SafetyStock: 9, ReorderPoint: 31}},
		Measured:       1, Reordered: 1, LeadTimeDays: 365,
	}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionProducts, l))
		row := strconv.Itoa(find(t, f, sh, "Slow", 1))
		for col, want := range map[string]string{"B": "5", "C": "5", "D": "50", "I": "0.2", "L": "6", "M": "2"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: Slow %s%s = %q, want %s", l, col, row, got, want)
			}
		}
		row = strconv.Itoa(find(t, f, sh, "New", 1))
		if got, want := raw(t, f, sh, "E"+row), (render.Formatter{Lang: l}).NA(); got != want {
			t.Errorf("%v: mean lead time without an order day %q, want %q", l, got, want)
		}
		row = strconv.Itoa(find(t, f, sh, "A1", 1))
		if got := raw(t, f, sh, "F"+row); got != "3" {
			t.Errorf("%v: days out %q, want 3", l, got)
		}
		row = strconv.Itoa(find(t, f, sh, "B2", 1))
		for col, want := range map[string]string{"F": "4", "G": "9", "H": "31"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: B2 %s%s = %q, want %s", l, col, row, got, want)
			}
		}
	}
}
