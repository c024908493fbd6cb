package cohort

import (
	"bufio"
	"compress/gzip"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestCDNOWMasterRetention builds the monthly retention matrix of the full
// CDNOW cohort and checks it against the counts the dataset README gives:
// 69,659 transactions of 23,570 customers, all acquired in Q1 1997, with
// $2,500,315.63 of sales from 1997-01-01 to 1998-06-30.
func TestCDNOWMasterRetention(t *testing.T) {
	f, err := os.Open("testdata/CDNOW_master.txt.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	usd := money.MustCurrency("USD")
	var l Ledger
	sc := bufio.NewScanner(zr)
	n := 0
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 || fs[0] == "customer_id" {
			continue
		}
		n++
		day, err := time.Parse("20060102", fs[1])
		if err != nil {
			t.Fatalf("row %d: %v", n, err)
		}
		price, err := usd.Parse(fs[3])
		if err != nil {
			t.Fatalf("row %d: %v", n, err)
		}
		if err := l.Add(metrics.Order{ID: strconv.Itoa(n),
			CustomerID: fs[0], PlacedAt: day, Status: metrics.Paid, Currency: usd,
			Lines: []metrics.Line{{SKU: "cd", Quantity: 1, UnitPrice: price}}}); err != nil {
			t.Fatalf("row %d: %v", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 69659 || l.Customers() != 23570 {
		t.Fatalf("%d rows of %d customers; the dataset README counts 69,659 of 23,570", n, l.Customers())
	}
	m := l.mustRetention(RetentionConfig{})
	// Three monthly cohorts (Q1 1997), observed to June 1998: M0..M17.
	if diff := cmp.Diff([]string{"1997-01", "1997-02", "1997-03"}, m.RowLabels()); diff != "" {
		t.Errorf("cohorts (-want +got):\n%s", diff)
	}
	var size int64
	var total money.Sum
	for _, r := range m.Rows {
		size += r.Customers
		for _, c := range r.Cells {
			total.Add(c.NetSales)
		}
		var last Cell // the last observed cell: March reaches M15 (June 1998)
		for _, c := range r.Cells {
			if c.Observed {
				last = c
			}
		}
		if !last.CumNetSales.Equal(sumRow(r)) {
			t.Errorf("%s: cumulative net sales %v differ from the row's sum %v", r.Label, last.CumNetSales, sumRow(r))
		}
	}
	if size != 23570 {
		t.Errorf("cohort sizes add up to %d, want 23570", size)
	}
	if got, want := total.Total(usd), money.MustNew("2500315.63", "USD"); !got.Equal(want) {
		t.Errorf("net sales = %v, want %v (dataset README)", got, want)
	}
	if m.Periods != 18 {
		t.Errorf("%d columns, want 18 (January 1997 to June 1998)", m.Periods)
	}
}

func sumRow(r Row) money.Money {
	var s money.Sum
	for _, c := range r.Cells {
		s.Add(c.NetSales)
	}
	return s.Total(money.MustCurrency("USD"))
}
