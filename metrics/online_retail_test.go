package metrics_test

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// readOnlineRetail maps the UCI Online Retail CSV to orders and refunds:
// an invoice is an order (its country as the channel, no categories or
// costs), a "C" invoice is a refund of the sum of its |quantity| × price,
// not restocked, whose original invoice is not recorded in the data.
// Stock-adjustment rows (negative quantity without "C") and the "A"
// bad-debt rows are not sales; they are returned as skipped so that the
// caller can account for them. Duplicate rows are kept as separate lines.
func readOnlineRetail(t *testing.T, path string) (orders []metrics.Order, refunds []metrics.Refund, skipped int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var in io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		in = z
	}
	r := csv.NewReader(in)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	gbp := money.MustCurrency("GBP")
	oi, ri := map[string]int{}, map[string]int{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		inv, sku, cust, country := rec[0], rec[1], strings.TrimSuffix(rec[6], ".0"), rec[7]
		inv, sku, cust, country = strings.Clone(inv), strings.Clone(sku), strings.Clone(cust), strings.Clone(country)
		q, err := strconv.ParseInt(rec[3], 10, 64)
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		price, err := gbp.Parse(rec[5])
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		at, err := time.Parse("2006-01-02 15:04:05", rec[4])
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		switch {
		case strings.HasPrefix(inv, "A"), !strings.HasPrefix(inv, "C") && q <= 0:
			skipped++
		case strings.HasPrefix(inv, "C"):
			i, ok := ri[inv]
			if !ok {
				i = len(refunds)
				ri[inv] = i
				refunds = append(refunds, metrics.Refund{ID: inv, OrderID: inv, At: at, Amount: gbp.Zero()})
			}
			rf := &refunds[i]
			rf.Amount, _ = rf.Amount.Add(price.Mul(-q))
			rf.Lines = append(rf.Lines, metrics.ReturnedLine{SKU: sku, Quantity: -q})
		default:
			i, ok := oi[inv]
			if !ok {
				i = len(orders)
				oi[inv] = i
				orders = append(orders, metrics.Order{ID: inv, CustomerID: cust, PlacedAt: at, Channel: country,
					Status: metrics.Paid, Currency: gbp})
			}
			orders[i].Lines = append(orders[i].Lines, metrics.Line{SKU: sku, Quantity: q, UnitPrice: price})
		}
	}
	return orders, refunds, skipped
}

// TestOnlineRetailSample summarises 2011 in a slice of the UCI Online
// Retail data (see testdata/README.md). The expected figures come from
// testdata/online_retail_check.py, an independent Python computation
// (csv + decimal) of the same definitions; on the full data set the same
// script and Summarize agree on every 2011 total.
func TestOnlineRetailSample(t *testing.T) {
	orders, refunds, skipped := readOnlineRetail(t, "testdata/online_retail_sample.csv")
	if skipped != 4 { // one stock adjustment and three "A" rows, chosen so
		t.Errorf("skipped %d rows; want 4", skipped)
	}
	y2011 := metrics.PeriodOf(time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC), metrics.Year)
	sums, err := metrics.Summarize(y2011, slices.Values(orders), slices.Values(refunds), metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gbp := func(s string) money.Money { return money.MustNew(s, "GBP") }
	type figures struct {
		Gross, Returns, Net, AOV, SpendPerBuyer                       money.Money
		Orders, Guests, Units, Buyers, New, Returning, Repeat, Groups int64
	}
	s := sums[0]
	aov, _ := s.AOV()
	spb, _ := s.SpendPerBuyer()
	got := figures{s.GrossSales, s.Returns, s.NetSales, aov, spb,
		s.Orders, s.GuestOrders, s.Units, s.Buyers, s.NewBuyers, s.ReturningBuyers, s.RepeatBuyers, int64(len(sums))}
	// python3 testdata/online_retail_check.py testdata/online_retail_sample.csv:
	// gross 12508.471 returns 3196.01 net 9312.461; orders 23 guest 2 units
	// 4485; buyers 13 new 5 returning 8 repeat 4; AOV 404.89 per buyer 716.34.
	want := figures{gbp("12508.471"), gbp("3196.01"), gbp("9312.461"), gbp("404.89"), gbp("716.34"),
		23, 2, 4485, 13, 5, 8, 4, 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("2011 summary of the sample (-want +got):\n%s", diff)
	}
}

// TestOnlineRetail2011 summarises 2011 in the full UCI Online Retail data
// when SHOPMETRICS_DATASETS names the shared datasets folder (it is not
// part of the repository). The expected figures are those of
// testdata/online_retail_check.py run on the full, uncompressed file.
func TestOnlineRetail2011(t *testing.T) {
	dir := os.Getenv("SHOPMETRICS_DATASETS")
	if dir == "" || testing.Short() {
		t.Skip("set SHOPMETRICS_DATASETS to the datasets folder to run")
	}
	orders, refunds, skipped := readOnlineRetail(t, dir+"/online_retail/online_retail.csv.gz")
	// 1,336 stock adjustments and 3 "A" rows (datasets README).
	if skipped != 1339 {
		t.Errorf("skipped %d rows; want 1339", skipped)
	}
	y2011 := metrics.PeriodOf(time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC), metrics.Year)
	sums, err := metrics.Summarize(y2011, slices.Values(orders), slices.Values(refunds), metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gbp := func(s string) money.Money { return money.MustNew(s, "GBP") }
	s := sums[0]
	aov, _ := s.AOV()
	spb, _ := s.SpendPerBuyer()
	type figures struct {
		Gross, Returns, Net, AOV, SpendPerBuyer               money.Money
		Orders, Guests, Units, Buyers, New, Returning, Repeat int64
	}
	got := figures{s.GrossSales, s.Returns, s.NetSales, aov, spb,
		s.Orders, s.GuestOrders, s.Units, s.Buyers, s.NewBuyers, s.ReturningBuyers, s.RepeatBuyers}
	// python3 testdata/online_retail_check.py online_retail.csv: gross
	// 9831876.344 returns 822023.37 net 9009852.974; orders 19096 guest 1960
	// units 5298662; buyers 4220 new 3454 returning 766 repeat 2717; AOV
	// 471.82 per buyer 2135.04.
	want := figures{gbp("9831876.344"), gbp("822023.37"), gbp("9009852.974"), gbp("471.82"), gbp("2135.04"),
		19096, 1960, 5298662, 4220, 3454, 766, 2717}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("2011 summary (-want +got):\n%s", diff)
	}
}
