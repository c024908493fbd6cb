package cohort_test

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// demoStore is a small hand-built store: six customers over four months.
func demoStore() []metrics.Order {
	cny := metrics.MustCurrency("CNY")
	mk := func(id, cust, day string, yuan int64) metrics.Order {
		t, err := time.Parse("2006-01-02", day)
		if err != nil {
			log.Fatal(err)
		}
		return metrics.Order{
			ID: id, CustomerID: cust, PlacedAt: t.Add(12 * time.Hour), Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "tea", Quantity: 1, UnitPrice: cny.FromMinor(yuan * 100), UnitCost: cny.FromMinor(yuan * 60)}},
		}
	}
	return []metrics.Order{
		mk("1", "ann", "2025-01-03", 120), mk("2", "bob", "2025-01-10", 80),
		mk("3", "cat", "2025-01-28", 60), mk("4", "ann", "2025-02-02", 90),
		mk("5", "dan", "2025-02-14", 200), mk("6", "bob", "2025-03-01", 40),
		mk("7", "ann", "2025-03-20", 150), mk("8", "eve", "2025-03-22", 70),
		mk("9", "dan", "2025-04-05", 110), mk("10", "ann", "2025-04-18", 60),
		mk("11", "fay", "2025-04-20", 30), mk("12", "eve", "2025-04-25", 45),
	}
}

// The monthly retention table of a store: the share of each month's new
// customers who ordered again 1, 2, 3 months later. "n/a" marks months
// that have not happened yet for a cohort.
func Example_monthlyRetention() {
	var l cohort.Ledger
	for _, o := range demoStore() {
		if err := l.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	m := l.Retention(cohort.RetentionConfig{Grain: metrics.Month})
	for _, row := range m.Table(cohort.Rate) {
		fmt.Println(strings.Join(row, "\t"))
	}
	// Output:
	// cohort	customers	M0	M1	M2	M3
	// 2025-01	3	100.00%	33.33%	66.67%	33.33%
	// 2025-02	1	100.00%	0.00%	100.00%	n/a
	// 2025-03	1	100.00%	100.00%	n/a	n/a
	// 2025-04	1	100.00%	n/a	n/a	n/a
}
