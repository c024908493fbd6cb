package funnel

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

var (
	propUsers   = []string{"u0", "u1", "u2", "u3"}
	propNames   = []string{"a", "b", "c", "d", "x"}
	propSources = []string{"ads", "search", ""}
)

// genEvents draws events in time order, on a coarse minute grid so that
// equal timestamps and window bounds are common.
func genEvents(t *rapid.T, label string) []Event {
	n := rapid.IntRange(0, 40).Draw(t, label+"_n")
	evs := make([]Event, n)
	for i := range evs {
		e := Event{
			UserID: rapid.SampledFrom(propUsers).Draw(t, label+"_user"),
			Time:   at(rapid.IntRange(0, 40).Draw(t, label+"_min")),
			Name:   rapid.SampledFrom(propNames).Draw(t, label+"_name"),
		}
		if src := rapid.SampledFrom(propSources).Draw(t, label+"_source"); src != "" {
			e.Props = []Prop{{PropSource, src}}
		}
		evs[i] = e
	}
	slices.SortStableFunc(evs, func(a, b Event) int { return a.Time.Compare(b.Time) })
	return evs
}

// genConfig draws a funnel over the names a…d (repeats allowed) with any
// modes and options.
func genConfig(t *rapid.T, defaultOnly bool) Config {
	n := rapid.IntRange(2, 6).Draw(t, "steps") // past inlineSteps too
	cfg := Config{Window: time.Duration(rapid.IntRange(0, 20).Draw(t, "window")) * time.Minute}
	for i := 0; i < n; i++ {
		cfg.Steps = append(cfg.Steps, Step{Name: rapid.SampledFrom(propNames[:4]).Draw(t, "step")})
	}
	if cfg.Window == 0 {
		cfg.Window = time.Nanosecond // keep a tight window rather than the 24 h default
	}
	if defaultOnly {
		return cfg
	}
	cfg.Mode = Mode(rapid.IntRange(0, 7).Draw(t, "mode"))
	if cfg.Mode&StrictOrder != 0 && rapid.Bool().Draw(t, "reentry") {
		cfg.Mode |= AllowReentry
	}
	cfg.FirstEntryOnly = rapid.Bool().Draw(t, "first")
	if rapid.Bool().Draw(t, "excl") {
		from := rapid.IntRange(1, n-1).Draw(t, "from")
		cfg.Exclusions = []Exclusion{{Name: "x", From: from, To: rapid.IntRange(from+1, n).Draw(t, "to")}}
	}
	if rapid.Bool().Draw(t, "breakdown") {
		cfg.Breakdown = PropSource
		cfg.Attribution = Attribution(rapid.IntRange(0, 1).Draw(t, "attribution"))
	}
	if rapid.Bool().Draw(t, "sessions") {
		cfg.Unit = PerSession
		cfg.Sessions.Gap = time.Duration(rapid.IntRange(1, 10).Draw(t, "gap")) * time.Minute
	}
	return cfg
}

func mustCount(t *rapid.T, cfg Config, events []Event) Result {
	r, err := Count(cfg, events)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func byUser(events []Event) map[string][]Event {
	m := make(map[string][]Event)
	for _, e := range events {
		m[e.UserID] = append(m[e.UserID], e)
	}
	return m
}

// Step counts never increase along the funnel, in every mode.
func TestPropStepCountsNeverIncrease(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t, false)
		r := mustCount(t, cfg, genEvents(t, "ev"))
		for k := 1; k < len(r.Steps); k++ {
			if r.Steps[k].Reached > r.Steps[k-1].Reached {
				t.Fatalf("step %d reached %d > step %d reached %d", k+1, r.Steps[k].Reached, k, r.Steps[k-1].Reached)
			}
		}
		if r.Steps[0].Reached > r.Units {
			t.Fatalf("step 1 reached %d > units %d", r.Steps[0].Reached, r.Units)
		}
	})
}

// In the default mode a longer window never lowers a count.
func TestPropLongerWindowNeverLowers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t, true)
		events := genEvents(t, "ev")
		longer := cfg
		longer.Window += time.Duration(rapid.IntRange(1, 20).Draw(t, "extra")) * time.Minute
		short, long := reached(mustCount(t, cfg, events)), reached(mustCount(t, longer, events))
		for k := range short {
			if long[k] < short[k] {
				t.Fatalf("step %d: window %v reached %d < window %v reached %d", k+1, longer.Window, long[k], cfg.Window, short[k])
			}
		}
	})
}

// In the default mode, events whose names are outside the funnel change
// no step count.
func TestPropOutsideEventsChangeNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t, true)
		events := genEvents(t, "ev")
		noise := genEvents(t, "noise")
		for i := range noise {
			noise[i].Name = "zz-" + noise[i].Name
		}
		all := append(slices.Clone(events), noise...)
		if diff := cmp.Diff(reached(mustCount(t, cfg, events)), reached(mustCount(t, cfg, all))); diff != "" {
			t.Fatalf("outside events changed counts (-without +with):\n%s", diff)
		}
	})
}

// Counting shards of users separately and merging equals one counter over
// all events, in every mode and option, including durations and
// breakdowns.
func TestPropMergeEqualsOneCounter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t, false)
		events := genEvents(t, "ev")
		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		owner := map[string]int{}
		for _, u := range propUsers {
			owner[u] = rapid.IntRange(0, shards-1).Draw(t, "owner")
		}
		counters := make([]*Counter, shards)
		whole, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range counters {
			if counters[i], err = NewCounter(cfg); err != nil {
				t.Fatal(err)
			}
		}
		for _, e := range events {
			if err := whole.Add(e); err != nil {
				t.Fatal(err)
			}
			if err := counters[owner[e.UserID]].Add(e); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range counters[1:] {
			if err := counters[0].Merge(c); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(whole.Result(), counters[0].Result()); diff != "" {
			t.Fatalf("merged shards differ from one counter (-one +merged):\n%s", diff)
		}
	})
}

// Sorting then counting equals streaming the time-ordered events; and
// streaming, pausing for a Result, then continuing changes nothing.
func TestPropSortThenCountEqualsStreaming(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t, false)
		events := genEvents(t, "ev")
		shuffled := rapid.Permutation(events).Draw(t, "shuffled")
		// Count sorts stably; ties may then arrive in another order than in
		// events, which must not matter.
		sorted := mustCount(t, cfg, shuffled)
		c, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		pause := rapid.IntRange(0, len(events)).Draw(t, "pause")
		for i, e := range events {
			if i == pause {
				_ = c.Result()
			}
			if err := c.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(sorted, c.Result()); diff != "" {
			t.Fatalf("sort-then-count differs from streaming (-sorted +streamed):\n%s", diff)
		}
	})
}

// Per user, the streaming counter agrees with the batch model of
// ClickHouse windowFunnel in every mode, and in the default mode with the
// exhaustive definition.
func TestPropMatchesClickHouseModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t, false)
		cfg.Unit, cfg.Breakdown = PerUser, ""
		for u, evs := range byUser(genEvents(t, "ev")) {
			got, err := levelOf(cfg, evs)
			if err != nil {
				t.Fatal(err)
			}
			if want := chLevel(cfg, evs); got != want {
				t.Fatalf("user %s: level %d, ClickHouse model %d; mode %v, events %v", u, got, want, cfg.Mode, evs)
			}
			if cfg.Mode == 0 && !cfg.FirstEntryOnly && cfg.Exclusions == nil {
				if want := bruteLevel(cfg, evs); got != want {
					t.Fatalf("user %s: level %d, exhaustive %d", u, got, want)
				}
			}
		}
	})
}

// SortEvents orders by time and keeps the input order of equal times, as
// slices.SortStableFunc on the events did before it sorted keys instead
// (review finding 9).
func TestPropSortEvents(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		n := rapid.IntRange(0, 200).Draw(t, "n")
		events := make([]Event, n)
		for i := range events {
			// Few distinct times, so that ties are common; some far apart.
			d := time.Duration(rapid.IntRange(-3, 3).Draw(t, "tick")) * time.Duration(rapid.SampledFrom([]int64{1, int64(time.Hour), 1 << 60}).Draw(t, "unit"))
			events[i] = Event{UserID: strconv.Itoa(i), Time: t0.Add(d)}
		}
		want := slices.Clone(events)
		slices.SortStableFunc(want, func(a, b Event) int { return a.Time.Compare(b.Time) })
		SortEvents(events)
		if diff := cmp.Diff(want, events); diff != "" {
			t.Fatalf("SortEvents (-want +got):\n%s", diff)
		}
	})
}
