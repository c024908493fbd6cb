package report

import (
	"context"
	"encoding/json"
	"errors"
	"hash/fnv"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// batchesOf returns events as batches of size events each, in
// location loc. With shared, every batch is the same funnel.Events,
// reset after each yield (its dictionaries grow across batches, as a
// reader's that reuses its batch); without, each batch is new, with
// dictionaries of its own.
func batchesOf(t testing.TB, events []funnel.Event, size int, shared bool, loc *time.Location) iter.Seq[*funnel.Events] {
	return func(yield func(*funnel.Events) bool) {
		bt := &funnel.Events{Location: loc}
		for start := 0; start < len(events); start += size {
			if !shared {
				bt = &funnel.Events{Location: loc}
			}
			bt.Reset()
			bt.Init()
			for _, e := range events[start:min(start+size, len(events))] {
				if err := bt.Append(e); err != nil {
					t.Fatal(err)
				}
			}
			if !yield(bt) {
				return
			}
		}
	}
}

// buildJSON builds the review of in under cfg and returns its JSON, or
// the error's text.
func buildJSON(t *testing.T, in Input, cfg Config) (*Review, string) {
	t.Helper()
	r, err := Build(in, cfg)
	if err != nil {
		return nil, "error: " + err.Error()
	}
	j, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return r, string(j)
}

// TestEventBatches: the review built from Input.EventBatches is the one
// built from Input.Events, byte for byte in JSON and field by field, on
// the demo store, on a copy of it with events out of time order and bad
// events (no session, no user) under BadRecords Skip and Strict, with
// batches of 1, 7 and 65536 events that share their dictionaries or do
// not (the latter on a slice of the users: a batch of its own
// dictionaries per 7 events).
func TestEventBatches(t *testing.T) {
	in, cfg, s := fullDemo(t)
	loc := s.Period.Start.Location()

	// The damaged copy: every 997th event of the period loses its session,
	// every 1999th its user, and every 1009th is moved an hour back (out of
	// time order for its user, most often).
	bad := slices.Clone(s.Events)
	for i := range bad {
		e := &bad[i]
		if !cfg.Period.Contains(e.Time) && !cfg.Period.Previous().Contains(e.Time) {
			continue
		}
		switch {
		case i%997 == 0:
			e.Props = slices.DeleteFunc(slices.Clone(e.Props), func(p funnel.Prop) bool { return p.Key == funnel.PropSession })
		case i%1999 == 0:
			e.UserID = ""
		case i%1009 == 0:
			e.Time = e.Time.Add(-time.Hour)
		}
	}
	// A slice of the users: about 1 in 40.
	var few []funnel.Event
	for _, e := range s.Events {
		h := fnv.New32a()
		h.Write([]byte(e.UserID))
		if h.Sum32()%40 == 0 {
			few = append(few, e)
		}
	}

	type run struct {
		size   int
		shared bool
	}
	for _, tc := range []struct {
		name   string
		events []funnel.Event
		bad    inventory.Policy
		runs   []run
		reason string
	}{
		{"demo", s.Events, inventory.Strict, []run{{1, true}, {7, true}, {65536, true}, {65536, false}},
			"the demo's events, in time order per user"},
		{"damaged strict", bad, inventory.Strict, []run{{7, true}, {65536, false}},
			"the same errors, in the same order"},
		{"damaged skip", bad, inventory.Skip, []run{{1, true}, {65536, true}, {65536, false}},
			"the same events left out and counted"},
		{"few users", few, inventory.Skip, []run{{1, false}, {7, false}, {7, true}, {65536, true}},
			"batches that each bring dictionaries of their own"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg
			c.BadRecords = tc.bad
			rows := in
			rows.Orders, rows.Snapshots, rows.Events = slices.Values(s.Orders), slices.Values(s.Snapshots), slices.Values(tc.events)
			want, wantJSON := buildJSON(t, rows, c)
			if tc.name == "damaged strict" && want != nil {
				t.Fatal("the damaged events give no error under Strict")
			}
			if tc.name == "damaged skip" && !slices.ContainsFunc(want.Notes, func(n Note) bool { return n.Key == "invalid_events" }) {
				t.Fatal("the damaged events are not counted under Skip")
			}
			for _, r := range tc.runs {
				batches := rows
				batches.Orders, batches.Snapshots, batches.Events = slices.Values(s.Orders), slices.Values(s.Snapshots), nil
				batches.EventBatches = batchesOf(t, tc.events, r.size, r.shared, loc)
				got, gotJSON := buildJSON(t, batches, c)
				if gotJSON != wantJSON {
					t.Errorf("batches of %d, shared %v: the JSON differs from the rows' (%s):\n%s", r.size, r.shared, tc.reason, cmp.Diff(wantJSON, gotJSON))
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("batches of %d, shared %v: the review differs from the rows' (-rows +batches):\n%s", r.size, r.shared, diff)
				}
			}
		})
	}
}

// TestEventBatchesConfig: Events and EventBatches both set is a
// *metrics.ConfigError naming Input.EventBatches, and EventBatchesWithin
// with either one naming Input.EventBatchesWithin; a batch whose columns
// disagree fails the build, naming the batch.
func TestEventBatchesConfig(t *testing.T) {
	p := metrics.MonthOf(2025, time.March, time.UTC)
	e := funnel.Event{UserID: "u", Name: "page_view", Time: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)}
	one := func(yield func(*funnel.Events) bool) {
		var bt funnel.Events
		if err := bt.Append(e); err != nil {
			t.Fatal(err)
		}
		yield(&bt)
	}
	_, err := Build(Input{Events: slices.Values([]funnel.Event{e}), EventBatches: one}, Config{Period: p})
	var ce *metrics.ConfigError
	if !errors.As(err, &ce) || ce.Field != "Input.EventBatches" {
		t.Errorf("both set: err = %v, want a *metrics.ConfigError of Input.EventBatches", err)
	}
	within := func([]metrics.Period) iter.Seq[*funnel.Events] { return one }
	for _, in := range []Input{
		{Events: slices.Values([]funnel.Event{e}), EventBatchesWithin: within},
		{EventBatches: one, EventBatchesWithin: within},
	} {
		_, err := Build(in, Config{Period: p})
		if !errors.As(err, &ce) || ce.Field != "Input.EventBatchesWithin" {
			t.Errorf("EventBatchesWithin with another: err = %v, want a *metrics.ConfigError of Input.EventBatchesWithin", err)
		}
	}
	broken := func(yield func(*funnel.Events) bool) {
		var bt funnel.Events
		if err := bt.Append(e); err != nil {
			t.Fatal(err)
		}
		if yield(&bt) {
			bt.Time = append(bt.Time, bt.Time[0]) // a time without a user
			yield(&bt)
		}
	}
	_, err = Build(Input{EventBatches: broken}, Config{Period: p})
	if want := "report: Input.EventBatches' batch 2: funnel: malformed Events batch: columns disagree: 2 times, 1 users, 1 names, 2 property starts"; err == nil || err.Error() != want {
		t.Errorf("a broken batch: err = %v, want %q", err, want)
	}
	want, err := Build(Input{Events: slices.Values([]funnel.Event{e})}, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Build(Input{EventBatches: one}, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("one event without orders (-rows +batches):\n%s", diff)
	}
}

// TestEventBatchesWithin: a source that leaves out the properties of
// every event outside the periods the build asks for
// (Input.EventBatchesWithin) gives the review of the rows, byte for byte,
// for a month, a week whose attribution window (30 days) reaches past
// the periods compared, and a month compared with another; the build asks
// once, for Config.EventPeriods. The same source stripping the attribution
// window's events too gives another review: the window's periods matter.
func TestEventBatchesWithin(t *testing.T) {
	in, cfg, s := fullDemo(t)
	loc := s.Period.Start.Location()
	week := cfg
	week.Period = metrics.PeriodOf(time.Date(2025, 12, 10, 0, 0, 0, 0, loc), metrics.Week)
	other := cfg
	other.Compare = metrics.MonthOf(2025, time.June, loc)
	// bare returns the events with the properties of those outside ps
	// left out.
	bare := func(ps []metrics.Period) []funnel.Event {
		es := slices.Clone(s.Events)
		for i := range es {
			if !slices.ContainsFunc(ps, func(p metrics.Period) bool { return p.Contains(es[i].Time) }) {
				es[i].Props = nil
			}
		}
		return es
	}
	for _, tc := range []struct {
		name string
		cfg  Config
	}{{"month", cfg}, {"week", week}, {"compared with June", other}} {
		t.Run(tc.name, func(t *testing.T) {
			rows := in
			rows.Orders, rows.Snapshots, rows.Events = slices.Values(s.Orders), slices.Values(s.Snapshots), slices.Values(s.Events)
			_, want := buildJSON(t, rows, tc.cfg)
			if strings.HasPrefix(want, "error") {
				t.Fatal(want)
			}
			asked := 0
			within := rows
			within.Orders, within.Snapshots, within.Events = slices.Values(s.Orders), slices.Values(s.Snapshots), nil
			within.EventBatchesWithin = func(ps []metrics.Period) iter.Seq[*funnel.Events] {
				asked++
				if diff := cmp.Diff(tc.cfg.EventPeriods(), ps); diff != "" {
					t.Errorf("asked for the properties within other periods than Config.EventPeriods (-want +got):\n%s", diff)
				}
				return batchesOf(t, bare(ps), 65536, true, loc)
			}
			if _, got := buildJSON(t, within, tc.cfg); got != want {
				t.Errorf("the review differs from the rows':\n%s", cmp.Diff(want, got))
			}
			if asked != 1 {
				t.Errorf("the build asked for the batches %d times, want once", asked)
			}
			if tc.name != "week" {
				return
			}
			compared := within
			compared.EventBatchesWithin = func(ps []metrics.Period) iter.Seq[*funnel.Events] {
				return batchesOf(t, bare(ps[:nPeriods]), 65536, true, loc)
			}
			if _, got := buildJSON(t, compared, tc.cfg); got == want {
				t.Error("without the attribution window's properties the review is the same: the test shows nothing")
			}
		})
	}
}

// TestEventBatchesRead: the events of batches, given to the
// accumulators without their UserID and the properties they do not read,
// give the rows' review when a funnel step's predicate reads the UserID
// and when sessions come from the session ID, for the traffic or for the
// funnel.
func TestEventBatchesRead(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	byKey := funnel.SessionRule{Key: funnel.PropSession}
	for _, tc := range []struct {
		name   string
		cfg    Config
		reason string
	}{
		{"predicate", Config{Period: nov, Funnel: funnel.Config{Steps: []funnel.Step{
			{Name: "v_view", Match: func(e funnel.Event) bool { return e.Name == "page_view" && strings.HasPrefix(e.UserID, "V") }},
			{Name: "page_view"},
		}}}, "the predicate sees the UserID: V1 and V2 reach step 1"},
		{"traffic sessions by key", Config{Period: nov, Sessions: byKey}, "the traffic reads the session ID"},
		{"funnel sessions by key", Config{Period: nov, Funnel: funnel.Config{Steps: defaultFunnel, Unit: funnel.PerSession, Sessions: byKey}},
			"the funnel reads the session ID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantJSON := buildJSON(t, tinyStore(), tc.cfg)
			if want == nil || want.Traffic == nil || len(want.Traffic.Funnel) == 0 || want.Traffic.Funnel[0].Users == 0 {
				t.Fatalf("the rows' review has no funnel: %s", wantJSON)
			}
			if tc.name == "predicate" && want.Traffic.Funnel[0].Users != 2 {
				t.Fatalf("the rows' funnel has %d users at step 1, want 2 (V1, V2)", want.Traffic.Funnel[0].Users)
			}
			in := tinyStore()
			in.EventBatches, in.Events = batchesOf(t, slices.Collect(in.Events), 3, true, time.UTC), nil
			_, gotJSON := buildJSON(t, in, tc.cfg)
			if gotJSON != wantJSON {
				t.Errorf("the batches' review differs from the rows' (%s) (-rows +batches):\n%s", tc.reason, cmp.Diff(wantJSON, gotJSON))
			}
		})
	}
}

// TestEventBatchesVisitors: the visitors of each compared period, the
// period before the previous one's too (whose events the pass over
// batches does not make, see prev2Event), are those of the pass over
// rows, on the demo store.
func TestEventBatchesVisitors(t *testing.T) {
	in, cfg, s := fullDemo(t)
	visitors := func(in Input) [nPeriods]int64 {
		b := newBuilder(in, cfg)
		b.ctx = context.Background()
		if err := b.run(); err != nil {
			t.Fatal(err)
		}
		var n [nPeriods]int64
		for i := range n {
			n[i] = b.uidx.count(i)
		}
		return n
	}
	rows := in
	rows.Orders, rows.Snapshots = slices.Values(s.Orders), nil
	want := visitors(rows)
	if want[pPrev2] == 0 {
		t.Fatal("no visitor in the period before the previous one: the test tests nothing")
	}
	batches := rows
	batches.Orders, batches.Events = slices.Values(s.Orders), nil
	batches.EventBatches = batchesOf(t, s.Events, 4096, true, s.Period.Start.Location())
	if got := visitors(batches); got != want {
		t.Errorf("visitors by compared period from batches %v, from rows %v", got, want)
	}
}
