package shopify_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/shopify"
)

// One order of two line items: the Discount Amount includes the line
// discount, so the order-level discount is what is left.
func Example() {
	const export = `Name,Email,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Refunded Amount,Lineitem discount
#1001,alice@example.com,partially_refunded,EUR,46.50,5.00,3.72,55.22,WELCOME10,8.50,2025-11-03 10:00:00 +0100,2,Tee,20.00,TEE-1,10.00,
#1001,,,,,,,,,,,1,Cap,15.00,CAP-1,,3.00
`
	for o, err := range shopify.ReadOrders(strings.NewReader(export), storedata.Options{File: "orders_export.csv"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(o.ID, o.CustomerID, o.Status, o.Promotion, "order discount", o.Discount)
		for _, l := range o.Lines {
			fmt.Println(" ", l.SKU, l.Quantity, "×", l.UnitPrice, "line discount", l.Discount)
		}
		if f, ok := o.Refund(); ok {
			fmt.Println(" refund", f.Amount)
		}
	}
	// Output:
	// #1001 alice@example.com paid WELCOME10 order discount EUR 5.50
	//   TEE-1 2 × EUR 20.00 line discount EUR 0.00
	//   CAP-1 1 × EUR 15.00 line discount EUR 3.00
	//  refund EUR 10.00
}
