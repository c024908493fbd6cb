package supplier

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/inventory"
)

// TestStockoutLatestLine is the case an adversarial read of the demo
// review found: PO1 (due Jan 5) delivered 25 of its 32 units on Jan 7 and
// never the rest; PO2 (due Jan 15) came on Jan 25. The stock-out of Jan 19
// is PO2's lateness (4 days), not PO1's (it had shipped what it would 12
// days before), and the stock-out of Jan 27, after both lines closed, is
// nobody's.
func TestStockoutLatestLine(t *testing.T) {
	var l Ledger
	for _, r := range []inventory.Receipt{
		{SKU: "A", Day: jan(7), Quantity: 25, Supplier: "Slow", PO: "PO1", Ordered: jan(1), Promised: jan(5), OrderedQuantity: 32},
		{SKU: "A", Day: jan(25), Quantity: 30, Supplier: "Slow", PO: "PO2", Ordered: jan(8), Promised: jan(15), OrderedQuantity: 30},
	} {
		if err := l.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []int{19, 20, 27} {
		l.AddSnapshot(inventory.Snapshot{SKU: "A", Day: jan(d), OnHand: 0})
	}
	want := []Stockout{{SKU: "A", Start: day(19), Days: 2, Supplier: "Slow", PO: "PO2", Promised: day(15), DaysLate: 4, Arrived: day(25), HasArrived: true}}
	if diff := cmp.Diff(want, l.Stockouts()); diff != "" {
		t.Errorf("Stockouts (-want +got):\n%s", diff)
	}
}

// TestStockoutCountFrom is a stock-out carried into a period (found by a
// second read of the demo review): A is out of stock from Jan 12 to Jan 22
// and PO1, due Jan 14, came on Jan 25. Reviewed from Jan 16, with the
// days before as CountFrom's lookback, the stock-out began on Jan 12,
// before PO1 was due, and is nobody's; cut at Jan 16 it read as PO1's,
// 2 days late. B, out on Jan 17 and 18, is PO2's (due Jan 15, came Jan
// 20). C, out from Jan 14 to 18 while PO3 (due Jan 10) was late, is
// dated Jan 14 and counts its 3 days from Jan 16. The days before
// CountFrom do not count in StockoutDays, and a stock-out over before it
// (A on Jan 2–3) is not listed.
func TestStockoutCountFrom(t *testing.T) {
	build := func(from int, snapFrom int) *Ledger {
		l := &Ledger{}
		if from > 0 {
			l.CountFrom = jan(from)
		}
		for _, r := range []inventory.Receipt{
			{SKU: "A", Day: jan(25), Quantity: 10, Supplier: "S", PO: "PO1", Ordered: jan(5), Promised: jan(14), OrderedQuantity: 10},
			{SKU: "B", Day: jan(20), Quantity: 10, Supplier: "S", PO: "PO2", Ordered: jan(5), Promised: jan(15), OrderedQuantity: 10},
			{SKU: "C", Day: jan(20), Quantity: 10, Supplier: "S", PO: "PO3", Ordered: jan(1), Promised: jan(10), OrderedQuantity: 10},
		} {
			if err := l.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range []int{2, 3, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22} {
			if d >= snapFrom {
				l.AddSnapshot(inventory.Snapshot{SKU: "A", Day: jan(d), OnHand: 0})
			}
		}
		for _, d := range []int{17, 18} {
			l.AddSnapshot(inventory.Snapshot{SKU: "B", Day: jan(d), OnHand: 0})
		}
		for _, d := range []int{14, 15, 16, 17, 18} {
			if d >= snapFrom {
				l.AddSnapshot(inventory.Snapshot{SKU: "C", Day: jan(d), OnHand: 0})
			}
		}
		return l
	}
	b := Stockout{SKU: "B", Start: day(17), Days: 2, Supplier: "S", PO: "PO2", Promised: day(15), DaysLate: 2, Arrived: day(20), HasArrived: true}
	// C, out from Jan 14 to 18 while PO3 (due Jan 10) was late: dated
	// Jan 14, 4 days late, its 3 days from Jan 16 counted.
	c := Stockout{SKU: "C", Start: day(14), Days: 3, Supplier: "S", PO: "PO3", Promised: day(10), DaysLate: 4, Arrived: day(20), HasArrived: true}
	l := build(16, 0)
	if diff := cmp.Diff([]Stockout{c, b}, l.Stockouts()); diff != "" {
		t.Errorf("from Jan 16 with the days before (-want +got):\n%s", diff)
	}
	if got := l.Suppliers(); len(got) != 1 || got[0].StockoutDays != 7+2+3 || got[0].LateStockouts != 2 {
		t.Errorf("suppliers %+v, want 12 stock-out days (A's Jan 16–22, B's 2, C's 3) and 2 late stock-outs", got)
	}
	// Cut at the period's start, as the review did: A's stock-out is
	// dated Jan 16 and read as PO1's.
	cut := build(0, 16)
	a := Stockout{SKU: "A", Start: day(16), Days: 7, Supplier: "S", PO: "PO1", Promised: day(14), DaysLate: 2, Arrived: day(25), HasArrived: true}
	cutC := Stockout{SKU: "C", Start: day(16), Days: 3, Supplier: "S", PO: "PO3", Promised: day(10), DaysLate: 6, Arrived: day(20), HasArrived: true}
	if diff := cmp.Diff([]Stockout{a, cutC, b}, cut.Stockouts()); diff != "" {
		t.Errorf("cut at Jan 16 (-want +got):\n%s", diff)
	}
}
