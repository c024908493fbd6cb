package taobao_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/taobao"
)

// Unix seconds read on China days; behaviours in the review's vocabulary.
func Example() {
	const data = `1,2268318,2520377,pv,1511544070
1,2268318,2520377,cart,1511544100
1,2268318,2520377,buy,1511616481
`
	for e, err := range taobao.ReadEvents(strings.NewReader(data), storedata.Options{File: "UserBehavior.csv", Location: taobao.China}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(e.UserID, e.Time.Format("2006-01-02 15:04:05 -0700"), e.Name, e.Prop(taobao.PropItem))
	}
	// Output:
	// 1 2017-11-25 01:21:10 +0800 page_view 2268318
	// 1 2017-11-25 01:21:40 +0800 add_to_cart 2268318
	// 1 2017-11-25 21:28:01 +0800 purchase 2268318
}

// The same rows in batches of columns: users and names are numbers of
// the batches' shared dictionaries, times Unix nanoseconds.
func ExampleReadEventBatches() {
	const data = `1,2268318,2520377,pv,1511544070
2,2333346,2520771,pv,1511561733
1,2268318,2520377,buy,1511616481
`
	for b, err := range taobao.ReadEventBatches(strings.NewReader(data), storedata.Options{Location: taobao.China, BatchSize: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("batch of", b.Len(), "users", b.User, "names", b.Name)
		for i := range b.Len() {
			e := b.Event(i)
			fmt.Println(" ", e.UserID, e.Time.Format("2006-01-02 15:04:05 -0700"), e.Name, e.Prop(taobao.PropItem))
		}
	}
	// Output:
	// batch of 2 users [0 1] names [0 0]
	//   1 2017-11-25 01:21:10 +0800 page_view 2268318
	//   2 2017-11-25 06:15:33 +0800 page_view 2333346
	// batch of 1 users [0] names [1]
	//   1 2017-11-25 21:28:01 +0800 purchase 2268318
}
