package completejourney

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// TestReviewABCProducts checks that the ABC×XYZ table of October 2017 of
// the campaigns slice counts the products of the store's assortment in
// October: those with a line of positive quantity before 1 November, as
// this test counts them from the transactions file with encoding/csv
// (4,168 of the 4,312 products; the other 144 were first sold in the
// slice's last days, 1–5 November, and are not of October's assortment).
func TestReviewABCProducts(t *testing.T) {
	ny := newYork(t)
	f, err := os.Open("testdata/transactions_campaigns_10_16.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rd := csv.NewReader(z)
	head, err := rd.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	end := time.Date(2017, time.November, 1, 0, 0, 0, 0, ny)
	before := map[string]bool{}
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		q, err := strconv.ParseFloat(rec[col["quantity"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		at, err := time.Parse(time.RFC3339, rec[col["transaction_timestamp"]])
		if err != nil {
			t.Fatal(err)
		}
		if q > 0 && at.Before(end) {
			before[rec[col["product_id"]]] = true
		}
	}
	r, err := report.Build(campaignsInput(t, ny), report.Config{Period: metrics.MonthOf(2017, time.October, ny)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Products == nil {
		t.Fatalf("no products section: %v", r.Omitted)
	}
	var n int64
	for _, c := range r.Products.Classes {
		n += c.SKUs
	}
	if n != int64(len(before)) {
		t.Errorf("ABC×XYZ counts %d products, want the %d sold before November", n, len(before))
	}
}
