package inventory

import (
	"errors"
	"strconv"
	"testing"
	"time"
	_ "time/tzdata" // named zones on any machine

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// problem is a DataError as compared in tests.
type problem struct {
	Source, SKU, Day string
	Count            int
	Err              error
}

func problemsOf(err error) []problem {
	var out []problem
	var j interface{ Unwrap() []error }
	if !errors.As(err, &j) {
		return nil
	}
	for _, e := range j.Unwrap() {
		var de *DataError
		if errors.As(e, &de) {
			out = append(out, problem{de.Source, de.SKU, de.Day.String(), de.Count, de.Err})
		}
	}
	return out
}

func TestDataProblems(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	snaps := []Snapshot{
		{SKU: "A", Day: nov(1), OnHand: 5, UnitCost: yuan("1.00")},
		{SKU: "A", Day: nov(2), OnHand: 5, UnitCost: money.MustNew("1.00", "USD")}, // another currency
		{SKU: "A", Day: nov(3), OnHand: -2, UnitCost: yuan("1.00")},                // oversold
		{SKU: "A", Day: nov(4), OnHand: -1, UnitCost: yuan("1.00")},                // oversold again
		{SKU: "A", Day: nov(4), OnHand: 3, UnitCost: yuan("1.00")},                 // the same day again
		{SKU: "A", Day: nov(12), OnHand: 3, UnitCost: yuan("1.00")},                // after the period
		{SKU: "X", Day: nov(5), OnHand: 1, UnitCost: yuan("1.00")},                 // not in the catalogue
		{SKU: "A", Day: nov(9), OnHand: 1, UnitCost: yuan("1.00")},                 // A again, after X
	}
	var sales Sales
	sales.Add("A", DayOf(nov(2)), 1, yuan("2.00"), yuan("1.00"))
	sales.Add("Y", DayOf(nov(6)), 1, yuan("2.00"), yuan("1.00")) // not in the catalogue
	sales.Add("A", DayOf(nov(7)), 1, money.MustNew("2.00", "USD"), yuan("1.00"))
	r, err := Analyze(Config{}, Input{
		Period:    p,
		Items:     []Item{{SKU: "A"}},
		Snapshots: seqOf(snaps),
		Sales:     &sales,
		Receipts:  []Receipt{{SKU: "A", Day: nov(3), Quantity: 0, UnitCost: yuan("1.00")}},
	})
	want := []problem{
		{"order", "A", "2025-11-07", 1, money.ErrCurrencyMismatch},
		{"receipt", "A", "2025-11-03", 1, ErrQuantity},
		{"snapshot", "A", "2025-11-02", 1, money.ErrCurrencyMismatch},
		{"snapshot", "A", "2025-11-03", 2, ErrNegativeOnHand},
		// the repeated day and A's snapshots after X: one problem, two records
		{"snapshot", "A", "2025-11-04", 2, ErrOrder},
		{"snapshot", "A", "2025-11-12", 1, ErrOutsidePeriod},
		{"snapshot", "X", "2025-11-05", 1, ErrUnknownSKU},
		{"order", "Y", "2025-11-06", 1, ErrUnknownSKU},
	}
	if diff := cmp.Diff(want, problemsOf(err), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(r.Problems) != len(want) {
		t.Errorf("Report.Problems has %d, want %d", len(r.Problems), len(want))
	}
	// The usable snapshots of A are 1, 3 (as 0) and 4 (as 0) Nov: 5 units,
	// then two stock-outs.
	a, _ := r.SKU("A")
	if a.SKUDays != 3 || a.StockoutDays != 2 || a.AvgCost.String() != "CNY 1.67" {
		t.Errorf("A: %d SKU-days, %d stock-outs, average %v; want 3, 2, CNY 1.67 (5/3 rounded)", a.SKUDays, a.StockoutDays, a.AvgCost)
	}
	msg := (&DataError{Source: "snapshot", SKU: "A", Day: DayOf(nov(3)), Count: 2, Detail: "on hand -2", Err: ErrNegativeOnHand}).Error()
	if want := `inventory: snapshot sku "A" on 2025-11-03: negative on hand (on hand -2) and 1 more`; msg != want {
		t.Errorf("message %q, want %q", msg, want)
	}
}

func TestSalesAddOrder(t *testing.T) {
	cnyC := money.MustCurrency("CNY")
	line := func(sku string, q int64, price, disc, cost string) metrics.Line {
		return metrics.Line{SKU: sku, Quantity: q, UnitPrice: yuan(price), Discount: yuan(disc), UnitCost: yuan(cost), Category: "c-" + sku}
	}
	var s Sales
	// Order 1: lines worth 30.00 and 10.00 after line discounts; the order
	// discount 4.00 is allocated 3.00 and 1.00 by value.
	s.AddOrder(metrics.Order{ID: "1", PlacedAt: nov(2), Status: metrics.Paid, Currency: cnyC, Discount: yuan("4.00"),
		Lines: []metrics.Line{line("P", 2, "16.00", "2.00", "5.00"), line("Q", 1, "10.00", "0", "4.00")}})
	// Order 2 is cancelled: not counted.
	s.AddOrder(metrics.Order{ID: "2", PlacedAt: nov(2), Status: metrics.Cancelled, Currency: cnyC, Lines: []metrics.Line{line("P", 9, "1", "0", "1")}})
	// Order 3: a line with no quantity is reported; the other counts.
	s.AddOrder(metrics.Order{ID: "3", PlacedAt: nov(3), Status: metrics.Placed, Currency: cnyC,
		Lines: []metrics.Line{line("P", 0, "1", "0", "1"), line("P", 1, "0.125", "0", "0.05")}})
	// Order 4 in USD: reported.
	s.AddOrder(metrics.Order{ID: "4", PlacedAt: nov(3), Status: metrics.Paid, Currency: money.MustCurrency("USD"),
		Lines: []metrics.Line{{SKU: "P", Quantity: 1, UnitPrice: money.MustNew("1", "USD")}}})

	p, _ := metrics.NewPeriod(nov(1), nov(8))
	r, _ := Analyze(Config{}, Input{Period: p, Sales: &s})
	type got struct {
		SKU, Category, Revenue, COGS string
		Units                        int64
	}
	var rows []got
	for _, m := range r.SKUs {
		rows = append(rows, got{m.SKU, m.Category, m.Revenue.String(), m.COGS.String(), m.Units})
	}
	// P: 2 × 16.00 − 2.00 − 3.00 = 27.00, plus 0.125 exactly; COGS 10.00 + 0.05.
	// Q: 10.00 − 1.00 = 9.00; COGS 4.00.
	want := []got{{"P", "c-P", "CNY 27.125", "CNY 10.05", 3}, {"Q", "c-Q", "CNY 9.00", "CNY 4.00", 1}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("sales (-want +got):\n%s", diff)
	}
	probs := problemsOf(s.Err())
	wantProbs := []problem{{"order", "P", "2025-11-03", 1, ErrQuantity}, {"order", "P", "2025-11-03", 1, money.ErrCurrencyMismatch}}
	if diff := cmp.Diff(wantProbs, probs, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestDayOf(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), "1970-01-01"},
		{time.Date(1969, 12, 31, 23, 59, 0, 0, time.UTC), "1969-12-31"},
		{time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), "2024-02-29"},
		{time.Date(2025, 11, 1, 1, 0, 0, 0, shanghai), "2025-11-01"}, // 17:00 UTC on 31 Oct
	}
	var c dayCache
	for _, tt := range tests {
		if got := DayOf(tt.t).String(); got != tt.want {
			t.Errorf("DayOf(%v) = %s, want %s", tt.t, got, tt.want)
		}
		if got := c.day(tt.t).String(); got != tt.want {
			t.Errorf("dayCache.day(%v) = %s, want %s", tt.t, got, tt.want)
		}
	}
}

func TestSalesInAnotherCurrency(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	var s Sales
	s.Add("A", DayOf(nov(2)), 1, yuan("2.00"), yuan("1.00"))
	r, err := Analyze(Config{Currency: money.MustCurrency("USD")}, Input{Period: p, Sales: &s})
	want := []problem{{"order", "A", "2025-11-02", 1, money.ErrCurrencyMismatch}}
	if diff := cmp.Diff(want, problemsOf(err), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(r.SKUs) != 0 || !r.Store.Revenue.IsZero() {
		t.Errorf("CNY sales used in a USD report: %+v", r.SKUs)
	}
}

// TestNegativeUnitCost checks that a negative unit cost in a snapshot or a
// receipt is reported as a data problem and does not value stock below
// zero.
func TestNegativeUnitCost(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	snaps := []Snapshot{
		{SKU: "A", Day: nov(1), OnHand: 4, UnitCost: yuan("2.00")},
		{SKU: "A", Day: nov(10), OnHand: 4, UnitCost: yuan("-2.00")}, // bad cost
	}
	r, err := Analyze(Config{}, Input{
		Period:    p,
		Snapshots: seqOf(snaps),
		Receipts:  []Receipt{{SKU: "A", Day: nov(5), Quantity: 1, UnitCost: yuan("-1.00")}},
	})
	want := []problem{
		{"receipt", "A", "2025-11-05", 1, ErrAmount},
		{"snapshot", "A", "2025-11-10", 1, ErrAmount},
	}
	if diff := cmp.Diff(want, problemsOf(err), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// The bad snapshot is left out like one in another currency: the
	// average is the first snapshot's 4 × 2.00 = 8.00 (hand computation),
	// and the bad receipt is not counted.
	m, _ := r.SKU("A")
	if diff := cmp.Diff([]string{"CNY 8.00", "0"}, []string{m.AvgCost.String(), strconv.FormatInt(m.Received, 10)}); diff != "" {
		t.Errorf("AvgCost, Received (-want +got):\n%s", diff)
	}
}

// TestNoPeriod checks that snapshots analysed without a period are
// reported as such, not as outside a period ending before it starts.
func TestNoPeriod(t *testing.T) {
	_, err := Analyze(Config{}, Input{Snapshots: seqOf([]Snapshot{{SKU: "A", Day: nov(1), OnHand: 1, UnitCost: yuan("1.00")}})})
	var de *DataError
	if !errors.As(err, &de) {
		t.Fatalf("error %v, want a *DataError", err)
	}
	if diff := cmp.Diff("no period: Input.Period is zero", de.Detail); diff != "" {
		t.Errorf("detail (-want +got):\n%s", diff)
	}
}

// In America/Santiago the clocks jump from 00:00 to 01:00 on 2024-09-08:
// that day starts at 01:00, not at 23:00 the day before.
func TestDayDateSkippedMidnight(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	d := DayOf(time.Date(2024, 9, 8, 12, 0, 0, 0, loc))
	start := d.Date(loc)
	if start.Day() != 8 || start.Hour() != 1 {
		t.Errorf("Day(2024-09-08).Date(Santiago) = %v, want 2024-09-08 01:00", start)
	}
	if DayOf(start) != d {
		t.Errorf("DayOf(Date()) = %s, want %s", DayOf(start), d)
	}
}
