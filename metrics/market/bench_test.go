package market_test

import (
	"strconv"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/market"
)

// BenchmarkAddOrder adds orders of three lines, as a review's pass does
// for every order.
func BenchmarkAddOrder(b *testing.B) {
	tr := &market.Tracker{Period: dec}
	o := order("o", day(3), "5.00", line("A", 2, "10.00"), line("B", 1, "59.90"), line("C", 3, "4.50"))
	b.ReportAllocs()
	for b.Loop() {
		if err := tr.AddOrder(o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}

// BenchmarkSummarize summarizes 120 SKUs at two competitors, observed
// daily for a month.
func BenchmarkSummarize(b *testing.B) {
	tr := &market.Tracker{Period: dec}
	for s := range 120 {
		sku := "S" + strconv.Itoa(s)
		if err := tr.AddOrder(order(sku, day(2), "", line(sku, 3, "10.00"))); err != nil {
			b.Fatal(err)
		}
		for d := 1; d <= 31; d++ {
			for _, c := range []string{"X", "Y"} {
				p := market.Price{SKU: sku, Competitor: c, Day: day(d), Price: usd.FromMinor(int64(900 + s + d))}
				if err := tr.AddPrice(p); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		s := tr.Summarize(market.Config{})
		if len(s.SKUs) != 120 {
			b.Fatal(len(s.SKUs))
		}
	}
	b.ReportMetric(float64(b.N)*120/b.Elapsed().Seconds(), "SKUs/s")
}
