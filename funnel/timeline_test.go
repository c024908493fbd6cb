package funnel

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Every expected level below is worked out by hand from the timeline, with
// the rule the reason names. Times are minutes after t0; the window is 10
// minutes unless the case says otherwise. Each case also checks the batch
// model of ClickHouse (chLevel) and, in the default mode, the exhaustive
// definition (bruteLevel), so that the three agree.
func TestTimelines(t *testing.T) {
	abc := steps("a", "b", "c")
	abcd := steps("a", "b", "c", "d")
	tests := []struct {
		name   string
		reason string
		cfg    Config
		events []Event
		want   int
	}{
		// Default mode.
		{"default/in order", "a→b→c within the window", Config{Steps: abc},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "c")}, 3},
		{"default/equal timestamps", "events at the same instant count as in order", Config{Steps: abc},
			[]Event{ev("u", 0, "a"), ev("u", 0, "b"), ev("u", 0, "c")}, 3},
		{"default/equal timestamps reversed", "ties are ordered by step, not by arrival (ClickHouse sorts (time, condition))", Config{Steps: abc},
			[]Event{ev("u", 0, "c"), ev("u", 0, "b"), ev("u", 0, "a")}, 3},
		{"default/bound inclusive", "c at exactly start+window still counts", Config{Steps: abc, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 10, "c")}, 3},
		{"default/just past bound", "c one nanosecond after start+window does not", Config{Steps: abc, Window: 10*time.Minute - time.Nanosecond},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 10, "c")}, 2},
		{"default/out of window", "b 11 minutes after a, window 10", Config{Steps: abc, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 11, "b")}, 1},
		{"default/wrong order", "b before a cannot be step 2", Config{Steps: abc},
			[]Event{ev("u", 0, "b"), ev("u", 1, "a"), ev("u", 2, "c")}, 1},
		{"default/re-entry after failed chain", "the chain from a@0 dies at the window; a@30 starts one that completes", Config{Steps: abc, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 20, "c"), ev("u", 30, "a"), ev("u", 31, "b"), ev("u", 32, "c")}, 3},
		{"default/later start wins", "a@8 restarts: b@9 and c@15 ≤ 8+10 complete it, although a@0's window closed at 10", Config{Steps: abc, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 8, "a"), ev("u", 9, "b"), ev("u", 15, "c")}, 3},
		{"default/level keeps older chain", "a@8 does not erase level 2 of the chain a@0→b@5, which c@9 ≤ 10 completes", Config{Steps: abc, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 8, "a"), ev("u", 9, "c")}, 3},
		{"default/repeated steps", "repeats of a and b are harmless", Config{Steps: abc},
			[]Event{ev("u", 0, "a"), ev("u", 1, "a"), ev("u", 2, "b"), ev("u", 3, "b"), ev("u", 4, "c")}, 3},
		{"default/skipped step", "d cannot follow b without c", Config{Steps: abcd},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "d")}, 2},
		{"default/other events", "x is not a step and changes nothing", Config{Steps: abc},
			[]Event{ev("u", 0, "a"), ev("u", 1, "x"), ev("u", 2, "b"), ev("u", 3, "x"), ev("u", 4, "c")}, 3},
		{"default/no step 1", "without a, nothing starts", Config{Steps: abc},
			[]Event{ev("u", 0, "b"), ev("u", 1, "c")}, 0},

		// strict_increase.
		{"increase/equal timestamps", "b at the same instant as a does not advance; c@1 has no step 2 to follow", Config{Steps: abc, Mode: StrictIncrease},
			[]Event{ev("u", 0, "a"), ev("u", 0, "b"), ev("u", 1, "c")}, 1},
		{"increase/equal later", "a@0, b@1, c@1: c not after b", Config{Steps: abc, Mode: StrictIncrease},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 1, "c")}, 2},
		{"increase/bound inclusive", "strictly increasing and c exactly at the bound", Config{Steps: abc, Mode: StrictIncrease, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 10, "c")}, 3},
		{"increase/out of window", "c one minute late", Config{Steps: abc, Mode: StrictIncrease, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 11, "c")}, 2},
		{"increase/re-entry", "a@20 starts a chain; b@20 ties with it, b@21 advances", Config{Steps: abc, Mode: StrictIncrease, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 20, "a"), ev("u", 20, "b"), ev("u", 21, "b"), ev("u", 22, "c")}, 3},
		{"increase/repeated steps", "repeats are harmless", Config{Steps: abc, Mode: StrictIncrease},
			[]Event{ev("u", 0, "a"), ev("u", 1, "a"), ev("u", 2, "b"), ev("u", 3, "b"), ev("u", 4, "c")}, 3},

		// strict_order.
		{"order/other event breaks", "x between b and c stops at level 2", Config{Steps: abc, Mode: StrictOrder},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "x"), ev("u", 3, "c")}, 2},
		{"order/other before start", "x before the first a is ignored", Config{Steps: abc, Mode: StrictOrder},
			[]Event{ev("u", 0, "x"), ev("u", 1, "a"), ev("u", 2, "b"), ev("u", 3, "c")}, 3},
		{"order/later step breaks", "d before c: d's previous step is unreached, stop at 2", Config{Steps: abcd, Mode: StrictOrder},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "d"), ev("u", 3, "c"), ev("u", 4, "d")}, 2},
		{"order/equal timestamps", "x at b's instant sorts before b and stops at 1", Config{Steps: abc, Mode: StrictOrder},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 1, "x"), ev("u", 2, "c")}, 1},
		{"order/bound inclusive", "c exactly at the bound", Config{Steps: abc, Mode: StrictOrder, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 10, "c")}, 3},
		{"order/out of window", "c late does not stop, it just fails", Config{Steps: abc, Mode: StrictOrder, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 11, "c")}, 2},
		{"order/repeated steps", "repeated a and b are not other events", Config{Steps: abc, Mode: StrictOrder},
			[]Event{ev("u", 0, "a"), ev("u", 1, "a"), ev("u", 2, "b"), ev("u", 3, "b"), ev("u", 4, "c")}, 3},
		{"order/re-entry", "a@20 restarts; b@21, c@22 complete", Config{Steps: abc, Mode: StrictOrder, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 20, "a"), ev("u", 21, "b"), ev("u", 22, "c")}, 3},
		{"order/allow reentry", "c@1 is ignored instead of stopping", Config{Steps: abc, Mode: StrictOrder | AllowReentry},
			[]Event{ev("u", 0, "a"), ev("u", 1, "c"), ev("u", 2, "b"), ev("u", 3, "c")}, 3},
		{"order/no reentry", "c@1 stops at level 1", Config{Steps: abc, Mode: StrictOrder},
			[]Event{ev("u", 0, "a"), ev("u", 1, "c"), ev("u", 2, "b"), ev("u", 3, "c")}, 1},

		// strict_deduplication.
		{"dedup/repeated step", "the second b stops at level 2", Config{Steps: abc, Mode: StrictDeduplication},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "b"), ev("u", 3, "c")}, 2},
		{"dedup/repeated step 1", "a repeated step 1 restarts, it does not stop", Config{Steps: abc, Mode: StrictDeduplication},
			[]Event{ev("u", 0, "a"), ev("u", 1, "a"), ev("u", 2, "b"), ev("u", 3, "c")}, 3},
		{"dedup/equal timestamps", "two b at one instant: the second is a repeat", Config{Steps: abc, Mode: StrictDeduplication},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 1, "b"), ev("u", 2, "c")}, 2},
		{"dedup/max level kept", "after a→b→c, the repeat b@4 stops at the level reached, 3 (ClickHouse #37177 fix)", Config{Steps: abcd, Mode: StrictDeduplication},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "c"), ev("u", 3, "a"), ev("u", 4, "b"), ev("u", 5, "d")}, 3},
		{"dedup/bound inclusive", "c exactly at the bound", Config{Steps: abc, Mode: StrictDeduplication, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 10, "c")}, 3},
		{"dedup/out of window", "b@11 is late for a@0 but ties with a@11 and follows it (level 2); b@12 is then a repeat and stops at 2", Config{Steps: abc, Mode: StrictDeduplication, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 11, "b"), ev("u", 11, "a"), ev("u", 12, "b")}, 2},

		// First entry only.
		{"first/later start ignored", "only a@0 starts a chain; its window closes before b@21", Config{Steps: abc, FirstEntryOnly: true, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 20, "a"), ev("u", 21, "b")}, 1},
		{"first/default for contrast", "without the option a@20 starts a chain reaching b", Config{Steps: abc, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 20, "a"), ev("u", 21, "b")}, 2},
		{"first/equal timestamps", "a and b at one instant", Config{Steps: abc, FirstEntryOnly: true},
			[]Event{ev("u", 0, "b"), ev("u", 0, "a"), ev("u", 1, "c")}, 3},
		{"first/bound inclusive", "c exactly at the bound", Config{Steps: abc, FirstEntryOnly: true, Window: 10 * time.Minute},
			[]Event{ev("u", 0, "a"), ev("u", 5, "b"), ev("u", 10, "c")}, 3},
		{"first/repeated steps", "repeats are harmless", Config{Steps: abc, FirstEntryOnly: true},
			[]Event{ev("u", 0, "a"), ev("u", 1, "a"), ev("u", 2, "b"), ev("u", 3, "b"), ev("u", 4, "c")}, 3},

		// Exclusions.
		{"excl/between 1 and 2", "x after a and before b kills the chain", Config{Steps: abc, Exclusions: []Exclusion{{Name: "x", From: 1, To: 2}}},
			[]Event{ev("u", 0, "a"), ev("u", 1, "x"), ev("u", 2, "b"), ev("u", 3, "c")}, 0},
		{"excl/after the pair", "x after b does not concern steps 1–2", Config{Steps: abc, Exclusions: []Exclusion{{Name: "x", From: 1, To: 2}}},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "x"), ev("u", 3, "c")}, 3},
		{"excl/between 2 and 3", "x after b kills the chain at level 2; level 1 survives", Config{Steps: abc, Exclusions: []Exclusion{{Name: "x", From: 2, To: 3}}},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "x"), ev("u", 3, "c")}, 1},
		{"excl/re-entry after exclusion", "a@2 starts a fresh chain after x", Config{Steps: abc, Exclusions: []Exclusion{{Name: "x", From: 1, To: 2}}},
			[]Event{ev("u", 0, "a"), ev("u", 1, "x"), ev("u", 2, "a"), ev("u", 3, "b")}, 2},
		{"excl/equal to step From", "x at a's instant is processed before a: the chain survives", Config{Steps: abc, Exclusions: []Exclusion{{Name: "x", From: 1, To: 2}}},
			[]Event{ev("u", 0, "a"), ev("u", 0, "x"), ev("u", 1, "b")}, 2},
		{"excl/equal to step To", "x at b's instant is processed before b: the chain dies", Config{Steps: abc, Exclusions: []Exclusion{{Name: "x", From: 1, To: 2}}},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 1, "x")}, 0},
		{"excl/completed chain immune", "a chain past step To keeps its level", Config{Steps: abc, Exclusions: []Exclusion{{Name: "x", From: 1, To: 2}}},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "a"), ev("u", 3, "x")}, 2},
		{"excl/out of window", "the chain died of the window anyway", Config{Steps: abc, Window: 10 * time.Minute, Exclusions: []Exclusion{{Name: "x", From: 2, To: 3}}},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 11, "c"), ev("u", 12, "x")}, 1},
		{"excl/predicate", "an exclusion by predicate", Config{Steps: abc, Exclusions: []Exclusion{{Match: func(e Event) bool { return e.Prop("refund") == "yes" }, From: 2, To: 3}}},
			[]Event{ev("u", 0, "a"), ev("u", 1, "b"), ev("u", 2, "y", "refund", "yes"), ev("u", 3, "c")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := levelOf(tt.cfg, tt.events)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("level = %d, want %d (%s)", got, tt.want, tt.reason)
			}
			if m := chLevel(tt.cfg, tt.events); m != tt.want {
				t.Errorf("ClickHouse model level = %d, want %d (%s)", m, tt.want, tt.reason)
			}
			if tt.cfg.Mode == 0 && !tt.cfg.FirstEntryOnly && tt.cfg.Exclusions == nil {
				if b := bruteLevel(tt.cfg, tt.events); b != tt.want {
					t.Errorf("exhaustive level = %d, want %d (%s)", b, tt.want, tt.reason)
				}
			}
		})
	}
}

// TestTimeToConvert checks the durations of the chain that gives each
// user's level.
func TestTimeToConvert(t *testing.T) {
	cfg := Config{Steps: steps("a", "b", "c"), Window: 10 * time.Minute}
	events := []Event{
		// u1: a@0 is superseded by a@8; the deepest chain is a@8→b@9→c@15:
		// 1 minute to b, 7 minutes to c.
		ev("u1", 0, "a"), ev("u1", 8, "a"), ev("u1", 9, "b"), ev("u1", 15, "c"),
		// u2: a@0→b@5, then a@8 restarts but the chain at level 2 (start 0)
		// is kept and c@9 completes it: 5 minutes to b, 9 to c.
		ev("u2", 0, "a"), ev("u2", 5, "b"), ev("u2", 8, "a"), ev("u2", 9, "c"),
		// u3: a@0→b@3, no c: 3 minutes to b.
		ev("u3", 0, "a"), ev("u3", 3, "b"),
	}
	r, err := Count(cfg, events)
	if err != nil {
		t.Fatal(err)
	}
	// To b: {1, 5, 3} minutes → median 3, p90 at rank 0.9·2 = 1.8 →
	// 3 + 0.8·(5−3) = 4.6 minutes. To c: {7, 9} → median 8, p90 at rank 0.9
	// → 7 + 0.9·2 = 8.8 minutes.
	want := []Durations{
		{N: 3},
		{N: 3, Median: 3 * time.Minute, P90: 276 * time.Second},
		{N: 2, Median: 8 * time.Minute, P90: 528 * time.Second},
	}
	var got []Durations
	for _, s := range r.Steps {
		got = append(got, s.TimeToConvert)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("time to convert (-want +got):\n%s", diff)
	}
}

func TestResultRatios(t *testing.T) {
	cfg := Config{Steps: steps("view", "cart", "buy")}
	var events []Event
	// 4 users view, 2 add to cart, 1 buys.
	for i, u := range []string{"u1", "u2", "u3", "u4"} {
		events = append(events, ev(u, i, "view"))
	}
	events = append(events, ev("u1", 5, "cart"), ev("u2", 5, "cart"), ev("u1", 6, "buy"), ev("u9", 7, "cart"))
	r, err := Count(cfg, events)
	if err != nil {
		t.Fatal(err)
	}
	// Hand count: reached 4, 2, 1; u9 never viewed so reached nothing but is
	// a unit (5 users sent events).
	if r.Units != 5 {
		t.Errorf("Units = %d, want 5", r.Units)
	}
	if diff := cmp.Diff([]int64{4, 2, 1}, reached(r)); diff != "" {
		t.Errorf("reached (-want +got):\n%s", diff)
	}
	type row struct {
		Prev, First, Drop string
		DropN             int64
	}
	var got []row
	for _, s := range r.Steps {
		got = append(got, row{s.FromPrevious.Percent(1), s.FromFirst.Percent(1), s.DropOffRate.Percent(1), s.DropOff})
	}
	want := []row{{"100.0%", "100.0%", "0.0%", 0}, {"50.0%", "50.0%", "50.0%", 2}, {"50.0%", "25.0%", "50.0%", 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ratios (-want +got):\n%s", diff)
	}
	empty, err := Count(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if empty.Steps[1].FromFirst.Defined() || empty.Steps[0].FromPrevious.Defined() {
		t.Errorf("empty funnel has defined ratios: %+v", empty.Steps)
	}
}

func TestCounterErrors(t *testing.T) {
	c, err := NewCounter(Config{Steps: steps("a", "b")})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Add(ev("u", 5, "a")); err != nil {
		t.Fatal(err)
	}
	err = c.Add(ev("u", 4, "b"))
	var ee *EventError
	if !errors.As(err, &ee) || !errors.Is(err, ErrOutOfOrder) || ee.UserID != "u" {
		t.Fatalf("Add out of order = %v, want *EventError for user u wrapping ErrOutOfOrder", err)
	}
	if diff := cmp.Diff([]int64{1, 0}, reached(c.Result())); diff != "" {
		t.Errorf("rejected event changed the counter (-want +got):\n%s", diff)
	}
	if err := c.Add(Event{UserID: "v", Time: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), Name: "a"}); !errors.Is(err, ErrTimeRange) {
		t.Errorf("Add year 3000 = %v, want ErrTimeRange", err)
	}

	_, err = NewCounter(Config{Steps: steps("a"), Mode: AllowReentry, Window: -1,
		Exclusions: []Exclusion{{Name: "x", From: 2, To: 2}}})
	if !errors.Is(err, metrics.ErrConfig) {
		t.Fatalf("NewCounter(bad) = %v, want ErrConfig", err)
	}
	// One step, reentry without strict order, negative window, bad exclusion.
	if n := len(err.(interface{ Unwrap() []error }).Unwrap()); n != 4 {
		t.Errorf("NewCounter(bad) reported %d problems, want 4: %v", n, err)
	}

	_, err = Count(Config{Steps: steps("a", "b"), Unit: PerSession, Sessions: SessionRule{Key: PropSession}},
		[]Event{ev("u", 0, "a"), ev("w", 1, "a")})
	if !errors.Is(err, ErrNoSession) {
		t.Errorf("Count without session ids = %v, want ErrNoSession", err)
	}
}
