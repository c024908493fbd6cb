package metrics_test

import (
	"testing"
)

// BenchmarkOrdersValidate measures Orders.Validate on the harness's 1M
// orders of issue 19 (one line each), in orders/s.
//
// go test -run XXX -bench OrdersValidate -benchtime 10x -cpu 1
func BenchmarkOrdersValidate(b *testing.B) {
	loadPeers1M(b)
	d := peers1M.b
	for b.Loop() {
		if err := d.Validate(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(d.Len())*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}
