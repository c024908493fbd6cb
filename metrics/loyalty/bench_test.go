package loyalty_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

// BenchmarkTracker measures a review's pass: 100,000 orders of December
// from 20,000 customers, a third of them members with a points entry per
// order, then the Summary.
func BenchmarkTracker(b *testing.B) {
	const n, customers = 100_000, 20_000
	orders := make([]metrics.Order, n)
	var entries []loyalty.Entry
	for i := range orders {
		c := "c" + strconv.Itoa(i%customers)
		orders[i] = order("o"+strconv.Itoa(i), c, "2025-12-01T00:00", strconv.Itoa(50+i%300))
		orders[i].PlacedAt = december.Start.Add(time.Duration(i) * 20 * time.Second)
		if i%customers%3 == 0 {
			entries = append(entries, loyalty.Entry{CustomerID: c, At: orders[i].PlacedAt, Kind: loyalty.Issued, Points: int64(50 + i%300)})
		}
	}
	b.ResetTimer()
	for range b.N {
		tr := loyalty.Tracker{Period: december}
		for i := 0; i < customers; i += 3 {
			if err := tr.AddMember(loyalty.Member{CustomerID: "c" + strconv.Itoa(i), Level: "gold", Joined: day("2025-01-01")}); err != nil {
				b.Fatal(err)
			}
		}
		for _, e := range entries {
			if err := tr.AddEntry(e); err != nil {
				b.Fatal(err)
			}
		}
		for _, o := range orders {
			if err := tr.AddOrder(o); err != nil {
				b.Fatal(err)
			}
		}
		if s := tr.Summary(); s.Member.Orders+s.NonMember.Orders != n {
			b.Fatalf("summary %+v", s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/order")
}
