package funnel

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCountBySession(t *testing.T) {
	events := []Event{
		// u1 session 1 (by gap): view@0, cart@5; session 2: view@50 (gap
		// 45 > 30), cart@55, buy@56.
		ev("u1", 0, "view", PropSession, "x"), ev("u1", 5, "cart", PropSession, "x"),
		ev("u1", 50, "view", PropSession, "x"), ev("u1", 55, "cart", PropSession, "y"), ev("u1", 56, "buy", PropSession, "y"),
		// u2: view@0, then buy@40 in a new session (gap 40 > 30): the buy
		// has no view in its session.
		ev("u2", 0, "view", PropSession, "z"), ev("u2", 40, "buy", PropSession, "z"),
	}
	tests := []struct {
		name   string
		reason string
		cfg    Config
		units  int64
		want   []int64
	}{
		{"users", "per user: u1 reaches buy; u2's view→… has no cart", Config{Steps: steps("view", "cart", "buy")},
			2, []int64{2, 1, 1}},
		{"gap sessions", "sessions u1a{view,cart} u1b{view,cart,buy} u2a{view} u2b{buy}",
			Config{Steps: steps("view", "cart", "buy"), Unit: PerSession},
			4, []int64{3, 2, 1}},
		{"session ids", "sessions x{view,cart,view} y{cart,buy} z{view,buy}: y has no view",
			Config{Steps: steps("view", "cart", "buy"), Unit: PerSession, Sessions: SessionRule{Key: PropSession}},
			3, []int64{2, 1, 0}},
		{"session ids, two steps", "z: view→buy within the default 24 h window",
			Config{Steps: steps("view", "buy"), Unit: PerSession, Sessions: SessionRule{Key: PropSession}},
			3, []int64{2, 1}},
		{"long gap", "with a 60-minute gap each user is one session, as per user",
			Config{Steps: steps("view", "cart", "buy"), Unit: PerSession, Sessions: SessionRule{Gap: time.Hour}},
			2, []int64{2, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Count(tt.cfg, events)
			if err != nil {
				t.Fatal(err)
			}
			if r.Units != tt.units {
				t.Errorf("Units = %d, want %d (%s)", r.Units, tt.units, tt.reason)
			}
			if diff := cmp.Diff(tt.want, reached(r)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestBreakdown(t *testing.T) {
	events := []Event{
		// u1 lands from ads, comes back from search and buys: first touch
		// of the deepest chain is the search view (it restarted the chain),
		// last touch is the buy, which carries "email".
		ev("u1", 0, "view", PropSource, "ads"), ev("u1", 5, "view", PropSource, "search"), ev("u1", 6, "buy", PropSource, "email"),
		// u2 from ads, views only.
		ev("u2", 1, "view", PropSource, "ads"),
		// u3 from search, buys: both touches say search.
		ev("u3", 2, "view", PropSource, "search"), ev("u3", 3, "buy", PropSource, "search"),
		// u4 never views: in no breakdown.
		ev("u4", 2, "buy", PropSource, "ads"),
	}
	tests := []struct {
		name   string
		reason string
		attr   Attribution
		want   map[string][]int64
	}{
		{"first touch", "u1 and u3 under search; u2 under ads", FirstTouch,
			map[string][]int64{"ads": {1, 0}, "search": {2, 2}}},
		{"last touch", "u1 under email (its buy), u2 under ads (its view), u3 under search", LastTouch,
			map[string][]int64{"ads": {1, 0}, "email": {1, 1}, "search": {1, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Count(Config{Steps: steps("view", "buy"), Breakdown: PropSource, Attribution: tt.attr}, events)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]int64{}
			for v, br := range r.Breakdown {
				got[v] = reached(br)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
			// The breakdown adds up to the total.
			if diff := cmp.Diff([]int64{3, 2}, reached(r)); diff != "" {
				t.Errorf("total (-want +got):\n%s", diff)
			}
		})
	}
}
