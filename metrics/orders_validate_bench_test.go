package metrics_test

import (
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// BenchmarkOrdersValidate measures Orders.Validate (all) and the part
// of it that Totals.AddOrders runs (totals: no dictionary column) on the
// harness's 1M orders of issue 19 (one line each), in orders/s.
//
// go test -run XXX -bench OrdersValidate -benchtime 10x -cpu 1
func BenchmarkOrdersValidate(b *testing.B) {
	loadPeers1M(b)
	d := peers1M.b
	for _, c := range []struct {
		name string
		f    func(*metrics.Orders) error
	}{{"all", (*metrics.Orders).Validate}, {"totals", metrics.ValidateTotals}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := c.f(d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(d.Len())*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
		})
	}
}
