package metrics_test

import (
	"bytes"
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// A reader numbers the customer IDs of its rows with a Dict. Having cut
// the next rows, it hands their IDs to Touch first, so that the lookups
// of a large dictionary's table do not wait on memory one after another.
func ExampleDict_Touch() {
	var customers metrics.Dict
	rows := []byte("C001\nC002\nC001\nC003\nC002\n")
	ids := bytes.Fields(rows)
	customers.Touch(ids) // changes nothing: only loads memory
	var nums []int32
	for _, id := range ids {
		nums = append(nums, customers.IndexBytes(id))
	}
	fmt.Println(nums)
	fmt.Println(customers.Len(), customers.Strings())
	// Output:
	// [0 1 0 2 1]
	// 3 [C001 C002 C003]
}
