package inventory

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestLocatedRecords is issue 16 item 15: one negative on-hand row or one
// unknown SKU failed the whole job with no location. Each DataError names
// the SKU, the day and the record (its position in the input, from 1), so
// that a reader can add its file and line; under the default Strict policy
// Analyze still returns the error.
func TestLocatedRecords(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(4))
	snaps := []Snapshot{
		{SKU: "A", Day: nov(1), OnHand: 5, UnitCost: yuan("1.00")},
		{SKU: "A", Day: nov(2), OnHand: -3, UnitCost: yuan("1.00")}, // record 2
		{SKU: "A", Day: nov(3), OnHand: 4, UnitCost: yuan("1.00")},
		{SKU: "X", Day: nov(1), OnHand: 1, UnitCost: yuan("1.00")}, // record 4: not in the catalogue
		{SKU: "X", Day: nov(2), OnHand: 1, UnitCost: yuan("1.00")},
	}
	receipts := []Receipt{
		{SKU: "A", Day: nov(2), Quantity: 3, UnitCost: yuan("1.00")},
		{SKU: "Y", Day: nov(2), Quantity: 3, UnitCost: yuan("1.00")}, // record 2: not in the catalogue
	}
	_, err := Analyze(Config{}, Input{Period: p, Items: []Item{{SKU: "A"}}, Snapshots: seqOf(snaps), Receipts: receipts})
	if err == nil {
		t.Fatal("Strict: no error for a negative on hand and unknown SKUs")
	}
	type loc struct {
		Source, SKU, Day string
		Record           int
		Err              error
	}
	var got []loc
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var de *DataError
		if errors.As(e, &de) {
			got = append(got, loc{de.Source, de.SKU, de.Day.String(), de.Record, de.Err})
		}
	}
	want := []loc{
		{"receipt", "Y", "2025-11-02", 2, ErrUnknownSKU},
		{"snapshot", "A", "2025-11-02", 2, ErrNegativeOnHand},
		{"snapshot", "X", "2025-11-01", 4, ErrUnknownSKU},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("located problems (-want +got):\n%s", diff)
	}
	msg := (&DataError{Source: "snapshot", SKU: "A", Day: DayOf(nov(2)), Record: 2, Count: 1, Detail: "on hand -3", Err: ErrNegativeOnHand}).Error()
	if want := `inventory: snapshot #2 sku "A" on 2025-11-02: negative on hand (on hand -3)`; msg != want {
		t.Errorf("message %q, want %q", msg, want)
	}
}

// TestSkipPolicy checks the lenient path of item 15: under Skip, bad
// records are left out as if they were not in the input, counted by kind,
// listed in Report.Problems, and Analyze returns no error.
func TestSkipPolicy(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(4))
	clean := []Snapshot{
		{SKU: "A", Day: nov(1), OnHand: 5, UnitCost: yuan("1.00")},
		{SKU: "A", Day: nov(3), OnHand: 4, UnitCost: yuan("1.00")},
	}
	dirty := []Snapshot{
		{SKU: "A", Day: nov(1), OnHand: 5, UnitCost: yuan("1.00")},
		{SKU: "A", Day: nov(2), OnHand: -3, UnitCost: yuan("2.00")},
		{SKU: "A", Day: nov(3), OnHand: 4, UnitCost: yuan("1.00")},
		{SKU: "X", Day: nov(1), OnHand: 1, UnitCost: yuan("1.00")},
		{SKU: "X", Day: nov(2), OnHand: 1, UnitCost: yuan("1.00")},
	}
	var sales, cleanSales Sales
	for _, s := range []*Sales{&sales, &cleanSales} {
		s.Add("A", DayOf(nov(2)), 2, yuan("6.00"), yuan("2.00"))
	}
	sales.Add("X", DayOf(nov(2)), 1, yuan("6.00"), yuan("2.00"))
	items := []Item{{SKU: "A", Category: "c"}}
	want, err := Analyze(Config{}, Input{Period: p, Items: items, Snapshots: seqOf(clean), Sales: &cleanSales})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Analyze(Config{BadRecords: Skip}, Input{Period: p, Items: items, Snapshots: seqOf(dirty), Sales: &sales,
		Receipts: []Receipt{{SKU: "X", Day: nov(2), Quantity: 1}}})
	if err != nil {
		t.Fatalf("Skip: %v", err)
	}
	if diff := cmp.Diff(want.SKUs, got.SKUs); diff != "" {
		t.Errorf("Skip: SKUs (-clean +dirty):\n%s", diff)
	}
	if diff := cmp.Diff(want.Store, got.Store); diff != "" {
		t.Errorf("Skip: store (-clean +dirty):\n%s", diff)
	}
	counts := []ProblemCount{{ErrNegativeOnHand, 1}, {ErrUnknownSKU, 3}}
	if diff := cmp.Diff(counts, got.ProblemCounts(), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("ProblemCounts (-want +got):\n%s", diff)
	}
	if len(got.Problems) != 3 {
		t.Errorf("Problems: %v, want the negative on hand, X's snapshots and X's receipt", got.Problems)
	}
	strict, err := Analyze(Config{}, Input{Period: p, Items: items, Snapshots: seqOf(dirty)})
	if err == nil || strict == nil {
		t.Fatalf("Strict (the default): report %v, error %v; want both", strict, err)
	}
	if a, _ := strict.SKU("A"); a.StockoutDays != 1 {
		t.Errorf("Strict: %d stock-out days, want the negative on hand as one", a.StockoutDays)
	}
}

// TestPropSkipIgnoresBadRecords: under Skip, adding bad records of any
// kind to a clean input leaves every figure unchanged, and each is
// counted.
func TestPropSkipIgnoresBadRecords(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, snaps, gs, items := genInput(t)
		want, err := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(snaps), Sales: salesOf(gs), Items: items})
		if err != nil {
			t.Fatal(err)
		}
		var dirty []Snapshot
		bad := 0
		for _, s := range snaps {
			dirty = append(dirty, s)
			switch rapid.IntRange(0, 5).Draw(t, "bad") {
			case 1: // the same SKU oversold on a later day it has no snapshot on
				next := s
				next.Day = next.Day.AddDate(0, 0, 1)
				if !slices.ContainsFunc(snaps, func(x Snapshot) bool { return x.SKU == s.SKU && x.Day.Equal(next.Day) }) && next.Day.Before(p.End) {
					next.OnHand = -rapid.Int64Range(1, math.MaxInt64).Draw(t, "negative")
					dirty = append(dirty, next)
					bad++
				}
			case 2: // a unit cost in another currency on a later day
				next := s
				next.Day = next.Day.AddDate(0, 0, 1)
				if !slices.ContainsFunc(snaps, func(x Snapshot) bool { return x.SKU == s.SKU && x.Day.Equal(next.Day) }) && next.Day.Before(p.End) {
					next.UnitCost = money.MustNew("1.00", "USD")
					dirty = append(dirty, next)
					bad++
				}
			}
		}
		unknown := rapid.IntRange(0, 3).Draw(t, "unknown snapshots")
		for d := range unknown {
			dirty = append(dirty, Snapshot{SKU: "ZZ", Day: nov(1 + d), OnHand: 3, UnitCost: cny.FromMinor(100)})
			bad++
		}
		got, err := Analyze(Config{BadRecords: Skip}, Input{Period: p, Snapshots: seqOf(dirty), Sales: salesOf(gs), Items: items})
		if err != nil {
			t.Fatalf("Skip: %v", err)
		}
		if diff := cmp.Diff(want.SKUs, got.SKUs); diff != "" {
			t.Fatalf("SKUs (-clean +dirty):\n%s", diff)
		}
		if diff := cmp.Diff(want.Store, got.Store); diff != "" {
			t.Fatalf("store (-clean +dirty):\n%s", diff)
		}
		n := 0
		for _, c := range got.ProblemCounts() {
			n += c.Records
		}
		if n != bad {
			t.Fatalf("%d records counted, %d bad", n, bad)
		}
	})
}

// configFields returns the fields named by the *metrics.ConfigError values
// in err.
func configFields(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		var ce *metrics.ConfigError
		switch x := err.(type) {
		case nil:
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
		default:
			if errors.As(err, &ce) {
				out = append(out, ce.Field)
			}
		}
	}
	walk(err)
	slices.Sort(out)
	return out
}

// TestConfigErrors checks that every invalid configuration is a
// *metrics.ConfigError naming the field, reported all at once; before,
// CoverDays NaN, a negative DemandWindowDays and unsorted AgingBuckets
// were silently replaced or used.
func TestConfigErrors(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(4))
	in := Input{Period: p, Snapshots: seqOf([]Snapshot{{SKU: "A", Day: nov(1), OnHand: 1, UnitCost: yuan("1.00")}})}
	tests := []struct {
		name   string
		cfg    Config
		fields []string
	}{
		{"zero", Config{}, nil},
		{"valid", Config{Averaging: TimeWeighted, SellThrough: SoldPlusEnding, DemandWindowDays: 7, AgingBuckets: []int{7, 30}, BadRecords: Skip}, nil},
		{"averaging", Config{Averaging: 7}, []string{"Config.Averaging"}},
		{"sell-through", Config{SellThrough: 7}, []string{"Config.SellThrough"}},
		{"policy", Config{BadRecords: 7}, []string{"Config.BadRecords"}},
		{"window negative", Config{DemandWindowDays: -1}, []string{"Config.DemandWindowDays"}},
		{"window MaxInt", Config{DemandWindowDays: math.MaxInt}, []string{"Config.DemandWindowDays"}},
		{"bucket zero", Config{AgingBuckets: []int{0, 30}}, []string{"Config.AgingBuckets[0]"}},
		{"buckets unsorted", Config{AgingBuckets: []int{30, 30, 10}}, []string{"Config.AgingBuckets[1]", "Config.AgingBuckets[2]"}},
		{"bucket MaxInt", Config{AgingBuckets: []int{math.MaxInt}}, []string{"Config.AgingBuckets[0]"}},
		{"several", Config{Averaging: 9, DemandWindowDays: -5}, []string{"Config.Averaging", "Config.DemandWindowDays"}},
	}
	for _, tt := range tests {
		r, err := Analyze(tt.cfg, in)
		if diff := cmp.Diff(tt.fields, configFields(err)); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s\nerr: %v", tt.name, diff, err)
		}
		if tt.fields != nil && (!errors.Is(err, metrics.ErrConfig) || r != nil) {
			t.Errorf("%s: report %v, err %v; want no report and metrics.ErrConfig", tt.name, r, err)
		}
		if tt.fields == nil && err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	r, err := Analyze(Config{}, in)
	if err != nil {
		t.Fatal(err)
	}
	reorder := []struct {
		name   string
		cfg    ReorderConfig
		fields []string
	}{
		{"zero", ReorderConfig{}, nil},
		{"service level 1.5", ReorderConfig{ServiceLevel: 1.5}, []string{"ReorderConfig.ServiceLevel"}},
		{"service level NaN", ReorderConfig{ServiceLevel: math.NaN()}, []string{"ReorderConfig.ServiceLevel"}},
		{"lead time negative", ReorderConfig{LeadTimeDays: -1}, []string{"ReorderConfig.LeadTimeDays"}},
		{"lead time Inf", ReorderConfig{LeadTimeDays: math.Inf(1)}, []string{"ReorderConfig.LeadTimeDays"}},
		{"cover NaN", ReorderConfig{CoverDays: math.NaN()}, []string{"ReorderConfig.CoverDays"}},
		{"cover negative", ReorderConfig{CoverDays: -3}, []string{"ReorderConfig.CoverDays"}},
		{"all", ReorderConfig{ServiceLevel: -1, LeadTimeDays: math.NaN(), CoverDays: math.Inf(-1)}, []string{"ReorderConfig.CoverDays", "ReorderConfig.LeadTimeDays", "ReorderConfig.ServiceLevel"}},
	}
	for _, tt := range reorder {
		_, err := r.ReorderList(tt.cfg)
		if diff := cmp.Diff(tt.fields, configFields(err)); diff != "" {
			t.Errorf("ReorderList %s: fields (-want +got):\n%s\nerr: %v", tt.name, diff, err)
		}
		if tt.fields != nil && !errors.Is(err, metrics.ErrConfig) {
			t.Errorf("ReorderList %s: err %v, want metrics.ErrConfig", tt.name, err)
		}
	}
}

// TestSalesMergeRefused checks that a Merge of Sales in two currencies, or
// one that would take a SKU's units past the int64 range, is a
// *metrics.MergeError wrapping metrics.ErrIncompatible (and the cause), and
// leaves the receiver unchanged.
func TestSalesMergeRefused(t *testing.T) {
	build := func() *Sales {
		var s Sales
		s.Add("A", DayOf(nov(2)), math.MaxInt64-1, yuan("6.00"), yuan("2.00"))
		s.Add("B", DayOf(nov(2)), 1, yuan("6.00"), yuan("2.00"))
		s.Add("", DayOf(nov(2)), 1, yuan("6.00"), yuan("2.00")) // a problem
		return &s
	}
	var usd, more Sales
	usd.Add("A", DayOf(nov(3)), 1, money.MustNew("1.00", "USD"), money.Money{})
	more.Add("A", DayOf(nov(3)), 2, yuan("1.00"), yuan("0.50"))
	tests := []struct {
		name  string
		other *Sales
		cause error
	}{
		{"currency", &usd, money.ErrCurrencyMismatch},
		{"units past the range", &more, ErrOverflow},
		{"itself", nil, ErrOverflow},
	}
	exportAll := cmp.Exporter(func(reflect.Type) bool { return true })
	for _, tt := range tests {
		s, want := build(), build()
		o := tt.other
		if o == nil {
			o = s
		}
		err := s.Merge(o)
		var me *metrics.MergeError
		if !errors.Is(err, metrics.ErrIncompatible) || !errors.Is(err, tt.cause) || !errors.As(err, &me) || me.Type != "Sales" {
			t.Errorf("%s: Merge: %v, want a *metrics.MergeError wrapping %v", tt.name, err, tt.cause)
		}
		if diff := cmp.Diff(want, s, exportAll); diff != "" {
			t.Errorf("%s: refused Merge changed the receiver (-before +after):\n%s", tt.name, diff)
		}
	}
	var empty Sales
	if err := empty.Merge(&usd); err != nil || empty.Currency().Code() != "USD" {
		t.Errorf("Merge into an empty Sales: %v, currency %v; want USD", err, empty.Currency())
	}
}

// TestCurrencyErrors checks that every currency problem inventory reports
// wraps money.ErrCurrencyMismatch, and that a catalogue price in another
// currency is a located problem: it panicked ("inventory: internal
// currency mismatch") when the category totals added it.
func TestCurrencyErrors(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(4))
	usd := money.MustNew("2.00", "USD")
	var sales Sales
	sales.Add("A", DayOf(nov(2)), 1, yuan("6.00"), yuan("2.00"))
	sales.Add("A", DayOf(nov(2)), 1, usd, yuan("2.00"))
	sales.AddOrder(metrics.Order{ID: "U", PlacedAt: nov(2), Currency: usd.Currency(), Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: usd}}})
	r, err := Analyze(Config{}, Input{
		Period:    p,
		Items:     []Item{{SKU: "A", UnitPrice: usd}, {SKU: "B", UnitPrice: yuan("3.00")}},
		Snapshots: seqOf([]Snapshot{{SKU: "A", Day: nov(1), OnHand: 2, UnitCost: yuan("1.00")}, {SKU: "B", Day: nov(1), OnHand: 2, UnitCost: yuan("1.00")}, {SKU: "B", Day: nov(2), OnHand: 2, UnitCost: usd}}),
		Sales:     &sales,
		Receipts:  []Receipt{{SKU: "B", Day: nov(1), Quantity: 1, UnitCost: usd}},
	})
	if r == nil {
		t.Fatal("no report")
	}
	want := map[string]bool{"order": true, "item": true, "snapshot": true, "receipt": true}
	for _, e := range r.Problems {
		if !errors.Is(e, money.ErrCurrencyMismatch) {
			t.Errorf("%v: not a money.ErrCurrencyMismatch", e)
		}
		delete(want, e.Source)
	}
	if len(want) > 0 || !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("currency problems of %v missing; error %v", want, err)
	}
	if a, _ := r.SKU("A"); !a.AvgRetail.IsZero() || a.AvgRetail.Currency().Code() != "CNY" {
		t.Errorf("A: average retail %v, want CNY 0.00 (no price in the store's currency)", a.AvgRetail)
	}
	// A price that is not whole cents took the decimal path, which panicked;
	// a whole-cent one was read as yuan.
	r2, err := Analyze(Config{}, Input{Period: p, Items: []Item{{SKU: "A", UnitPrice: money.MustNew("2.005", "USD")}},
		Snapshots: seqOf([]Snapshot{{SKU: "A", Day: nov(1), OnHand: 2, UnitCost: yuan("1.00")}})})
	if a, _ := r2.SKU("A"); !errors.Is(err, money.ErrCurrencyMismatch) || !a.AvgRetail.IsZero() {
		t.Errorf("price USD 2.005: average retail %v, err %v; want zero and money.ErrCurrencyMismatch", a.AvgRetail, err)
	}
	if _, err := Analyze(Config{Currency: money.MustCurrency("EUR")}, Input{Period: p, Sales: &sales}); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("sales in CNY for a EUR store: %v, want money.ErrCurrencyMismatch", err)
	}
	if got := fmt.Sprint(r.Store.AvgRetail); got != "CNY 6.00" {
		t.Errorf("store average retail %s, want CNY 6.00: B's 2 units at CNY 3.00 only", got)
	}
}
