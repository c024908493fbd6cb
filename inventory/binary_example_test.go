package inventory_test

import (
	"fmt"
	"log"
	"runtime"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Sales leave their process as bytes: two shards of a store's orders are
// accumulated apart, one is encoded (as a worker sends it), decoded and
// merged with the other. TEA sold 2 + 1 units over the two shards, for
// CNY 88.00 + 44.00 of net revenue; the line without a quantity is a data
// problem that travels with the bytes.
func ExampleSales_MarshalBinary() {
	cny := money.MustCurrency("CNY")
	order := func(id string, d int, q int64) metrics.Order {
		return metrics.Order{ID: id, Currency: cny, PlacedAt: time.Date(2025, 11, d, 10, 0, 0, 0, time.UTC),
			Lines: []metrics.Line{{SKU: "TEA", Category: "drinks", Quantity: q, UnitPrice: cny.FromMinor(4400), UnitCost: cny.FromMinor(2000)}}}
	}
	var shards [2]inventory.Sales
	shards[0].AddOrder(order("1", 3, 2))
	shards[1].AddOrder(order("2", 4, 1))
	shards[1].AddOrder(order("3", 4, 0))
	data, err := shards[1].MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}

	// Elsewhere: the bytes.
	var received inventory.Sales
	if err := received.UnmarshalBinary(data); err != nil {
		log.Fatal(err)
	}
	if err := shards[0].Merge(&received); err != nil {
		log.Fatal(err)
	}
	nov, _ := metrics.NewPeriod(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
	// The report of the clean data, and the data problem as the error.
	r, err := inventory.Analyze(inventory.Config{}, inventory.Input{Period: nov, Sales: &shards[0]})
	for _, m := range r.SKUs {
		fmt.Println(m.SKU, m.Units, "units, revenue", m.Revenue.Amount(), "COGS", m.COGS.Amount())
	}
	fmt.Println(err)
	fmt.Println(len(data), "bytes")
	// Output:
	// TEA 3 units, revenue 132.00 COGS 60.00
	// inventory: order "3" line 1 sku "TEA" on 2025-11-04: invalid quantity (quantity 0)
	// 60 bytes
}

// BenchmarkSalesBinary measures the encoding of the demo store's Sales
// (internal/sample's default two-year store, every order added), one
// MarshalBinary or UnmarshalBinary per op, and reports its size: bytes
// per SKU (the SKUs' part over their count), per order (the whole
// encoding over the orders) and the whole encoding's bytes.
//
// go test ./inventory -run XXX -bench SalesBinary -benchtime 5x -cpu 1
func BenchmarkSalesBinary(b *testing.B) {
	// The demo store is built in a function of its own and collected, so
	// that its heap does not weigh on the timings.
	var s inventory.Sales
	orders := 0
	func() {
		for _, o := range sample.Generate(sample.Config{}).Orders {
			if o.Status != metrics.Cancelled {
				orders++
			}
			s.AddOrder(o)
		}
	}()
	if err := s.Err(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	enc, err := s.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	report := func(b *testing.B) {
		skus, skuBytes := inventory.EncodedSizes(&s)
		b.ReportMetric(float64(skuBytes)/float64(skus), "B/SKU")
		b.ReportMetric(float64(len(enc))/float64(orders), "B/order")
		b.ReportMetric(float64(len(enc)), "B/encoding")
	}
	b.Run("Marshal", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		for b.Loop() {
			if _, err := s.MarshalBinary(); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
	b.Run("Unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		for b.Loop() {
			var x inventory.Sales
			if err := x.UnmarshalBinary(enc); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
}
