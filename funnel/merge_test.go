package funnel

import (
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"pgregory.net/rapid"
)

func TestCounterMergeErrors(t *testing.T) {
	cfg := Config{Steps: steps("a", "b")}
	c1, _ := NewCounter(cfg)
	c2, _ := NewCounter(cfg)
	for _, e := range []Event{ev("u1", 0, "a"), ev("u2", 0, "a")} {
		if err := c1.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []Event{ev("u2", 1, "b"), ev("u3", 0, "a"), ev("u1", 2, "b")} {
		if err := c2.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	err := c1.Merge(c2)
	var ids []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var oe *OverlapError
		if !errors.As(e, &oe) {
			t.Fatalf("Merge error %v is not an *OverlapError", e)
		}
		ids = append(ids, oe.UserID)
	}
	if diff := cmp.Diff([]string{"u1", "u2"}, ids); diff != "" {
		t.Errorf("overlapping users (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{2, 0}, reached(c1.Result())); diff != "" {
		t.Errorf("failed Merge changed the counter (-want +got):\n%s", diff)
	}
	c3, _ := NewCounter(Config{Steps: steps("a", "c")})
	if err := c1.Merge(c3); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge(other funnel) = %v, want metrics.ErrIncompatible", err)
	}
}

func TestCountSeq(t *testing.T) {
	events := []Event{ev("u1", 0, "a"), ev("u2", 1, "a"), ev("u1", 2, "b")}
	r, err := CountSeq(Config{Steps: steps("a", "b")}, slices.Values(events))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{2, 1}, reached(r)); diff != "" {
		t.Errorf("reached (-want +got):\n%s", diff)
	}
	_, err = CountSeq(Config{Steps: steps("a", "b")}, slices.Values([]Event{ev("u1", 2, "a"), ev("u1", 1, "b")}))
	var ee *EventError
	if !errors.As(err, &ee) || ee.UserID != "u1" || !errors.Is(err, ErrOutOfOrder) {
		t.Errorf("CountSeq(out of order) = %v, want ErrOutOfOrder naming u1", err)
	}
	if got := (StrictOrder | StrictDeduplication).String(); got != "strict_order,strict_deduplication" {
		t.Errorf("Mode.String() = %q", got)
	}
}

func TestThirtyTwoSteps(t *testing.T) {
	var names []string
	var events []Event
	for i := range MaxSteps {
		names = append(names, "s"+strconv.Itoa(i+1))
		events = append(events, ev("u", i, names[i]))
	}
	// One event per step, one minute apart, within the 24-hour default
	// window: the user reaches step 32; without the last event, step 31.
	for _, tc := range []struct {
		events []Event
		want   int
	}{{events, 32}, {events[:31], 31}} {
		got, err := levelOf(Config{Steps: steps(names...)}, tc.events)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("level = %d, want %d", got, tc.want)
		}
	}
	if _, err := NewCounter(Config{Steps: steps(append(names, "s33")...)}); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("NewCounter(33 steps) = %v, want ErrConfig", err)
	}
}

// Grow changes no result, whenever it is called.
func TestPropGrowChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t, false)
		if rapid.Bool().Draw(t, "keyed") {
			cfg.Unit, cfg.Sessions = PerSession, SessionRule{Key: PropSource}
		}
		events := genEvents(t, "ev")
		for i := range events {
			events[i].Props = []Prop{{PropSource, "s" + strconv.Itoa(i%3)}}
		}
		plain, _ := NewCounter(cfg)
		grown, _ := NewCounter(cfg)
		at := rapid.IntRange(0, len(events)).Draw(t, "growAt")
		for i, e := range events {
			if i == at {
				grown.Grow(rapid.IntRange(-1, 100).Draw(t, "n"))
			}
			if err := plain.Add(e); err != nil {
				t.Fatal(err)
			}
			if err := grown.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(plain.Result(), grown.Result()); diff != "" {
			t.Fatalf("Grow changed the result (-plain +grown):\n%s", diff)
		}
	})
}

// TestCounterMergeMismatch checks that Merge compares the whole funnel: two
// counters whose exclusions differ only in their steps or event names
// count different funnels, and two session rules that resolve to the same
// gap (zero means the default 30 minutes) count the same one.
func TestCounterMergeMismatch(t *testing.T) {
	base := Config{Steps: steps("a", "b", "c"), Exclusions: []Exclusion{{Name: "x", From: 1, To: 2}}}
	tests := []struct {
		name   string
		other  Config
		reason string
		want   bool // whether Merge accepts the pair
	}{
		{"same", base, "the same funnel", true},
		{"exclusion steps", Config{Steps: base.Steps, Exclusions: []Exclusion{{Name: "x", From: 2, To: 3}}},
			"an exclusion between other steps is another funnel", false},
		{"exclusion name", Config{Steps: base.Steps, Exclusions: []Exclusion{{Name: "y", From: 1, To: 2}}},
			"an exclusion of another event is another funnel", false},
		{"default gap spelled out", Config{Steps: base.Steps, Exclusions: base.Exclusions, Unit: PerSession,
			Sessions: SessionRule{Gap: DefaultSessionGap}}, "merged into a per-session counter below", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			left := base
			if tc.other.Unit == PerSession {
				left.Unit = PerSession
			}
			c1, err := NewCounter(left)
			if err != nil {
				t.Fatal(err)
			}
			c2, err := NewCounter(tc.other)
			if err != nil {
				t.Fatal(err)
			}
			err = c1.Merge(c2)
			if got := err == nil; got != tc.want {
				t.Errorf("Merge accepted = %v (err %v), want %v: %s", got, err, tc.want, tc.reason)
			}
			if err != nil && !errors.Is(err, metrics.ErrIncompatible) {
				t.Errorf("Merge error %v is not metrics.ErrIncompatible", err)
			}
		})
	}
}
