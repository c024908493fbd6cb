package inventory

import (
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// benchData builds nSKU SKUs with a year of daily snapshots (streamed, not
// stored) and a sale every seventh day.
func benchData(nSKU, nDays int) (Input, int) {
	cny := metrics.MustCurrency("CNY")
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	period, _ := metrics.NewPeriod(start, start.AddDate(0, 0, nDays))
	skus := make([]string, nSKU)
	costs := make([]metrics.Money, nSKU)
	var sales Sales
	for i := range skus {
		skus[i] = fmt.Sprintf("SKU-%06d", i)
		costs[i] = cny.FromMinor(int64(100 + i%5000))
		for d := i % 7; d < nDays; d += 7 {
			sales.Add(skus[i], DayOf(start)+Day(d), int64(1+d%3), cny.FromMinor(int64(300+i%5000)), cny.FromMinor(int64(100+i%5000)))
		}
	}
	days := make([]time.Time, nDays)
	for d := range days {
		days[d] = start.AddDate(0, 0, d)
	}
	var seq iter.Seq[Snapshot] = func(yield func(Snapshot) bool) {
		for i, sku := range skus {
			for d, t := range days {
				if !yield(Snapshot{SKU: sku, Day: t, OnHand: int64((i + d) % 50), UnitCost: costs[i]}) {
					return
				}
			}
		}
	}
	return Input{Period: period, Snapshots: seq, Sales: &sales}, nSKU * nDays
}

func BenchmarkAnalyze(b *testing.B) {
	nSKU := 100_000
	if testing.Short() {
		nSKU = 2_000
	}
	in, n := benchData(nSKU, 365)
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		r, err := Analyze(Config{}, in)
		if err != nil || len(r.SKUs) != nSKU {
			b.Fatal(err, len(r.SKUs))
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "SKU-days/s")
}
