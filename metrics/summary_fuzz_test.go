package metrics_test

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// FuzzSummarizerAdd checks that Summarizer.Add never panics on data and
// accepts exactly the orders Validate finds nothing wrong with.
func FuzzSummarizerAdd(f *testing.F) {
	f.Add(int64(2), "10.00", "1.00", "4.00", "0.50", "CNY", int64(1), "3")
	f.Add(int64(0), "10.00", "0", "4.00", "0", "CNY", int64(1), "3")
	f.Add(int64(1), "0.001", "0", "0", "0.001", "CNY", int64(3), "0.5")
	f.Add(int64(1), "5", "6", "0", "0", "USD", int64(1), "1")
	f.Add(int64(9223372036854775807), "92233720368547758.07", "0", "0", "1", "CNY", int64(2), "1")
	f.Fuzz(func(t *testing.T, q int64, price, disc, cost, orderDisc, code string, q2 int64, price2 string) {
		cny := money.MustCurrency("CNY")
		cur, err := money.ParseCurrency(code)
		if err != nil {
			return
		}
		p, e1 := cur.Parse(price)
		d, e2 := cny.Parse(disc)
		c, e3 := cny.Parse(cost)
		od, e4 := cny.Parse(orderDisc)
		p2, e5 := cny.Parse(price2)
		if e1 != nil || e2 != nil || e3 != nil || e4 != nil || e5 != nil {
			return
		}
		o := metrics.Order{ID: "o", CustomerID: "c", PlacedAt: time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC),
			Status: metrics.Paid, Currency: cny, Discount: od, Lines: []metrics.Line{
				{SKU: "A", Quantity: q, UnitPrice: p, Discount: d, UnitCost: c},
				{SKU: "B", Quantity: q2, UnitPrice: p2},
			}}
		s := metrics.Summarizer{Period: metrics.MonthOf(2025, time.November, time.UTC)}
		addErr := s.Add(o)
		valErr := metrics.Validate(slices.Values([]metrics.Order{o}), nil)
		if (addErr == nil) != (valErr == nil) {
			t.Fatalf("Add error %v, Validate error %v", addErr, valErr)
		}
		if addErr == nil {
			r := s.Result()
			net, err := o.Net()
			if err != nil || len(r) != 1 || !r[0].NetSales.Equal(net) {
				t.Fatalf("net sales %v; Order.Net %v, %v", r, net, err)
			}
		}
	})
}
