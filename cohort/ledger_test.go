package cohort

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestAddInvalid(t *testing.T) {
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	var l Ledger
	if err := l.Add(order("ok", "a", "2025-01-05", 10, "")); err != nil {
		t.Fatal(err)
	}
	bad := metrics.Order{ID: "x1", CustomerID: "b", Status: metrics.Paid, Currency: cny,
		Lines: []metrics.Line{
			{SKU: "p", Quantity: 0, UnitPrice: cny.FromMinor(100)},
			{SKU: "q", Quantity: 1, UnitPrice: usd.FromMinor(100)},
			{SKU: "r", Quantity: 1, UnitPrice: cny.FromMinor(100), UnitCost: cny.FromMinor(-5)},
		}}
	err := l.Add(bad, metrics.Refund{ID: "r1", OrderID: "x2", At: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Amount: cny.FromMinor(-10),
		Lines: []metrics.ReturnedLine{{SKU: "zz", Quantity: 1}}})
	if !errors.Is(err, ErrInvalidOrder) || !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Fatalf("err = %v; want ErrInvalidOrder and ErrCurrencyMismatch", err)
	}
	var oe *OrderError
	if !errors.As(err, &oe) || oe.OrderID != "x1" {
		t.Fatalf("err = %v; want *OrderError for x1", err)
	}
	// Every problem is reported at once.
	for _, part := range []string{"no PlacedAt", "line 1 (SKU \"p\"): quantity 0", "USD 1.00", "line 3 (SKU \"r\"): negative unit cost",
		"refund \"r1\" is for order \"x2\"", "refund \"r1\": negative amount CNY -0.10", "SKU \"zz\" is not on the order"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not mention %q", err, part)
		}
	}
	if l.Customers() != 1 || l.Orders() != 1 {
		t.Errorf("ledger holds %d customers, %d orders after a rejected order; want 1, 1", l.Customers(), l.Orders())
	}
	// An order in another currency than the ledger's is rejected.
	o := order("u", "c", "2025-01-06", 10, "")
	o.Currency = usd
	o.Lines[0].UnitPrice, o.Lines[0].UnitCost = usd.FromMinor(100), usd.FromMinor(50)
	if err := l.Add(o); !errors.Is(err, ErrInvalidOrder) {
		t.Errorf("USD order into a CNY ledger: err = %v, want ErrInvalidOrder", err)
	}
}

func TestSkipped(t *testing.T) {
	c := order("1", "a", "2025-01-05", 10, "")
	c.Status = metrics.Cancelled
	g := order("2", "", "2025-01-05", 10, "")
	l := ledgerOf(t, []metrics.Order{c, g, order("3", "b", "2025-01-06", 10, "")})
	cancelled, guests := l.Skipped()
	if cancelled != 1 || guests != 1 || l.Customers() != 1 || l.Orders() != 1 {
		t.Errorf("skipped %d cancelled, %d guests; %d customers, %d orders; want 1, 1, 1, 1", cancelled, guests, l.Customers(), l.Orders())
	}
}

func TestRefunds(t *testing.T) {
	cny := money.MustCurrency("CNY")
	o := metrics.Order{ID: "o1", CustomerID: "a", PlacedAt: time.Date(2025, 1, 5, 9, 0, 0, 0, time.UTC), Status: metrics.Paid, Currency: cny,
		Discount: cny.FromMinor(1000),
		Lines:    []metrics.Line{{SKU: "t", Quantity: 2, UnitPrice: cny.FromMinor(5000), Discount: cny.FromMinor(500), UnitCost: cny.FromMinor(2500)}}}
	r := metrics.Refund{ID: "r1", OrderID: "o1", At: time.Date(2025, 2, 2, 9, 0, 0, 0, time.UTC), Amount: cny.FromMinor(4000),
		Lines: []metrics.ReturnedLine{{SKU: "t", Quantity: 1, Restocked: true}}}
	var l Ledger
	if err := l.Add(o, r); err != nil {
		t.Fatal(err)
	}
	m := l.mustRetention(RetentionConfig{})
	// Hand computed: January net = 2 × 50 − 5 − 10 = 85, COGS 50, GP 35.
	// February: refund −40, one unit restocked: COGS −25, GP −15; not active.
	want := [][]string{{"cohort", "customers", "M0", "M1"}, {"2025-01", "1", "85.00", "-40.00"}}
	if diff := cmp.Diff(want, m.mustTable(NetSales)); diff != "" {
		t.Errorf("net sales (-want +got):\n%s", diff)
	}
	want = [][]string{{"cohort", "customers", "M0", "M1"}, {"2025-01", "1", "35.00", "-15.00"}}
	if diff := cmp.Diff(want, m.mustTable(GrossProfit)); diff != "" {
		t.Errorf("gross profit (-want +got):\n%s", diff)
	}
	want = [][]string{{"cohort", "customers", "M0", "M1"}, {"2025-01", "1", "1", "0"}}
	if diff := cmp.Diff(want, m.mustTable(Customers)); diff != "" {
		t.Errorf("active (-want +got):\n%s", diff)
	}
}

func TestSubMinorAmounts(t *testing.T) {
	// Unit prices in tenths of a cent stay exact: 3 × 0.125 = 0.375.
	cny := money.MustCurrency("CNY")
	p := money.MustNew("0.125", "CNY")
	o := metrics.Order{ID: "o", CustomerID: "a", PlacedAt: time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC), Status: metrics.Paid, Currency: cny,
		Lines: []metrics.Line{{SKU: "s", Quantity: 3, UnitPrice: p}}}
	l := ledgerOf(t, []metrics.Order{o})
	got := l.mustRetention(RetentionConfig{}).Rows[0].Cells[0].NetSales
	if want := money.MustNew("0.375", "CNY"); !got.Equal(want) {
		t.Errorf("net sales = %v, want %v", got, want)
	}
}

func TestLocation(t *testing.T) {
	// 2025-01-31 20:00 UTC is 1 February 04:00 in UTC+8: a February customer.
	shanghai := time.FixedZone("CST", 8*3600)
	o := order("1", "a", "2025-01-31", 10, "")
	o.PlacedAt = time.Date(2025, 1, 31, 20, 0, 0, 0, time.UTC)
	l := Ledger{Location: shanghai}
	if err := l.Add(o); err != nil {
		t.Fatal(err)
	}
	if got := l.mustRetention(RetentionConfig{}).Rows[0].Label; got != "2025-02" {
		t.Errorf("cohort in UTC+8 = %s, want 2025-02", got)
	}
	var u Ledger
	if err := u.Add(o); err != nil {
		t.Fatal(err)
	}
	if got := u.mustRetention(RetentionConfig{}).Rows[0].Label; got != "2025-01" {
		t.Errorf("cohort in UTC = %s, want 2025-01", got)
	}
}

// TestSkippedMidnight checks days whose midnight a daylight-saving change
// skips: in America/Sao_Paulo, clocks went from 2018-11-04 00:00 to 01:00,
// and time.Date(2018, 11, 4, 0, 0, …) is 2018-11-03 23:00. The cohort of
// 4 November must still be labelled 4 November, and the as-of time
// reported must lie on the as-of day, so that passing it back as AsOf
// gives the same day.
func TestSkippedMidnight(t *testing.T) {
	saoPaulo, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip(err)
	}
	l := Ledger{Location: saoPaulo}
	for _, o := range []metrics.Order{order("1", "a", "2018-11-03", 10, ""), order("2", "b", "2018-11-04", 10, "")} {
		o.PlacedAt = time.Date(o.PlacedAt.Year(), o.PlacedAt.Month(), o.PlacedAt.Day(), 12, 0, 0, 0, saoPaulo)
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	m := l.mustRetention(RetentionConfig{Grain: metrics.Day})
	if diff := cmp.Diff([]string{"2018-11-03", "2018-11-04"}, m.RowLabels()); diff != "" {
		t.Errorf("day cohorts across the skipped midnight (-want +got):\n%s", diff)
	}
	asOf := m.Config.AsOf.In(saoPaulo)
	if y, mo, d := asOf.Date(); y != 2018 || mo != time.November || d != 4 {
		t.Errorf("Matrix.Config.AsOf = %s, want an instant of 2018-11-04", asOf)
	}
	if got := l.mustRetention(RetentionConfig{Grain: metrics.Day, AsOf: m.Config.AsOf}).Periods; got != m.Periods {
		t.Errorf("Retention with AsOf from the matrix has %d periods, want %d", got, m.Periods)
	}
}

func TestKeyCohorts(t *testing.T) {
	orders := handStore()
	orders[0].Promotion = "NEW10"
	orders[1].Lines = append(orders[1].Lines, metrics.Line{SKU: "big", Category: "teaware", Quantity: 1,
		UnitPrice: orders[1].Currency.FromMinor(90000)})
	l := Ledger{Key: func(o metrics.Order) string { return "k" + o.CustomerID }}
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		by   By
		want []string
	}{
		{ByChannel, []string{"ads", "search"}},
		// b's first order has a ¥900 teaware line beside the ¥200 tea line.
		{ByCategory, []string{"tea", "teaware"}},
		{ByPromotion, []string{"(none)", "NEW10"}},
		{ByKey, []string{"ka", "kb", "kc"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, l.mustRetention(RetentionConfig{By: tt.by}).RowLabels()); diff != "" {
			t.Errorf("%v cohorts (-want +got):\n%s", tt.by, diff)
		}
	}
}

func TestFirstOrderTies(t *testing.T) {
	// Two first orders at the same instant: the smaller ID is first,
	// whatever the order of Add.
	a := order("2", "a", "2025-01-05", 10, "ads")
	b := order("1", "a", "2025-01-05", 10, "search")
	for _, orders := range [][]metrics.Order{{a, b}, {b, a}} {
		l := ledgerOf(t, orders)
		if got := l.mustRetention(RetentionConfig{By: ByChannel}).RowLabels(); !cmp.Equal(got, []string{"search"}) {
			t.Errorf("channel cohort = %v, want [search] (order 1)", got)
		}
	}
}

func TestMergeCurrencyMismatch(t *testing.T) {
	usd := money.MustCurrency("USD")
	a := ledgerOf(t, handStore())
	o := order("u", "z", "2025-01-06", 10, "")
	o.Currency = usd
	o.Lines[0].UnitPrice, o.Lines[0].UnitCost = usd.FromMinor(100), usd.FromMinor(50)
	b := ledgerOf(t, []metrics.Order{o})
	if err := a.Merge(b); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("Merge of CNY and USD ledgers: err = %v, want ErrCurrencyMismatch", err)
	}
	if a.Customers() != 3 {
		t.Errorf("after a failed Merge: %d customers, want 3", a.Customers())
	}
}

func TestCalendar(t *testing.T) {
	// civil and dayNumber invert each other, and agree with package time,
	// over four centuries around the epoch plus far dates.
	for _, d := range []int64{-719162, -1, 0, 1, 10957, 20000, 2932896} {
		y, m, dd := dateOf(d)
		if got := dayNumber(y, m, dd); got != d {
			t.Errorf("dayNumber(civil(%d)) = %d", d, got)
		}
		want := time.Unix(d*86400, 0).UTC()
		if int(y) != want.Year() || time.Month(m) != want.Month() || dd != want.Day() {
			t.Errorf("civil(%d) = %d-%d-%d, want %s", d, y, m, dd, want.Format("2006-01-02"))
		}
	}
	for d := int64(-200000); d < 200000; d += 13 {
		y, m, dd := dateOf(d)
		if dayNumber(y, m, dd) != d {
			t.Fatalf("round trip fails at day %d", d)
		}
		tm := time.Unix(d*86400, 0).UTC()
		if yy, ww := tm.ISOWeek(); startDay(index(d, metrics.Week), metrics.Week) != dayNumber(int64(yy), 1, 4)-int64((int(time.Date(yy, 1, 4, 0, 0, 0, 0, time.UTC).Weekday())+6)%7)+int64(7*(ww-1)) {
			t.Fatalf("week start of day %d disagrees with ISOWeek %d-W%02d", d, yy, ww)
		}
	}
}

func TestAddAll(t *testing.T) {
	orders := handStore()
	bad := order("bad", "z", "2025-01-05", 10, "")
	bad.Lines[0].Quantity = -1
	bad2 := order("bad2", "z", "2025-01-06", 10, "")
	bad2.PlacedAt = time.Time{}
	all := append(append([]metrics.Order{bad}, orders...), bad2)
	var l Ledger
	err := l.AddAll(all)
	var oe *OrderError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), `"bad"`) || !strings.Contains(err.Error(), `"bad2"`) {
		t.Errorf("AddAll error = %v; want both bad orders named", err)
	}
	// The valid orders are all added: the same matrix as adding them one by one.
	if diff := cmp.Diff(ledgerOf(t, orders).mustRetention(RetentionConfig{}), l.mustRetention(RetentionConfig{}), opts); diff != "" {
		t.Errorf("AddAll (-want +got):\n%s", diff)
	}
}

func TestMainCategory(t *testing.T) {
	cny := money.MustCurrency("CNY")
	line := func(cat, price string, qty int64) metrics.Line {
		return metrics.Line{Category: cat, Quantity: qty, UnitPrice: money.MustNew(price, "CNY")}
	}
	tests := []struct {
		name  string
		lines []metrics.Line
		want  string
	}{
		{"none", nil, ""},
		{"one", []metrics.Line{line("a", "1.00", 1)}, "a"},
		{"highest gross value", []metrics.Line{line("a", "5.00", 1), line("b", "2.00", 3)}, "b"},
		{"tie goes to the earlier line", []metrics.Line{line("a", "6.00", 1), line("b", "2.00", 3)}, "a"},
		{"sub-cent prices compared exactly", []metrics.Line{line("a", "0.12", 1), line("b", "0.125", 1)}, "b"},
	}
	for _, tt := range tests {
		o := metrics.Order{Currency: cny, Lines: tt.lines}
		if got := mainCategory(&o); got != tt.want {
			t.Errorf("%s: mainCategory = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCounterMatchesOffset(t *testing.T) {
	// The month tables give the same periods as the direct arithmetic,
	// for every pair of days over three years around a leap day.
	lo := dayNumber(2023, 11, 15)
	hi := dayNumber(2026, 3, 3)
	for _, w := range []Window{Calendar, Rolling} {
		c := newCounter(metrics.Month, w, lo, hi)
		if c.direct {
			t.Fatal("counter over three years has no tables")
		}
		for first := lo; first <= hi; first += 3 {
			for d := first; d <= hi; d += 5 {
				if got, want := c.offset(first, d), offset(first, d, metrics.Month, w); got != want {
					t.Fatalf("%v: offset(%d, %d) = %d, want %d", w, first, d, got, want)
				}
			}
		}
	}
}

func TestCategoryCohortFastPath(t *testing.T) {
	// Through Add (the integer fast path): the line of highest gross
	// value names the cohort, the earlier one on a tie.
	cny := money.MustCurrency("CNY")
	mk := func(id string, lines ...metrics.Line) metrics.Order {
		o := order(id, "c"+id, "2025-01-05", 1, "")
		o.Lines = lines
		return o
	}
	ln := func(cat string, price, qty int64) metrics.Line {
		return metrics.Line{SKU: cat, Category: cat, Quantity: qty, UnitPrice: cny.FromMinor(price)}
	}
	l := ledgerOf(t, []metrics.Order{
		mk("1", ln("tie-first", 600, 1), ln("tie-second", 200, 3)),
		mk("2", ln("small", 500, 1), ln("large", 200, 3)),
		mk("3"),
	})
	want := []string{"(none)", "large", "tie-first"}
	if diff := cmp.Diff(want, l.mustRetention(RetentionConfig{By: ByCategory}).RowLabels()); diff != "" {
		t.Errorf("category cohorts (-want +got):\n%s", diff)
	}
}
