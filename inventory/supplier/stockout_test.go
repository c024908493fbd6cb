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
