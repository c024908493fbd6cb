package completejourney

import (
	"compress/gzip"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York on any machine

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// The test files are slices of the completejourney R package 1.1.1 data
// (CC0; credit in testdata/CREDIT.md): the first 5,000 lines of
// transactions_sample, all of campaign_descriptions, and the first 200
// rows of each campaign in coupons.

func newYork(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func gz(t *testing.T, name string) *gzip.Reader {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// The expected figures were computed independently with Python's csv and
// decimal modules over the same file: 28 lines with quantity 0 are
// rejected; the 4,972 others make 4,774 baskets; Σ sales_value =
// 15,295.53, Σ (retail_disc + coupon_match_disc) = 2,692.20; 70 lines
// have a coupon; 97 lines do not divide into whole cents per unit.
func TestReadTransactions(t *testing.T) {
	orders, errs := storedata.Collect(ReadTransactions(gz(t, "transactions_sample_5000.csv.gz"), storedata.Options{File: "transactions_sample_5000.csv"}))
	var gross, disc money.Sum
	lines, coupons, split := 0, 0, 0
	for _, o := range orders {
		prev := ""
		for _, l := range o.Lines {
			lines++
			gross.Add(l.UnitPrice.Mul(l.Quantity))
			disc.Add(l.Discount)
			if l.Promotion == CouponPromotion {
				coupons++
			}
			if l.SKU == prev {
				split++
			}
			prev = l.SKU
		}
	}
	for _, err := range errs {
		if !errors.Is(err, ErrNoQuantity) {
			t.Errorf("unexpected error %v", err)
		}
	}
	type counts struct{ Rejected, Orders, Lines, Coupons, Split int }
	// 4,972 good rows, 97 of them split in two; a coupon line that is
	// split counts twice (Python: one of the 70 is split).
	if diff := cmp.Diff(counts{28, 4774, 4972 + 97, 70 + 1, 97}, counts{storedata.Rejected(errs), len(orders), lines, coupons, split}); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	g, d := gross.Total(Currency), disc.Total(Currency)
	net, err := g.Sub(d)
	if err != nil {
		t.Fatal(err)
	}
	if want := money.MustNew("15295.53", "USD"); !net.Equal(want) {
		t.Errorf("net = %s, want %s", net, want)
	}
	if want := money.MustNew("2692.20", "USD"); !d.Equal(want) {
		t.Errorf("discounts = %s, want %s", d, want)
	}
}

// Lines by hand: a fuel line of 32,623 "units" for 50.00 with a 1.20
// discount; a line that divides evenly; the scientific-notation residue
// of the package data; and bad rows.
func TestLines(t *testing.T) {
	const in = `"household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
"1","2","b1","6534178",32623,48.80,1.2,0,0,1,"2017-01-01T10:00:00-05:00"
"1","2","b1","940996",2,3.86,0.43,0.5,0.25,1,"2017-01-01T10:00:00-05:00"
"1","2","b1","1",1,4.440892e-16,0,0,0,1,"2017-01-01T10:00:00-05:00"
"1","2","b1","2",0,0,0,0,0,1,"2017-01-01T10:00:00-05:00"
"1","2","b1","3",1,2.5e-2,0,0,0,1,"2017-01-01T10:00:00-05:00"
"1","2","b1","4",1,-1,0,0,0,1,"2017-01-01T10:00:00-05:00"
"1","2","b1","5",1,1.234,0,0,0,1,"2017-01-01T10:00:00-05:00"
"9","2","b1","6",1,1,0,0,0,1,"2017-01-01T10:00:00-05:00"
"1","2","b1","7",1,1,0,0,0,1,"2017-01-01T10:00:01-05:00"
`
	orders, errs := storedata.Collect(ReadTransactions(strings.NewReader(in), storedata.Options{}))
	type loc struct {
		Line, Column int
		Is           error
	}
	var got []loc
	for _, err := range errs {
		var pe *storedata.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not located", err)
		}
		l := loc{Line: pe.Line, Column: pe.Column}
		for _, s := range []error{ErrNoQuantity, ErrAmount, ErrBasket} {
			if errors.Is(err, s) {
				l.Is = s
			}
		}
		got = append(got, l)
	}
	want := []loc{{5, 5, ErrNoQuantity}, {6, 6, ErrAmount}, {7, 6, ErrAmount}, {8, 6, ErrAmount}, {9, 1, ErrBasket}, {10, 11, ErrBasket}}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if len(orders) != 1 {
		t.Fatalf("orders = %v", orders)
	}
	type line struct {
		SKU             string
		Qty             int64
		Price, Discount string
		Promotion       string
	}
	var lines []line
	for _, l := range orders[0].Lines {
		lines = append(lines, line{l.SKU, l.Quantity, l.UnitPrice.Amount(), l.Discount.Amount(), l.Promotion})
	}
	// Fuel: gross 48.80 + 1.20 = 5,000 cents over 32,623 units: p = 0,
	// r = 5,000, so 5,000 units at 0.01 and 27,623 at 0.00; the discount
	// goes with the gross. 940996: gross 3.86 + 0.43 + 0.25 = 4.54 = 2 ×
	// 2.27, discount 0.68, bought with a coupon.
	wantLines := []line{
		{"6534178", 5000, "0.01", "1.20", ""},
		{"6534178", 27623, "0.00", "0.00", ""},
		{"940996", 2, "2.27", "0.68", CouponPromotion},
		{"1", 1, "0.00", "0.00", ""},
	}
	if diff := cmp.Diff(wantLines, lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// Campaigns become coupon promotions over the products of their coupons.
func TestReadCampaigns(t *testing.T) {
	coupons, errs := storedata.Collect(ReadCoupons(gz(t, "coupons_200_per_campaign.csv.gz"), storedata.Options{File: "coupons.csv"}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	f, err := os.Open("testdata/campaign_descriptions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ny := newYork(t)
	promos, errs := storedata.Collect(ReadCampaigns(f, coupons, storedata.Options{File: "campaign_descriptions.csv", Location: ny}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(promos) != 27 {
		t.Fatalf("%d promotions, want 27", len(promos))
	}
	for _, p := range promos {
		if err := p.Validate(); err != nil {
			t.Errorf("promotion %s: %v", p.ID, err)
		}
	}
	// Campaign 1 (Type B, 2017-03-03 to 2017-04-09): its 200 coupon rows
	// name 200 distinct products (Python: len(set(product_id)) over the
	// coupon rows of campaign 1 in the slice).
	p := promos[0]
	if p.ID != "1" || p.Name != "Type B campaign 1" || p.Mechanism != promo.Coupon || p.Window.Label() != "2017-03-03..2017-04-09" {
		t.Errorf("campaign 1 = %+v (window %s)", p, p.Window.Label())
	}
	if len(p.Scope.SKUs) != 200 {
		t.Errorf("campaign 1 has %d products, want 200", len(p.Scope.SKUs))
	}
	_, errs = storedata.Collect(ReadCampaigns(strings.NewReader("campaign_id,campaign_type,start_date,end_date\n99,Type A,2017-01-01,2017-01-31\n1,Type A,2017-02-01,2017-01-01\n"), coupons, storedata.Options{}))
	if len(errs) != 2 || !errors.Is(errs[0], ErrNoCoupons) {
		t.Errorf("errors = %v, want campaign 99 without coupons and campaign 1 ending before it starts", errs)
	}
}

// A review of June 2017 (New York time) from the slices. Python over the
// same transactions: 386 baskets in June, net sales USD 1,095.18, 338
// households. The review must agree.
func TestReview(t *testing.T) {
	ny := newYork(t)
	src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_sample_5000.csv.gz", Coupons: "coupons_200_per_campaign.csv.gz",
		Options: storedata.Options{Location: ny}}
	in, errs, err := src.Input()
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 28 || len(in.Rejected) != 1 || in.Rejected[0].Rows != 28 {
		t.Errorf("rejected %v (%d errors), want the 28 lines of quantity 0", in.Rejected, len(errs))
	}
	if len(in.Promotions) != 27 {
		t.Errorf("%d promotions, want 27", len(in.Promotions))
	}
	r, err := report.Build(in, report.Config{Period: metrics.MonthOf(2017, time.June, ny)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, k := range r.Overview.KPIs {
		switch k.Key {
		case "orders", "net_sales":
			got[k.Key] = k.Current.String()
		}
	}
	want := map[string]string{"orders": metrics.CountValue(386).String(), "net_sales": metrics.MoneyValue(money.MustNew("1095.18", "USD")).String()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("KPIs (-want +got):\n%s", diff)
	}
	if r.Promotions == nil {
		t.Errorf("no promotions section: %v", r.Omitted)
	}
}

// TestReviewOrdersGap: the slice cut for campaigns 10 and 16 holds their
// pre-windows and windows, 2017-05-26..07-30 and 09-01..11-05, and no
// order from 2017-07-31 to 08-31 (python3 over its timestamps' days).
// At its 24 orders a day (3,748 baskets over the 159 days to October's
// end), 32 days without one are missing data, not a month
// without sales: the overview says so, and the October review's cohorts
// show n/a, not 0.0 %, for the months they touch after their first
// (July and August); September and October stay.
func TestReviewOrdersGap(t *testing.T) {
	loc := newYork(t)
	src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_campaigns_10_16.csv.gz", Coupons: "coupons_200_per_campaign.csv.gz", Options: storedata.Options{Location: loc}}
	in, _, err := src.Input()
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(in, report.Config{Period: metrics.MonthOf(2017, time.October, loc)})
	if err != nil {
		t.Fatal(err)
	}
	var gaps []string
	for _, n := range r.NotesOf(report.SectionOverview) {
		if n.Key == "orders_gap" {
			gaps = append(gaps, n.Reason)
		}
	}
	if want := []string{"2017-07-31..2017-08-31 (32)"}; !cmp.Equal(want, gaps) {
		t.Errorf("orders_gap notes %q, want %q", gaps, want)
	}
	got := map[string][]string{}
	for _, row := range r.Customers.Cohorts {
		for _, c := range row.Retention {
			s := "n/a"
			if c.Defined() {
				s = "%"
			}
			got[row.Label] = append(got[row.Label], s)
		}
	}
	want := map[string][]string{
		"2017-05": {"%", "%", "n/a", "n/a", "%", "%"},
		"2017-06": {"%", "n/a", "n/a", "%", "%"},
		"2017-07": {"%", "n/a", "%", "%"},
		"2017-09": {"%", "%"},
		"2017-10": {"%"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cohort cells defined (-want +got):\n%s", diff)
	}
}
