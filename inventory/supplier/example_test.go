package supplier_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/inventory/supplier"
)

func Example() {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	var l supplier.Ledger
	for _, r := range []inventory.Receipt{
		// PO-7: 40 units of the mug ordered on March 1 for March 8, 30 on
		// the 7th and the rest, late, on the 12th.
		{SKU: "mug", Day: day(7), Quantity: 30, Supplier: "Kiln & Co", PO: "PO-7", Ordered: day(1), Promised: day(8), OrderedQuantity: 40},
		{SKU: "mug", Day: day(12), Quantity: 10, Supplier: "Kiln & Co", PO: "PO-7", Ordered: day(1), Promised: day(8), OrderedQuantity: 40},
	} {
		if err := l.Add(r); err != nil {
			log.Fatal(err)
		}
	}
	// The mug ran out on March 10 and 11, while the rest of PO-7 was late.
	l.AddSnapshot(inventory.Snapshot{SKU: "mug", Day: day(10), OnHand: 0})
	l.AddSnapshot(inventory.Snapshot{SKU: "mug", Day: day(11), OnHand: 0})
	for _, s := range l.Suppliers() {
		mean, _ := s.LeadTime.Mean.Float()
		sd, _ := s.LeadTime.StdDev.Float()
		fmt.Printf("%s: %d PO, lead time %.1f days (sd %.1f), on time %s, fill rate %s, eventual %s\n",
			s.Name, s.POs, mean, sd, s.OnTime.Percent(0), s.FillRate.Percent(0), s.EventualFill.Percent(0))
	}
	for _, o := range l.Stockouts() {
		fmt.Printf("%s out from %s for %d days, %s %d days late\n", o.SKU, o.Start, o.Days, o.PO, o.DaysLate)
	}
	// Output:
	// Kiln & Co: 1 PO, lead time 8.5 days (sd 3.5), on time 50%, fill rate 75%, eventual 100%
	// mug out from 2025-03-10 for 2 days, PO-7 2 days late
}
