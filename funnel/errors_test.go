package funnel

import (
	"errors"
	"fmt"
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

// Traffic settings are checked as a Config is: a negative Sessions.Gap
// used to become the default silently (review finding 9).
func TestTrafficConfigErrors(t *testing.T) {
	bad := Traffic{Sessions: SessionRule{Gap: -time.Hour}}
	e := Event{UserID: "u", Time: time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC), Name: DefaultPageView}
	_, countErr := CountTraffic(bad, []Event{e})
	for name, err := range map[string]error{"Validate": bad.Validate(), "Add": bad.Add(e), "CountTraffic": countErr} {
		var ce *metrics.ConfigError
		if !errors.Is(err, metrics.ErrConfig) || !errors.As(err, &ce) || ce.Field != "Traffic.Sessions.Gap" {
			t.Errorf("%s = %v, want a *metrics.ConfigError of Traffic.Sessions.Gap", name, err)
		}
	}
	if r := bad.Report(); r.Total.Sessions != 0 {
		t.Errorf("a refused Add counted %d sessions", r.Total.Sessions)
	}
	if err := (&Traffic{}).Validate(); err != nil {
		t.Errorf("Validate of the zero Traffic = %v", err)
	}
}

// Shards sharing many users are refused with at most 100 *OverlapErrors
// and one count of the rest, not one error per user (review finding 8).
func TestOverlapErrorsCapped(t *testing.T) {
	const users = 250
	cfg := Config{Steps: steps("a", "b")}
	fill := func() (*Counter, *Traffic) {
		c, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var tr Traffic
		for i := range users {
			e := ev(fmt.Sprintf("u%03d", i), 0, "a")
			if err := c.Add(e); err != nil {
				t.Fatal(err)
			}
			if err := tr.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		return c, &tr
	}
	c1, t1 := fill()
	c2, t2 := fill()
	for name, err := range map[string]error{"Counter": c1.Merge(c2), "Traffic": t1.Merge(t2)} {
		if !errors.Is(err, ErrOverlap) || !errors.Is(err, metrics.ErrIncompatible) {
			t.Errorf("%s: Merge = %v, want ErrOverlap and metrics.ErrIncompatible", name, err)
			continue
		}
		errs := err.(interface{ Unwrap() []error }).Unwrap()
		var ids []string
		for _, e := range errs {
			if oe, ok := e.(*OverlapError); ok {
				ids = append(ids, oe.UserID)
			}
		}
		if len(errs) != 101 || len(ids) != 100 || ids[0] != "u000" || ids[99] != "u099" {
			t.Errorf("%s: %d errors naming %d users from %q, want 100 users from u000 and one count", name, len(errs), len(ids), ids[:min(1, len(ids))])
		}
		if last := errs[len(errs)-1].Error(); last != "funnel: merged shards share 150 more users" || !errors.Is(errs[len(errs)-1], ErrOverlap) {
			t.Errorf("%s: last error %q, want the count of the other 150 users", name, last)
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
		{"counter itself", func() error { return c.Merge(c) }, func() any { return c.Result() }, false,
			"one *MergeError, not an OverlapError per user (10 MB for 200k users, review finding 8)"},
		{"traffic itself", func() error { return tr.Merge(tr) }, func() any { return tr.Report() }, false, "one *MergeError, as for a Counter"},
		{"page view", func() error { return tr.Merge(traffic(Traffic{PageView: "pv"}, ev("u3", 0, "pv"), ev("u3", 1, "pv"))) },
			func() any { return tr.Report() }, false, "another page-view event; the other Traffic has a user, so a Merge would show"},
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
	for _, want := range []string{"funnel.SortEvents", "funnel.Count ", "funnel.CountTraffic", "2025-11-03T10:00:00+08:00", "2025-11-03T10:01:00+08:00"} {
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
