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
	overnight := BusinessHours{Location: sh}
	overnight.Days[time.Monday].Open, overnight.Days[time.Monday].Close = 21*time.Hour, 9*time.Hour
	overnight.Days[time.Tuesday].Open, overnight.Days[time.Tuesday].Close = 9*time.Hour, 21*time.Hour
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
			[]string{"NewBusinessHours(close)"}, "not within one day"},
		{"negative open", func() error { _, err := NewBusinessHours(sh, -time.Hour, 9*time.Hour, time.Monday); return err }(),
			[]string{"NewBusinessHours(open)"}, "used to be named close (review finding 9)"},
		{"every parameter", func() error { _, err := NewBusinessHours(sh, 25*time.Hour, -time.Hour, time.Monday, 9); return err }(),
			[]string{"NewBusinessHours(open)", "NewBusinessHours(close)", "NewBusinessHours(days[1])"}, "every problem at once"},
		{"weekday 7", func() error { _, err := NewBusinessHours(sh, 9*time.Hour, 21*time.Hour, time.Weekday(7)); return err }(),
			[]string{"NewBusinessHours(days[0])"}, "used to panic with an index out of range"},
		{"closes before it opens", add(Config{Hours: overnight}), []string{"Config.Hours.Days[Monday].Close"},
			"Validate used to accept what NewBusinessHours refuses, and the day was silently closed (review finding 9)"},
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
	hours := func(loc *time.Location) BusinessHours {
		h, err := NewBusinessHours(loc, 9*time.Hour, 21*time.Hour, time.Monday)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	cstEast, cstWest := hours(time.FixedZone("CST", 8*3600)), hours(time.FixedZone("CST", -6*3600))
	slaDesk, hoursDesk, cstDesk := desk(Config{}), desk(Config{}), desk(Config{Hours: cstEast})
	tests := []struct {
		name   string
		merge  func() error
		result func() any
		reason string
	}{
		{"SLA", func() error { return slaDesk.Merge(desk(Config{SLA: 2 * time.Hour})) }, func() any { return slaDesk.Summary(10) }, "within-SLA counts differ"},
		{"hours", func() error { return hoursDesk.Merge(desk(Config{Hours: bh})) }, func() any { return hoursDesk.Summary(10) }, "wall-clock and business time"},
		{"zones of one name", func() error { return cstDesk.Merge(desk(Config{Hours: cstWest})) }, func() any { return cstDesk.Summary(10) },
			"CST at +8 and at −6 hours used to merge (review finding 7)"},
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
	// Closed Mondays written {0, 0} and {21h, 21h} are the same hours (review
	// finding 9: raw Days used to be compared).
	closedA, closedB := hours(sh), hours(sh)
	closedA.Days[time.Monday] = struct{ Open, Close time.Duration }{}
	closedB.Days[time.Monday].Open, closedB.Days[time.Monday].Close = 21*time.Hour, 21*time.Hour
	closedA.Days[time.Tuesday].Open, closedA.Days[time.Tuesday].Close = 9*time.Hour, 21*time.Hour
	closedB.Days[time.Tuesday] = closedA.Days[time.Tuesday]
	if err := desk(Config{Hours: closedA}).Merge(desk(Config{Hours: closedB})); err != nil {
		t.Errorf("Merge of a closed day written two ways: %v", err)
	}
	// The zero ReasonMap is DefaultReasonRules.
	a, b := returns(ReasonMap{}), returns(ReasonMap{Rules: DefaultReasonRules})
	if err := a.Merge(b); err != nil {
		t.Errorf("Merge of the zero ReasonMap and DefaultReasonRules: %v", err)
	}
}
