package metrics_test

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// cmpCurrency compares currencies by value: Currency is a comparable value
// type without exported fields.
var cmpCurrency = cmp.Comparer(func(a, b money.Currency) bool { return a == b })

func cny(s string) money.Money { return money.MustNew(s, "CNY") }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// smallStore is a hand-checked store in November 2025. Every expected
// figure in TestSummarizeSmallStore is computed by hand from it in the
// comments there.
func smallStore() ([]metrics.Order, []metrics.Refund) {
	c := money.MustCurrency("CNY")
	a := func(q int64) metrics.Line {
		return metrics.Line{SKU: "A", Category: "home", Quantity: q, UnitPrice: cny("100.00"), UnitCost: cny("40.00")}
	}
	b := func(q int64) metrics.Line {
		return metrics.Line{SKU: "B", Category: "home", Quantity: q, UnitPrice: cny("50.00"), UnitCost: cny("20.00")}
	}
	orders := []metrics.Order{
		{ID: "H1", CustomerID: "alice", PlacedAt: day(2025, 10, 15), Channel: "search", Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "A", Category: "home", Quantity: 1, UnitPrice: cny("50.00"), UnitCost: cny("20.00")}}},
		{ID: "O1", CustomerID: "alice", PlacedAt: day(2025, 11, 2), Channel: "ads", Status: metrics.Paid, Currency: c,
			Lines:    []metrics.Line{a(2), func() metrics.Line { l := b(1); l.Discount = cny("10.00"); return l }()},
			Discount: cny("14.00"), Shipping: cny("10.00"), Tax: cny("5.00")},
		{ID: "O2", CustomerID: "bob", PlacedAt: day(2025, 11, 3), Channel: "ads", Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{a(1)}},
		{ID: "O3", CustomerID: "bob", PlacedAt: day(2025, 11, 20), Channel: "search", Status: metrics.Placed, Currency: c,
			Lines: []metrics.Line{b(3)}},
		{ID: "O4", PlacedAt: day(2025, 11, 5), Channel: "search", Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "C", Category: "gifts", Quantity: 1, UnitPrice: cny("30.00"), UnitCost: cny("10.00")}}},
		{ID: "O5", CustomerID: "carol", PlacedAt: day(2025, 11, 7), Channel: "ads", Status: metrics.Cancelled, Currency: c,
			Lines: []metrics.Line{a(5)}},
		{ID: "O6", CustomerID: "dave", PlacedAt: day(2025, 12, 1), Channel: "ads", Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{a(1)}},
	}
	refunds := []metrics.Refund{
		{ID: "R1", OrderID: "O2", At: day(2025, 11, 10), Amount: cny("100.00"),
			Lines: []metrics.ReturnedLine{{SKU: "A", Quantity: 1, Restocked: true}}},
		{ID: "R2", OrderID: "H1", At: day(2025, 11, 4), Amount: cny("20.00")},
		{ID: "R3", OrderID: "O3", At: day(2025, 12, 2), Amount: cny("50.00")},
	}
	return orders, refunds
}

func group(key string, orders, units int64, gross, disc, ret, cogs string, newBuyers int64) metrics.Group {
	g := metrics.Group{Key: key, Orders: orders, Units: units, GrossSales: cny(gross), Discounts: cny(disc),
		Returns: cny(ret), COGS: cny(cogs), NewBuyers: newBuyers}
	g.NetSales, _ = g.GrossSales.Sub(g.Discounts)
	g.NetSales, _ = g.NetSales.Sub(g.Returns)
	g.GrossProfit, _ = g.NetSales.Sub(g.COGS)
	g.GrossMargin, _ = metrics.MoneyRatio(g.GrossProfit, g.NetSales)
	return g
}

func TestSummarizeSmallStore(t *testing.T) {
	orders, refunds := smallStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	got, err := metrics.Summarize(nov, slices.Values(orders), slices.Values(refunds), metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Hand computation. Counted orders: O1..O4 (H1 is before November, O5
	// cancelled, O6 in December).
	// Gross: O1 2×100 + 50 = 250, O2 100, O3 3×50 = 150, O4 30 → 530.
	// Discounts: O1 line 10 + order 14 → 24. Returns: R1 100 + R2 20 (R2
	// refunds an October order in November; R3 is dated December) → 120.
	// Net 530 − 24 − 120 = 386; total 386 + 10 + 5 = 401.
	// COGS: O1 80 + 20, O2 40, O3 60, O4 10 = 210, minus R1's restocked
	// unit of A at 40 → 170. Gross profit 386 − 170 = 216.
	// Units 3 + 1 + 3 + 1 = 8. Buyers alice and bob (O4 is a guest):
	// alice ordered in October → returning, bob is new through "ads" (O2)
	// and orders twice → repeat.
	// O1's order discount of 14 splits over line values 200 and 40:
	// 11.666… and 2.333… → 11.67 to A (larger remainder) and 2.33 to B.
	want := metrics.Summary{
		Period: nov, Currency: money.MustCurrency("CNY"),
		GrossSales: cny("530"), Discounts: cny("24"), Returns: cny("120"), NetSales: cny("386"),
		Shipping: cny("10"), Tax: cny("5"), TotalSales: cny("401"),
		COGS: cny("170"), GrossProfit: cny("216"), GrossMargin: metrics.NewRatio(216, 386),
		Orders: 4, GuestOrders: 1, Units: 8,
		Buyers: 2, NewBuyers: 1, ReturningBuyers: 1, RepeatBuyers: 1,
		UnitsPerOrder: metrics.NewRatio(8, 4), RepurchaseRate: metrics.NewRatio(1, 2),
		ReturningRate: metrics.NewRatio(1, 2), ReturnRate: metrics.NewRatio(120, 506),
		ByChannel: []metrics.Group{
			// ads: O1, O2; R1 refunds O2; R1's restocked cost leaves ads' COGS.
			group("ads", 2, 4, "350", "24", "100", "100", 1),
			// search: O3, O4; R2 refunds H1, a search order.
			group("search", 2, 4, "180", "0", "20", "70", 0),
		},
		ByCategory: []metrics.Group{
			group("", 0, 0, "0", "0", "20", "0", 0), // R2 has no lines
			group("gifts", 1, 1, "30", "0", "0", "10", 0),
			group("home", 3, 7, "500", "24", "100", "160", 0),
		},
		BySKU: []metrics.Group{
			group("", 0, 0, "0", "0", "20", "0", 0),
			group("A", 2, 3, "300", "11.67", "100", "80", 0),
			group("B", 2, 4, "200", "12.33", "0", "80", 0),
			group("C", 1, 1, "30", "0", "0", "10", 0),
		},
	}
	if diff := cmp.Diff([]metrics.Summary{want}, got, cmpCurrency); diff != "" {
		t.Errorf("Summarize mismatch (-want +got):\n%s", diff)
	}
	if len(got) != 1 {
		return
	}
	// AOV 386 / 4 = 96.50; spend per buyer 386 / 2 = 193.00.
	if aov, ok := got[0].AOV(); !ok || !aov.Equal(cny("96.50")) {
		t.Errorf("AOV = %v, %v; want CNY 96.50", aov, ok)
	}
	if spb, ok := got[0].SpendPerBuyer(); !ok || !spb.Equal(cny("193.00")) {
		t.Errorf("SpendPerBuyer = %v, %v; want CNY 193.00", spb, ok)
	}
}

func TestSummarizeOptions(t *testing.T) {
	orders, refunds := smallStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	tests := []struct {
		name   string
		reason string
		orders []metrics.Order
		opts   metrics.Options
		// new, returning, repeat buyers
		want [3]int64
	}{
		{"default", "alice has an October order in the input", orders, metrics.Options{}, [3]int64{1, 1, 1}},
		{"no history", "without H1 alice is first seen in November", orders[1:], metrics.Options{}, [3]int64{2, 0, 1}},
		{"history map", "FirstOrders restores alice's October order",
			orders[1:], metrics.Options{FirstOrders: map[string]time.Time{"alice": day(2025, 10, 15)}}, [3]int64{1, 1, 1}},
		{"history of bob", "bob's first order predates the input",
			orders, metrics.Options{FirstOrders: map[string]time.Time{"bob": day(2024, 1, 1)}}, [3]int64{0, 2, 1}},
		{"by days", "bob's two orders are on different days", orders, metrics.Options{RepurchaseByDays: true}, [3]int64{1, 1, 1}},
		{"same day", "two orders of one day are one purchase day",
			append(slices.Clone(orders), metrics.Order{ID: "O7", CustomerID: "alice", PlacedAt: day(2025, 11, 2).Add(time.Hour),
				Status: metrics.Paid, Currency: money.MustCurrency("CNY")}),
			metrics.Options{RepurchaseByDays: true}, [3]int64{1, 1, 1}},
		{"same day by orders", "by orders the same-day order makes alice repeat",
			append(slices.Clone(orders), metrics.Order{ID: "O7", CustomerID: "alice", PlacedAt: day(2025, 11, 2).Add(time.Hour),
				Status: metrics.Paid, Currency: money.MustCurrency("CNY")}),
			metrics.Options{}, [3]int64{1, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := metrics.Summarize(nov, slices.Values(tt.orders), slices.Values(refunds), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			s := got[0]
			if diff := cmp.Diff(tt.want, [3]int64{s.NewBuyers, s.ReturningBuyers, s.RepeatBuyers}); diff != "" {
				t.Errorf("%s: new, returning, repeat (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestSummarizeMultiCurrency(t *testing.T) {
	usd := money.MustCurrency("USD")
	jpy := money.MustCurrency("JPY")
	orders := []metrics.Order{
		{ID: "1", CustomerID: "a", PlacedAt: day(2025, 11, 1), Currency: usd,
			Lines: []metrics.Line{{SKU: "X", Quantity: 2, UnitPrice: money.MustNew("9.99", "USD")}}},
		{ID: "2", CustomerID: "a", PlacedAt: day(2025, 11, 2), Currency: jpy,
			Lines: []metrics.Line{{SKU: "X", Quantity: 1, UnitPrice: money.MustNew("1500", "JPY")}}},
	}
	got, err := metrics.Summarize(metrics.MonthOf(2025, time.November, time.UTC), slices.Values(orders), nil, metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// One summary per currency, sorted by code: JPY 1500, USD 2 × 9.99.
	var gross []money.Money
	for _, s := range got {
		gross = append(gross, s.GrossSales)
	}
	want := []money.Money{money.MustNew("1500", "JPY"), money.MustNew("19.98", "USD")}
	if diff := cmp.Diff(want, gross); diff != "" {
		t.Errorf("gross per currency (-want +got):\n%s", diff)
	}
}

func TestSummarizeEmpty(t *testing.T) {
	got, err := metrics.Summarize(metrics.MonthOf(2025, time.November, time.UTC), slices.Values([]metrics.Order(nil)), nil, metrics.Options{})
	if err != nil || len(got) != 0 {
		t.Fatalf("Summarize(empty) = %v, %v; want no summaries, no error", got, err)
	}
	var s metrics.Summarizer
	e := s.For(money.MustCurrency("CNY"))
	if !e.NetSales.Equal(cny("0")) || e.GrossMargin.Defined() || e.UnitsPerOrder.Defined() || e.ReturnRate.Defined() {
		t.Errorf("empty summary = %+v; want zero amounts and undefined ratios", e)
	}
	if _, ok := e.AOV(); ok {
		t.Error("AOV of no orders is defined")
	}
}

func TestSummarizeErrors(t *testing.T) {
	c := money.MustCurrency("CNY")
	orders := []metrics.Order{
		{ID: "ok", PlacedAt: day(2025, 11, 1), Currency: c, Lines: []metrics.Line{{Quantity: 1, UnitPrice: cny("1")}}},
		{ID: "q0", PlacedAt: day(2025, 11, 1), Currency: c, Lines: []metrics.Line{{Quantity: 0, UnitPrice: cny("1")}}},
		{ID: "usd", PlacedAt: day(2025, 11, 1), Currency: c, Lines: []metrics.Line{{Quantity: 1, UnitPrice: money.MustNew("1", "USD")}}},
		{ID: "nocur", PlacedAt: day(2025, 11, 1), Lines: []metrics.Line{{Quantity: 1}}},
	}
	refunds := []metrics.Refund{{ID: "r", OrderID: "ok", At: day(2025, 11, 2), Amount: cny("1"),
		Lines: []metrics.ReturnedLine{{SKU: "nope", Quantity: 1, Restocked: true}}}}
	_, err := metrics.Summarize(metrics.MonthOf(2025, time.November, time.UTC), slices.Values(orders), slices.Values(refunds), metrics.Options{})
	var ids []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ve *metrics.ValidationError
		if !errors.As(e, &ve) || !errors.Is(e, metrics.ErrInvalid) {
			t.Fatalf("error %v is not a *ValidationError", e)
		}
		ids = append(ids, ve.OrderID+"/"+ve.RefundID+"/"+ve.Field)
	}
	want := []string{"q0//Lines[0].Quantity", "usd//Lines[0].UnitPrice", "nocur//Currency", "ok/r/Lines[0].SKU"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// An empty or inverted Period is a *metrics.ConfigError, not silently
// nothing (review finding 1: YearAgo could make 20:00 to 06:00 of one day,
// and Summarize then returned no summaries and no error).
func TestSummarizeBadPeriod(t *testing.T) {
	c := money.MustCurrency("CNY")
	o := metrics.Order{ID: "1", CustomerID: "x", PlacedAt: time.Date(2023, 2, 28, 22, 0, 0, 0, time.UTC), Status: metrics.Paid, Currency: c,
		Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: cny("10.00")}}}
	r := metrics.Refund{ID: "r", OrderID: "1", At: o.PlacedAt, Amount: cny("1.00")}
	at := func(h int) time.Time { return time.Date(2023, 2, 28, h, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		name   string
		p      metrics.Period
		reason string
	}{
		{"inverted", metrics.Period{Start: at(20), End: at(6)}, "20:00 to 06:00 of one day"},
		{"empty", metrics.Period{Start: at(20), End: at(20)}, "NewPeriod refuses it too"},
		{"no end", metrics.Period{Start: at(20)}, "only the zero Period means all time"},
	} {
		_, err := metrics.Summarize(tt.p, slices.Values([]metrics.Order{o}), slices.Values([]metrics.Refund{r}), metrics.Options{})
		var ce *metrics.ConfigError
		if !errors.As(err, &ce) || !errors.Is(err, metrics.ErrConfig) || ce.Field != "Summarize(p)" {
			t.Errorf("%s: Summarize = %v, want a *metrics.ConfigError of Summarize(p): %s", tt.name, err, tt.reason)
		}
		s := metrics.Summarizer{Period: tt.p}
		for _, err := range []error{s.Add(o), s.AddRefund(r, o)} {
			if !errors.As(err, &ce) || ce.Field != "Summarizer.Period" {
				t.Errorf("%s: Summarizer = %v, want a *metrics.ConfigError of Summarizer.Period: %s", tt.name, err, tt.reason)
			}
		}
		if got := s.Result(); len(got) != 0 {
			t.Errorf("%s: Summarizer counted %d summaries", tt.name, len(got))
		}
	}
}

func TestSummarizerAllTime(t *testing.T) {
	orders, refunds := smallStore()
	var s metrics.Summarizer // zero Period: all time
	for _, o := range orders {
		if err := s.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range refunds {
		if err := s.AddRefund(r, metrics.Order{}); err != nil && r.Lines == nil {
			t.Fatal(err)
		}
	}
	got := s.For(money.MustCurrency("CNY"))
	// All non-cancelled orders count: H1..O4 and O6 (530 + 50 + 100 = 680
	// gross); all buyers are new (no period start): alice, bob, dave.
	// R1 has restocked lines and no order: rejected; R2 and R3 count (70).
	want := [6]string{"680.00", "70.00", "6", "3", "3", "0"}
	g := [6]string{got.GrossSales.Amount(), got.Returns.Amount(), strconv.FormatInt(got.Orders, 10),
		strconv.FormatInt(got.Buyers, 10), strconv.FormatInt(got.NewBuyers, 10), strconv.FormatInt(got.ReturningBuyers, 10)}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("gross, returns, orders, buyers, new, returning (-want +got):\n%s", diff)
	}
}

func TestAddRefundErrors(t *testing.T) {
	orders, _ := smallStore()
	o2 := orders[2]
	at := day(2025, 11, 10)
	tests := []struct {
		name  string
		r     metrics.Refund
		o     metrics.Order
		field string
	}{
		{"no currency", metrics.Refund{ID: "r", OrderID: "x", At: at}, metrics.Order{}, "Amount"},
		{"negative", metrics.Refund{ID: "r", OrderID: "O2", At: at, Amount: cny("-1")}, o2, "Amount"},
		{"other currency", metrics.Refund{ID: "r", OrderID: "O2", At: at, Amount: money.MustNew("1", "USD")}, o2, "Amount"},
		{"wrong order", metrics.Refund{ID: "r", OrderID: "O3", At: at, Amount: cny("1")}, o2, "OrderID"},
		{"zero quantity", metrics.Refund{ID: "r", OrderID: "O2", At: at, Amount: cny("1"),
			Lines: []metrics.ReturnedLine{{SKU: "A"}}}, o2, "Lines[0].Quantity"},
		{"restocked unknown", metrics.Refund{ID: "r", OrderID: "O2", At: at, Amount: cny("1"),
			Lines: []metrics.ReturnedLine{{SKU: "Z", Quantity: 1, Restocked: true}}}, o2, "Lines[0].SKU"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := metrics.Summarizer{Period: metrics.MonthOf(2025, time.November, time.UTC)}
			err := s.AddRefund(tt.r, tt.o)
			var ve *metrics.ValidationError
			if !errors.As(err, &ve) || ve.Field != tt.field {
				t.Fatalf("AddRefund error %v; want a *ValidationError on %s", err, tt.field)
			}
			if r := s.Result(); len(r) != 0 {
				t.Errorf("a rejected refund was counted: %+v", r)
			}
		})
	}
}
