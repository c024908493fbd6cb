package metrics

import (
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestFastPathMatchesDecimal checks that the integer fast path of
// Summarizer.Add gives exactly what the decimal path gives, on amounts that
// are whole cents, that have sub-cent decimals, or that are huge.
func TestFastPathMatchesDecimal(t *testing.T) {
	cny := money.MustCurrency("CNY")
	nov := MonthOf(2025, time.November, time.UTC)
	amount := func(t *rapid.T, label string) money.Money {
		switch rapid.IntRange(0, 4).Draw(t, label+"Kind") {
		case 0:
			return money.Money{} // the zero Money: no currency
		case 1: // a tenth of a cent
			m, _ := money.NewFromDecimal(decimal.New(rapid.Int64Range(0, 100000).Draw(t, label), -3), "CNY")
			return m
		case 2: // near the int64 limit
			return cny.FromMinor(rapid.Int64Range(1<<61, 1<<62).Draw(t, label))
		}
		return cny.FromMinor(rapid.Int64Range(0, 100000).Draw(t, label))
	}
	rapid.Check(t, func(t *rapid.T) {
		fast := Summarizer{Period: nov}
		slow := Summarizer{Period: nov, noFast: true}
		for i := range rapid.IntRange(1, 10).Draw(t, "orders") {
			o := Order{ID: strconv.Itoa(i), CustomerID: rapid.SampledFrom([]string{"", "a", "b"}).Draw(t, "customer"),
				PlacedAt: nov.Start.Add(time.Duration(i) * time.Hour), Currency: cny,
				Channel: rapid.SampledFrom([]string{"x", "y"}).Draw(t, "channel")}
			for range rapid.IntRange(0, 3).Draw(t, "lines") {
				o.Lines = append(o.Lines, Line{SKU: rapid.SampledFrom([]string{"A", "B"}).Draw(t, "sku"),
					Quantity: rapid.Int64Range(1, 3).Draw(t, "qty"), UnitPrice: amount(t, "price"),
					UnitCost: amount(t, "cost"), Discount: amount(t, "discount")})
			}
			o.Discount, o.Shipping = amount(t, "orderDiscount"), amount(t, "shipping")
			errF, errS := fast.Add(o), slow.Add(o)
			if (errF == nil) != (errS == nil) {
				t.Fatalf("fast error %v, slow error %v", errF, errS)
			}
		}
		cc := cmp.Comparer(func(a, b money.Currency) bool { return a == b })
		if diff := cmp.Diff(slow.Result(), fast.Result(), cc); diff != "" {
			t.Fatalf("fast path != decimal path (-slow +fast):\n%s", diff)
		}
	})
}
