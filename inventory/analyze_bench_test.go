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
	// On hand cycles 0..49 (so 2 % of the SKU-days are stock-outs).
	var seq iter.Seq[Snapshot] = func(yield func(Snapshot) bool) {
		s := Snapshot{}
		for i, sku := range skus {
			s.SKU, s.UnitCost, s.OnHand = sku, costs[i], int64(i%50)
			for _, t := range days {
				s.Day = t
				if !yield(s) {
					return
				}
				if s.OnHand++; s.OnHand == 50 {
					s.OnHand = 0
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
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		r, err := Analyze(Config{}, in)
		if err != nil || len(r.SKUs) != nSKU {
			b.Fatal(err, len(r.SKUs))
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "SKU-days/s")
	// On a shared machine wall time includes time the process waited for a
	// core; CPU time does not.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "SKU-days/cpu-s")
	}
}
