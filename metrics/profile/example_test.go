package profile_test

import (
	"fmt"
	"log"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

func ExampleTable() {
	var t profile.Table
	buyers := []struct {
		c      profile.Customer
		sales  string
		orders int64
		isNew  bool
	}{
		{profile.Customer{ID: "1", Age: 29, Gender: "F"}, "580.00", 2, false},
		{profile.Customer{ID: "2", Age: 22, Gender: "M"}, "120.00", 1, true},
		{profile.Customer{ID: "3", Age: 41, Gender: "F"}, "250.00", 1, false},
		{profile.Customer{ID: "4"}, "50.00", 1, true},
	}
	for _, b := range buyers {
		s := money.MustNew(b.sales, "CNY")
		if err := t.Add(b.c, profile.Buyer{Sales: s, Orders: b.orders, New: b.isNew, Value: s}); err != nil {
			log.Fatal(err)
		}
	}
	for _, r := range t.Rows(profile.DimAgeBand, 0) {
		fmt.Printf("%-7s %s of sales, %d buyers, AOV %v, repurchase %s\n",
			r.Value, r.SalesShare.Percent(0), r.Buyers, r.AOV, r.Repurchase.Percent(0))
	}
	// Output:
	// 25-34   58% of sales, 1 buyers, AOV CNY 290.00, repurchase 100%
	// 35-44   25% of sales, 1 buyers, AOV CNY 250.00, repurchase 0%
	// 18-24   12% of sales, 1 buyers, AOV CNY 120.00, repurchase 0%
	// unknown 5% of sales, 1 buyers, AOV CNY 50.00, repurchase 0%
}
