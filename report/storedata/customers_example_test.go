package storedata_test

import (
	"fmt"
	"strings"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

func ExampleReadCustomers() {
	in := "customer_id,age,gender,city_tier,income\nC1,29,F,1,50-74K\nC2,,M,,\nC3,abc,F,2,\n"
	for c, err := range storedata.ReadCustomers(strings.NewReader(in), storedata.Options{File: "customers.csv"}) {
		if err != nil {
			fmt.Println("rejected:", err)
			continue
		}
		fmt.Printf("%s age %d gender %s tier %q labels %v\n", c.ID, c.Age, c.Gender, c.CityTier, c.Labels)
	}
	// Output:
	// C1 age 29 gender F tier "1" labels map[income:50-74K]
	// C2 age 0 gender M tier "" labels map[]
	// rejected: storedata: customers.csv:4: column 2 (age): "abc" is not an integer
}
