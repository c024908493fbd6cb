package service

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Every invalid configuration is a *metrics.ConfigError naming the field
// (issue 15).
func TestConfigErrors(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	ticket := Ticket{ID: "T1", OpenedAt: time.Date(2025, 11, 3, 10, 0, 0, 0, sh)}
	add := func(c Config) error { d := Desk{Config: c}; return d.Add(ticket) }
	var bad BusinessHours
	bad.Days[time.Monday].Close = 25 * time.Hour
	bad.Days[time.Tuesday].Open = -time.Hour
	tests := []struct {
		name   string
		err    error
		fields []string
		reason string
	}{
		{"negative SLA", add(Config{SLA: -time.Minute}), []string{"Config.SLA"}, "zero means the default, a negative SLA is a mistake"},
		{"hours outside the day", add(Config{Hours: bad}), []string{"Config.Hours.Days[Monday].Close", "Config.Hours.Days[Tuesday].Open"},
			"every problem at once"},
		{"close before open", func() error { _, err := NewBusinessHours(sh, 21*time.Hour, 9*time.Hour, time.Monday); return err }(),
			[]string{"close"}, "not within one day"},
		{"weekday 7", func() error { _, err := NewBusinessHours(sh, 9*time.Hour, 21*time.Hour, time.Weekday(7)); return err }(),
			[]string{"days[0]"}, "used to panic with an index out of range"},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, metrics.ErrConfig) {
			t.Errorf("%s: error %v, want metrics.ErrConfig: %s", tt.name, tt.err, tt.reason)
			continue
		}
		if diff := cmp.Diff(tt.fields, configFields(tt.err)); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s", tt.name, diff)
		}
	}
}

// configFields returns the fields of the *metrics.ConfigError values in err,
// which may be joined.
func configFields(err error) []string {
	var out []string
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, configFields(e)...)
		}
		return out
	}
	var ce *metrics.ConfigError
	if errors.As(err, &ce) {
		out = append(out, ce.Field)
	}
	return out
}

// A refused Merge is a *metrics.MergeError and leaves the receiver
// unchanged (issue 15).
func TestMergeRefused(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	bh, err := NewBusinessHours(sh, 9*time.Hour, 21*time.Hour, time.Monday)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 11, 3, 10, 0, 0, 0, sh)
	desk := func(c Config) *Desk {
		d := &Desk{Config: c}
		if err := d.Add(Ticket{ID: "T1", OpenedAt: at, FirstResponseAt: at.Add(time.Hour), Score: 5}); err != nil {
			t.Fatal(err)
		}
		return d
	}
	cny := money.MustCurrency("CNY")
	returns := func(m ReasonMap) *Returns {
		r := &Returns{Reasons: m}
		if err := r.AddOrder(metrics.Order{Lines: []metrics.Line{{SKU: "A", Quantity: 2, UnitPrice: cny.FromMinor(1000)}}}); err != nil {
			t.Fatal(err)
		}
		if err := r.AddRefund(metrics.Refund{ID: "R1", Amount: cny.FromMinor(1000), Reason: "too small", Lines: []metrics.ReturnedLine{{SKU: "A", Quantity: 1}}}); err != nil {
			t.Fatal(err)
		}
		return r
	}
	selfDesk, selfReturns := desk(Config{}), returns(ReasonMap{})
	tests := []struct {
		name   string
		merge  func() error
		result func() any
		reason string
	}{
		{"SLA", func() error { d := desk(Config{}); return d.Merge(desk(Config{SLA: 2 * time.Hour})) }, nil, "within-SLA counts differ"},
		{"hours", func() error { d := desk(Config{}); return d.Merge(desk(Config{Hours: bh})) }, nil, "wall-clock and business time"},
		{"desk itself", func() error { return selfDesk.Merge(selfDesk) }, func() any { return selfDesk.Summary(10) }, "tickets counted twice"},
		{"reasons", func() error {
			return selfReturns.Merge(returns(ReasonMap{Rules: []ReasonRule{{"small", ReasonDamaged}}}))
		}, func() any { return selfReturns.Summary(cny) }, "a reason would mean two things"},
		{"returns itself", func() error { return selfReturns.Merge(selfReturns) }, func() any { return selfReturns.Summary(cny) }, "refunds counted twice"},
	}
	for _, tt := range tests {
		var before any
		if tt.result != nil {
			before = tt.result()
		}
		err := tt.merge()
		var me *metrics.MergeError
		if !errors.Is(err, metrics.ErrIncompatible) || !errors.As(err, &me) {
			t.Errorf("%s: Merge = %v, want a *metrics.MergeError: %s", tt.name, err, tt.reason)
			continue
		}
		if tt.result != nil {
			if diff := cmp.Diff(before, tt.result()); diff != "" {
				t.Errorf("%s: refused Merge changed the receiver (-want +got):\n%s", tt.name, diff)
			}
		}
	}
	// The zero ReasonMap is DefaultReasonRules.
	a, b := returns(ReasonMap{}), returns(ReasonMap{Rules: DefaultReasonRules})
	if err := a.Merge(b); err != nil {
		t.Errorf("Merge of the zero ReasonMap and DefaultReasonRules: %v", err)
	}
}
