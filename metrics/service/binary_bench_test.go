package service_test

import (
	"sync"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// demo holds the Desk and Returns of the default demo store (two years,
// internal/sample) and its numbers of tickets, orders and SKUs.
type demo struct {
	desk                *service.Desk
	returns             *service.Returns
	tickets, orders, sk int
}

var demoStore = sync.OnceValue(func() demo {
	d := demo{desk: &service.Desk{}, returns: &service.Returns{}}
	skus := map[string]bool{}
	for day := range sample.Days(sample.Config{}) {
		for _, t := range day.Tickets {
			if err := d.desk.Add(t); err != nil {
				panic(err)
			}
			d.tickets++
		}
		for _, o := range day.Orders {
			if err := d.returns.AddOrder(o); err != nil {
				panic(err)
			}
			for _, l := range o.Lines {
				skus[l.SKU] = true
			}
			d.orders++
		}
		for _, r := range day.Refunds {
			if err := d.returns.AddRefund(r); err != nil {
				panic(err)
			}
		}
	}
	d.sk = len(skus)
	return d
})

// BenchmarkBinary reports the size of the encodings of the demo store's
// two years (2,432 tickets, 115 SKUs sold): the Desk
// per ticket, the Returns per SKU, and the time to encode and decode
// each.
func BenchmarkBinary(b *testing.B) {
	d := demoStore()
	b.Run("Desk", func(b *testing.B) {
		var data []byte
		for b.Loop() {
			var err error
			if data, err = d.desk.MarshalBinary(); err != nil {
				b.Fatal(err)
			}
			var back service.Desk
			if err := back.UnmarshalBinary(data); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(data)), "bytes")
		b.ReportMetric(float64(len(data))/float64(d.tickets), "bytes/ticket")
		b.ReportMetric(float64(d.tickets), "tickets")
	})
	b.Run("Returns", func(b *testing.B) {
		var data []byte
		for b.Loop() {
			var err error
			if data, err = d.returns.MarshalBinary(); err != nil {
				b.Fatal(err)
			}
			var back service.Returns
			if err := back.UnmarshalBinary(data); err != nil {
				b.Fatal(err)
			}
		}
		if got := d.returns.Summary(money.MustCurrency("CNY")); len(got.BySKU) == 0 {
			b.Fatal("no SKU in the demo's returns")
		}
		b.ReportMetric(float64(len(data)), "bytes")
		b.ReportMetric(float64(len(data))/float64(d.sk), "bytes/SKU")
		b.ReportMetric(float64(d.sk), "SKUs")
	})
}
