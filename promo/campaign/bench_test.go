package campaign

import (
	"fmt"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// BenchmarkLedgerAdd adds orders of 1,000 customers around two tracked
// campaigns; it reports the orders added per second.
func BenchmarkLedgerAdd(b *testing.B) {
	var os []metrics.Order
	for i := range 4096 {
		os = append(os, order(fmt.Sprint(i), fmt.Sprintf("u%d", i%1000), i%30-5, int64(10+i%90), int64(i%10)))
	}
	var l Ledger
	if err := l.Track(Campaign{ID: "a", Window: window(10, 20), Cost: cny("1")}, Campaign{ID: "b", Window: window(15, 18), Cost: cny("1")}); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if err := l.Add(os[i%len(os)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}
