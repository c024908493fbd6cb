package cohort

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// benchOrders returns n orders of n/10 customers over two years, two
// lines each, in time order as an export would give them.
func benchOrders(n int) []metrics.Order {
	rng := rand.New(rand.NewPCG(1, 2))
	cny := metrics.MustCurrency("CNY")
	ids := make([]string, n/10)
	for i := range ids {
		ids[i] = "c" + strconv.Itoa(i)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]metrics.Order, n)
	for i := range out {
		at := start.Add(time.Duration(int64(i) * int64(730*24*time.Hour) / int64(n)))
		out[i] = metrics.Order{
			ID: strconv.Itoa(i), CustomerID: ids[rng.IntN(len(ids))], PlacedAt: at,
			Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{
				{SKU: "a", Quantity: 2, UnitPrice: cny.FromMinor(1990), UnitCost: cny.FromMinor(800)},
				{SKU: "b", Quantity: 1, UnitPrice: cny.FromMinor(5900), Discount: cny.FromMinor(500), UnitCost: cny.FromMinor(2500)},
			},
		}
	}
	return out
}

// BenchmarkMonthlyRetention adds 1M orders to a fresh ledger and builds
// the monthly retention matrix. Target: ≥ 10M orders/s on one core.
func BenchmarkMonthlyRetention(b *testing.B) {
	orders := benchOrders(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		var l Ledger
		for i := range orders {
			if err := l.Add(orders[i]); err != nil {
				b.Fatal(err)
			}
		}
		if m := l.Retention(RetentionConfig{}); len(m.Rows) == 0 {
			b.Fatal("no cohorts")
		}
	}
	b.ReportMetric(float64(len(orders))*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}
