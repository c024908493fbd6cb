package storedata

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"time"
	_ "time/tzdata" // Europe/London on any machine

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestReadOnlineRetail(t *testing.T) {
	f, err := os.Open("testdata/online_retail_slice.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lon, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	var orders, lines, refunds, adjustments, guests int
	var gross, returns money.Sum
	var errs []error
	for r, err := range ReadOnlineRetail(f, lon, Options{File: "online_retail_slice.csv", Location: lon}) {
		switch {
		case err != nil:
			errs = append(errs, err)
		case r.Order != nil:
			orders++
			if r.Order.CustomerID == "" {
				guests++
			}
			for _, l := range r.Order.Lines {
				lines++
				gross.Add(l.UnitPrice.Mul(l.Quantity))
			}
		case r.Refund != nil:
			refunds++
			returns.Add(r.Refund.Amount)
		case r.Adjustment != nil:
			adjustments++
		}
	}
	// The expected figures were computed independently from the same file
	// with Python's csv and decimal modules: invoices without a C or A
	// prefix and with positive quantities, Σ quantity × unit price; C
	// invoices, Σ −quantity × unit price; negative quantities without a
	// prefix; A rows.
	gbp := money.MustCurrency("GBP")
	type counts struct{ Orders, Lines, Refunds, Adjustments, Rejected, Guests int }
	want := counts{25, 241, 15, 10, 3, 0}
	got := counts{orders, lines, refunds, adjustments, len(errs), guests}
	if want != got {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	if g := gross.Total(gbp); !g.Equal(money.MustNew("11199.69", "GBP")) {
		t.Errorf("gross = %s, want GBP 11199.69", g)
	}
	if r := returns.Total(gbp); !r.Equal(money.MustNew("709.53", "GBP")) {
		t.Errorf("cancelled = %s, want GBP 709.53", r)
	}
	for _, err := range errs {
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line < 2 {
			t.Errorf("rejection %v does not name its line", err)
		}
	}
}

// The file has cancellation rows in the middle of invoice 542806 (lines
// 78090–78091); the invoice must still be one order.
func TestReadOnlineRetailInterleaved(t *testing.T) {
	const data = `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
542806,48194,DOORMAT HEARTS,1,2011-02-01 11:19:00,7.95,12836.0,United Kingdom
C542805,22156,HEART DECORATION WITH PEARLS ,-1,2011-02-01 11:19:00,0.85,14606.0,United Kingdom
542806,22692,DOORMAT WELCOME TO OUR HOME,2,2011-02-01 11:20:00,7.95,12836.0,United Kingdom
542807,22692,DOORMAT WELCOME TO OUR HOME,1,2011-02-01 11:21:00,7.95,,United Kingdom
542806,22692,DOORMAT WELCOME TO OUR HOME,1,2011-02-01 11:22:00,7.95,12836.0,United Kingdom
`
	var ids []string
	var errs int
	for r, err := range ReadOnlineRetail(strings.NewReader(data), time.UTC, Options{}) {
		switch {
		case err != nil:
			errs++
		case r.Order != nil:
			ids = append(ids, r.Order.ID+"/"+strconv.Itoa(len(r.Order.Lines))+"/"+r.Order.CustomerID)
		case r.Refund != nil:
			ids = append(ids, r.Refund.ID+"/"+r.Refund.Amount.Amount())
		}
	}
	want := []string{"542806/2/12836", "C542805/0.85", "542807/1/"}
	if diff := cmp.Diff(want, ids); diff != "" || errs != 1 {
		t.Errorf("records (-want +got):\n%s\nerrors: %d, want 1 (542806 again after 542807)", diff, errs)
	}
}
