package metrics_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The orders of the side-by-side harness of issue 19
// (order_id,customer_id,ts_unix,channel,gross,discount,cogs,currency),
// made by its generator; absent on most machines, so the tests and
// benchmarks that read them skip.
const (
	peersOrders1M   = "/tmp/shopmetrics-peers/data-10000000-1000000-7/orders.csv"
	peersOrders200k = "/tmp/shopmetrics-peers/data-1000000-200000-1/orders.csv"
)

// loadPeersOrders reads a harness orders file twice over: into a batch,
// filling its columns as a reader does (one line per order: quantity 1,
// unit price = gross, unit cost = cogs, order discount = discount), and
// into row orders as the harness's shopmetrics peer builds them
// (/tmp/peers-copy/shopmetrics/load.go).
func loadPeersOrders(tb testing.TB, path string) (*metrics.Orders, []metrics.Order) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("no harness data: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(bufio.NewReaderSize(f, 1<<20))
	if !sc.Scan() || sc.Text() != "order_id,customer_id,ts_unix,channel,gross,discount,cogs,currency" {
		tb.Fatalf("%s: unexpected header", path)
	}
	b := &metrics.Orders{}
	b.Init()
	var rows []metrics.Order
	noSKU := b.SKUs.Index("")
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
		c, ok := curs[string(fs[7])]
		if !ok {
			if c, err = money.ParseCurrency(string(fs[7])); err != nil {
				tb.Fatalf("%s:%d: %v", path, line, err)
			}
			curs[string(fs[7])] = c
		}
		ts, err := strconv.ParseInt(string(fs[2]), 10, 64)
		if err != nil {
			tb.Fatalf("%s:%d: ts_unix: %v", path, line, err)
		}
		var m [3]money.Money
		for k := range m {
			if m[k], err = c.Parse(string(fs[4+k])); err != nil {
				tb.Fatalf("%s:%d: column %d: %v", path, line, 5+k, err)
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
		b.SKU = append(b.SKU, noSKU)
		b.Name = append(b.Name, -1)
		b.Category = append(b.Category, -1)
		b.Quantity = append(b.Quantity, 1)
		b.UnitPrice.AppendExact(m[0], c)
		b.LineDiscount.AppendMinor(0)
		b.UnitCost.AppendExact(m[2], c)
		b.LinePromotion = append(b.LinePromotion, -1)
		b.LineStart = append(b.LineStart, int32(len(b.SKU)))

		rows = append(rows, metrics.Order{ID: string(fs[0]), CustomerID: b.CustomerIDs.String(b.Customer[len(b.Customer)-1]),
			PlacedAt: time.Unix(ts, 0).UTC(), Channel: b.Channels.String(b.Channel[len(b.Channel)-1]), Status: metrics.Paid,
			Currency: c, Discount: m[1], Lines: []metrics.Line{{Quantity: 1, UnitPrice: m[0], UnitCost: m[2]}}})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return b, rows
}

// totalsCSV formats totals as the harness's a_totals query prints them.
func totalsCSV(ts []metrics.SalesTotal) string {
	var sb strings.Builder
	sb.WriteString("currency,orders,gross,discount,cogs,net_revenue,gross_profit,gross_margin\n")
	for _, t := range ts {
		m := "n/a"
		if v, ok := t.GrossMargin.Value(); ok {
			m = strconv.FormatFloat(v, 'f', 6, 64)
		}
		fmt.Fprintf(&sb, "%s,%d,%s,%s,%s,%s,%s,%s\n", t.Currency.Code(), t.Orders, t.GrossSales.Amount(), t.Discounts.Amount(),
			t.COGS.Amount(), t.NetSales.Amount(), t.GrossProfit.Amount(), m)
	}
	return sb.String()
}

// TestPeersTotals checks the a_totals answer of Totals.AddOrders on the
// harness's 200,000 orders against DuckDB's, and that the batch path and
// the row path (Summarize) agree on it, and on every Summary field.
func TestPeersTotals(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the harness data")
	}
	b, rows := loadPeersOrders(t, peersOrders200k)
	var tot metrics.Totals
	if err := tot.AddOrders(b); err != nil {
		t.Fatal(err)
	}
	// DuckDB 1.5's answer, from the harness's results
	// (/tmp/shopmetrics-peers/results-1000000-200000-1/out-s1/duckdb/a_totals.csv;
	// chDB and pandas print the same).
	const duckdb = "currency,orders,gross,discount,cogs,net_revenue,gross_profit,gross_margin\n" +
		"USD,200000,10748411.45,647028.24,5105176.38,10101383.21,4996206.83,0.494606\n"
	if diff := cmp.Diff(duckdb, totalsCSV(tot.Result())); diff != "" {
		t.Fatalf("a_totals (-DuckDB +Totals):\n%s", diff)
	}
	for i := 0; i < b.Len(); i += 9973 {
		// The batch holds the row's zero Money amounts as 0.00 USD.
		sameValue := cmp.Comparer(func(x, y money.Money) bool { return x.Equal(y) || (x.IsZero() && y.IsZero()) })
		if diff := cmp.Diff(rows[i], b.Order(i), cmpCurrency, sameValue); diff != "" {
			t.Fatalf("order %d (-row +batch):\n%s", i, diff)
		}
	}
	want, err := metrics.Summarize(metrics.Period{}, func(yield func(metrics.Order) bool) {
		for _, o := range rows {
			if !yield(o) {
				return
			}
		}
	}, nil, metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := metrics.SummarizeOrders(metrics.Period{}, b, nil, metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpCurrency); diff != "" {
		t.Fatalf("SummarizeOrders != Summarize (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]metrics.SalesTotal{totalOf(want[0])}, tot.Result(), cmpCurrency); diff != "" {
		t.Fatalf("Totals != Summarize (-want +got):\n%s", diff)
	}
}
