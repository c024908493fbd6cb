package shopmetrics_test

import (
	"fmt"
	"log"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// A CNY 10.00 coupon on an order of three lines worth 59.90, 19.90 and
// 0.10: each line's share is exact, the shares add up to the coupon, and
// the gross margin is a ratio that is never NaN.
func Example() {
	coupon := money.MustNew("10.00", "CNY")
	order := metrics.Order{ID: "o1", Currency: coupon.Currency(), Discount: coupon, Lines: []metrics.Line{
		{SKU: "tea", Quantity: 1, UnitPrice: money.MustNew("59.90", "CNY"), UnitCost: money.MustNew("30.00", "CNY")},
		{SKU: "cup", Quantity: 1, UnitPrice: money.MustNew("19.90", "CNY"), UnitCost: money.MustNew("8.00", "CNY")},
		{SKU: "bag", Quantity: 1, UnitPrice: money.MustNew("0.10", "CNY")},
	}}
	shares, err := order.DiscountShares()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(shares)

	net, err := order.Net()
	if err != nil {
		log.Fatal(err)
	}
	var cost money.Sum
	for _, l := range order.Lines {
		cost.Add(l.Cost())
	}
	profit, err := net.Sub(cost.Total(coupon.Currency()))
	if err != nil {
		log.Fatal(err)
	}
	margin, err := metrics.MoneyRatio(profit, net)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(net, profit, margin.Percent(1))
	// Output:
	// [CNY 7.50 CNY 2.49 CNY 0.01]
	// CNY 69.90 CNY 31.90 45.6%
}
