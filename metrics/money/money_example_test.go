package money_test

import (
	"fmt"
	"log"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func ExampleNew() {
	price, err := money.New("12.30", "CNY")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(price, price.Mul(3))
	_, err = money.New("12,30", "CNY")
	fmt.Println(err)
	// Output:
	// CNY 12.30 CNY 36.90
	// money: Parse: parsing "12,30": invalid syntax
}

func ExampleMoney_Split() {
	parts, err := money.MustNew("10.00", "CNY").Split(3)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(parts)
	// Output:
	// [CNY 3.34 CNY 3.33 CNY 3.33]
}

// An order-level discount of CNY 10.00 spread over three lines in
// proportion to their value: the parts add up to the discount exactly.
func ExampleMoney_Allocate() {
	discount := money.MustNew("10.00", "CNY")
	lines := []decimal.Decimal{
		decimal.RequireFromString("59.90"),
		decimal.RequireFromString("19.90"),
		decimal.RequireFromString("0.10"),
	}
	parts, err := discount.Allocate(lines)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(parts)
	// Output:
	// [CNY 7.50 CNY 2.49 CNY 0.01]
}

func ExampleSum() {
	var s money.Sum // ready to use
	for _, a := range []string{"19.90", "5.05", "0.05"} {
		s.Add(money.MustNew(a, "CNY"))
	}
	s.Add(money.MustNew("3.00", "USD")) // kept apart, never mixed

	var shard money.Sum // computed elsewhere, merged exactly
	shard.Add(money.MustNew("1.00", "CNY"))
	s.Merge(shard)

	fmt.Println(s.Totals(), s.Count())
	// Output:
	// [CNY 26.00 USD 3.00] 5
}

func ExampleMoney_Round() {
	m := money.MustNew("2.345", "CNY")
	fmt.Println(m.Round(money.RoundHalfEven), m.Round(money.RoundHalfUp), m.Round(money.RoundFloor))
	// Output:
	// CNY 2.34 CNY 2.35 CNY 2.34
}
