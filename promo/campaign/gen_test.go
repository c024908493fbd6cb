package campaign

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// day returns midnight UTC of a day of January 2025 (negative days
// count back into December 2024).
func jan(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }

// order returns a one-line order of customer c on day d with net sales
// net and cost cost (whole CNY).
func order(id, c string, d int, net, cost int64) metrics.Order {
	cny := money.MustCurrency("CNY")
	return metrics.Order{ID: id, CustomerID: c, PlacedAt: jan(d).Add(10 * time.Hour), Status: metrics.Paid, Currency: cny,
		Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: cny.FromMinor(net * 100), UnitCost: cny.FromMinor(cost * 100)}}}
}

func cny(s string) money.Money { return money.MustNew(s, "CNY") }

func window(from, to int) metrics.Period { return metrics.Period{Start: jan(from), End: jan(to)} }
