package metrics_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/internal/peerdata"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The orders of the side-by-side harness of issue 19, absent on most
// machines, so the tests and benchmarks that read them skip.
const (
	peersOrders1M   = peerdata.Orders1M
	peersOrders200k = peerdata.Orders200k
)

// loadPeersOrders reads a harness orders file twice over
// (peerdata.ReadOrders): into a batch, filling its columns as a reader
// does, and into row orders as the harness's shopmetrics peer builds
// them. It skips tb if the file is absent.
func loadPeersOrders(tb testing.TB, path string) (*metrics.Orders, []metrics.Order) {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("no harness data: %v", err)
	}
	b, rows, err := peerdata.ReadOrders(path, true)
	if err != nil {
		tb.Fatal(err)
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
