package category_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/category"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The penetration of each category among December's buyers, the share of
// buyers whose main category it is, and the categories new customers
// started with.
func Example() {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	buy := func(id, customer string, day int, lines ...metrics.Line) metrics.Order {
		return metrics.Order{ID: id, CustomerID: customer, PlacedAt: time.Date(2025, 12, day, 10, 0, 0, 0, time.UTC),
			Status: metrics.Paid, Currency: money.MustCurrency("CNY"), Lines: lines, Discount: cny("0"), Shipping: cny("0"), Tax: cny("0")}
	}
	item := func(sku, price string) metrics.Line {
		return metrics.Line{SKU: sku, Quantity: 1, UnitPrice: cny(price), Discount: cny("0"), UnitCost: cny("0")}
	}
	t := category.Tracker{
		Period:    metrics.MonthOf(2025, time.December, time.UTC),
		Catalogue: map[string]string{"TEE": "apparel", "JEANS": "apparel", "MUG": "home"}, // CANDLE has no category
	}
	orders := []metrics.Order{
		buy("O1", "ann", 1, item("TEE", "99"), item("MUG", "39")),
		buy("O2", "bob", 2, item("JEANS", "199")),
		buy("O3", "cat", 3, item("MUG", "39"), item("CANDLE", "59")),
		buy("O4", "ann", 9, item("CANDLE", "59")),
	}
	for _, o := range orders {
		if err := t.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	r := t.Result(category.Config{})
	fmt.Printf("%d buyers, %d new\n", r.Buyers, r.NewCustomers)
	for _, row := range r.Categories {
		name := row.Category
		if name == "" {
			name = "(uncategorised)"
		}
		fmt.Printf("%-16s penetration %s  main %s  sales %s  new customers' start %s\n",
			name, row.Penetration.Percent(1), row.MainShare.Percent(1), row.SalesShare.Percent(1), row.Start.Percent(1))
	}
	// Output:
	// 3 buyers, 3 new
	// (uncategorised)  penetration 66.7%  main 33.3%  sales 23.9%  new customers' start 20.1%
	// apparel          penetration 66.7%  main 66.7%  sales 60.3%  new customers' start 57.2%
	// home             penetration 66.7%  main 0.0%  sales 15.8%  new customers' start 22.7%
}
