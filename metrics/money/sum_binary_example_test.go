package money_test

import (
	"fmt"
	"log"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Sums of two shards, summed on two machines, travel as bytes and merge
// into the sum of all the amounts.
func ExampleSum_MarshalBinary() {
	var shards [2]money.Sum
	shards[0].Add(money.MustNew("119.80", "CNY"))
	shards[0].Add(money.MustNew("12.30", "USD"))
	shards[1].Add(money.MustNew("80.20", "CNY"))

	var all money.Sum
	for i := range shards {
		data, err := shards[i].MarshalBinary() // on the shard's machine
		if err != nil {
			log.Fatal(err)
		}
		var s money.Sum // where they meet
		if err := s.UnmarshalBinary(data); err != nil {
			log.Fatal(err)
		}
		all.Merge(s)
	}
	fmt.Println(all.Totals(), all.Count())
	// Output: [CNY 200.00 USD 12.30] 3
}
