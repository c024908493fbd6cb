package storedata

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestOrderBatchesCurrencies checks that a file of 257 currencies, which
// ReadOrders reads, is read into batches of at most 256 currencies with
// every order, and that a reused batch lists only its own currencies.
func TestOrderBatchesCurrencies(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("order_id,placed_at,currency,sku,quantity,unit_price\n")
	n := 0
	for a := 'A'; a <= 'Z' && n < 257; a++ {
		for b := 'A'; b <= 'Z' && n < 257; b++ {
			for c := 'A'; c <= 'Z' && n < 257; c++ {
				code := string([]rune{a, b, c})
				if _, err := money.ParseCurrency(code); err == nil {
					fmt.Fprintf(&sb, "o%d,2024-01-02T03:04:05Z,%s,s,1,5\n", n, code)
					n++
				}
			}
		}
	}
	if n != 257 {
		t.Fatalf("only %d currencies known", n)
	}
	rows := 0
	for _, err := range ReadOrders(strings.NewReader(sb.String()), Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		rows++
	}
	for _, reuse := range []bool{false, true} {
		got, batches := 0, 0
		for b, err := range ReadOrderBatches(strings.NewReader(sb.String()), Options{ReuseSlices: reuse}) {
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Currencies) > 256 {
				t.Fatalf("a batch of %d currencies", len(b.Currencies))
			}
			got += b.Len()
			batches++
		}
		if got != rows || batches != 2 {
			t.Errorf("reuse %v: %d orders in %d batches; want %d in 2", reuse, got, batches, rows)
		}
	}

	data := "order_id,placed_at,currency,sku,quantity,unit_price\no1,2024-01-02T03:04:05Z,USD,s,1,5\no2,2024-01-02T03:04:05Z,EUR,s,1,5\n"
	var lists [][]string
	for b, err := range ReadOrderBatches(strings.NewReader(data), Options{ReuseSlices: true, BatchSize: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, c := range b.Currencies {
			codes = append(codes, c.Code())
		}
		lists = append(lists, codes)
	}
	if fmt.Sprint(lists) != "[[USD] [EUR]]" {
		t.Errorf("currencies of the reused batches: %v, want [[USD] [EUR]]", lists)
	}
}
