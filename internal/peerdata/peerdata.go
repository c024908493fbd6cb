// Package peerdata reads the orders of the side-by-side harness of issue
// 19 (../shared/peers) for the tests and benchmarks that compare
// shopmetrics with its peers (metrics, cohort), so that they load the
// same file the same way: as the harness's shopmetrics peer does
// (internal/peers/shopmetrics/load.go).
//
// It is for tests only: no package of the module imports it but from its
// _test.go files (arch_test.go checks).
package peerdata

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The orders files of the harness, made by its generator; absent on most
// machines, where the tests and benchmarks that read them skip.
const (
	// Orders1M holds 1M orders of 668,017 customers (seed 7).
	Orders1M = "/tmp/shopmetrics-peers/data-10000000-1000000-7/orders.csv"
	// Orders200k holds 200,000 orders of 133,602 customers (seed 1).
	Orders200k = "/tmp/shopmetrics-peers/data-1000000-200000-1/orders.csv"
)

// Header is the header line of an orders file.
const Header = "order_id,customer_id,ts_unix,channel,gross,discount,cogs,currency"

// ReadOrders reads the orders file at path into a batch, filling its
// columns as a reader does: one line per order, quantity 1, unit price =
// gross, unit cost = cogs, order discount = discount, status paid, no
// SKU (-1), times in UTC. With rows it also gives the orders as
// []metrics.Order, built as the harness's peer builds its row orders,
// independently of the batch's Order method.
//
// A file whose header is not [Header], or a cell that does not parse, is
// an error naming the file, line and column.
func ReadOrders(path string, rows bool) (*metrics.Orders, []metrics.Order, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(bufio.NewReaderSize(f, 1<<20))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	if !sc.Scan() || sc.Text() != Header {
		return nil, nil, errors.Join(fmt.Errorf("peerdata: %s:1: the header is not %s", path, Header), sc.Err())
	}
	b := &metrics.Orders{}
	b.Init()
	var out []metrics.Order
	curs := map[string]money.Currency{}
	line := 1
	for sc.Scan() {
		line++
		var fs [8][]byte
		rest := sc.Bytes()
		for k := range fs {
			i := bytes.IndexByte(rest, ',')
			if i < 0 || k == len(fs)-1 {
				fs[k], rest = rest, nil
				continue
			}
			fs[k], rest = rest[:i], rest[i+1:]
		}
		ts, err := strconv.ParseInt(string(fs[2]), 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("peerdata: %s:%d:3: %w", path, line, err)
		}
		c, ok := curs[string(fs[7])]
		if !ok {
			if c, err = money.ParseCurrency(string(fs[7])); err != nil {
				return nil, nil, fmt.Errorf("peerdata: %s:%d:8: %w", path, line, err)
			}
			curs[string(fs[7])] = c
		}
		var m [3]money.Money // gross, discount, cogs
		for k := range m {
			if m[k], err = c.Parse(string(fs[4+k])); err != nil {
				return nil, nil, fmt.Errorf("peerdata: %s:%d:%d: %w", path, line, 5+k, err)
			}
		}
		b.IDs.AppendBytes(fs[0])
		b.Customer = append(b.Customer, b.CustomerIDs.IndexBytes(fs[1]))
		b.Placed = append(b.Placed, ts*1e9)
		for _, col := range []*[]int64{&b.Paid, &b.Shipped, &b.Delivered, &b.PromisedBy} {
			*col = append(*col, metrics.NoTime)
		}
		b.Channel = append(b.Channel, b.Channels.IndexBytes(fs[3]))
		b.Status = append(b.Status, metrics.Paid)
		b.Currency = append(b.Currency, b.CurrencyCode(c))
		b.Discount.AppendExact(m[1], c)
		b.Shipping.AppendMinor(0)
		b.Tax.AppendMinor(0)
		b.Promotion = append(b.Promotion, -1)
		b.Carrier = append(b.Carrier, -1)
		b.Region = append(b.Region, -1)
		b.SKU = append(b.SKU, -1)
		b.Name = append(b.Name, -1)
		b.Category = append(b.Category, -1)
		b.Quantity = append(b.Quantity, 1)
		b.UnitPrice.AppendExact(m[0], c)
		b.LineDiscount.AppendMinor(0)
		b.UnitCost.AppendExact(m[2], c)
		b.LinePromotion = append(b.LinePromotion, -1)
		b.LineStart = append(b.LineStart, int32(len(b.SKU)))
		if rows {
			i := len(b.Customer) - 1
			out = append(out, metrics.Order{ID: string(fs[0]), CustomerID: b.CustomerIDs.String(b.Customer[i]),
				PlacedAt: time.Unix(ts, 0).UTC(), Channel: b.Channels.String(b.Channel[i]), Status: metrics.Paid,
				Currency: c, Discount: m[1], Lines: []metrics.Line{{Quantity: 1, UnitPrice: m[0], UnitCost: m[2]}}})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("peerdata: %s:%d: %w", path, line, err)
	}
	return b, out, nil
}
