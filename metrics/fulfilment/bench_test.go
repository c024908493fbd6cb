package fulfilment_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/fulfilment"
)

// benchOrders returns n orders with every fulfilment time, over 10
// carriers and 30 regions, times spread over days.
func benchOrders(n int) []metrics.Order {
	out := make([]metrics.Order, n)
	for i := range out {
		placed := t0.Add(time.Duration(i) * time.Minute)
		paid := placed.Add(time.Duration(i%17) * time.Minute)
		shipped := paid.Add(time.Duration(i%41) * time.Hour)
		out[i] = metrics.Order{ID: strconv.Itoa(i), PlacedAt: placed, PaidAt: paid, ShippedAt: shipped,
			DeliveredAt: shipped.Add(time.Duration(24+i%97) * time.Hour), PromisedBy: placed.Add(72 * time.Hour),
			Carrier: "c" + strconv.Itoa(i%10), Region: "r" + strconv.Itoa(i%30)}
	}
	return out
}

// BenchmarkTrackerAdd measures Add, the hot path of a review's pass over
// its orders, and the Summary and groups at the end.
func BenchmarkTrackerAdd(b *testing.B) {
	orders := benchOrders(100_000)
	b.ResetTimer()
	for range b.N {
		tr := fulfilment.Tracker{AsOf: t0.Add(90 * 24 * time.Hour)}
		for _, o := range orders {
			if err := tr.Add(o); err != nil {
				b.Fatal(err)
			}
		}
		if s := tr.Summary(); s.Orders != int64(len(orders)) || len(tr.ByRegion()) != 30 {
			b.Fatalf("summary %+v", s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(orders)), "ns/order")
}
