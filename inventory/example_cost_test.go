package inventory_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// A seasonal parka sells for 250, costs 100 and is cleared at 80; demand
// is normal with mean 350 and σ 100. Newsvendor gives the order quantity,
// NewsvendorAt what that order is expected to bring.
func ExampleNewsvendorAt() {
	price, cost, salvage := money.MustNew("250", "USD"), money.MustNew("100", "USD"), money.MustNew("80", "USD")
	q, _, err := inventory.Newsvendor(350, 100, price, cost, salvage)
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := inventory.NewsvendorAt(q, 350, 100, price, cost, salvage)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("order %.0f: sell %.1f, %.1f left over, %.1f short\n", out.Quantity, out.Sales, out.Leftover, out.LostSales)
	fmt.Println("expected profit", out.Profit, "· mismatch cost", out.Cost)
	// Output:
	// order 469: sell 344.2, 124.4 left over, 5.8 short
	// expected profit USD 49146.55 · mismatch cost USD 3353.45
}

// The yearly cost of an order size: ordering plus holding.
func ExampleEOQCost() {
	s, h := money.MustNew("100", "USD"), money.MustNew("6", "USD")
	q, _ := inventory.EOQ(1200, s, h)
	c, _ := inventory.EOQCost(1200, q, s, h)
	fmt.Printf("EOQ %.0f units a time, %v a year\n", q, c)
	// Output: EOQ 200 units a time, USD 1200.00 a year
}
