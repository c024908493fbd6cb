package completejourney_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/completejourney"
)

// A basket's lines become one order; the retailer's discounts are line
// discounts, so the net is Σ sales_value.
func Example() {
	const data = `"household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
"2261","309","31625220889","940996",1,3.86,0.43,0,0,5,"2017-01-28T14:06:53-05:00"
"2261","309","31625220889","873902",3,4.50,0.9,0.5,0,5,"2017-01-28T14:06:53-05:00"
`
	for o, err := range completejourney.ReadTransactions(strings.NewReader(data), storedata.Options{File: "transactions.csv"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(o.ID, o.CustomerID, o.Channel, o.Currency)
		for _, l := range o.Lines {
			fmt.Println(strings.TrimRight(fmt.Sprintf("  %s %d × %s − %s %s", l.SKU, l.Quantity, l.UnitPrice.Amount(), l.Discount.Amount(), l.Promotion), " "))
		}
	}
	// Output:
	// 31625220889 2261 store 309 USD
	//   940996 1 × 4.29 − 0.43
	//   873902 3 × 1.80 − 0.90 coupon
}
