package storedata

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// benchOrderLines writes n order lines in about n/3 orders.
func benchOrderLines(b *testing.B, n int) []byte {
	r := rand.New(rand.NewPCG(3, 4))
	cny := money.MustCurrency("CNY")
	var orders []metrics.Order
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for lines := 0; lines < n; {
		o := metrics.Order{ID: fmt.Sprintf("o%08d", len(orders)), CustomerID: fmt.Sprintf("c%06d", r.IntN(200_000)),
			PlacedAt: start.Add(time.Duration(r.IntN(365*86400)) * time.Second), Channel: "search", Status: metrics.Paid, Currency: cny,
			Discount: cny.FromMinor(500), Shipping: cny.FromMinor(600), Tax: cny.Zero()}
		for k := 1 + r.IntN(5); k > 0 && lines < n; k-- {
			o.Lines = append(o.Lines, metrics.Line{SKU: fmt.Sprintf("SKU-%05d", r.IntN(10_000)), Name: "茶叶礼盒", Category: "drinks",
				Quantity: 1 + r.Int64N(3), UnitPrice: cny.FromMinor(100 + r.Int64N(50_000)), Discount: cny.Zero(), UnitCost: cny.FromMinor(50 + r.Int64N(20_000))})
			lines++
		}
		orders = append(orders, o)
	}
	var buf bytes.Buffer
	if err := WriteOrders(&buf, slices.Values(orders)); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkReadOrders reads 1M order lines from memory per iteration.
func BenchmarkReadOrders(b *testing.B) {
	const n = 1_000_000
	data := benchOrderLines(b, n)
	b.SetBytes(int64(len(data)))
	cpu0 := cputime.Used()
	b.ResetTimer()
	for range b.N {
		lines := 0
		for o, err := range ReadOrders(bytes.NewReader(data), Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			lines += len(o.Lines)
		}
		if lines != n {
			b.Fatalf("read %d lines, want %d", lines, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	if cpu := cputime.Used() - cpu0; cpu0 > 0 && cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "lines/cpu-s")
	}
}
