package metrics_test

import (
	"iter"
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// benchOrders builds a pool of orders of 5 lines each whose lines share one
// template array, so that 10M lines are held in memory cheaply: the pool is
// yielded passes times.
func benchOrders(poolOrders, passes int) (iter.Seq[metrics.Order], int) {
	const linesPerOrder = 5
	cur := money.MustCurrency("CNY")
	const skus = 1000
	tmpl := make([]metrics.Line, skus+linesPerOrder)
	for i := range tmpl {
		k := i % skus
		tmpl[i] = metrics.Line{
			SKU:       "SKU-" + strconv.Itoa(k),
			Category:  "cat-" + strconv.Itoa(k%20),
			Quantity:  int64(1 + k%3),
			UnitPrice: cur.FromMinor(int64(500 + 37*k)),
			UnitCost:  cur.FromMinor(int64(200 + 11*k)),
		}
		if k%7 == 0 {
			tmpl[i].Discount = cur.FromMinor(100)
		}
	}
	customers := make([]string, poolOrders/2+1)
	for i := range customers {
		customers[i] = "cust-" + strconv.Itoa(i)
	}
	channels := []string{"ads", "search", "social", "direct"}
	start := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	pool := make([]metrics.Order, poolOrders)
	for i := range pool {
		j := (i * 7919) % skus
		o := metrics.Order{
			ID:         "o" + strconv.Itoa(i),
			CustomerID: customers[(i*31)%len(customers)],
			PlacedAt:   start.Add(time.Duration(i%(29*24*60)) * time.Minute),
			Channel:    channels[i%len(channels)],
			Status:     metrics.Paid,
			Currency:   cur,
			Lines:      tmpl[j : j+linesPerOrder],
			Shipping:   cur.FromMinor(800),
		}
		if i%5 == 0 {
			o.Discount = cur.FromMinor(1000)
		}
		pool[i] = o
	}
	seq := func(yield func(metrics.Order) bool) {
		for range passes {
			for i := range pool {
				if !yield(pool[i]) {
					return
				}
			}
		}
	}
	return seq, poolOrders * passes * linesPerOrder
}

// BenchmarkSummarize summarises 10M order lines (a pool of 200,000 orders
// of 5 lines, 100,000 customers, 1,000 SKUs, yielded 10 times) per
// operation. The first pass allocates the per-customer and per-group
// records (one allocation per new customer, map growth); later passes add
// nothing new, so allocs/line measures the steady state.
func BenchmarkSummarize(b *testing.B) {
	orders, lines := benchOrders(200_000, 10)
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	b.ReportAllocs()
	cpu0 := cputime.Used()
	cpuOK := cpu0 > 0
	b.ResetTimer()
	for b.Loop() {
		s := metrics.Summarizer{Period: nov}
		for o := range orders {
			if err := s.Add(o); err != nil {
				b.Fatal(err)
			}
		}
		if r := s.Result(); len(r) != 1 || r[0].Orders != int64(lines/5) {
			b.Fatalf("unexpected result %+v", r)
		}
	}
	reportLines(b, lines, cpu0, cpuOK)
}

// BenchmarkSummarizeSteady measures the steady state alone: the Summarizer
// has already seen every customer, SKU and channel.
func BenchmarkSummarizeSteady(b *testing.B) {
	orders, lines := benchOrders(200_000, 10)
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	s := metrics.Summarizer{Period: nov}
	for o := range orders {
		if err := s.Add(o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu0 := cputime.Used()
	cpuOK := cpu0 > 0
	b.ResetTimer()
	for b.Loop() {
		for o := range orders {
			if err := s.Add(o); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportLines(b, lines, cpu0, cpuOK)
}

// reportLines reports lines/s of wall-clock time and, where the CPU time is
// known, lines per CPU second: on a shared machine the second is the
// throughput of one core.
func reportLines(b *testing.B, lines int, cpu0 time.Duration, cpuOK bool) {
	total := float64(lines) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "lines/s")
	if cpu1 := cputime.Used(); cpu1 > 0 && cpuOK {
		b.ReportMetric(total/(cpu1-cpu0).Seconds(), "lines/cpu-s")
	}
}

// BenchmarkValidate validates 1M order lines (200,000 orders of 5 lines)
// against no refunds.
func BenchmarkValidate(b *testing.B) {
	orders, lines := benchOrders(200_000, 1)
	b.ReportAllocs()
	cpu0 := cputime.Used()
	cpuOK := cpu0 > 0
	b.ResetTimer()
	for b.Loop() {
		if err := metrics.Validate(orders, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportLines(b, lines, cpu0, cpuOK)
}

// BenchmarkSummarizerMerge merges two summarizers of 1M lines each, with
// 100,000 customers in common.
func BenchmarkSummarizerMerge(b *testing.B) {
	orders, _ := benchOrders(200_000, 1)
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	var x metrics.Summarizer
	x.Period = nov
	for o := range orders {
		if err := x.Add(o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		s := metrics.Summarizer{Period: nov}
		if err := s.Merge(&x); err != nil {
			b.Fatal(err)
		}
		if err := s.Merge(&x); err != nil {
			b.Fatal(err)
		}
	}
}
