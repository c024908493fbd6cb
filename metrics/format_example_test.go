package metrics_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func ExampleFormatter() {
	price := metrics.MustNew("1234.5", "CNY")
	zh := metrics.MustFormatter("zh-CN")
	en := metrics.MustFormatter("en-US")
	fmt.Println(zh.Format(price))
	fmt.Println(en.Format(metrics.MustNew("1234.5", "USD")))
	fmt.Println(en.Format(price))
	fmt.Println(en.Format(price.Neg()))
	// Output:
	// ¥1,234.50
	// $1,234.50
	// CN¥1,234.50
	// -CN¥1,234.50
}
