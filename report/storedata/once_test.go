package storedata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// onceOrder is the order of the directories of the EventsOnce tests, at
// +08:00.
const onceOrder = "o1,c1,2025-11-11T20:00:00+08:00,ads,paid,CNY,0.00,0.00,0.00,,,,,,,,S1,n,c,1,9.90,0.00,5.00,\n"

// onceWithin is the period whose events the within stream reads whole.
var onceWithin = []metrics.Period{{
	Start: time.Date(2025, 11, 11, 20, 30, 0, 0, time.UTC),
	End:   time.Date(2025, 11, 12, 0, 0, 0, 0, time.UTC),
}}

// reading is what a test compares of a Source: its fields about the
// events, and what each of its three event streams yields, with the
// error of each (each stream is ranged over on a Source of its own, as
// Err keeps the first error).
type reading struct {
	Sessions  funnel.SessionRule
	Location  string
	Warnings  []Warning
	InMemory  bool
	Unbatched int64
	Rows      []funnel.Event
	Batches   []funnel.Event
	Within    []funnel.Event
	Errs      [3]error `cmp:"-"`
}

// read reads dir with opts three times, once per stream.
func read(t testing.TB, dir string, opts Options) (reading, *Source) {
	t.Helper()
	var r reading
	var first *Source
	for i := range 3 {
		src, err := Dir(dir, opts)
		if err != nil {
			t.Fatalf("Dir(%+v): %v", opts, err)
		}
		if i == 0 {
			first = src
			r.Sessions, r.Location, r.Warnings = src.Sessions, src.Location.String(), src.Warnings
			r.InMemory, r.Unbatched = src.EventsInMemory, src.UnbatchedEvents
		}
		switch i {
		case 0:
			for e := range src.Input.Events {
				e.Props = slices.Clone(e.Props)
				r.Rows = append(r.Rows, e)
			}
		case 1:
			r.Batches = batchEvents(src.EventBatches())
		case 2:
			r.Within = batchEvents(src.EventBatchesWithin(onceWithin))
		}
		r.Errs[i] = src.Err()
	}
	return r, first
}

// clean reports whether Dir's reading ahead found events.csv as
// Options.EventsOnce takes it: no row rejected, in time order, every
// time one a batch holds, no warning, and a session ID on every event
// when the header has a session_id column.
func clean(r reading, src *Source, sessionCol bool) bool {
	for _, f := range src.Files {
		if f.File == fileEvents && f.Rejected > 0 {
			return false
		}
	}
	return !r.InMemory && r.Unbatched == 0 && len(r.Warnings) == 0 &&
		(!sessionCol || r.Sessions.Key == funnel.PropSession)
}

// TestDirEventsOnce reads directories with Options.EventsOnce and
// without: when events.csv is as EventsOnce takes it, the streams yield
// the same events and the Source says the same of them; else each stream
// stops with an error wrapping ErrEventsOnce that names the line, and
// the reading ahead finds what was wrong.
func TestDirEventsOnce(t *testing.T) {
	const (
		head    = "user_id,time,name,session_id,source\n"
		e1      = "u1,2025-11-11T20:00:00+08:00,page_view,s1,google\n"
		e2      = "u2,2025-11-11T20:40:00+08:00,page_view,s2,\n"
		e3      = "u1,2025-11-11T21:00:00+08:00,add_to_cart,s1,google\n"
		quoted3 = "\"u1\",2025-11-11T21:00:00+08:00,add_to_cart,s1,\"goo,gle\"\n" // the exact path
	)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	londonOrder := strings.Replace(onceOrder, "+08:00", "Z", 1)
	for _, c := range []struct {
		name   string
		orders string
		events string
		loc    *time.Location
		line   int    // of the first finding; 0: none
		why    string // in the finding
		ahead  bool   // Dir reads events.csv ahead all the same
	}{
		{name: "clean", events: head + e1 + e2 + e3},
		{name: "clean exact path", events: head + e1 + e2 + quoted3},
		{name: "no session column", events: "user_id,time,name\nu1,2025-11-11T20:00:00+08:00,page_view\nu2,2025-11-11T20:40:00+08:00,page_view\n"},
		{name: "no session column, no event", events: "user_id,time,name\n"},
		{name: "zone given", events: head + e1 + e2 + e3, loc: shanghai},
		{name: "daylight saving", orders: londonOrder, loc: london, events: head +
			"u1,2025-03-30T00:30:00Z,page_view,s1,\nu1,2025-03-30T02:30:00+01:00,page_view,s1,\nu1,2025-11-11T20:30:00Z,page_view,s1,\n"},
		{name: "not in time order", events: head + e1 + e3 + e2, line: 4, why: "earlier than the one before it"},
		{name: "no session", events: head + e1 + "u2,2025-11-11T20:40:00+08:00,page_view,,\n" + e3, line: 3, why: "without a session ID"},
		{name: "no session, exact path", events: head + e1 + e2 + "\"u1\",2025-11-11T21:00:00+08:00,add_to_cart,,\"goo,gle\"\n", line: 4, why: "without a session ID"},
		{name: "no event", events: head, line: 1, why: "no event"},
		{name: "rejected row", events: head + e1 + "u2,2025-11-11T20:40:00+08:00,,s2,\n" + e3, line: 3, why: "column 3 (name): empty"},
		{name: "unbatched time", events: head + e1 + e2 + "u3,2300-01-01T00:00:00+08:00,page_view,s3,\n", line: 4, why: "a batch cannot hold"},
		{name: "another offset", events: head + e1 + "u2,2025-11-11T21:40:00+09:00,page_view,s2,\n" + e3, line: 3, why: "UTC offset of +09:00"},
		{name: "another offset than the zone's", loc: shanghai, events: head + e1 + "u2,2025-11-11T12:40:00Z,page_view,s2,\n" + e3, line: 3, why: "UTC offset of +00:00"},
		{name: "daylight saving, wrong offset", orders: londonOrder, loc: london, line: 3, why: "UTC offset of +00:00", events: head +
			"u1,2025-03-30T00:30:00Z,page_view,s1,\nu1,2025-03-30T01:30:00Z,page_view,s1,\n"},
		{name: "orders of two offsets", orders: onceOrder + strings.NewReplacer("o1", "o2", "+08:00", "+09:00").Replace(onceOrder),
			events: head + e1 + e3 + e2, ahead: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			orders := c.orders
			if orders == "" {
				orders = onceOrder
			}
			writeString(t, dir, fileOrders, header+orders)
			writeString(t, dir, fileEvents, c.events)
			want, ahead := read(t, dir, Options{Location: c.loc})
			got, src := read(t, dir, Options{Location: c.loc, EventsOnce: true})
			inFiles := slices.ContainsFunc(src.Files, func(f FileStats) bool { return f.File == fileEvents })
			if inFiles != c.ahead {
				t.Errorf("events.csv in Files: %v, want %v (read ahead)", inFiles, c.ahead)
			}
			sessionCol := strings.Contains(strings.SplitN(c.events, "\n", 2)[0], funnel.PropSession)
			if c.ahead {
				if diff := cmp.Diff(want, got); diff != "" || got.Errs != want.Errs {
					t.Errorf("read ahead: differs from the reading without EventsOnce (-want +got):\n%s%v %v", diff, want.Errs, got.Errs)
				}
				return
			}
			if c.line == 0 {
				if !clean(want, ahead, sessionCol) {
					t.Fatalf("the reading ahead finds the file not clean: %+v", want)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("-without EventsOnce +with:\n%s", diff)
				}
				for i, err := range got.Errs {
					if err != nil || want.Errs[i] != nil {
						t.Errorf("stream %d: Err() = %v, want nil (without EventsOnce: %v)", i, err, want.Errs[i])
					}
				}
				return
			}
			if clean(want, ahead, sessionCol) {
				t.Errorf("the reading ahead finds the file clean: %+v", want)
			}
			for i, err := range got.Errs {
				if !errors.Is(err, ErrEventsOnce) || !strings.Contains(err.Error(), c.why) ||
					!strings.Contains(err.Error(), fmt.Sprintf("%s:%d:", fileEvents, c.line)) {
					t.Errorf("stream %d: Err() = %v, want ErrEventsOnce on line %d: %q", i, err, c.line, c.why)
				}
			}
		})
	}
}

// TestPropDirEventsOnce: on random events files, EventsOnce's streams
// fail with ErrEventsOnce exactly when the reading ahead finds the file
// not as EventsOnce takes it; otherwise they yield what the streams
// without EventsOnce yield, and the Source says the same.
func TestPropDirEventsOnce(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(rt *rapid.T) {
		events, sessionCol := onceFile(rt)
		var opts Options
		if rapid.Bool().Draw(rt, "zone given") {
			opts.Location = shanghai
		}
		dir := t.TempDir()
		writeString(t, dir, fileOrders, header+onceOrder)
		writeString(t, dir, fileEvents, events)
		want, ahead := read(t, dir, opts)
		opts.EventsOnce = true
		got, _ := read(t, dir, opts)
		if !clean(want, ahead, sessionCol) {
			for i, err := range got.Errs {
				if !errors.Is(err, ErrEventsOnce) {
					rt.Fatalf("stream %d of a file the reading ahead finds not clean (%+v): Err() = %v, want ErrEventsOnce", i, want, err)
				}
			}
			return
		}
		if diff := cmp.Diff(want, got); diff != "" {
			rt.Fatalf("-without EventsOnce +with:\n%s", diff)
		}
		for i, err := range got.Errs {
			if err != nil || want.Errs[i] != nil {
				rt.Fatalf("stream %d: Err() = %v, want nil (without EventsOnce: %v)", i, err, want.Errs[i])
			}
		}
	})
}

// onceFile draws an events file for the EventsOnce properties, at the
// orders' +08:00 but for some events, in time order but for some, with a
// session_id column or not, and some rows that take the exact path or
// are rejected. sessionCol reports the session_id column.
func onceFile(rt *rapid.T) (events string, sessionCol bool) {
	base := time.Date(2025, 11, 11, 20, 0, 0, 0, time.FixedZone("", 8*3600))
	sessionCol = rapid.Bool().Draw(rt, "session column")
	var b strings.Builder
	b.WriteString("user_id,time,name,source")
	if sessionCol {
		b.WriteString(",session_id")
	}
	b.WriteString("\n")
	at := base
	for i := range rapid.IntRange(0, 12).Draw(rt, "events") {
		at = at.Add(time.Duration(rapid.IntRange(-600, 3600).Draw(rt, fmt.Sprint("step", i))) * time.Second)
		when := at
		switch rapid.IntRange(0, 19).Draw(rt, fmt.Sprint("time", i)) {
		case 0:
			when = at.In(time.FixedZone("", 9*3600)) // another offset
		case 1:
			when = at.AddDate(300, 0, 0) // a year no batch holds
		}
		user := rapid.SampledFrom([]string{"u1", "u2", "\"u3\""}).Draw(rt, fmt.Sprint("user", i)) // u3 quoted: the exact path
		name := "page_view"
		if rapid.IntRange(0, 19).Draw(rt, fmt.Sprint("name", i)) == 0 {
			name = "" // a rejected row
		}
		source := rapid.SampledFrom([]string{"", "ads", "\"a,b\""}).Draw(rt, fmt.Sprint("source", i))
		fmt.Fprintf(&b, "%s,%s,%s,%s", user, when.Format(time.RFC3339), name, source)
		if sessionCol {
			session := "s" + fmt.Sprint(i/3)
			if rapid.IntRange(0, 14).Draw(rt, fmt.Sprint("session", i)) == 0 {
				session = ""
			}
			b.WriteString("," + session)
		}
		b.WriteString("\n")
	}
	return b.String(), sessionCol
}

// TestDirEventsOnceReview builds the review of a demo export, whose
// events.csv is as EventsOnce takes it, from the Source read with
// EventsOnce and without, with the events as rows and as the batches the
// review command reads: the reviews are the same, byte for byte.
func TestDirEventsOnceReview(t *testing.T) {
	dir, s := exportDemo(t)
	build := func(opts Options, batches bool) []byte {
		src, err := Dir(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		last := s.Period.End.Add(-time.Nanosecond).In(src.Location)
		cfg := report.Config{Period: metrics.MonthOf(last.Year(), last.Month(), src.Location), Sessions: src.Sessions, BadRecords: inventory.Skip}
		in := src.Input
		if batches {
			in.Events, in.EventBatchesWithin = nil, src.EventBatchesWithin
		}
		r, err := report.Build(in, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := src.Err(); err != nil {
			t.Fatalf("%+v: Err() = %v", opts, err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, batches := range []bool{false, true} {
		want := build(Options{}, batches)
		if !bytes.Contains(want, []byte(`"traffic":{`)) {
			t.Fatalf("the review's JSON (%d bytes) has no traffic", len(want))
		}
		if got := build(Options{EventsOnce: true}, batches); !bytes.Equal(got, want) {
			t.Errorf("batches %v: the review read with EventsOnce differs from the one without", batches)
		}
	}
}

// firstEvents reads dir with opts and ranges over stream i (0:
// Input.Events, 1: EventBatches, 2: EventBatchesWithin, each batch of one
// event) for its first n events only, then stops it. It returns the
// events, the Source's fields about the events, and Err.
func firstEvents(t testing.TB, dir string, opts Options, i, n int) ([]funnel.Event, reading, error) {
	t.Helper()
	opts.BatchSize = 1
	src, err := Dir(dir, opts)
	if err != nil {
		t.Fatalf("Dir(%+v): %v", opts, err)
	}
	var events []funnel.Event
	switch i {
	case 0:
		for e := range src.Input.Events {
			e.Props = slices.Clone(e.Props)
			if events = append(events, e); len(events) == n {
				break
			}
		}
	default:
		batches := src.EventBatches()
		if i == 2 {
			batches = src.EventBatchesWithin(onceWithin)
		}
		for b := range batches {
			if events = append(events, b.Event(0)); len(events) == n {
				break
			}
		}
	}
	r := reading{Sessions: src.Sessions, Location: src.Location.String(), Warnings: src.Warnings,
		InMemory: src.EventsInMemory, Unbatched: src.UnbatchedEvents}
	return events, r, src.Err()
}

// TestDirEventsOnceStopped stops each stream of events.csv after its
// first event: a stream read with EventsOnce has then checked only that
// event, and an event after it that is not as EventsOnce takes it (out
// of time order, so that the stream without EventsOnce sorts the events
// and yields another first; without a session ID, so that Sessions is
// the gap rule) made a stream that yields another event than the one
// without EventsOnce, or a Source that says otherwise, with no error.
// The stream stopped early checks the rest of the file: Err wraps
// ErrEventsOnce for such a file, and is nil for a clean one.
func TestDirEventsOnceStopped(t *testing.T) {
	const (
		head = "user_id,time,name,session_id,source\n"
		e1   = "u1,2025-11-11T20:00:00+08:00,page_view,s1,google\n"
		e2   = "u2,2025-11-11T20:40:00+08:00,page_view,s2,\n"
		e3   = "u1,2025-11-11T21:00:00+08:00,add_to_cart,s1,google\n"
	)
	for _, c := range []struct {
		name   string
		events string
		bad    bool
	}{
		{name: "clean", events: head + e1 + e2 + e3},
		{name: "not in time order after the first", events: head + e2 + e1 + e3, bad: true},
		{name: "no session after the first", events: head + e1 + "u2,2025-11-11T20:40:00+08:00,page_view,,\n" + e3, bad: true},
		{name: "another offset after the first", events: head + e1 + "u2,2025-11-11T21:40:00+09:00,page_view,s2,\n", bad: true},
		{name: "rejected row after the first", events: head + e1 + "u2,2025-11-11T20:40:00+08:00,,s2,\n", bad: true},
		{name: "unbatched time after the first", events: head + e1 + "u3,2300-01-01T00:00:00+08:00,page_view,s3,\n", bad: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeString(t, dir, fileOrders, header+onceOrder)
			writeString(t, dir, fileEvents, c.events)
			for i := range 3 {
				want, wantSrc, _ := firstEvents(t, dir, Options{}, i, 1)
				got, gotSrc, err := firstEvents(t, dir, Options{EventsOnce: true}, i, 1)
				if c.bad {
					if !errors.Is(err, ErrEventsOnce) {
						t.Errorf("stream %d stopped after its first event: Err() = %v, want ErrEventsOnce", i, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("stream %d stopped after its first event: Err() = %v, want nil", i, err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("stream %d: first event (-without EventsOnce +with):\n%s", i, diff)
				}
				if diff := cmp.Diff(wantSrc, gotSrc); diff != "" {
					t.Errorf("stream %d: Source (-without EventsOnce +with):\n%s", i, diff)
				}
			}
		})
	}
}

// TestPropDirEventsOnceStopped: on random events files, a stream read
// with EventsOnce and stopped by its caller after a few events fails with
// ErrEventsOnce exactly when the reading ahead finds the file not as
// EventsOnce takes it; otherwise it yields the events that the stream
// without EventsOnce yields, stopped alike, and the Source says the same.
func TestPropDirEventsOnceStopped(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		events, sessionCol := onceFile(rt)
		stream := rapid.IntRange(0, 2).Draw(rt, "stream")
		n := rapid.IntRange(1, 3).Draw(rt, "stop after")
		dir := t.TempDir()
		writeString(t, dir, fileOrders, header+onceOrder)
		writeString(t, dir, fileEvents, events)
		all, ahead := read(t, dir, Options{})
		want, wantSrc, wantErr := firstEvents(t, dir, Options{}, stream, n)
		got, gotSrc, err := firstEvents(t, dir, Options{EventsOnce: true}, stream, n)
		if !clean(all, ahead, sessionCol) {
			if !errors.Is(err, ErrEventsOnce) {
				rt.Fatalf("stream %d stopped after %d events, of a file the reading ahead finds not clean: Err() = %v, want ErrEventsOnce", stream, n, err)
			}
			return
		}
		if err != nil || wantErr != nil {
			rt.Fatalf("stream %d stopped after %d events: Err() = %v, want nil (without EventsOnce: %v)", stream, n, err, wantErr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			rt.Fatalf("stream %d stopped after %d events: events (-without EventsOnce +with):\n%s", stream, n, diff)
		}
		if diff := cmp.Diff(wantSrc, gotSrc); diff != "" {
			rt.Fatalf("stream %d: Source (-without EventsOnce +with):\n%s", stream, diff)
		}
	})
}

// TestDirEventsOnceUnreadable: an events.csv that opens but cannot be
// read (here a directory) is the same error of Dir with EventsOnce as
// without, the error of the reading ("storedata: reading events.csv:
// read …: is a directory"), not a *FileError of its header
// ("events.csv:1: read …"), which says that the header is wrong.
func TestDirEventsOnceUnreadable(t *testing.T) {
	dir := t.TempDir()
	writeString(t, dir, fileOrders, header+onceOrder)
	if err := os.Mkdir(filepath.Join(dir, fileEvents), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, strict := range []bool{false, true} {
		_, want := Dir(dir, Options{Strict: strict})
		_, got := Dir(dir, Options{Strict: strict, EventsOnce: true})
		var fe *FileError
		if want == nil || got == nil || got.Error() != want.Error() || errors.As(got, &fe) != errors.As(want, &fe) {
			t.Errorf("strict %v: Dir() = %v (%T), want %v (%T)", strict, got, got, want, want)
		}
	}
}

// TestDirEventsOnceChanged: with EventsOnce, a stream of an events.csv
// that is not the file Dir read the header of (another size or
// modification time), or that changes while the stream reads it, stops
// with an error that says the file changed, not ErrEventsOnce; the file
// as Dir found it streams without error. (The streams of a file read
// ahead compare row counts instead.)
func TestDirEventsOnceChanged(t *testing.T) {
	const (
		head = "user_id,time,name,session_id\n"
		e1   = "u1,2025-11-11T20:00:00+08:00,page_view,s1\n"
		e2   = "u2,2025-11-11T20:40:00+08:00,page_view,s2\n"
		e3   = "u3,2025-11-11T20:50:00+08:00,page_view,s3\n"
	)
	later := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		before func(path string) // after Dir, before the stream
		during func(path string) // at the stream's first event
		stop   bool              // the caller stops at the first event
		large  bool              // events.csv of 20,000 events, read by parts
		want   bool              // an error that says the file changed
	}{
		{name: "as Dir found it"},
		{name: "as Dir found it, stopped", stop: true},
		{name: "a row appended", before: func(p string) { appendString(t, p, e3) }, want: true},
		{name: "the same size, another time", before: func(p string) {
			writeString(t, filepath.Dir(p), fileEvents, head+e1+strings.Replace(e2, "u2", "u9", 1))
			if err := os.Chtimes(p, later, later); err != nil {
				t.Fatal(err)
			}
		}, want: true},
		{name: "a row appended while read", during: func(p string) { appendString(t, p, e3) }, want: true},
		{name: "a row appended while read, stopped", during: func(p string) { appendString(t, p, e3) }, stop: true, want: true},
		// The stream reads a large file by parts: a row out of time
		// order appended while it reads is found as a change of the file,
		// not as a file that cannot be read once.
		{name: "a bad row appended while a large file is read", large: true, during: func(p string) { appendString(t, p, e1) }, want: true},
		// A file replaced while the stream, stopped early, had it open:
		// the rest of the stream's own file is checked, not the new one
		// (which is not in time order), and it is as Dir found it.
		{name: "replaced while read, stopped", large: true, stop: true, during: func(p string) {
			writeString(t, filepath.Dir(p), "new.csv", head+e2+e1)
			if err := os.Rename(filepath.Join(filepath.Dir(p), "new.csv"), p); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		for _, stream := range []string{"rows", "batches"} {
			t.Run(c.name+"/"+stream, func(t *testing.T) {
				dir := t.TempDir()
				writeString(t, dir, fileOrders, header+onceOrder)
				body := head + e1 + e2
				if c.large {
					var b strings.Builder
					b.WriteString(head)
					t0 := time.Date(2025, 11, 11, 20, 0, 0, 0, time.FixedZone("", 8*3600))
					for i := range 20000 {
						fmt.Fprintf(&b, "u%d,%s,page_view,s%d\n", i, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339), i)
					}
					body = b.String()
				}
				writeString(t, dir, fileEvents, body)
				path := filepath.Join(dir, fileEvents)
				src, err := Dir(dir, Options{EventsOnce: true})
				if err != nil {
					t.Fatal(err)
				}
				if c.before != nil {
					c.before(path)
				}
				first := true
				at := func() bool { // reports whether to go on
					if first && c.during != nil {
						c.during(path)
					}
					first = false
					return !c.stop
				}
				n := 0
				if stream == "rows" {
					for range src.Input.Events {
						n++
						if !at() {
							break
						}
					}
				} else {
					for b := range src.EventBatches() {
						n += b.Len()
						if !at() {
							break
						}
					}
				}
				err = src.Err()
				changed := err != nil && strings.Contains(err.Error(), "the file changed while the review read it")
				if changed != c.want || err != nil && !changed || errors.Is(err, ErrEventsOnce) {
					t.Errorf("after %d events: Err() = %v, want an error that the file changed: %v", n, err, c.want)
				}
				if c.before != nil && n != 0 {
					t.Errorf("%d events streamed from a file that changed before the stream", n)
				}
			})
		}
	}
}

// appendString appends s to the file at path.
func appendString(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
