package storedata_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// Read an order-lines file: each order comes once its lines have been
// read, each bad row as a located error. A single reader converts times
// to Options.Location, UTC by default; [storedata.Dir] takes the zone
// from the offsets.
func Example() {
	const orderLines = `order_id,customer_id,placed_at,currency,sku,quantity,unit_price,unit_cost
1001,c1,2025-11-11T20:00:00+08:00,CNY,TEA-01,2,59.90,30.00
1001,c1,2025-11-11T20:00:00+08:00,CNY,CUP-02,1,19.90,8.00
1002,c2,2025-11-11T23:59:00+08:00,CNY,TEA-01,one,59.90,30.00
1003,,2025-11-12T00:05:00+08:00,CNY,TEA-01,1,59.90,30.00
`
	opts := storedata.Options{File: "order_lines.csv"}
	var errs []error
	for o, err := range storedata.ReadOrders(strings.NewReader(orderLines), opts) {
		if err != nil {
			errs = append(errs, err) // lenient: report the row and go on
			continue
		}
		l := o.Lines[0]
		fmt.Printf("order %s: %d line(s), the first %d × %s at %s, placed %s\n",
			o.ID, len(o.Lines), l.Quantity, l.SKU, l.UnitPrice, o.PlacedAt.Format("2006-01-02 15:04 MST"))
	}
	for _, err := range errs {
		fmt.Println(err)
	}
	fmt.Println("rows rejected:", storedata.Rejected(errs))
	// Output:
	// order 1001: 2 line(s), the first 2 × TEA-01 at CNY 59.90, placed 2025-11-11 12:00 UTC
	// order 1003: 1 line(s), the first 1 × TEA-01 at CNY 59.90, placed 2025-11-11 16:05 UTC
	// storedata: order_lines.csv:4: column 6 (quantity): "one" is not an integer
	// storedata: order_lines.csv:4: order 1002 rejected: 1 row(s) from line 4
	// rows rejected: 1
}

// Read a directory of files as a review's input. Without a Location, the
// store's zone comes from the timestamps' offsets when they agree, so
// that the order placed at 00:05 on 12 November, China time, is counted
// on that day.
func ExampleDir() {
	dir, err := os.MkdirTemp("", "store")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		"order_lines.csv": `order_id,placed_at,currency,sku,quantity,unit_price
1001,2025-11-11T20:00:00+08:00,CNY,TEA-01,2,59.90
1002,2025-11-12T00:05:00+08:00,CNY,TEA-01,x,59.90
1003,2025-11-12T00:05:00+08:00,CNY,TEA-01,1,59.90
`,
		"spend.csv": "channel,day,currency,amount\nads,2025-11-11,CNY,120.00\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	src, err := storedata.Dir(dir, storedata.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("zone:", src.Location, "days:", src.Span)
	for _, f := range src.Files {
		fmt.Printf("%s: %d rows, %d rejected %v\n", f.File, f.Rows, f.Rejected, f.Reasons)
	}
	for o := range src.Input.Orders { // read from the file, one order at a time
		fmt.Println(o.ID, o.PlacedAt.Format("2006-01-02 15:04"))
	}
	if err := src.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// zone: +08:00 days: 2025-11-11..2025-11-12
	// order_lines.csv: 3 rows, 1 rejected map[bad quantity:1]
	// spend.csv: 1 rows, 0 rejected map[]
	// 1001 2025-11-11 20:00
	// 1003 2025-11-12 00:05
}

// Read an export with its own column and event names through a mapping.
func ExampleParseMapping() {
	m, err := storedata.ParseMapping([]byte(`{
  "columns": {"events": {"event_time": "time", "event_type": "name", "user_session": "session_id"}},
  "events": {"view": "page_view", "cart": "add_to_cart", "purchase": "purchase"}
}`))
	if err != nil {
		log.Fatal(err)
	}
	const export = `event_time,event_type,user_id,user_session
2019-10-01T00:00:00Z,view,u1,s1
2019-10-01T00:01:00Z,cart,u1,s1
2019-10-01T00:02:00Z,purchase,u1,s1
`
	for e, err := range storedata.ReadEvents(strings.NewReader(export), storedata.Options{Mapping: m}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(e.UserID, e.Name, e.Prop("session_id"))
	}
	_, err = storedata.ParseMapping([]byte(`{"columns": {"events": {}}, "steps": {}}`))
	fmt.Println(err)
	// Output:
	// u1 page_view s1
	// u1 add_to_cart s1
	// u1 purchase s1
	// storedata: mapping:1: column 29: unknown key "steps": want columns or events
}
