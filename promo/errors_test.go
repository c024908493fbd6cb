package promo

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// configFields returns the fields named by the *metrics.ConfigError values
// in err, sorted.
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

// TestConfigValidate checks that every field out of its range is a
// *metrics.ConfigError naming the field, reported by Validate and by
// Analyze, and that Analyze never panics on one. PostDays: math.MaxInt
// panicked in makeslice and Resamples 1 gave a one-point "interval"
// (issue 16, items 9 and 12); a NaN Level was accepted.
func TestConfigValidate(t *testing.T) {
	l, err := defaultStore().ledger()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cfg    Config
		fields []string
		reason string
	}{
		{"zero", Config{}, nil, "every zero field takes its default"},
		{"valid", Config{PreDays: 21, PostDays: -1, Level: 0.9, Resamples: 500, Interval: Bootstrap}, nil, "in range"},
		{"post MaxInt", Config{PostDays: math.MaxInt}, []string{"Config.PostDays"}, "panicked in makeslice (item 9)"},
		{"post above max", Config{PostDays: MaxDays + 1}, []string{"Config.PostDays"}, "a documented maximum"},
		{"pre MaxInt", Config{PreDays: math.MaxInt}, []string{"Config.PreDays"}, "ws − PreDays can overflow"},
		{"pre negative", Config{PreDays: -28}, []string{"Config.PreDays"}, "no such pre-period"},
		{"pre below min", Config{PreDays: 7}, []string{"Config.PreDays"}, "fewer than two of each weekday"},
		{"level NaN", Config{Level: math.NaN()}, []string{"Config.Level"}, "NaN passed level <= 0 || level >= 1"},
		{"level +Inf", Config{Level: math.Inf(1)}, []string{"Config.Level"}, "not in (0, 1)"},
		{"level 1", Config{Level: 1}, []string{"Config.Level"}, "an infinite interval"},
		{"level negative", Config{Level: -0.5}, []string{"Config.Level"}, "not in (0, 1)"},
		{"one resample", Config{Resamples: 1, Interval: Bootstrap}, []string{"Config.Resamples"}, "gave [171.76, 171.76] around 579.70 (item 12)"},
		{"resamples below min", Config{Resamples: MinResamples - 1}, []string{"Config.Resamples"}, "below the documented minimum"},
		{"resamples MaxInt", Config{Resamples: math.MaxInt}, []string{"Config.Resamples"}, "would allocate MaxInt floats"},
		{"resamples negative", Config{Resamples: -5}, []string{"Config.Resamples"}, "no such count"},
		{"thin tails", Config{Resamples: 1999, Level: 0.999, Interval: Bootstrap}, []string{"Config.Resamples"}, "1 resample in each 0.05 % tail"},
		{"thin tails and costs", Config{Resamples: 1999, Level: 0.999, Interval: Bootstrap, Costs: 9}, []string{"Config.Costs", "Config.Resamples"}, "every problem at once"},
		{"thin tails residual", Config{Resamples: 1999, Level: 0.999}, nil, "the residual interval does not resample"},
		{"baseline", Config{Baseline: 9}, []string{"Config.Baseline"}, "unknown method"},
		{"no control", Config{Baseline: DiffInDiff}, []string{"Config.Control"}, "DiffInDiff needs a control group (ErrNoControl too)"},
		{"interval", Config{Interval: 9}, []string{"Config.Interval"}, "unknown method"},
		{"costs", Config{Costs: 9}, []string{"Config.Costs"}, "unknown convention"},
		{"several", Config{PreDays: -1, PostDays: math.MaxInt, Level: math.NaN(), Resamples: 1}, []string{"Config.Level", "Config.PostDays", "Config.PreDays", "Config.Resamples"}, "every problem at once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if diff := cmp.Diff(tt.fields, configFields(err)); diff != "" {
				t.Errorf("Validate: fields (-want +got):\n%s\nerr: %v\n(%s)", diff, err, tt.reason)
			}
			if tt.fields != nil && !errors.Is(err, metrics.ErrConfig) {
				t.Errorf("Validate: err = %v, want metrics.ErrConfig (%s)", err, tt.reason)
			}
			for name, f := range map[string]func() error{
				"Analyze": func() error { _, err := l.Analyze(promoID, tt.cfg); return err },
				"BySKU":   func() error { _, err := l.BySKU(promoID, tt.cfg); return err },
			} {
				err := f()
				if tt.fields == nil && err != nil {
					t.Errorf("%s: %v (%s)", name, err, tt.reason)
				}
				if tt.fields != nil && !errors.Is(err, metrics.ErrConfig) {
					t.Errorf("%s: err = %v, want metrics.ErrConfig (%s)", name, err, tt.reason)
				}
			}
		})
	}
}

// TestDayOfWeekLevel checks the level of DayOfWeek the same way.
func TestDayOfWeekLevel(t *testing.T) {
	l, err := defaultStore().ledger()
	if err != nil {
		t.Fatal(err)
	}
	span, _ := l.Span()
	for _, level := range []float64{math.NaN(), math.Inf(-1), 1, 2, -0.1} {
		_, err := l.DayOfWeek(Scope{Store: true}, span, level)
		var ce *metrics.ConfigError
		if !errors.As(err, &ce) || ce.Field != "level" {
			t.Errorf("DayOfWeek level %g: err = %v, want a *metrics.ConfigError naming level", level, err)
		}
	}
}

// TestTrackAfterAdd checks that tracking after orders is a ConfigError.
func TestTrackAfterAdd(t *testing.T) {
	l, err := defaultStore().ledger()
	if err != nil {
		t.Fatal(err)
	}
	p := defaultStore().promotion()
	p.ID = "late"
	var ce *metrics.ConfigError
	if err := l.Track(p); !errors.As(err, &ce) || ce.Field != "Ledger.Track" {
		t.Errorf("Track after Add: err = %v, want a *metrics.ConfigError naming Ledger.Track", err)
	}
}

// exportAll lets cmp read the unexported state of a Ledger.
var exportAll = cmp.Exporter(func(reflect.Type) bool { return true })

// TestMergeRefused checks that every Merge of incompatible ledgers is a
// *metrics.MergeError wrapping metrics.ErrIncompatible and leaves the
// receiver exactly as it was.
func TestMergeRefused(t *testing.T) {
	s := defaultStore()
	build := func(loc *time.Location, ps ...Promotion) *Ledger {
		l := &Ledger{Location: loc}
		if err := l.Track(ps...); err != nil {
			t.Fatal(err)
		}
		for _, o := range s.orders()[:200] {
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		return l
	}
	p := s.promotion()
	q := p
	q.ID = "P2"
	usd := &Ledger{}
	if err := usd.Track(p); err != nil {
		t.Fatal(err)
	}
	o := s.orders()[0]
	o.Currency = money.MustCurrency("USD")
	for i := range o.Lines {
		o.Lines[i].UnitPrice = money.MustNew("1", "USD")
		o.Lines[i].UnitCost = money.Money{}
		o.Lines[i].Discount = money.Money{}
	}
	if err := usd.Add(o); err != nil {
		t.Fatal(err)
	}
	shanghai := time.FixedZone("CST", 8*3600)
	tests := []struct {
		name     string
		other    *Ledger
		currency bool
		reason   string
	}{
		{"location", build(shanghai, p), false, "days are counted in another zone"},
		{"currency", usd, true, "a ledger keeps one currency"},
		{"fewer promotions", build(nil), false, "baskets are tracked per promotion"},
		{"other promotion", build(nil, q), false, "baskets are tracked per promotion"},
		{"more promotions", build(nil, p, q), false, "baskets are tracked per promotion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, want := build(nil, p), build(nil, p)
			err := l.Merge(tt.other)
			var me *metrics.MergeError
			if !errors.Is(err, metrics.ErrIncompatible) || !errors.As(err, &me) || me.Pkg != "promo" || me.Type != "Ledger" {
				t.Errorf("Merge: err = %v, want a promo *metrics.MergeError (%s)", err, tt.reason)
			}
			if got := errors.Is(err, money.ErrCurrencyMismatch); got != tt.currency {
				t.Errorf("Merge: errors.Is(err, money.ErrCurrencyMismatch) = %v, want %v", got, tt.currency)
			}
			if diff := cmp.Diff(want, l, exportAll); diff != "" {
				t.Errorf("refused Merge changed the receiver (-before +after):\n%s", diff)
			}
		})
	}
}

// TestCurrencyErrors checks that every currency problem promo reports
// wraps money.ErrCurrencyMismatch.
func TestCurrencyErrors(t *testing.T) {
	s := defaultStore()
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	usd := money.MustCurrency("USD")
	o := s.orders()[0]
	o.ID = "usd"
	o.Currency = usd
	line := s.orders()[0]
	line.ID = "line"
	line.Lines = slices.Clone(line.Lines)
	line.Lines[0].UnitPrice = usd.FromMinor(100)
	p := s.promotion()
	p.MediaCost = usd.FromMinor(100)
	var l2 Ledger
	if err := l2.Track(p); err != nil {
		t.Fatal(err)
	}
	for _, o := range s.orders() {
		if err := l2.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	_, splitErr := SplitOrder(line)
	_, analyzeErr := l2.Analyze(promoID, Config{})
	for name, err := range map[string]error{
		"Add of an order in another currency": l.Add(o),
		"Add of a line in another currency":   l.Add(line),
		"SplitOrder":                          splitErr,
		"Analyze with costs in USD":           analyzeErr,
		"Cost":                                second(Cost(cny.FromMinor(1), usd.FromMinor(1), money.Money{}, FullCost)),
		"ROI":                                 second(ROI(cny.FromMinor(1), cny.FromMinor(1), money.Money{}, usd.FromMinor(1), CashCost)),
	} {
		if !errors.Is(err, money.ErrCurrencyMismatch) {
			t.Errorf("%s: err = %v, want money.ErrCurrencyMismatch", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// TestUnitsOverflow checks that a Ledger's units stay in the int64 range,
// so that no sum of them (a scope's units, a day's, a window's) wraps
// around: the order, or the Merge, that would pass it is refused.
func TestUnitsOverflow(t *testing.T) {
	order := func(id, sku string, q int64) metrics.Order {
		return metrics.Order{ID: id, PlacedAt: day0, Currency: cny, Lines: []metrics.Line{{SKU: sku, Category: "A", Quantity: q, UnitPrice: cny.FromMinor(1)}}}
	}
	var l, o Ledger
	if err := l.Add(order("big", "A01", math.MaxInt64-1)); err != nil {
		t.Fatal(err)
	}
	var oe *OrderError
	if err := l.Add(order("more", "B01", 5)); !errors.As(err, &oe) || oe.OrderID != "more" {
		t.Errorf("Add past the int64 range of units: %v, want an *OrderError for order more", err)
	}
	if l.Orders() != 1 {
		t.Errorf("%d orders, want the first only", l.Orders())
	}
	if err := o.Add(order("o", "B01", 5)); err != nil {
		t.Fatal(err)
	}
	want := Ledger{}
	if err := want.Add(order("big", "A01", math.MaxInt64-1)); err != nil {
		t.Fatal(err)
	}
	if err := l.Merge(&o); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge past the int64 range of units: %v, want metrics.ErrIncompatible", err)
	}
	if diff := cmp.Diff(&want, &l, exportAll); diff != "" {
		t.Errorf("refused Merge changed the receiver (-before +after):\n%s", diff)
	}
}

// TestCoverageErrorHint: the hint that Config.PreDays can be shorter is
// given only when the pre-period asked for is longer than MinPreDays.
func TestCoverageErrorHint(t *testing.T) {
	base := CoverageError{Promotion: "p", Need: "2025-09-12..2025-10-09", Have: "2025-10-05..2025-11-10", Err: ErrPrePeriodTooShort}
	for _, tc := range []struct {
		preDays int
		err     error
		want    string
	}{
		{28, ErrPrePeriodTooShort, `promo: pre-period too short for the baseline: promotion "p" needs 2025-09-12..2025-10-09, data covers 2025-10-05..2025-11-10 (Config.PreDays can be as short as 14)`},
		{MinPreDays, ErrPrePeriodTooShort, `promo: pre-period too short for the baseline: promotion "p" needs 2025-09-12..2025-10-09, data covers 2025-10-05..2025-11-10`},
		{0, ErrWindowOutsideData, `promo: promotion window outside the data: promotion "p" needs 2025-09-12..2025-10-09, data covers 2025-10-05..2025-11-10`},
	} {
		e := base
		e.PreDays, e.Err = tc.preDays, tc.err
		if got := e.Error(); got != tc.want {
			t.Errorf("PreDays %d, %v:\n got %s\nwant %s", tc.preDays, tc.err, got, tc.want)
		}
	}
}
