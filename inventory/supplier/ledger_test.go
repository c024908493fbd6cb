package supplier

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
)

func jan(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }

func day(d int) inventory.Day { return inventory.DayOf(jan(d)) }

// handReceipts is a hand-made week of deliveries; the expected figures of
// the tests below are worked out by hand in the comments.
func handReceipts() []inventory.Receipt {
	return []inventory.Receipt{
		// Acme PO1, SKU A: 100 ordered Jan 1 for Jan 8; 60 on Jan 6, 40 on Jan 10.
		{SKU: "A", Day: jan(6), Quantity: 60, Supplier: "Acme", PO: "PO1", Ordered: jan(1), Promised: jan(8), OrderedQuantity: 100},
		{SKU: "A", Day: jan(10), Quantity: 40, Supplier: "Acme", PO: "PO1", Ordered: jan(1), Promised: jan(8), OrderedQuantity: 100},
		// Acme PO2: A 50 ordered Jan 10 for Jan 15, all on Jan 14; B 20, 10 on Jan 20, the rest never.
		{SKU: "A", Day: jan(14), Quantity: 50, Supplier: "Acme", PO: "PO2", Ordered: jan(10), Promised: jan(15), OrderedQuantity: 50},
		{SKU: "B", Day: jan(20), Quantity: 10, Supplier: "Acme", PO: "PO2", Ordered: jan(10), Promised: jan(15), OrderedQuantity: 20},
		// Bolt: C without a PO ID or promise, ordered Jan 2; PO9 of B
		// ordered Jan 3 for Jan 12 without a quantity, 5 on Jan 11.
		{SKU: "C", Day: jan(5), Quantity: 30, Supplier: "Bolt", Ordered: jan(2)},
		{SKU: "B", Day: jan(11), Quantity: 5, Supplier: "Bolt", PO: "PO9", Ordered: jan(3), Promised: jan(12)},
		// No supplier: counted only.
		{SKU: "A", Day: jan(2), Quantity: 7},
	}
}

// handSnapshots: A out on Jan 9; B out on Jan 16–17 and 21; C out on Jan 3.
func handSnapshots() []inventory.Snapshot {
	var out []inventory.Snapshot
	for _, x := range []struct {
		sku  string
		days []int
	}{{"A", []int{9}}, {"B", []int{16, 17, 21}}, {"C", []int{3}}} {
		for _, d := range x.days {
			out = append(out, inventory.Snapshot{SKU: x.sku, Day: jan(d), OnHand: 0})
		}
	}
	out = append(out, inventory.Snapshot{SKU: "A", Day: jan(8), OnHand: 4}) // in stock: no stock-out
	return out
}

func handLedger(t *testing.T) *Ledger {
	var l Ledger
	for _, r := range handReceipts() {
		if err := l.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range handSnapshots() {
		l.AddSnapshot(s)
	}
	return &l
}

func days(v float64) metrics.Value { return metrics.NumberValue(v).In(metrics.UnitDays) }

var approx = cmpopts.EquateApprox(0, 1e-12) // float noise of the mean and standard deviation only

func TestSuppliersHand(t *testing.T) {
	l := handLedger(t)
	want := []Supplier{{
		// Lead times 5, 9, 4, 10: mean 7; deviations ±2, ±3: variance
		// 26/3, sd 2.9439; sorted 4 5 9 10: median 5 + 0.5×4 = 7, p90 at
		// rank 2.7: 9 + 0.7 → 10 (rounded). On time: Jan 6 ≤ 8 and
		// Jan 14 ≤ 15 of 4. Fill by promise: 60 + 50 + 0 of 170;
		// eventual: 100 + 50 + 10 of 170. Stock-out days of A (1) and B
		// (3); stock-outs of A on Jan 9 (PO1 due Jan 8, complete Jan
		// 10) and of B on Jan 16 (PO2 due Jan 15, short-shipped: closed
		// by its last delivery, Jan 20); B's stock-out of Jan 21 began
		// after that, so it is not the supplier's lateness.
		Name: "Acme", POs: 2, Lines: 3, Receipts: 4, Units: 160, SKUs: 2,
		LeadTime: LeadTime{Receipts: 4, Mean: days(7), StdDev: days(math.Sqrt(26.0 / 3)), Median: days(7), P90: days(10)},
		OnTime:   metrics.CountRatio(2, 4), FillRate: metrics.CountRatio(110, 170), EventualFill: metrics.CountRatio(160, 170),
		StockoutDays: 4, LateStockouts: 2,
	}, {
		// Lead times 3 and 8: mean 5.5, sd √12.5; median 3 + 2.5 → 6,
		// p90 3 + 4.5 → 8. PO9 came a day early; no line has both a
		// promise and a quantity, and no line a quantity: fill rates
		// undefined. Stock-out days of C (1) and B (3).
		Name: "Bolt", POs: 2, Lines: 2, Receipts: 2, Units: 35, SKUs: 2,
		LeadTime: LeadTime{Receipts: 2, Mean: days(5.5), StdDev: days(math.Sqrt(12.5)), Median: days(6), P90: days(8)},
		OnTime:   metrics.CountRatio(1, 1), FillRate: metrics.CountRatio(0, 0), EventualFill: metrics.CountRatio(0, 0),
		StockoutDays: 4,
	}}
	if diff := cmp.Diff(want, l.Suppliers(), approx, cmp.AllowUnexported(metrics.Ratio{})); diff != "" {
		t.Errorf("Suppliers (-want +got):\n%s", diff)
	}
	wantOut := []Stockout{
		{SKU: "A", Start: day(9), Days: 1, Supplier: "Acme", PO: "PO1", Promised: day(8), DaysLate: 1, Arrived: day(10), HasArrived: true},
		{SKU: "B", Start: day(16), Days: 2, Supplier: "Acme", PO: "PO2", Promised: day(15), DaysLate: 1, Arrived: day(20), HasArrived: true, Short: true},
	}
	if diff := cmp.Diff(wantOut, l.Stockouts()); diff != "" {
		t.Errorf("Stockouts (-want +got):\n%s", diff)
	}
	if l.Unnamed() != 1 {
		t.Errorf("Unnamed = %d, want 1", l.Unnamed())
	}
	wantLT := map[string]inventory.LeadTime{
		"A": {MeanDays: 7, StdDevDays: math.Sqrt(26.0 / 3), Receipts: 4, Supplier: "Acme"},
		"B": {MeanDays: 7, StdDevDays: math.Sqrt(26.0 / 3), Receipts: 4, Supplier: "Acme"}, // latest receipt Jan 20, Acme's
		"C": {MeanDays: 5.5, StdDevDays: math.Sqrt(12.5), Receipts: 2, Supplier: "Bolt"},
	}
	if diff := cmp.Diff(wantLT, l.LeadTimes(Config{MinReceipts: 2}), approx); diff != "" {
		t.Errorf("LeadTimes (-want +got):\n%s", diff)
	}
	if got := l.LeadTimes(Config{}); len(got) != 0 {
		t.Errorf("LeadTimes with the default of 5 receipts = %v, want none (4 and 2 receipts)", got)
	}
}

func TestEmptyLedger(t *testing.T) {
	var l Ledger
	if got := l.Suppliers(); len(got) != 0 {
		t.Errorf("Suppliers of an empty ledger = %v", got)
	}
	if got := l.Stockouts(); len(got) != 0 {
		t.Errorf("Stockouts of an empty ledger = %v", got)
	}
	lt := leadTime(nil)
	for _, v := range []metrics.Value{lt.Mean, lt.StdDev, lt.Median, lt.P90} {
		if v.Defined() || v.String() != "n/a" {
			t.Errorf("lead time of no receipts = %v, want undefined n/a", v)
		}
	}
	if one := leadTime([]int64{4}); one.StdDev.Defined() || !one.Mean.Defined() {
		t.Errorf("one receipt: mean %v sd %v, want a mean and no sd", one.Mean, one.StdDev)
	}
}

func TestAddErrors(t *testing.T) {
	base := inventory.Receipt{SKU: "A", Day: jan(6), Quantity: 5, Supplier: "Acme", PO: "PO1", Ordered: jan(1), Promised: jan(8), OrderedQuantity: 10}
	for _, tc := range []struct {
		name, reason string
		edit         func(r *inventory.Receipt)
		want         error
	}{
		{"zero quantity", "a receipt delivers units", func(r *inventory.Receipt) { r.Quantity = 0 }, ErrQuantity},
		{"negative ordered", "an order of −1 units", func(r *inventory.Receipt) { r.OrderedQuantity = -1 }, ErrQuantity},
		{"ordered after receipt", "a negative lead time", func(r *inventory.Receipt) { r.Ordered = jan(7) }, ErrDates},
		{"ordered after promise", "a promise before the order", func(r *inventory.Receipt) { r.Promised, r.Day = jan(1), jan(9); r.Ordered = jan(2) }, ErrDates},
		{"other order day", "the PO line was ordered on Jan 1", func(r *inventory.Receipt) { r.Ordered = jan(2) }, ErrConflict},
		{"other promise", "the PO line was promised for Jan 8", func(r *inventory.Receipt) { r.Promised = jan(9) }, ErrConflict},
		{"other quantity", "the PO line ordered 10", func(r *inventory.Receipt) { r.OrderedQuantity = 11 }, ErrConflict},
		{"receipt before the order", "without its own order day, the line's Jan 1 is after Dec 31", func(r *inventory.Receipt) { r.Ordered = time.Time{}; r.Day = jan(0) }, ErrConflict},
	} {
		var l Ledger
		if err := l.Add(base); err != nil {
			t.Fatal(err)
		}
		r := base
		tc.edit(&r)
		err := l.Add(r)
		var re *RecordError
		if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.SKU != "A" || re.Supplier != "Acme" {
			t.Errorf("%s (%s): err = %v, want a *RecordError wrapping %v", tc.name, tc.reason, err, tc.want)
		}
		if s := l.Suppliers(); s[0].Receipts != 1 {
			t.Errorf("%s: the bad receipt was added: %d receipts", tc.name, s[0].Receipts)
		}
	}
}

func TestMergeConflict(t *testing.T) {
	var a, b Ledger
	r := inventory.Receipt{SKU: "A", Day: jan(6), Quantity: 5, Supplier: "Acme", PO: "PO1", Ordered: jan(1), OrderedQuantity: 10}
	if err := a.Add(r); err != nil {
		t.Fatal(err)
	}
	r.OrderedQuantity = 12
	if err := b.Add(r); err != nil {
		t.Fatal(err)
	}
	before, _ := a.MarshalBinary()
	if err := a.Merge(&b); !errors.Is(err, ErrConflict) {
		t.Errorf("Merge of contradicting lines = %v, want ErrConflict", err)
	}
	after, _ := a.MarshalBinary()
	if !cmp.Equal(before, after) {
		t.Error("a refused Merge changed the ledger")
	}
}
