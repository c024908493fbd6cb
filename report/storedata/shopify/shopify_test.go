package shopify

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

var est = time.FixedZone("EST", -5*60*60)

func readExport(t *testing.T, opts storedata.Options) ([]Order, []error) {
	t.Helper()
	f, err := os.Open("testdata/orders_export.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return storedata.Collect(ReadOrders(f, opts))
}

// The export's orders, by hand (testdata/orders_export.csv):
//
//	#1001 2 × 20.00 + 1 × 15.00 = 55.00 gross; Discount Amount 8.50 =
//	      3.00 on the cap line + 5.50 on the order; paid
//	#1002 1 × 12.00; 6.00 refunded; partially_refunded, so paid
//	#1003 1 × 20.00, voided and cancelled
//	#1004 3 × 2.50 = 7.50, no SKU (the name stands in), a guest
//	#1005 a quantity of 1.5: rejected with its 2 rows
func TestReadOrders(t *testing.T) {
	orders, errs := readExport(t, storedata.Options{File: "orders_export.csv", Location: est})
	type line struct {
		SKU, Name       string
		Qty             int64
		Price, Discount string
	}
	type order struct {
		ID, Customer, Status, Channel, Promotion string
		Placed                                   string
		Discount, Shipping, Tax, Refunded        string
		Lines                                    []line
	}
	var got []order
	for _, o := range orders {
		g := order{o.ID, o.CustomerID, o.Status.String(), o.Channel, o.Promotion, o.PlacedAt.Format(time.DateTime),
			o.Discount.Amount(), o.Shipping.Amount(), o.Tax.Amount(), o.Refunded.Amount(), nil}
		for _, l := range o.Lines {
			g.Lines = append(g.Lines, line{l.SKU, l.Name, l.Quantity, l.UnitPrice.Amount(), l.Discount.Amount()})
		}
		got = append(got, g)
	}
	want := []order{
		{"#1001", "alice@example.com", "paid", "web", "WELCOME10", "2025-11-03 10:00:00", "5.50", "5.00", "3.72", "0.00",
			[]line{{"TEE-1", "Tee - Black / M", 2, "20.00", "0.00"}, {"CAP-1", "Cap, red", 1, "15.00", "3.00"}}},
		{"#1002", "bob@example.com", "paid", "web", "", "2025-11-04 12:30:00", "0.00", "0.00", "0.96", "6.00",
			[]line{{"MUG-1", "Mug", 1, "12.00", "0.00"}}},
		{"#1003", "carol@example.com", "cancelled", "pos", "", "2025-11-05 08:00:00", "0.00", "0.00", "0.00", "0.00",
			[]line{{"TEE-1", "Tee - Black / M", 1, "20.00", "0.00"}}},
		{"#1004", "", "paid", "web", "", "2025-11-20 23:30:00", "0.00", "4.00", "0.00", "0.00",
			[]line{{"Sticker", "Sticker", 3, "2.50", "0.00"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("orders (-want +got):\n%s", diff)
	}
	type loc struct{ Line, Column, Rows int }
	var gotErrs []loc
	for _, err := range errs {
		var pe *storedata.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not located", err)
		}
		gotErrs = append(gotErrs, loc{pe.Line, pe.Column, pe.Rows})
	}
	// Line 7, column 17 (Lineitem quantity), then the order from line 7
	// rejected with its 2 rows.
	if diff := cmp.Diff([]loc{{7, 17, 0}, {7, 0, 2}}, gotErrs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if storedata.Rejected(errs) != 2 {
		t.Errorf("rejected %d rows, want 2", storedata.Rejected(errs))
	}
	if f, ok := orders[1].Refund(); !ok || !f.Amount.Equal(money.MustNew("6.00", "USD")) || f.OrderID != "#1002" {
		t.Errorf("refund of #1002 = %+v", f)
	}
	if _, ok := orders[0].Refund(); ok {
		t.Errorf("#1001 has a refund")
	}
	if _, errs := readExport(t, storedata.Options{Strict: true}); len(errs) != 1 {
		t.Errorf("strict: %d errors, want 1", len(errs))
	}
}

func TestBadOrders(t *testing.T) {
	const head = "Name,Email,Financial Status,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem discount,Discount Amount\n"
	for _, c := range []struct {
		name, row string
		col       int
		is        error
	}{
		{"status", "#1,a,shipped,USD,2025-11-03 10:00:00 -0500,1,Tee,1.00,,", 3, ErrFinancialStatus},
		{"currency", "#1,a,paid,XXX,2025-11-03 10:00:00 -0500,1,Tee,1.00,,", 4, nil},
		{"time", "#1,a,paid,USD,2025-11-03T10:00:00Z,1,Tee,1.00,,", 5, nil},
		{"comma amount", "#1,a,paid,USD,2025-11-03 10:00:00 -0500,1,Tee,\"12,30\",,", 8, nil},
		{"NaN", "#1,a,paid,USD,2025-11-03 10:00:00 -0500,1,Tee,NaN,,", 8, nil},
		{"line discount above line", "#1,a,paid,USD,2025-11-03 10:00:00 -0500,1,Tee,1.00,2.00,2.00", 9, ErrDiscount},
		{"line discounts above the order's", "#1,a,paid,USD,2025-11-03 10:00:00 -0500,1,Tee,1.00,0.50,0.25", 10, ErrDiscount},
		{"no name", ",a,paid,USD,2025-11-03 10:00:00 -0500,1,Tee,1.00,,", 1, nil},
	} {
		orders, errs := storedata.Collect(ReadOrders(strings.NewReader(head+c.row+"\n"), storedata.Options{}))
		var pe *storedata.ParseError
		if len(orders) != 0 || len(errs) == 0 || !errors.As(errs[0], &pe) || pe.Line != 2 || pe.Column != c.col || (c.is != nil && !errors.Is(errs[0], c.is)) {
			t.Errorf("%s: orders %v, errors %v; want line 2, column %d", c.name, orders, errs, c.col)
		}
		if storedata.Rejected(errs) != 1 {
			t.Errorf("%s: %d rows rejected, want 1", c.name, storedata.Rejected(errs))
		}
	}
	// An order whose rows are not together.
	in := head + "#1,a,paid,USD,2025-11-03 10:00:00 -0500,1,Tee,1.00,,\n#2,a,paid,USD,2025-11-03 10:00:00 -0500,1,Tee,1.00,,\n#1,,,,,1,Cap,1.00,,\n"
	orders, errs := storedata.Collect(ReadOrders(strings.NewReader(in), storedata.Options{}))
	if len(orders) != 2 || len(errs) != 2 || !errors.Is(errs[0], storedata.ErrDuplicateID) {
		t.Errorf("orders %d, errors %v; want #1 and #2, and #1 again rejected", len(orders), errs)
	}
}

// A review of November 2025 from the export, by hand: the orders not
// cancelled are #1001, #1002 and #1004 (3); gross sales 55.00 + 12.00 +
// 7.50 = 74.50; discounts 8.50; returns 6.00 (dated at #1002's creation);
// net sales 74.50 − 8.50 − 6.00 = 60.00; AOV 60.00 / 3 = 20.00.
func TestReview(t *testing.T) {
	src := &Source{FS: os.DirFS("testdata"), Name: "orders_export.csv", Store: "Acme", Options: storedata.Options{Location: est}}
	in, errs, err := src.Input()
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 2 || len(in.Rejected) != 1 || in.Rejected[0].Rows != 2 || len(in.Refunds) != 1 {
		t.Errorf("errors %v, rejected %v, refunds %v", errs, in.Rejected, in.Refunds)
	}
	r, err := report.Build(in, report.Config{Period: metrics.MonthOf(2025, time.November, est)})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, k := range r.Overview.KPIs {
		switch k.Key {
		case "orders", "net_sales", "aov":
			got[k.Key] = k.Current.String()
		}
	}
	usd := func(s string) string { return metrics.MoneyValue(money.MustNew(s, "USD")).String() }
	want := map[string]string{"orders": metrics.CountValue(3).String(), "net_sales": usd("60.00"), "aov": usd("20.00")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("KPIs (-want +got):\n%s", diff)
	}
}
