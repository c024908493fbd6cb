package sample

import (
	"runtime"
	"testing"
)

// BenchmarkGenerateDefault generates the whole default demo (two years,
// 5,000 customers) in memory; it must stay well under a second.
func BenchmarkGenerateDefault(b *testing.B) {
	b.ReportAllocs()
	var orders, events int
	for b.Loop() {
		s := Generate(Config{})
		orders, events = len(s.Orders), len(s.Events)
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(orders)/sec, "orders/s")
	b.ReportMetric(float64(events)/sec, "events/s")
}

// Sizes of the large streaming benchmarks, over one year (Days: 365):
// about 2.45 orders and 85 events follow per customer of a year.
const (
	customers1MOrders  = 410_000
	customers10MEvents = 118_000
)

// peakHeap samples the heap in use once a day of the stream.
type peakHeap struct {
	ms   runtime.MemStats
	peak uint64
}

func (p *peakHeap) sample() {
	runtime.ReadMemStats(&p.ms)
	p.peak = max(p.peak, p.ms.HeapInuse)
}

// BenchmarkOrders1M streams about a million orders.
func BenchmarkOrders1M(b *testing.B) {
	cfg := Config{Customers: customers1MOrders, Days: 365}
	var n int
	var heap peakHeap
	for b.Loop() {
		n = 0
		for d := range days(cfg, 0) {
			n += len(d.Orders)
			if n%50 == 0 {
				heap.sample()
			}
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(n), "orders")
	b.ReportMetric(float64(n)/sec, "orders/s")
	b.ReportMetric(float64(heap.peak)/1e6, "peak-heap-MB")
}

// BenchmarkEvents10M streams about ten million events (and the orders
// they correspond to).
func BenchmarkEvents10M(b *testing.B) {
	cfg := Config{Customers: customers10MEvents, Days: 365}
	var n int
	var heap peakHeap
	for b.Loop() {
		n = 0
		k := 0
		for d := range days(cfg, wantEvents) {
			n += len(d.Events)
			if k++; k%7 == 0 {
				heap.sample()
			}
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(n), "events")
	b.ReportMetric(float64(n)/sec, "events/s")
	b.ReportMetric(float64(heap.peak)/1e6, "peak-heap-MB")
}

// BenchmarkEventBatches streams the default store's events (about 630,000
// over two years) as rows (Events) and as batches (EventBatches), which
// add each row to the columns.
func BenchmarkEventBatches(b *testing.B) {
	for _, path := range []string{"rows", "batches"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = 0
				if path == "rows" {
					for range Events(Config{}) {
						n++
					}
					continue
				}
				for e := range EventBatches(Config{}, 0) {
					n += e.Len()
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
