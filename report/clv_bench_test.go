package report

import (
	"context"
	"flag"
	"runtime"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/internal/sample"
)

var benchModelCustomers = flag.Int("bench.modelcustomers", 310000, "customers of BenchmarkCustomerModel's demo store (310,000: the 1.1M-order store of issue 19)")

// BenchmarkCustomerModel fits the review's customer model (fitCustomers:
// the summaries, the choice by holdout between the BG/NBD and the
// MBG/NBD, the spend model) and values the customers with their
// intervals (customerModel.value), over the ledger of the orders (without
// refunds) of the two-year demo store of -bench.modelcustomers customers,
// as of its last day: the model of the review of the store's December.
// It reports the CPU time per model, and that of the fit and of the
// values apart (fit-cpu-s/op, value-cpu-s/op).
func BenchmarkCustomerModel(b *testing.B) {
	cfg := sample.Config{Customers: *benchModelCustomers}
	var l cohort.Ledger
	var orders int
	var last time.Time
	for o := range sample.Orders(cfg) {
		last = o.PlacedAt
		if l.Location == nil {
			l.Location = o.PlacedAt.Location()
		}
		if err := l.Add(o); err != nil {
			b.Fatal(err)
		}
		orders++
	}
	y, m, d := last.Date()
	asOf := time.Date(y, m, d, 0, 0, 0, 0, l.Location) // the review's as-of day: the last day of the data
	runtime.GC()
	b.ResetTimer()
	c0 := cpuTime()
	var customers int
	var fit, value time.Duration
	for b.Loop() {
		f0 := cpuTime()
		cm := fitCustomers(context.Background(), &l, asOf, nil)
		if cm.err != nil {
			b.Fatal(cm.err)
		}
		v0 := cpuTime()
		if _, _, err := cm.value(defaultLTVMonth, 0.4); err != nil {
			b.Fatal(err)
		}
		fit, value = fit+v0-f0, value+cpuTime()-v0
		customers = len(cm.customers)
	}
	cpu := (cpuTime() - c0).Seconds()
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	b.ReportMetric(fit.Seconds()/float64(b.N), "fit-cpu-s/op")
	b.ReportMetric(value.Seconds()/float64(b.N), "value-cpu-s/op")
	b.ReportMetric(float64(customers), "customers")
	b.ReportMetric(float64(orders), "orders")
}
