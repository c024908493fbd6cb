package promo_test

import (
	"fmt"
	"log"
	"runtime"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// A Ledger leaves its process as bytes: two shards of a store's orders
// are accumulated apart, one is encoded (as a worker sends it), decoded
// into a Ledger set up alike (the same Location, the same promotion
// tracked) and merged with the other. The merged ledger counts the three
// orders of both shards over their two days.
func ExampleLedger_MarshalBinary() {
	cny := money.MustCurrency("CNY")
	day := func(d int) time.Time { return time.Date(2025, 11, d, 10, 0, 0, 0, time.UTC) }
	tea := promo.Promotion{ID: "TEA20", Window: metrics.Period{Start: day(10), End: day(12)},
		Scope: promo.Scope{SKUs: []string{"TEA"}}, Mechanism: promo.Coupon}
	order := func(id string, d int, sku string, coupon string) metrics.Order {
		return metrics.Order{ID: id, Currency: cny, PlacedAt: day(d), Promotion: coupon,
			Lines: []metrics.Line{{SKU: sku, Category: "drinks", Quantity: 1, UnitPrice: cny.FromMinor(4400), UnitCost: cny.FromMinor(2000)}}}
	}
	var shards [2]promo.Ledger
	for _, l := range []*promo.Ledger{&shards[0], &shards[1]} {
		if err := l.Track(tea); err != nil {
			log.Fatal(err)
		}
	}
	for i, o := range []metrics.Order{order("1", 9, "TEA", ""), order("2", 10, "TEA", "TEA20"), order("3", 10, "MUG", "")} {
		if err := shards[i%2].Add(o); err != nil {
			log.Fatal(err)
		}
	}
	data, err := shards[1].MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}

	// Elsewhere: the same setup, then the bytes.
	var received promo.Ledger
	if err := received.Track(tea); err != nil {
		log.Fatal(err)
	}
	if err := received.UnmarshalBinary(data); err != nil {
		log.Fatal(err)
	}
	if err := shards[0].Merge(&received); err != nil {
		log.Fatal(err)
	}
	span, _ := shards[0].Span()
	fmt.Println(shards[0].Orders(), "orders", shards[0].Lines(), "lines over", span.Label())
	fmt.Println(len(data), "bytes")

	// A Ledger not set up alike refuses the bytes.
	var bare promo.Ledger
	fmt.Println(bare.UnmarshalBinary(data))
	// Output:
	// 3 orders 3 lines over 2025-11-09..2025-11-10
	// 75 bytes
	// promo: cannot merge Ledger: decoding an encoding made with 1 tracked promotions, not 0
}

// BenchmarkLedgerBinary measures the encoding of the demo store's Ledger
// (internal/sample's default two-year store, its promotions tracked), one
// MarshalBinary or UnmarshalBinary per op, and reports its size: bytes
// per SKU (the SKUs' part over their count), per order (the whole
// encoding over the orders) and the whole encoding's bytes.
//
// go test ./promo -run XXX -bench LedgerBinary -benchtime 5x -cpu 1
func BenchmarkLedgerBinary(b *testing.B) {
	// The demo store is built in a function of its own and collected, so
	// that its heap does not weigh on the timings.
	st := sample.Generate(sample.Config{})
	loc, promotions := st.Config.Location, st.Promotions
	setup := func(b *testing.B) *promo.Ledger {
		l := &promo.Ledger{Location: loc}
		if err := l.Track(promotions...); err != nil {
			b.Fatal(err)
		}
		return l
	}
	l := setup(b)
	for _, o := range st.Orders {
		if err := l.Add(o); err != nil {
			b.Fatal(err)
		}
	}
	st = nil
	runtime.GC()
	enc, err := l.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	report := func(b *testing.B) {
		skus, skuBytes := promo.EncodedSizes(l)
		b.ReportMetric(float64(skuBytes)/float64(skus), "B/SKU")
		b.ReportMetric(float64(len(enc))/float64(l.Orders()), "B/order")
		b.ReportMetric(float64(len(enc)), "B/encoding")
	}
	b.Run("Marshal", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		for b.Loop() {
			if _, err := l.MarshalBinary(); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
	b.Run("Unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		for b.Loop() {
			if err := setup(b).UnmarshalBinary(enc); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
}
