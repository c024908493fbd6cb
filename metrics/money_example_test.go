package metrics_test

import (
	"fmt"
	"log"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func ExampleNew() {
	price, err := metrics.New("12.30", "CNY")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(price, price.Mul(3))
	_, err = metrics.New("12,30", "CNY")
	fmt.Println(err)
	// Output:
	// CNY 12.30 CNY 36.90
	// metrics: Parse: parsing "12,30": invalid syntax
}

func ExampleMoney_Split() {
	parts, err := metrics.MustNew("10.00", "CNY").Split(3)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(parts)
	// Output:
	// [CNY 3.34 CNY 3.33 CNY 3.33]
}
