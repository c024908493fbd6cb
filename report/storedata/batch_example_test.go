package storedata_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// Read an order-lines file into batches of columns and add up the units
// sold per SKU in a slice indexed by the SKUs' dictionary numbers, which
// every batch of the reading shares. Errors come where ReadOrders gives
// them, after the batch of the orders before them.
func ExampleReadOrderBatches() {
	const orderLines = `order_id,customer_id,placed_at,currency,sku,quantity,unit_price
1001,c1,2025-11-11T20:00:00+08:00,CNY,TEA-01,2,59.90
1001,c1,2025-11-11T20:00:00+08:00,CNY,CUP-02,1,19.90
1002,c2,2025-11-11T23:59:00+08:00,CNY,TEA-01,one,59.90
1003,,2025-11-12T00:05:00+08:00,CNY,TEA-01,1,59.90
1004,c1,2025-11-12T09:30:00+08:00,CNY,CUP-02,3,19.95
`
	opts := storedata.Options{File: "order_lines.csv", Location: time.FixedZone("CST", 8*3600), BatchSize: 2}
	var units []int64 // by SKU number
	var skus []string
	for b, err := range storedata.ReadOrderBatches(strings.NewReader(orderLines), opts) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("batch of %d orders, %d lines; first %s placed %s\n",
			b.Len(), b.LineCount(), b.IDs.At(0), b.Order(0).PlacedAt.Format("2006-01-02 15:04 MST"))
		for j, sku := range b.SKU {
			for int(sku) >= len(units) {
				units = append(units, 0)
			}
			units[sku] += b.Quantity[j]
		}
		skus = b.SKUs.Strings()
	}
	for i, n := range units {
		fmt.Printf("%s: %d units\n", skus[i], n)
	}
	// Output:
	// batch of 1 orders, 2 lines; first 1001 placed 2025-11-11 20:00 CST
	// storedata: order_lines.csv:4: column 6 (quantity): "one" is not an integer
	// storedata: order_lines.csv:4: order 1002 rejected: 1 row(s) from line 4
	// batch of 2 orders, 2 lines; first 1003 placed 2025-11-12 00:05 CST
	// TEA-01: 3 units
	// CUP-02: 4 units
}

// Read an events file into batches: users, names and properties are
// numbers of dictionaries that the batches share, and times Unix
// nanoseconds; Event(i) gives an event back as ReadEvents yields it.
func ExampleReadEventBatches() {
	const events = `user_id,time,name,session_id,source
u1,2025-11-11T20:00:00+08:00,page_view,s1,ads
u2,2025-11-11T20:00:03+08:00,page_view,s2,
u1,2025-11-11T20:01:00+08:00,add_to_cart,s1,ads
`
	opts := storedata.Options{File: "events.csv", ReuseSlices: true}
	for b, err := range storedata.ReadEventBatches(strings.NewReader(events), opts) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		for i := range b.Len() {
			fmt.Printf("user #%d %s at %d: %s, %d properties\n", b.User[i], b.UserIDs.String(b.User[i]),
				b.Time[i]/1e9, b.Names.String(b.Name[i]), b.PropStart[i+1]-b.PropStart[i])
		}
		fmt.Println(b.Event(2).Time, b.Event(2).Props)
	}
	// Output:
	// user #0 u1 at 1762862400: page_view, 2 properties
	// user #1 u2 at 1762862403: page_view, 1 properties
	// user #0 u1 at 1762862460: add_to_cart, 2 properties
	// 2025-11-11 12:01:00 +0000 UTC [{session_id s1} {source ads}]
}

// Read a directory and sum its net line value per channel from the
// batches of its orders: the orders of Input.Orders, read again as
// columns, in the store's zone taken from the files' offsets. A batch
// ends where Dir rejected a row, as ReadOrderBatches ends one before
// each error.
func ExampleSource_OrderBatches() {
	dir, err := os.MkdirTemp("", "store")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	const orderLines = `order_id,placed_at,channel,currency,sku,quantity,unit_price,line_discount
1001,2025-11-11T20:00:00+08:00,ads,CNY,TEA-01,2,59.90,10.00
1002,2025-11-12T00:05:00+08:00,search,CNY,TEA-01,x,59.90,
1003,2025-11-12T09:00:00+08:00,ads,CNY,CUP-02,1,19.90,
`
	if err := os.WriteFile(filepath.Join(dir, "order_lines.csv"), []byte(orderLines), 0o644); err != nil {
		log.Fatal(err)
	}
	src, err := storedata.Dir(dir, storedata.Options{ReuseSlices: true})
	if err != nil {
		log.Fatal(err)
	}
	net := map[string]int64{} // minor units, by channel
	for b := range src.OrderBatches() {
		for i := range b.Len() {
			start, end := b.Lines(i)
			for j := start; j < end; j++ {
				price, ok1 := b.UnitPrice.MinorAt(j)
				discount, ok2 := b.LineDiscount.MinorAt(j)
				if !ok1 || !ok2 {
					log.Fatal("an amount that is not whole fen") // see Amounts.At
				}
				net[b.Channels.String(b.Channel[i])] += b.Quantity[j]*price - discount
			}
		}
		fmt.Println(b.Len(), "orders in", b.Location)
	}
	if err := src.Err(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("ads: %d fen, search: %d fen; rejected rows: %d\n", net["ads"], net["search"], src.Files[0].Rejected)
	// Output:
	// 1 orders in +08:00
	// 1 orders in +08:00
	// ads: 12970 fen, search: 0 fen; rejected rows: 1
}
