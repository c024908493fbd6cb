package funnel

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"pgregory.net/rapid"
)

// genBatchConfig draws a funnel as genConfig does, and sometimes adds what
// genConfig lacks: steps and exclusions matched by predicates on
// properties, and sessions by a session ID property.
func genBatchConfig(t *rapid.T) Config {
	cfg := genConfig(t, false)
	if rapid.Bool().Draw(t, "pred") {
		k := rapid.IntRange(0, len(cfg.Steps)-1).Draw(t, "predStep")
		name := cfg.Steps[k].Name
		cfg.Steps[k].Match = func(e Event) bool { return e.Name == name && e.Prop(PropSource) != "search" }
	}
	if rapid.Bool().Draw(t, "predExcl") {
		from := rapid.IntRange(1, len(cfg.Steps)-1).Draw(t, "predFrom")
		cfg.Exclusions = append(cfg.Exclusions, Exclusion{Name: "ads x", From: from, To: len(cfg.Steps),
			Match: func(e Event) bool { return e.Name == "x" && e.Prop(PropSource) == "ads" }})
	}
	if cfg.Unit == PerSession && rapid.Bool().Draw(t, "keyed") {
		cfg.Sessions = SessionRule{Key: PropSession}
	}
	return cfg
}

// genBatchEvents draws events as genEvents does, with session IDs (some
// missing), and with a few pairs swapped out of time order when
// disorder is set.
func genBatchEvents(t *rapid.T, label string, disorder bool) []Event {
	evs := genEvents(t, label)
	for i := range evs {
		if s := rapid.SampledFrom([]string{"s1", "s2", "s2", "s1", ""}).Draw(t, label+"_session"); s != "" {
			evs[i].Props = append(slices.Clip(evs[i].Props), Prop{PropSession, s})
		}
	}
	if disorder && len(evs) > 1 {
		for range rapid.IntRange(0, 3).Draw(t, label+"_swaps") {
			i := rapid.IntRange(0, len(evs)-2).Draw(t, label+"_swap")
			evs[i], evs[i+1] = evs[i+1], evs[i]
		}
	}
	return evs
}

// rowError is an *EventError as cmp can compare it.
type rowError struct {
	UserID     string
	Time, Prev time.Time
	Err        string
}

func rowErrors(t *rapid.T, err error) []rowError {
	if err == nil {
		return nil
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	out := make([]rowError, len(errs))
	for i, e := range errs {
		var ee *EventError
		if !errors.As(e, &ee) {
			t.Fatalf("error %v is not an *EventError", e)
		}
		out[i] = rowError{ee.UserID, ee.Time, ee.Prev, ee.Err.Error()}
	}
	return out
}

// AddEvents gives the counter, and the errors, that Add gives row by row,
// in every mode and option, over batches that share their dictionaries or
// have their own, mixed with events given to Add, paused for Results.
func TestPropAddEventsEqualsAdd(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genBatchConfig(t)
		row, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		col, _ := NewCounter(cfg)
		shared := &Events{}
		shared.Init()
		// Users numbered by the dictionary before the counter sees them,
		// in another order: the counter's numbering parts from the
		// dictionary's.
		for _, u := range rapid.SliceOfDistinct(rapid.SampledFrom(propUsers), rapid.ID).Draw(t, "numbered") {
			shared.UserIDs.Index(u)
		}
		for k := range rapid.IntRange(1, 4).Draw(t, "batches") {
			events := genBatchEvents(t, "ev", true)
			if k > 0 { // later batches follow the earlier ones in time
				for i := range events {
					events[i].Time = events[i].Time.Add(time.Duration(k) * time.Hour)
				}
			}
			if rapid.Bool().Draw(t, "grow") {
				col.Grow(rapid.IntRange(-1, 10).Draw(t, "n"))
			}
			if rapid.Bool().Draw(t, "viaAdd") {
				// This part goes through Add on both counters.
				for _, e := range events {
					if diff := cmp.Diff(rowErrors(t, row.Add(e)), rowErrors(t, col.Add(e))); diff != "" {
						t.Fatalf("Add errors differ (-row +col):\n%s", diff)
					}
				}
				continue
			}
			b := shared
			if rapid.Bool().Draw(t, "ownDicts") {
				b = &Events{}
			}
			b.Reset()
			for _, e := range events {
				if err := b.Append(e); err != nil {
					t.Fatal(err)
				}
			}
			var want []rowError
			for i := range b.Len() {
				want = append(want, rowErrors(t, row.Add(b.Event(i)))...)
			}
			got := rowErrors(t, col.AddEvents(b))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("AddEvents errors differ from Add's (-Add +AddEvents):\n%s", diff)
			}
			if rapid.Bool().Draw(t, "pause") {
				if diff := cmp.Diff(row.Result(), col.Result()); diff != "" {
					t.Fatalf("AddEvents differs from Add (-Add +AddEvents):\n%s", diff)
				}
			}
		}
		if diff := cmp.Diff(row.Result(), col.Result()); diff != "" {
			t.Fatalf("AddEvents differs from Add (-Add +AddEvents):\n%s", diff)
		}
	})
}

// Counters fed batches over disjoint users, merged, equal one counter fed
// all events with Add, and equal Count.
func TestPropAddEventsMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genBatchConfig(t)
		events := genBatchEvents(t, "ev", false)
		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		owner := map[string]int{}
		for _, u := range propUsers {
			owner[u] = rapid.IntRange(0, shards-1).Draw(t, "owner")
		}
		batches := make([]Events, shards)
		shared := rapid.Bool().Draw(t, "sharedDicts")
		for i := range batches {
			if shared {
				batches[i].UserIDs, batches[i].Names = batches[0].UserIDs, batches[0].Names
				batches[i].PropKeys, batches[i].PropValues = batches[0].PropKeys, batches[0].PropValues
			}
			batches[i].Init()
		}
		whole, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var counted []Event // the events Add accepts
		for _, e := range events {
			if whole.Add(e) == nil {
				counted = append(counted, e)
			}
			if err := batches[owner[e.UserID]].Append(e); err != nil {
				t.Fatal(err)
			}
		}
		merged, _ := NewCounter(cfg)
		for i := range batches {
			c, _ := NewCounter(cfg)
			for _, e := range rowErrors(t, c.AddEvents(&batches[i])) {
				if e.Err != ErrNoSession.Error() {
					t.Fatalf("AddEvents of events in time order: %+v", e)
				}
			}
			if err := merged.Merge(c); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(whole.Result(), merged.Result()); diff != "" {
			t.Fatalf("merged AddEvents differs from Add (-Add +merged):\n%s", diff)
		}
		if diff := cmp.Diff(mustCount(t, cfg, counted), merged.Result()); diff != "" {
			t.Fatalf("merged AddEvents differs from Count (-Count +merged):\n%s", diff)
		}
	})
}

func TestAddEventsErrors(t *testing.T) {
	cfg := Config{Steps: steps("a", "b")}
	keyed := Config{Steps: steps("a", "b"), Unit: PerSession, Sessions: SessionRule{Key: PropSession}}
	tokyo := time.FixedZone("JST", 9*3600)
	for _, tc := range []struct {
		name   string
		reason string
		cfg    Config
		build  func(b *Events)
		want   []rowError
		level  []int64 // the counts after the batch
	}{{
		name:   "out of order",
		reason: "u1's b at minute 1 comes after its a at minute 2: rejected, the rest counted",
		cfg:    cfg,
		build: func(b *Events) {
			appendAll(b, ev("u1", 2, "a"), ev("u1", 1, "b"), ev("u2", 0, "a"), ev("u1", 3, "b"))
		},
		want:  []rowError{{"u1", at(1), at(2), ErrOutOfOrder.Error()}},
		level: []int64{2, 1},
	}, {
		name:   "out of order in the batch's location",
		reason: "the times of the error are in b.Location, as Event gives them",
		cfg:    cfg,
		build: func(b *Events) {
			b.Location = tokyo
			appendAll(b, ev("u1", 2, "a"), ev("u1", 1, "b"))
		},
		want:  []rowError{{"u1", at(1).In(tokyo), at(2).In(tokyo), ErrOutOfOrder.Error()}},
		level: []int64{1, 0},
	}, {
		name:   "time range",
		reason: "a reader filling the columns directly may give a time Add cannot take",
		cfg:    cfg,
		build: func(b *Events) {
			appendAll(b, ev("u1", 0, "a"), ev("u2", 0, "a"), ev("u1", 1, "b"))
			b.Time[1] = minUnixNano - 1
		},
		want:  []rowError{{"u2", time.Unix(0, minUnixNano-1).UTC(), time.Time{}, ErrTimeRange.Error()}},
		level: []int64{1, 1},
	}, {
		name:   "no session",
		reason: "the second and third rows lack the session ID (one has none, one an empty one)",
		cfg:    keyed,
		build: func(b *Events) {
			appendAll(b, ev("u1", 0, "a", PropSession, "s"), ev("u1", 1, "b"), ev("u2", 1, "a", PropSession, ""),
				ev("u1", 2, "b", PropSession, "s"))
		},
		want:  []rowError{{"u1", at(1), time.Time{}, ErrNoSession.Error()}, {"u2", at(1), time.Time{}, ErrNoSession.Error()}},
		level: []int64{1, 1},
	}, {
		name:   "no session key at all",
		reason: "the batch's dictionary lacks the key",
		cfg:    keyed,
		build:  func(b *Events) { appendAll(b, ev("u1", 0, "a")) },
		want:   []rowError{{"u1", at(0), time.Time{}, ErrNoSession.Error()}},
		level:  []int64{0, 0},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewCounter(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			var b Events
			tc.build(&b)
			err = c.AddEvents(&b)
			var got []rowError
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var ee *EventError
				if !errors.As(e, &ee) {
					t.Fatalf("error %v is not an *EventError", e)
				}
				got = append(got, rowError{ee.UserID, ee.Time, ee.Prev, ee.Err.Error()})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s: errors (-want +got):\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.level, reached(c.Result())); diff != "" {
				t.Errorf("%s: reached (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

// AddEvents names the first 100 rejected rows and counts the rest.
func TestAddEventsManyErrors(t *testing.T) {
	c, err := NewCounter(Config{Steps: steps("a", "b")})
	if err != nil {
		t.Fatal(err)
	}
	var b Events
	for i := range 250 {
		appendAll(&b, ev("u", 1000-i, "a"))
	}
	err = c.AddEvents(&b)
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	if len(errs) != 101 || !errors.Is(errs[99], ErrOutOfOrder) || errs[100].Error() != "funnel: 149 more events rejected" {
		t.Fatalf("AddEvents of 249 rows out of order gave %d errors, the last %v; want 100 and a count of 149", len(errs), errs[len(errs)-1])
	}
}

// TestAddEventsMalformed: AddEvents and CountEvents refuse a malformed
// batch with Validate's error, counting nothing.
func TestAddEventsMalformed(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(b *Events)
	}{
		{"short user column", func(b *Events) { b.User = b.User[:1] }},
		{"no property starts", func(b *Events) { b.PropStart = nil }},
		{"short property values", func(b *Events) { b.PropValue = b.PropValue[:0] }},
		{"no user dictionary", func(b *Events) { b.UserIDs = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b Events
			appendAll(&b, ev("u1", 0, "a", "k", "v"), ev("u2", 0, "b"))
			tc.spoil(&b)
			c, _ := NewCounter(Config{Steps: steps("a", "b")})
			if err := c.AddEvents(&b); !errors.Is(err, metrics.ErrMalformed) {
				t.Errorf("AddEvents of a batch with %s: %v, want ErrMalformed", tc.name, err)
			}
			if r := c.Result(); r.Steps[0].Reached != 0 {
				t.Errorf("AddEvents of a batch with %s counted %d users", tc.name, r.Steps[0].Reached)
			}
			if _, err := CountEvents(Config{Steps: steps("a", "b")}, &b); !errors.Is(err, metrics.ErrMalformed) {
				t.Errorf("CountEvents of a batch with %s: %v, want ErrMalformed", tc.name, err)
			}
		})
	}
}

// A counter fed batches of one dictionary keeps its users out of the user
// index until something else needs it; then Add, another dictionary and
// Merge find them.
func TestAddEventsPrimaryDict(t *testing.T) {
	cfg := Config{Steps: steps("a", "b")}
	c, _ := NewCounter(cfg)
	var b1 Events
	appendAll(&b1, ev("u1", 0, "a"), ev("u2", 0, "a"))
	mustAddEvents(t, c, &b1)
	if c.users.len() != 0 || c.batch.primary != b1.UserIDs {
		t.Fatalf("after the first batch: %d users indexed, primary %p; want 0 and %p", c.users.len(), c.batch.primary, b1.UserIDs)
	}
	if err := c.Add(ev("u1", 1, "b")); err != nil { // finds u1 of the batch
		t.Fatal(err)
	}
	if c.users.len() != 2 || c.batch.primary != nil {
		t.Fatalf("after Add: %d users indexed, primary %p; want 2 and nil", c.users.len(), c.batch.primary)
	}
	b1.Reset()
	appendAll(&b1, ev("u3", 2, "a"), ev("u2", 2, "b"))
	mustAddEvents(t, c, &b1)
	var b2 Events // its own dictionaries
	appendAll(&b2, ev("u3", 3, "b"), ev("u4", 3, "a"))
	mustAddEvents(t, c, &b2)
	if diff := cmp.Diff([]string{"u1", "u2", "u3", "u4"}, c.ids); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{4, 3}, reached(c.Result())); diff != "" {
		t.Errorf("reached (-want +got):\n%s", diff)
	}
	o, _ := NewCounter(cfg)
	var b3 Events
	appendAll(&b3, ev("u4", 0, "a"))
	mustAddEvents(t, o, &b3)
	if err := c.Merge(o); !errors.Is(err, ErrOverlap) {
		t.Errorf("Merge of a counter sharing u4 = %v, want ErrOverlap", err)
	}
}

// The counter keeps the maps of the last maxDictMaps dictionaries.
func TestAddEventsDictMaps(t *testing.T) {
	c, _ := NewCounter(Config{Steps: steps("a", "b")})
	batches := make([]Events, 4+2)
	for i := range batches {
		appendAll(&batches[i], ev("u"+string(rune('0'+i)), i, "a"))
		mustAddEvents(t, c, &batches[i])
	}
	mustAddEvents(t, c, &batches[2]) // moves to the front
	got := c.batch.users.Dicts()
	want := []*metrics.Dict{batches[2].UserIDs, batches[5].UserIDs, batches[4].UserIDs, batches[3].UserIDs}
	if !slices.Equal(want, got) {
		t.Errorf("user maps of dictionaries %p, want %p", got, want)
	}
	if diff := cmp.Diff([]int64{6, 0}, reached(c.Result())); diff != "" {
		t.Errorf("reached (-want +got):\n%s", diff)
	}
}

func appendAll(b *Events, events ...Event) {
	for _, e := range events {
		if err := b.Append(e); err != nil {
			panic(err)
		}
	}
}

func mustAddEvents(t *testing.T, c *Counter, b *Events) {
	t.Helper()
	if err := c.AddEvents(b); err != nil {
		t.Fatal(err)
	}
}

// CountEvents gives what Count gives for the batch's events in any order,
// errors included.
func TestPropCountEventsEqualsCount(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genBatchConfig(t)
		events := rapid.Permutation(genBatchEvents(t, "ev", false)).Draw(t, "shuffled")
		var b Events
		b.Init()
		// Numbers in the dictionary that the batch does not use.
		for _, u := range rapid.SliceOfDistinct(rapid.SampledFrom(append(slices.Clone(propUsers), "v1", "v2")), rapid.ID).Draw(t, "numbered") {
			b.UserIDs.Index(u)
		}
		appendAll(&b, events...)
		want, werr := Count(cfg, events)
		got, gerr := CountEvents(cfg, &b)
		if diff := cmp.Diff(rowErrors(t, werr), rowErrors(t, gerr)); diff != "" {
			t.Fatalf("errors (-Count +CountEvents):\n%s", diff)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("CountEvents differs from Count (-Count +CountEvents):\n%s", diff)
		}
	})
}

func TestCountEventsEmpty(t *testing.T) {
	cfg := Config{Steps: steps("a", "b")}
	got, err := CountEvents(cfg, &Events{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Count(cfg, nil)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CountEvents of an empty batch (-Count +CountEvents):\n%s", diff)
	}
	if _, err := CountEvents(Config{}, &Events{}); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("CountEvents(Config{}) = %v, want metrics.ErrConfig", err)
	}
}
