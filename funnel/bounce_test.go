package funnel

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestBounceRules: which sessions are bounces under each rule, counted by
// hand. Issue 17: a shop with 60 % conversion showed 100 % bounce, because
// a one-page session that ends in a purchase counted as a bounce.
func TestBounceRules(t *testing.T) {
	sec := func(u string, s int, name string) Event {
		return Event{UserID: u, Time: at(0).Add(time.Duration(s) * time.Second), Name: name}
	}
	events := []Event{
		sec("buy", 0, "page_view"), sec("buy", 5, "purchase"), // one page and a purchase: never a bounce
		sec("one", 0, "page_view"),                                  // one page, 0 s: a bounce under both rules
		sec("long", 0, "page_view"), sec("long", 12, "add_to_cart"), // one page, 12 s: engaged
		sec("edge", 0, "page_view"), sec("edge", 10, "scroll"), // exactly 10 s: engaged (at least)
		sec("short", 0, "page_view"), sec("short", 9, "scroll"), // 9 s: not engaged
		sec("two", 0, "page_view"), sec("two", 1, "page_view"), // two pages: neither
		sec("none", 0, "scroll"), // no page view: not a one-page bounce; not engaged
	}
	for _, tc := range []struct {
		name    string
		rule    SessionRule
		bounces int64
		reason  string
	}{
		{"one page", SessionRule{}, 4, "one, long, edge, short: one page view and no purchase"},
		{"not engaged", SessionRule{Bounce: BounceNotEngaged}, 3, "one, short, none: no purchase, < 2 views, < 10 s"},
		{"not engaged 15 s", SessionRule{Bounce: BounceNotEngaged, EngagedAfter: 15 * time.Second}, 5, "long and edge are now too short"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CountTraffic(Traffic{Sessions: tc.rule}, events)
			if err != nil {
				t.Fatal(err)
			}
			want := metrics.CountRatio(tc.bounces, 7)
			if diff := cmp.Diff(want, got.Total.BounceRate); diff != "" || got.Total.Bounces != tc.bounces {
				t.Errorf("%s: bounces %d (-want +got):\n%s", tc.reason, got.Total.Bounces, diff)
			}
		})
	}
}

// TestBounceRuleSettings: an unknown rule or a negative engagement time is
// a located configuration error, and shards counted by different rules
// refuse to merge.
func TestBounceRuleSettings(t *testing.T) {
	bad := Traffic{Sessions: SessionRule{Bounce: 9, EngagedAfter: -time.Second}}
	err := bad.Validate()
	var ce *metrics.ConfigError
	if !errors.Is(err, metrics.ErrConfig) || !errors.As(err, &ce) {
		t.Fatalf("Validate = %v, want ConfigErrors", err)
	}
	if err := bad.Add(ev("u", 0, "page_view")); err == nil {
		t.Error("Add with invalid settings: no error")
	}
	if err := (Config{Steps: steps("a", "b"), Sessions: SessionRule{Bounce: 9}}).Validate(); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("Config.Validate with an unknown bounce rule = %v", err)
	}
	a, b := Traffic{}, Traffic{Sessions: SessionRule{Bounce: BounceNotEngaged}}
	if err := a.Merge(&b); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge of different bounce rules = %v, want ErrIncompatible", err)
	}
}

// TestBounceMerge: sessions keep their purchase and duration across Merge.
func TestBounceMerge(t *testing.T) {
	rule := SessionRule{Bounce: BounceNotEngaged}
	a, b := Traffic{Sessions: rule}, Traffic{Sessions: rule}
	for _, e := range []Event{ev("u1", 0, "page_view"), ev("u1", 1, "purchase")} {
		if err := a.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []Event{ev("u2", 0, "page_view"), ev("u3", 0, "page_view"), ev("u3", 2, "scroll")} {
		if err := b.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Merge(&b); err != nil {
		t.Fatal(err)
	}
	if got := a.Report().Total.Bounces; got != 1 { // u2 only: u1 bought, u3 stayed 2 minutes
		t.Errorf("bounces after Merge = %d, want 1", got)
	}
}

// TestSessionScope: a tracker's session ID is scoped per user (METRICS:
// session scope): the same ID under two users is two sessions, each with
// its own bounce.
func TestSessionScope(t *testing.T) {
	events := []Event{
		ev("u1", 0, "page_view", PropSession, "1"),
		ev("u2", 0, "page_view", PropSession, "1"),
		ev("u2", 1, "page_view", PropSession, "1"),
	}
	got, err := CountTraffic(Traffic{Sessions: SessionRule{Key: PropSession}}, events)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total.Sessions != 2 || got.Total.Bounces != 1 {
		t.Errorf("sessions %d, bounces %d; want 2 (u1's and u2's ID 1) and 1 (u1's)", got.Total.Sessions, got.Total.Bounces)
	}
}
