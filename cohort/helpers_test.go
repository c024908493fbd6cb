package cohort

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// order returns a paid CNY order of one line: one unit at price, costing
// half the price (so gross profit is half of net sales).
func order(id, cust, day string, price int64, channel string) metrics.Order {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(err)
	}
	cny := money.MustCurrency("CNY")
	return metrics.Order{
		ID: id, CustomerID: cust, PlacedAt: t.Add(10 * time.Hour), Channel: channel,
		Status: metrics.Paid, Currency: cny,
		Lines: []metrics.Line{{SKU: "S", Category: "tea", Quantity: 1,
			UnitPrice: cny.FromMinor(price * 100), UnitCost: cny.FromMinor(price * 50)}},
	}
}

// handStore is the hand-built store of the retention tests:
//
//	a: 2025-01-05 ¥100, 2025-02-10 ¥50, 2025-04-01 ¥30
//	b: 2025-01-20 ¥200
//	c: 2025-02-03 ¥80, 2025-02-20 ¥20, 2025-03-15 ¥40
func handStore() []metrics.Order {
	return []metrics.Order{
		order("1", "a", "2025-01-05", 100, "ads"),
		order("2", "b", "2025-01-20", 200, "search"),
		order("3", "c", "2025-02-03", 80, "ads"),
		order("4", "a", "2025-02-10", 50, "search"),
		order("5", "c", "2025-02-20", 20, "ads"),
		order("6", "c", "2025-03-15", 40, "ads"),
		order("7", "a", "2025-04-01", 30, "ads"),
	}
}

func ledgerOf(t testing.TB, orders []metrics.Order) *Ledger {
	t.Helper()
	var l Ledger
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return &l
}

// opts lets go-cmp compare money.Currency, a comparable value without
// an Equal method.
var opts = cmpopts.EquateComparable(money.Currency{})

// approx compares interpolated percentiles: float64 arithmetic on whole
// days is exact to well within 1e-12 relative.
var approx = cmpopts.EquateApprox(1e-12, 0)
