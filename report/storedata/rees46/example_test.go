package rees46_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/rees46"
)

// Purchases of one session become one order in USD.
func Example() {
	const data = `event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
2019-10-01 00:04:30 UTC,view,1002532,2053013555631882655,electronics.smartphone,apple,642.69,551377651,3c80f0d6
2019-10-01 00:04:37 UTC,purchase,1002532,2053013555631882655,electronics.smartphone,apple,642.69,551377651,3c80f0d6
2019-10-01 00:09:54 UTC,purchase,1002544,2053013555631882655,electronics.smartphone,apple,161.98,551377651,3c80f0d6
`
	for o, err := range rees46.ReadOrders(strings.NewReader(data), storedata.Options{File: "2019-Oct.csv"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(o.ID, o.CustomerID, o.PlacedAt.Format("15:04:05"), len(o.Lines), "lines")
		for _, l := range o.Lines {
			fmt.Println(" ", l.SKU, l.Name, l.Category, l.Quantity, l.UnitPrice)
		}
	}
	for e, err := range rees46.ReadEvents(strings.NewReader(data), storedata.Options{}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(e.Name, e.Prop("session_id"), e.Prop("price"))
	}
	// Output:
	// 3c80f0d6 551377651 00:04:37 2 lines
	//   1002532 apple electronics.smartphone 1 USD 642.69
	//   1002544 apple electronics.smartphone 1 USD 161.98
	// page_view 3c80f0d6 642.69
	// purchase 3c80f0d6 642.69
	// purchase 3c80f0d6 161.98
}

// The events in batches of columns: one user number per user, the
// session a property number shared by its events.
func ExampleReadEventBatches() {
	const data = `event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
2019-10-01 00:04:30 UTC,view,1002532,2053013555631882655,electronics.smartphone,apple,642.69,551377651,3c80f0d6
2019-10-01 00:04:35 UTC,view,5100816,2053013553375346967,,xiaomi,29.51,512416379,4dfe2c67
2019-10-01 00:04:37 UTC,purchase,1002532,2053013555631882655,electronics.smartphone,apple,642.69,551377651,3c80f0d6
`
	for b, err := range rees46.ReadEventBatches(strings.NewReader(data), storedata.Options{}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(b.Len(), "events of", b.UserIDs.Len(), "users; users", b.User, "names", b.Name)
		for i := range b.Len() {
			e := b.Event(i)
			fmt.Println(" ", e.UserID, e.Name, e.Prop("session_id"), e.Prop("price"), len(e.Props), "properties")
		}
	}
	// Output:
	// 3 events of 2 users; users [0 1 0] names [0 0 1]
	//   551377651 page_view 3c80f0d6 642.69 7 properties
	//   512416379 page_view 4dfe2c67 29.51 6 properties
	//   551377651 purchase 3c80f0d6 642.69 7 properties
}
