package money_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func ExampleFormatter() {
	price := money.MustNew("1234.5", "CNY")
	zh := money.MustFormatter("zh-CN")
	en := money.MustFormatter("en-US")
	fmt.Println(zh.Format(price))
	fmt.Println(en.Format(money.MustNew("1234.5", "USD")))
	fmt.Println(en.Format(price))
	fmt.Println(en.Format(price.Neg()))
	// Output:
	// ¥1,234.50
	// $1,234.50
	// CN¥1,234.50
	// -CN¥1,234.50
}
