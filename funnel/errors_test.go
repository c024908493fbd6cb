package funnel

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Every invalid configuration is a *metrics.ConfigError naming the field,
// all problems joined (issue 15).
func TestConfigErrors(t *testing.T) {
	ab := steps("a", "b")
	tests := []struct {
		name   string
		cfg    Config
		fields []string
		reason string
	}{
		{"one step", Config{Steps: steps("a")}, []string{"Config.Steps"}, "a funnel has 2 to 32 steps"},
		{"unnamed step", Config{Steps: []Step{{Name: "a"}, {}}}, []string{"Config.Steps[1].Name"}, "a step needs a name"},
		{"negative window", Config{Steps: ab, Window: -time.Second}, []string{"Config.Window"}, "zero is the default"},
		{"unknown mode", Config{Steps: ab, Mode: 1 << 6}, []string{"Config.Mode"}, "no such flag"},
		{"reentry alone", Config{Steps: ab, Mode: AllowReentry}, []string{"Config.Mode"}, "allow_reentry needs strict_order"},
		{"exclusion", Config{Steps: ab, Exclusions: []Exclusion{{From: 2, To: 1}}},
			[]string{"Config.Exclusions[0].Name", "Config.Exclusions[0].From"}, "no event, and steps backwards"},
		{"unit", Config{Steps: ab, Unit: 7}, []string{"Config.Unit"}, "users or sessions"},
		{"session gap", Config{Steps: ab, Sessions: SessionRule{Gap: -time.Minute}}, []string{"Config.Sessions.Gap"}, "zero is the default"},
		{"attribution", Config{Steps: ab, Attribution: 9}, []string{"Config.Attribution"}, "first or last touch"},
	}
	for _, tt := range tests {
		_, err := NewCounter(tt.cfg)
		if !errors.Is(err, metrics.ErrConfig) {
			t.Errorf("%s: NewCounter = %v, want metrics.ErrConfig: %s", tt.name, err, tt.reason)
			continue
		}
		var got []string
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var ce *metrics.ConfigError
			if !errors.As(e, &ce) || ce.Pkg != "funnel" {
				t.Fatalf("%s: %v is not a *metrics.ConfigError of funnel", tt.name, e)
			}
			got = append(got, ce.Field)
		}
		if diff := cmp.Diff(tt.fields, got); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s", tt.name, diff)
		}
	}
}

// A refused Merge of Counters or Traffics is a *metrics.MergeError (another
// funnel, other settings) or joined *OverlapErrors (shared users), which
// also wrap metrics.ErrIncompatible, and leaves the receiver unchanged
// (issue 15).
func TestMergeRefused(t *testing.T) {
	counter := func(cfg Config, events ...Event) *Counter {
		c, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if err := c.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		return c
	}
	traffic := func(tr Traffic, events ...Event) *Traffic {
		for _, e := range events {
			if err := tr.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		return &tr
	}
	base := Config{Steps: steps("a", "b")}
	c := counter(base, ev("u1", 0, "a"), ev("u1", 1, "b"), ev("u2", 0, "a"))
	tr := traffic(Traffic{}, ev("u1", 0, "page_view"), ev("u2", 0, "page_view"))
	tests := []struct {
		name    string
		merge   func() error
		result  func() any
		overlap bool
		reason  string
	}{
		{"steps", func() error { return c.Merge(counter(Config{Steps: steps("a", "c")})) }, func() any { return c.Result() }, false, "another funnel"},
		{"window", func() error { return c.Merge(counter(Config{Steps: base.Steps, Window: time.Hour})) }, func() any { return c.Result() }, false, "another window"},
		{"unit", func() error { return c.Merge(counter(Config{Steps: base.Steps, Unit: PerSession})) }, func() any { return c.Result() }, false, "sessions, not users"},
		{"shared user", func() error { return c.Merge(counter(base, ev("u2", 3, "b"))) }, func() any { return c.Result() }, true, "u2 is in both"},
		{"counter itself", func() error { return c.Merge(c) }, func() any { return c.Result() }, true, "every user is in both"},
		{"page view", func() error { return tr.Merge(traffic(Traffic{PageView: "pv"})) }, func() any { return tr.Report() }, false, "another page-view event"},
		{"traffic shared user", func() error { return tr.Merge(traffic(Traffic{}, ev("u1", 5, "page_view"))) }, func() any { return tr.Report() }, true, "u1 is in both"},
	}
	for _, tt := range tests {
		before := tt.result()
		err := tt.merge()
		var me *metrics.MergeError
		switch {
		case !errors.Is(err, metrics.ErrIncompatible):
			t.Errorf("%s: Merge = %v, want metrics.ErrIncompatible: %s", tt.name, err, tt.reason)
		case tt.overlap && !errors.Is(err, ErrOverlap):
			t.Errorf("%s: Merge = %v, want ErrOverlap: %s", tt.name, err, tt.reason)
		case !tt.overlap && !errors.As(err, &me):
			t.Errorf("%s: Merge = %v, want a *metrics.MergeError: %s", tt.name, err, tt.reason)
		}
		if diff := cmp.Diff(before, tt.result()); diff != "" {
			t.Errorf("%s: refused Merge changed the receiver (-want +got):\n%s", tt.name, diff)
		}
	}
}

// An out-of-order event names the fix, gives both times in the event's
// zone, and SortEvents makes the input countable (issue 16, item 16).
func TestOutOfOrderNamesTheFix(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	t0 := time.Date(2025, 11, 3, 10, 0, 0, 0, sh)
	events := []Event{
		{UserID: "u", Time: t0.Add(time.Minute), Name: "b"},
		{UserID: "v", Time: t0, Name: "a"},
		{UserID: "u", Time: t0, Name: "a"},
	}
	cfg := Config{Steps: steps("a", "b")}
	c, err := NewCounter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if err = c.Add(e); err != nil {
			break
		}
	}
	if !errors.Is(err, ErrOutOfOrder) {
		t.Fatalf("Add(out of order) = %v, want ErrOutOfOrder", err)
	}
	msg := err.Error()
	for _, want := range []string{"funnel.SortEvents", "2025-11-03T10:00:00+08:00", "2025-11-03T10:01:00+08:00"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
	sorted := append([]Event(nil), events...)
	SortEvents(sorted)
	got, err := CountSeq(cfg, slices.Values(sorted))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Count(cfg, events)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CountSeq(SortEvents(events)) != Count(events) (-want +got):\n%s", diff)
	}
}
