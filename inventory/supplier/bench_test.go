package supplier

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// BenchmarkLedger adds a year of receipts of 1,000 SKUs from three
// suppliers (one PO line each, a delivery a week per SKU) and a year of
// stock-out days, then computes the supplier rows and the attributed
// stock-outs; it reports receipts per second.
func BenchmarkLedger(b *testing.B) {
	const skus, weeks = 1000, 52
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var rs []inventory.Receipt
	for k := range skus {
		for w := range weeks {
			day := start.AddDate(0, 0, 7*w+k%7)
			rs = append(rs, inventory.Receipt{SKU: fmt.Sprintf("S%04d", k), Day: day, Quantity: 10,
				Supplier: []string{"a", "b", "c"}[k%3], PO: fmt.Sprintf("PO%d-%d", w, k%3),
				Ordered: day.AddDate(0, 0, -5-k%9), Promised: day.AddDate(0, 0, -5), OrderedQuantity: 12})
		}
	}
	b.ResetTimer()
	for b.Loop() {
		var l Ledger
		for _, r := range rs {
			if err := l.Add(r); err != nil {
				b.Fatal(err)
			}
		}
		for k := 0; k < skus; k += 10 {
			for d := range 30 {
				l.AddSnapshot(inventory.Snapshot{SKU: fmt.Sprintf("S%04d", k), Day: start.AddDate(0, 0, 3*d)})
			}
		}
		if len(l.Suppliers()) != 3 {
			b.Fatal("suppliers")
		}
		l.Stockouts()
	}
	b.ReportMetric(float64(len(rs))*float64(b.N)/b.Elapsed().Seconds(), "receipts/s")
}
