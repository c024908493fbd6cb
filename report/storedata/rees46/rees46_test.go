package rees46

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// sample is the first 1,000 rows of REES46 2019-Oct.csv (credit and
// licence in testdata/CREDIT.md).
const sample = "testdata/2019-Oct-sample.csv"

func openSample(t *testing.T) *os.File {
	t.Helper()
	f, err := os.Open(sample)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// The expected figures were computed independently from the same file
// with Python's csv module (collections.Counter over event_type; distinct
// user_id and (user_id, user_session) pairs). The publisher's README
// gives the same counts: 987 views, 3 carts, 10 purchases, 330 users,
// 372 sessions.
func TestReadEventsSample(t *testing.T) {
	names := map[string]int{}
	users, sessions := map[string]bool{}, map[string]bool{}
	n := 0
	var prev time.Time
	for e, err := range ReadEvents(openSample(t), storedata.Options{File: "2019-Oct-sample.csv", Strict: true}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		names[e.Name]++
		users[e.UserID] = true
		sessions[e.UserID+"/"+e.Prop(funnel.PropSession)] = true
		if e.Time.Before(prev) {
			t.Errorf("event %d at %v is before %v", n, e.Time, prev)
		}
		prev = e.Time
		if e.Prop(PropProduct) == "" {
			t.Errorf("event %d has no product", n)
		}
	}
	got := map[string]int{"events": n, "users": len(users), "sessions": len(sessions)}
	for k, v := range names {
		got[k] = v
	}
	want := map[string]int{"events": 1000, "users": 330, "sessions": 372, PageView: 987, AddToCart: 3, Purchase: 10}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
}

// Expected figures from Python over the same file: the 10 purchase rows
// grouped by (user_id, user_session) give 9 orders (session 3c80f0d6…
// buys twice, 5 minutes apart) of 10 distinct (product, price) lines, 9
// buyers, and Σ price = 2,387.84 (the README's purchase value).
func TestReadOrdersSample(t *testing.T) {
	orders, errs := storedata.Collect(ReadOrders(openSample(t), storedata.Options{File: "2019-Oct-sample.csv"}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var sum money.Sum
	lines, units := 0, int64(0)
	buyers := map[string]bool{}
	for _, o := range orders {
		buyers[o.CustomerID] = true
		for _, l := range o.Lines {
			lines++
			units += l.Quantity
			sum.Add(l.UnitPrice.Mul(l.Quantity))
		}
	}
	type counts struct{ Orders, Lines, Buyers int }
	if diff := cmp.Diff(counts{9, 10, 9}, counts{len(orders), lines, len(buyers)}); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if units != 10 {
		t.Errorf("units = %d, want 10", units)
	}
	if got, want := sum.Total(Currency), money.MustNew("2387.84", "USD"); !got.Equal(want) {
		t.Errorf("revenue = %s, want %s", got, want)
	}
	i := slices.IndexFunc(orders, func(o metrics.Order) bool { return o.ID == "3c80f0d6-e9ec-4181-8c5c-837a30be2d68" })
	if i < 0 || len(orders[i].Lines) != 2 || orders[i].PlacedAt.Format(time.DateTime) != "2019-10-01 00:04:37" {
		t.Errorf("the two-purchase session is not one order placed at its first purchase: %+v", orders)
	}
}

// A session's purchases more than OrderGap apart are two orders; the same
// product at the same price twice is one line of quantity 2.
func TestReadOrdersGap(t *testing.T) {
	const in = `event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
2019-10-01 00:00:00 UTC,purchase,1,10,,acme,5.00,u1,s1
2019-10-01 00:01:00 UTC,purchase,1,10,,acme,5.00,u1,s1
2019-10-01 00:02:00 UTC,purchase,2,10,a.b,,7.50,u2,
2019-10-01 00:20:00 UTC,purchase,3,10,,acme,1.00,u1,s1
2019-10-01 00:51:00 UTC,view,3,10,,acme,1.00,u3,s3
2019-10-01 00:52:00 UTC,purchase,3,10,,acme,1.00,u1,s1
`
	orders, errs := storedata.Collect(ReadOrders(strings.NewReader(in), storedata.Options{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	type line struct {
		ID, SKU, Category string
		Qty               int64
	}
	var got []line
	for _, o := range orders {
		for _, l := range o.Lines {
			got = append(got, line{o.ID, l.SKU, l.Category, l.Quantity})
		}
	}
	// u2's order closes at 00:51 (the clock passes 00:32), s1's first
	// order too (last purchase 00:20, clock 00:51 > 00:50); s1's purchase
	// at 00:52 starts a second order, closed at the end.
	want := []line{{"u2@2019-10-01T00:02:00Z", "2", "a.b", 1}, {"s1", "1", "10", 2}, {"s1", "3", "10", 1}, {"s1#2", "3", "10", 1}}
	slices.SortStableFunc(got, func(a, b line) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(want, func(a, b line) int { return strings.Compare(a.ID, b.ID) })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

func TestBadRows(t *testing.T) {
	const in = `event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
2019-10-01 00:00:00,view,1,10,,acme,5.00,u1,s1
2019-10-01 00:00:01 UTC,click,1,10,,acme,5.00,u1,s1
2019-10-01 00:00:02 UTC,purchase,1,10,,acme,0.00,u1,s1
2019-10-01 00:00:03 UTC,purchase,1,10,,acme,12,30,u1,s1
2019-10-01 00:00:04 UTC,view,1,10,,acme,-1,u1,s1
2019-10-01 00:00:05 UTC,view,,10,,acme,1,u1,s1
2019-10-01 00:00:06 UTC,purchase,1,10,,acme,1e3,u1,s1
2019-10-01 00:00:07 UTC,purchase,1,10,,acme,3.00,u1,s1
`
	type loc struct {
		Line, Column int
		Is           error
	}
	want := []loc{{2, 1, nil}, {3, 2, ErrEventType}, {4, 7, ErrPrice}, {5, 0, nil}, {6, 7, ErrPrice}, {7, 3, nil}, {8, 7, ErrPrice}}
	for _, read := range []func() []error{
		func() []error {
			_, errs := storedata.Collect(ReadEvents(strings.NewReader(in), storedata.Options{}))
			return errs
		},
		func() []error {
			_, errs := storedata.Collect(ReadOrders(strings.NewReader(in), storedata.Options{}))
			return errs
		},
	} {
		var got []loc
		for _, err := range read() {
			var pe *storedata.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%v is not a *storedata.ParseError", err)
			}
			l := loc{pe.Line, pe.Column, nil}
			for _, s := range []error{ErrEventType, ErrPrice} {
				if errors.Is(err, s) {
					l.Is = s
				}
			}
			got = append(got, l)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
	}
	// Strict mode stops at the first.
	_, errs := storedata.Collect(ReadOrders(strings.NewReader(in), storedata.Options{Strict: true}))
	if len(errs) != 1 {
		t.Errorf("strict: %d errors, want 1", len(errs))
	}
	// A file without a column is one FileError.
	_, errs = storedata.Collect(ReadEvents(strings.NewReader("event_time,event_type\n"), storedata.Options{}))
	var fe *storedata.FileError
	if len(errs) != 1 || !errors.As(errs[0], &fe) || !errors.Is(errs[0], storedata.ErrMissingColumn) {
		t.Errorf("missing columns: %v", errs)
	}
}

// The review of the sample's day must agree with the independent
// figures above: 9 orders, net sales USD 2,387.84, 330 visitors and,
// with the tracker's sessions, 372 sessions.
func TestReview(t *testing.T) {
	src := &Source{FS: os.DirFS("testdata"), Name: "2019-Oct-sample.csv"}
	in, errs, err := src.Input()
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	r, err := report.Build(in, report.Config{Period: metrics.DayOf(2019, time.October, 1, time.UTC), Funnel: Funnel(),
		Sessions: funnel.SessionRule{Key: funnel.PropSession}})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Err(); err != nil {
		t.Fatal(err)
	}
	kpi := func(ks []report.KPI, key string) metrics.Value {
		for _, k := range ks {
			if k.Key == key {
				return k.Current
			}
		}
		t.Fatalf("no KPI %s", key)
		return metrics.Value{}
	}
	if n, _ := kpi(r.Overview.KPIs, "orders").Count(); n != 9 {
		t.Errorf("orders = %d, want 9", n)
	}
	if m, _ := kpi(r.Overview.KPIs, "net_sales").Money(); !m.Equal(money.MustNew("2387.84", "USD")) {
		t.Errorf("net sales = %s, want USD 2387.84", m)
	}
	if r.Traffic == nil {
		t.Fatal("no traffic section")
	}
	if n, _ := kpi(r.Traffic.KPIs, "visitors").Count(); n != 330 {
		t.Errorf("visitors = %d, want 330", n)
	}
	if n, _ := kpi(r.Traffic.KPIs, "sessions").Count(); n != 372 {
		t.Errorf("sessions = %d, want 372", n)
	}
	// The funnel per user, computed in Python over the same file: for each
	// user and each view, the deepest chain view → cart → purchase within
	// 24 hours (events sorted by time, ties in file order).
	var steps []int64
	for _, s := range r.Traffic.Funnel {
		steps = append(steps, s.Users)
	}
	if diff := cmp.Diff([]int64{330, 3, 2}, steps); diff != "" {
		t.Errorf("funnel (-want +got):\n%s", diff)
	}
}
