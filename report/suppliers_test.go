package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// supplierStore is a hand-made January 2025: SKU A sells 2 units a day
// and is delivered by "Slow" on five POs (the expected figures of
// TestSuppliersHand are worked out there); it is out of stock on
// January 9–11 and 25–27.
func supplierStore(withSupplier bool) Input {
	jan := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	var orders []metrics.Order
	for d := 1; d <= 31; d++ {
		orders = append(orders, metrics.Order{ID: fmt.Sprintf("o%02d", d), CustomerID: fmt.Sprintf("c%d", d%7), PlacedAt: jan(d).Add(10 * time.Hour),
			Status: metrics.Paid, Currency: money.MustCurrency("CNY"),
			Lines: []metrics.Line{{SKU: "A", Name: "Mug", Quantity: int64(1 + d%3), UnitPrice: cny("20"), UnitCost: cny("8")}}})
	}
	var snaps []inventory.Snapshot
	for d := 0; d <= 31; d++ {
		on := int64(5)
		if d >= 9 && d <= 11 || d >= 25 && d <= 27 {
			on = 0
		}
		snaps = append(snaps, inventory.Snapshot{SKU: "A", Day: jan(d), OnHand: on, UnitCost: cny("8")})
	}
	rc := func(po string, ordered, promised, received, qty, orderedQty int) inventory.Receipt {
		r := inventory.Receipt{SKU: "A", Day: jan(received), Quantity: int64(qty), UnitCost: cny("8")}
		if withSupplier {
			r.Supplier, r.PO, r.Ordered, r.Promised, r.OrderedQuantity = "Slow", po, jan(ordered), jan(promised), int64(orderedQty)
		}
		return r
	}
	receipts := []inventory.Receipt{
		rc("PO1", -11, -1, 3, 10, 10), // Dec 20 → Dec 30, received Jan 3: lead 14, late
		rc("PO2", 1, 8, 12, 10, 10),   // lead 11, late
		rc("PO3", 10, 17, 17, 10, 10), // lead 7, on time
		rc("PO4", 15, 22, 28, 10, 20), // lead 13, late, half of the order
		rc("PO5", 20, 27, 30, 10, 10), // lead 10, late
	}
	return Input{Store: "suppliers", Orders: slices.Values(orders), Snapshots: slices.Values(snaps), Receipts: receipts,
		Items: []inventory.Item{{SKU: "A", Name: "Mug", Category: "home"}}}
}

func TestSuppliersHand(t *testing.T) {
	jan := metrics.MonthOf(2025, time.January, time.UTC)
	r, err := Build(supplierStore(true), Config{Period: jan})
	if err != nil {
		t.Fatal(err)
	}
	if r.Suppliers == nil {
		t.Fatal("no suppliers part")
	}
	days := func(v float64) metrics.Value { return metrics.NumberValue(v).In(metrics.UnitDays) }
	// Lead times 14, 11, 7, 13, 10: mean 11; squared deviations
	// 9 + 0 + 16 + 4 + 1 = 30, sd √(30/4); sorted 7 10 11 13 14: median 11,
	// p90 at rank 3.6: 13 + 0.6 → 14 (rounded). On time: PO3 alone. By
	// the promise: PO3's 10 of 60 ordered; eventually 50 of 60. Stock-out
	// days: 6; attributed: Jan 9 (PO2 due Jan 8, came Jan 12) and Jan 25
	// (PO4 due Jan 22, never complete).
	wantRow := SupplierRow{Supplier: "Slow", POs: 5, Receipts: 5, Units: 50,
		LeadTimeMean: days(11), LeadTimeSD: days(math.Sqrt(30.0 / 4)), LeadTimeMedian: days(11), LeadTimeP90: days(14),
		OnTime: metrics.CountRatio(1, 5), FillRate: metrics.CountRatio(10, 60), EventualFill: metrics.CountRatio(50, 60),
		StockoutDays: 6, LateStockouts: 2}
	if diff := cmp.Diff([]SupplierRow{wantRow}, r.Suppliers.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	at := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	wantOut := []SupplierStockout{ // the longest first; equal lengths by start
		{SKU: "A", Name: "Mug", Supplier: "Slow", PO: "PO2", Start: at(9), Days: 3, Promised: at(8), DaysLate: 1},
		{SKU: "A", Name: "Mug", Supplier: "Slow", PO: "PO4", Start: at(25), Days: 3, Promised: at(22), DaysLate: 3},
	}
	if diff := cmp.Diff(wantOut, r.Suppliers.Stockouts); diff != "" {
		t.Errorf("stock-outs (-want +got):\n%s", diff)
	}
	// The reorder list: A, on hand 5 at the end with about 2 units a day,
	// is below its reorder point and uses Slow's 5 measured lead times.
	if r.Suppliers.Reordered != 1 || r.Suppliers.Measured != 1 || len(r.Suppliers.SafetyStock) != 1 {
		t.Fatalf("safety stock: %d of %d measured, rows %+v", r.Suppliers.Measured, r.Suppliers.Reordered, r.Suppliers.SafetyStock)
	}
	ss := r.Suppliers.SafetyStock[0]
	if m, _ := ss.LeadTimeMean.Float(); m != 11 || ss.Supplier != "Slow" || ss.SafetyStock <= ss.FixedSafety {
		t.Errorf("safety stock row %+v: want Slow's mean 11 days, and more safety stock with its variability than without", ss)
	}
	var found bool
	for _, f := range r.Findings {
		if f.Rule == "supplier_late" {
			found = true
			if f.Evidence[0].Subject != "Slow" || f.Section != SectionProducts {
				t.Errorf("supplier_late finding %+v", f)
			}
		}
	}
	if !found {
		t.Error("no supplier_late finding for a supplier 20 % on time with 2 stock-outs attributed")
	}
}

// TestSuppliersAbsent: receipts that name no supplier give no suppliers
// part and no note, and the reorder list uses the catalogue's lead time.
func TestSuppliersAbsent(t *testing.T) {
	jan := metrics.MonthOf(2025, time.January, time.UTC)
	r, err := Build(supplierStore(false), Config{Period: jan})
	if err != nil {
		t.Fatal(err)
	}
	if r.Suppliers != nil {
		t.Errorf("a suppliers part without suppliers: %+v", r.Suppliers)
	}
	for _, n := range r.Notes {
		if n.Key == "receipts_no_supplier" || n.Key == "supplier_bad_receipts" {
			t.Errorf("note %+v", n)
		}
	}
}

// TestSuppliersBadReceipt: a receipt that contradicts its PO line fails
// the review under inventory.Strict with its PO named, and is left out and
// counted under inventory.Skip.
func TestSuppliersBadReceipt(t *testing.T) {
	jan := metrics.MonthOf(2025, time.January, time.UTC)
	in := supplierStore(true)
	bad := in.Receipts[1]
	bad.Day, bad.OrderedQuantity = bad.Day.AddDate(0, 0, 1), 99 // PO2 ordered 10
	in.Receipts = append(slices.Clone(in.Receipts), bad)
	if _, err := Build(in, Config{Period: jan}); err == nil || !strings.Contains(err.Error(), "PO2") {
		t.Errorf("strict: err = %v, want one naming PO2", err)
	}
	in = supplierStore(true)
	in.Receipts = append(slices.Clone(in.Receipts), bad)
	r, err := Build(in, Config{Period: jan, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, x := range r.Notes {
		if x.Key == "supplier_bad_receipts" {
			n += x.LeftOut
		}
	}
	if n != 1 || r.Suppliers == nil || r.Suppliers.Rows[0].Receipts != 5 {
		t.Errorf("skip: %d left out, rows %+v; want 1 and the 5 good receipts", n, r.Suppliers)
	}
}
