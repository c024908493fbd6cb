package storedata_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// Read a directory under a context, with the progress of each file and
// its bad rows as slog records; a cancelled context stops the reading
// with its error.
func ExampleDirContext() {
	dir, err := os.MkdirTemp("", "store")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		"order_lines.csv": `order_id,placed_at,currency,sku,quantity,unit_price
1001,2025-11-11T20:00:00+08:00,CNY,TEA-01,2,59.90
1002,2025-11-12T00:05:00+08:00,CNY,TEA-01,x,59.90
`,
		"spend.csv": "channel,day,currency,amount\nads,2025-11-11,CNY,120.00\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	noTime := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	opts := storedata.Options{
		Progress: func(p report.Progress) {
			fmt.Printf("%s %s: %d of %d %s\n", p.Phase, p.File, p.Done, p.Total, p.Phase.Unit())
		},
		Logger: slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime})),
	}
	src, err := storedata.DirContext(context.Background(), dir, opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("orders: %d\n", src.Input.Counts.Orders)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = storedata.DirContext(ctx, dir, storedata.Options{})
	fmt.Println(err, errors.Is(err, context.Canceled))
	// Output:
	// read order_lines.csv: 0 of 152 bytes
	// level=WARN msg="storedata: row rejected" file=order_lines.csv line=3 column=5 error="storedata: order_lines.csv:3: column 5 (quantity): \"x\" is not an integer"
	// level=WARN msg="storedata: row rejected" file=order_lines.csv line=3 column=0 rows=1 order_id=1002 error="storedata: order_lines.csv:3: order 1002 rejected: 1 row(s) from line 3"
	// read order_lines.csv: 152 of 152 bytes
	// read spend.csv: 0 of 54 bytes
	// read spend.csv: 54 of 54 bytes
	// orders: 1
	// storedata: before order_lines.csv: context canceled true
}
