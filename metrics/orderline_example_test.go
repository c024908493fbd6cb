package metrics_test

import (
	"fmt"
	"log"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// A CNY 10 coupon on an order of three lines worth CNY 10, 15 (after a
// CNY 5 line discount) and 5: AppendLineMinor gives each line's amounts in
// cents, with its share of the coupon by the largest-remainder rule, without
// allocating. Reuse the slice from order to order.
func ExampleOrder_AppendLineMinor() {
	o := metrics.Order{ID: "A-1001", Currency: money.MustCurrency("CNY"), Discount: money.MustNew("10.00", "CNY"),
		Lines: []metrics.Line{
			{SKU: "tea", Quantity: 1, UnitPrice: money.MustNew("10.00", "CNY"), UnitCost: money.MustNew("4.00", "CNY")},
			{SKU: "cup", Quantity: 2, UnitPrice: money.MustNew("10.00", "CNY"), Discount: money.MustNew("5.00", "CNY")},
			{SKU: "bag", Quantity: 1, UnitPrice: money.MustNew("5.00", "CNY")},
		}}
	var lines []metrics.LineMinor
	lines, ok := o.AppendLineMinor(lines[:0])
	if !ok {
		// Amounts with extra decimals, or invalid ones: the decimal path.
		shares, err := o.DiscountShares()
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(shares)
		return
	}
	for i, l := range lines {
		fmt.Printf("%s: gross %d, discount %d, share %d, net %d (cents)\n", o.Lines[i].SKU, l.Gross, l.Discount, l.Share, l.Net())
	}
	// Output:
	// tea: gross 1000, discount 0, share 333, net 667 (cents)
	// cup: gross 2000, discount 500, share 500, net 1000 (cents)
	// bag: gross 500, discount 0, share 167, net 333 (cents)
}
