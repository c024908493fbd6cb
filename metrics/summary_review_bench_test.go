package metrics_test

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// reviewOrders returns n orders of customers drawn uniformly from
// customers (one in 20 a guest), of 1 to 3 lines of 5,000 SKUs, spread
// over the four months from August to November 2025 in time order, as a
// store's export gives them. Each order's customer ID is a string of its
// own, as a reader makes them, so that what a Summarizer keeps of an ID
// counts in its memory. The lines of all orders share one template array.
func reviewOrders(n, customers int) []metrics.Order {
	r := rand.New(rand.NewPCG(19, 36))
	cur := money.MustCurrency("CNY")
	const skus = 5000
	tmpl := make([]metrics.Line, skus+3)
	for i := range tmpl {
		k := i % skus
		tmpl[i] = metrics.Line{SKU: "SKU-" + strconv.Itoa(k), Category: "cat-" + strconv.Itoa(k%50),
			Quantity: int64(1 + k%3), UnitPrice: cur.FromMinor(int64(500 + 37*k)), UnitCost: cur.FromMinor(int64(200 + 11*k))}
	}
	channels := []string{"ads", "search", "social", "direct", "email"}
	start := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	span := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC).Sub(start)
	out := make([]metrics.Order, n)
	var id []byte
	for i := range out {
		o := &out[i]
		j := r.IntN(skus)
		o.ID = "o" + strconv.Itoa(i)
		if r.IntN(20) > 0 {
			id = strconv.AppendInt(append(id[:0], "cust-"...), int64(1_000_000+r.IntN(customers)), 10)
			o.CustomerID = string(id)
		}
		o.PlacedAt = start.Add(span / time.Duration(n) * time.Duration(i))
		o.Channel = channels[r.IntN(len(channels))]
		o.Status = metrics.Paid
		o.Currency = cur
		o.Lines = tmpl[j : j+1+r.IntN(3)]
		o.Shipping = cur.FromMinor(800)
		if i%5 == 0 {
			o.Discount = cur.FromMinor(100)
		}
	}
	return out
}

// BenchmarkSummarizeReview is shaped like the review of issue 19 (1.08M
// orders of 310k customers): 1M orders of 300,000 customers (about
// 289,000 of whom order), 1 to 3 lines each, fed in time order to four
// Summarizers of four consecutive months, August to November 2025, every
// order to each, as report's builder does. It reports the CPU time per
// order (for the four Adds together) and, after the last operation, the
// heap the four Summarizers hold once the orders are dropped (HeapAlloc
// after a GC, less the heap before the orders were made) per customer
// record they keep, over all four (a customer is kept by each Summarizer
// whose period ends after their first order).
func BenchmarkSummarizeReview(b *testing.B) {
	const n, customers = 1_000_000, 300_000
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	orders := reviewOrders(n, customers)
	var sums [4]*metrics.Summarizer
	b.ReportAllocs()
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		for k := range sums {
			sums[k] = &metrics.Summarizer{Period: metrics.MonthOf(2025, time.August+time.Month(k), time.UTC)}
		}
		for i := range orders {
			for _, s := range sums {
				if err := s.Add(orders[i]); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	if cpu1 := cputime.Used(); cpu0 > 0 && cpu1 > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(n)/float64(b.N), "cpu-ns/order")
	}
	b.StopTimer()
	orders = nil
	runtime.GC()
	runtime.ReadMemStats(&ms)
	held := int64(ms.HeapAlloc) - int64(base)
	kept := 0
	for _, s := range sums {
		c, _, _, _ := metrics.EncodedSizes(s)
		kept += c
	}
	b.ReportMetric(float64(held)/float64(kept), "B/customer")
	b.ReportMetric(float64(kept), "customers")
	if r := sums[3].Result(); len(r) != 1 || r[0].Buyers == 0 || r[0].Period.Start.Month() != time.November {
		b.Fatalf("unexpected result %+v", r)
	}
	runtime.KeepAlive(orders)
}
