package storedata

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/report"
)

// firstReading is what Dir takes from its first reading of events.csv,
// in a form go-cmp compares: the file's entry of Source.Files (errors as
// their messages), the offsets seen (for the zone and its Warnings), the
// counts, and what went to Options.Logger.
type firstReading struct {
	Found     bool
	Err       string // scan's error: a FileError, or the first bad row in strict mode
	Stopped   string // the end of the file's reading (a failed read, the context)
	Files     []fileReading
	Offsets   string // the offsets struct, printed
	Events    int64
	Unbatched int64
	Unsorted  int // the line of the first event out of time order, 0 if none
	Sessions  bool
	Rows      int64 // the observer's
	Logged    string
	LastDone  int64 // the last Progress report's Done, -1 without any
}

type fileReading struct {
	File               string
	Rows, Rejected     int64
	Reasons            map[string]int64
	Errors             []string
	More               int64
	Lines, Cols, NRows []int // of each error, a *ParseError
}

// errText returns err's message, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// readFirst runs a first reading of the events file path through scan:
// the one before eventScan (ranging over ReadEvents' events, with
// Options.peek, as DirContext did) when old, else eventScan's.
func readFirst(ctx context.Context, path string, opts Options, old bool, onLog func()) firstReading {
	s := &Source{ctx: ctx}
	offs := &offsets{loc: opts.Location}
	var logged bytes.Buffer
	opts.Logger = slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		if onLog != nil {
			onLog()
		}
		return logged.Write(p)
	}), &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	lastDone := int64(-1)
	progress := opts.Progress
	opts.Progress = func(p report.Progress) {
		lastDone = p.Done
		if progress != nil {
			progress(p)
		}
	}
	opts.File = fileEvents
	opts.obs = &observer{offsets: offs}
	var got firstReading
	var err error
	if old {
		// DirContext's reading before eventScan.
		var (
			prev     time.Time
			sorted   = true
			sessions = true
		)
		opts.ReuseSlices, opts.peek = true, true
		got.Found, err = scan(s, path, opts, ReadEvents, func(e funnel.Event) {
			got.Events++
			if sorted && e.Time.Before(prev) {
				sorted, got.Unsorted = false, opts.obs.line
			}
			prev = e.Time
			sessions = sessions && e.Prop(funnel.PropSession) != ""
			if _, ok := batchNanos(e.Time); !ok {
				got.Unbatched++
			}
		})
		got.Sessions = sessions
	} else {
		ev := newEventScan()
		got.Found, err = scan(s, path, opts, ev.read, func(struct{}) {})
		got.Events, got.Unbatched, got.Unsorted, got.Sessions = ev.events, ev.unbatched, ev.unsorted, !ev.noSession
	}
	got.Err, got.Stopped = errText(err), errText(s.stopped)
	got.Offsets = fmt.Sprintf("%+v", *offs)
	got.Rows = opts.obs.rows
	got.Logged = logged.String()
	got.LastDone = lastDone
	got.Files = fileReadings(s.Files)
	return got
}

// tester is what the comparisons need of a *testing.T or a *rapid.T.
type tester interface {
	Helper()
	Fatal(...any)
	Fatalf(string, ...any)
}

// firstBothWays writes data as events.csv in dir and compares the old first
// reading and eventScan's on it, with and without the exact path, and
// returns eventScan's.
func firstBothWays(t tester, dir, data string, opts Options) firstReading {
	t.Helper()
	path := filepath.Join(dir, fileEvents)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	want := readFirst(context.Background(), path, opts, true, nil)
	got := readFirst(context.Background(), path, opts, false, nil)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("first reading of %q: eventScan differs from ReadEvents (-want +got):\n%s", data, diff)
	}
	opts.exact = true
	if diff := cmp.Diff(want, readFirst(context.Background(), path, opts, false, nil)); diff != "" {
		t.Fatalf("first reading of %q: eventScan's exact path differs from ReadEvents (-want +got):\n%s", data, diff)
	}
	return got
}

// readerBothWays compares ReadEvents (with Options.peek) and eventScan's
// reader on data read through chunks, which cuts the reads where it
// likes: the rows read, their errors, the counts and the offsets.
func readerBothWays(t tester, data string, opts Options, chunks func(io.Reader) io.Reader) {
	t.Helper()
	run := func(old bool) string {
		offs := &offsets{loc: opts.Location}
		o := opts
		o.File = fileEvents
		o.obs = &observer{offsets: offs}
		var out strings.Builder
		r := chunks(strings.NewReader(data))
		if old {
			o.ReuseSlices, o.peek = true, true
			ev := newEventScan()
			for e, err := range ReadEvents(r, o) {
				if err != nil {
					fmt.Fprintf(&out, "error %v\n", err)
					if o.Strict {
						break
					}
					continue
				}
				ev.add(e.Time.Unix(), int64(e.Time.Nanosecond()), e.Prop(funnel.PropSession) != "", o.obs.line)
			}
			fmt.Fprintf(&out, "%+v\n", *ev)
		} else {
			ev := newEventScan()
			for _, err := range ev.read(r, o) {
				fmt.Fprintf(&out, "error %v\n", err)
				if o.Strict {
					break
				}
			}
			fmt.Fprintf(&out, "%+v\n", *ev)
		}
		fmt.Fprintf(&out, "rows %d line %d offsets %+v\n", o.obs.rows, o.obs.line, *offs)
		return out.String()
	}
	if diff := cmp.Diff(run(true), run(false)); diff != "" {
		t.Fatalf("reading %q: eventScan differs from ReadEvents (-want +got):\n%s", data, diff)
	}
}

// writerFunc is an io.Writer of a function.
type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

const scanHead = "user_id,time,name,session_id,source,device,order_id,sku\n"

// TestEventScan compares eventScan with the reading of ReadEvents' events
// that it replaces, on files with every kind of row that either path
// rejects or reads the long way, and checks a few outcomes by hand.
func TestEventScan(t *testing.T) {
	row := "u1,2025-11-11T20:00:00+08:00,page_view,s1,ads,mobile,,A1\n"
	cst := time.FixedZone("CST", 8*3600)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		name, data string
		opts       Options
		reason     string
		// What eventScan must give (checked besides the comparison).
		events, rejected int64
		unsorted         int
		sessions         bool
	}{
		{name: "plain", data: scanHead + row + row + strings.Replace(row, "20:00:00", "20:00:01", 1),
			reason: "rows in time order, repeated times, every event with a session", events: 3, sessions: true},
		{name: "crlf", data: strings.ReplaceAll(scanHead+row+row, "\n", "\r\n"),
			reason: "CRLF line ends are read as LF", events: 2, sessions: true},
		{name: "crlf in the last cell", data: scanHead + strings.Replace(row, "A1\n", "A1\r\r\n", 1) + row,
			reason: "a \\r before the \\r\\n is the last cell's: the long way", events: 2, sessions: true},
		{name: "no newline at the end", data: scanHead + row + strings.TrimSuffix(row, "\n"),
			reason: "the last line without its newline goes the long way", events: 2, sessions: true},
		{name: "empty lines", data: scanHead + "\n\r\n" + row + "\n\n" + row + "\r\n",
			reason: "empty lines are no rows, and count as lines", events: 2, sessions: true},
		{name: "quoted cells", data: scanHead + strings.Replace(row, "u1", `"u""1"`, 1) + strings.Replace(row, ",A1", `,"A,1
B"`, 1) + row,
			reason: "quotes, commas and a newline inside quotes", events: 3, sessions: true},
		{name: "malformed", data: scanHead + "u1,2025-11-11T20:00:00+08:00,page_view\n" + `u1,2025"-11,x,s,a,b,c,d` + "\n" + `"u1,2025,x` + "\n" + row,
			reason: "too few fields, a bare quote, an unclosed quote to the end", rejected: 3, events: 0},
		{name: "empty cells", data: scanHead + strings.Replace(row, "u1", "", 1) + strings.Replace(row, "page_view", "", 1) + strings.Replace(row, "2025-11-11T20:00:00+08:00", "", 1) + row,
			reason: "an empty user, name or time is rejected", rejected: 3, events: 1, sessions: true},
		{name: "formula guards", data: scanHead + strings.Replace(row, "u1", "'=u1", 1) + strings.Replace(row, ",s1,", ",'s1,", 1) + strings.Replace(row, "u1", "'", 1),
			reason: "a guarded cell goes the long way; unguard never empties one", events: 3, sessions: true},
		{name: "missing sessions", data: scanHead + row + strings.Replace(row, ",s1,", ",,", 1),
			reason: "one event without a session: no session key", events: 2},
		{name: "no session column", data: "user_id,time,name\nu1,2025-11-11T20:00:00Z,x\n",
			reason: "without the column no event has a session", events: 1},
		{name: "other column order", data: "name,session_id,time,user_id\nx,s1,2025-11-11T20:00:00Z,u1\nx,,2025-11-11T20:00:00Z,\n",
			reason: "the columns by name, wherever they are", events: 1, rejected: 1, sessions: true},
		{name: "unsorted", data: scanHead + row + strings.Replace(row, "20:00:00", "19:00:00", 1) + strings.Replace(row, "20:00:00", "18:00:00", 1),
			reason: "the first row earlier than the one before it, on line 3", events: 3, unsorted: 3, sessions: true},
		{name: "unsorted by nanoseconds", data: scanHead + strings.Replace(row, "20:00:00", "20:00:00.5", 1) + strings.Replace(row, "20:00:00", "20:00:00.25", 1),
			reason: "fractions of a second", events: 2, unsorted: 3, sessions: true},
		{name: "same instant, other offsets", data: scanHead + row + strings.Replace(row, "20:00:00+08:00", "12:00:00Z", 1) + strings.Replace(row, "20:00:00+08:00", "13:00:00+01:00", 1),
			reason: "mixed offsets, one instant: sorted", events: 3, sessions: true},
		{name: "mixed offsets with a zone", data: scanHead + row + strings.Replace(row, "+08:00", "+01:00", 1) + strings.Replace(row, "2025-11-11", "2025-07-11", 1),
			opts: Options{Location: london}, reason: "offsets that the zone given does not have at their instant", events: 3, unsorted: 4, sessions: true},
		{name: "fixed zone", data: scanHead + row + strings.Replace(row, "+08:00", "-03:30", 1),
			opts: Options{Location: cst}, reason: "a mismatch with a fixed zone", events: 2, unsorted: 0, sessions: true},
		{name: "out of the batches' range", data: scanHead + strings.Replace(row, "2025", "1500", 1) + strings.Replace(row, "2025", "2300", 1) + strings.Replace(row, "2025", "1001", 1) + strings.Replace(row, "2025", "9998", 1),
			reason: "years a batch cannot hold are counted", events: 4, unsorted: 4, sessions: true},
		{name: "years at the edges", data: scanHead + strings.Replace(row, "2025-11-11T20:00:00+08:00", "1000-01-01T00:00:00Z", 1) + strings.Replace(row, "2025-11-11T20:00:00+08:00", "1000-01-01T00:00:00+01:00", 1) + strings.Replace(row, "2025-11-11T20:00:00+08:00", "9999-12-31T23:00:00-02:00", 1) + strings.Replace(row, "2025", "0999", 1),
			reason: "the exact path's year checks, after the offset is counted", events: 1, rejected: 3, sessions: true},
		{name: "bad times", data: scanHead + strings.Replace(row, "20:00:00", "24:00:00", 1) + strings.Replace(row, "+08:00", "", 1) + strings.Replace(row, "2025-11-11T20:00:00+08:00", "2025-11-11 20:00:00+08:00", 1) + strings.Replace(row, "11-11", "02-30", 1) + strings.Replace(row, "+08:00", "Z", 1) + strings.Replace(row, "+08:00", "+08:00:00", 1),
			reason: "times that fastUnix leaves to time.Parse", events: 1, rejected: 5, sessions: true},
		{name: "invalid text", data: scanHead + strings.Replace(row, "ads", "a\x01ds", 1) + strings.Replace(row, "ads", "a\xffds", 1) + strings.Replace(row, "ads", "广告", 1) + strings.Replace(row, "ads", "a\u0085ds", 1) + strings.Replace(row, "ads", "a\x7fds", 1),
			reason: "control characters, invalid UTF-8, C1 and DEL are rejected; Chinese is not", events: 1, rejected: 4, sessions: true},
		{name: "a carriage return alone", data: scanHead + strings.Replace(row, ",A1", ",A\r1", 1),
			reason: "a carriage return inside a cell is text: the long way", events: 1, sessions: true},
		{name: "BOM", data: "\ufeff" + scanHead + row, reason: "a byte-order mark before the header", events: 1, sessions: true},
		{name: "header only", data: scanHead, reason: "no rows"},
		{name: "no header", data: "", reason: "a FileError"},
		{name: "missing column", data: "user_id,name\nu1,x\n", reason: "a FileError"},
		{name: "strict", data: scanHead + row + strings.Replace(row, "u1", "", 1) + row, opts: Options{Strict: true},
			reason: "the first bad row is scan's error", events: 1, rejected: 0, sessions: true},
		{name: "mapping", data: "uid,time,event,session_id\nu1,2025-11-11T20:00:00Z,v,s\n",
			opts:   Options{Mapping: &Mapping{Columns: map[string]map[string]string{kindEvents: {"uid": "user_id", "event": "name"}}, Events: map[string]string{"v": "page_view"}}},
			reason: "renamed columns", events: 1, sessions: true},
		{name: "gb18030", data: "user_id,time,name\n\xd3\xc3\xbb\xa7,2025-11-11T20:00:00Z,\xe4\xaf\xc0\xc0\n",
			reason: "a GB18030 file goes the long way", events: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := firstBothWays(t, t.TempDir(), tc.data, tc.opts)
			var rejected int64
			for _, f := range got.Files {
				rejected += f.Rejected
			}
			if got.Events != tc.events || rejected != tc.rejected || got.Unsorted != tc.unsorted || (got.Sessions && got.Events > 0) != tc.sessions {
				t.Errorf("%s: %d events, %d rejected, unsorted at %d, sessions %v; want %d, %d, %d, %v (%+v)",
					tc.reason, got.Events, rejected, got.Unsorted, got.Sessions, tc.events, tc.rejected, tc.unsorted, tc.sessions, got)
			}
			for _, chunks := range []func(io.Reader) io.Reader{iotest.OneByteReader, iotest.HalfReader, iotest.DataErrReader} {
				readerBothWays(t, tc.data, tc.opts, chunks)
			}
		})
	}
}

// TestEventScanLarge compares the two readings on a file of several
// reads, whose lines the reads cut, with bad rows here and there, under
// a Progress function and a context cancelled halfway.
func TestEventScanLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString(scanHead)
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.FixedZone("", 8*3600))
	for i := range 40000 {
		at := start.Add(time.Duration(i/3) * time.Second)
		if i == 30000 {
			at = at.Add(-time.Hour)
		}
		row := fmt.Sprintf("C%07d,%s,page_view,S%09d,ads,mobile,,SKU-%d\n", i%997, at.Format(time.RFC3339), i/4, i%31)
		switch i % 1001 {
		case 7:
			row = strings.Replace(row, "ads", `"a,ds"`, 1)
		case 8:
			row = strings.Replace(row, "\n", "\r\n", 1)
		case 9:
			row = strings.Replace(row, "page_view", "", 1)
		case 10:
			row = strings.Replace(row, ",ads", "", 1)
		case 11:
			row = strings.Replace(row, "+08:00", "Z", 1)
		}
		if i == 20000 {
			row = strings.Replace(row, "SKU", strings.Repeat("K", recordsBuffer+100), 1) // longer than the buffer
		}
		b.WriteString(row)
	}
	data := b.String()
	if len(data) < 3*recordsBuffer {
		t.Fatalf("%d bytes: want several reads", len(data))
	}
	dir := t.TempDir()
	got := firstBothWays(t, dir, data, Options{})
	if got.Events < 39000 || got.Unsorted == 0 || got.LastDone != int64(len(data)) {
		t.Errorf("%+v", got)
	}
	firstBothWays(t, dir, data, Options{Location: time.UTC})
	for _, chunks := range []func(io.Reader) io.Reader{iotest.HalfReader, func(r io.Reader) io.Reader { return r }} {
		readerBothWays(t, data, Options{}, chunks)
	}

	// Cancelled on the first row rejected: both stop at the same read,
	// with the same error.
	path := filepath.Join(t.TempDir(), fileEvents)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var read [2]firstReading
	for i, old := range []bool{true, false} {
		ctx, cancel := context.WithCancel(context.Background())
		read[i] = readFirst(ctx, path, Options{}, old, cancel)
		cancel()
	}
	if diff := cmp.Diff(read[0], read[1]); diff != "" || !strings.Contains(read[1].Stopped, "context canceled") {
		t.Errorf("cancelled halfway: %q (-old +new):\n%s", read[1].Stopped, diff)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := readFirst(ctx, path, Options{}, false, nil); got.Found || !strings.Contains(got.Stopped, "before events.csv") {
		t.Errorf("cancelled before: %+v", got)
	}
}

// TestEventScanRapid compares the two readings on files drawn from rows
// good and bad, with LF or CRLF line ends and in any time order.
func TestEventScanRapid(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	dir := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		cols := rapid.SampledFrom([]string{scanHead, "user_id,time,name\n", "time,user_id,session_id,name,page\n"}).Draw(t, "header")
		n := strings.Count(cols, ",") + 1
		cell := rapid.SampledFrom([]string{"", "u1", "s1", "ads", "'=x", "'", `"q,1"`, `"a""b"`, `"x` + "\n" + `y"`, "广告", "a\x00b", "\xff", "a\"b"})
		when := rapid.SampledFrom([]string{"2025-11-11T20:00:00+08:00", "2025-11-11T20:00:01+08:00", "2025-11-11T19:59:59+08:00",
			"2025-11-11T12:00:00Z", "2025-11-11T20:00:00.5+08:00", "2025-03-30T01:30:00+01:00", "1500-01-01T00:00:00Z",
			"2300-01-01T00:00:00Z", "0999-12-31T23:00:00Z", "1000-01-01T00:00:00+01:00", "2025-11-11T24:00:00Z", "2025-11-11", ""})
		var b strings.Builder
		b.WriteString(cols)
		names := strings.Split(strings.TrimSuffix(cols, "\n"), ",")
		for i, rows := 0, rapid.IntRange(0, 30).Draw(t, "rows"); i < rows; i++ {
			k := n
			if rapid.IntRange(0, 9).Draw(t, "short") == 0 {
				k = rapid.IntRange(1, n+1).Draw(t, "fields")
			}
			for j := range k {
				if j > 0 {
					b.WriteByte(',')
				}
				switch {
				case j < len(names) && names[j] == "time":
					b.WriteString(when.Draw(t, "time"))
				case j < len(names) && rapid.IntRange(0, 3).Draw(t, "plain") > 0:
					b.WriteString(rapid.SampledFrom([]string{"u1", "u2", "page_view", "s1", "s2"}).Draw(t, "value"))
				default:
					b.WriteString(cell.Draw(t, "cell"))
				}
			}
			b.WriteString(rapid.SampledFrom([]string{"\n", "\n", "\n", "\r\n", "\n\n", "\r\r\n"}).Draw(t, "end"))
		}
		data := b.String()
		if rapid.Bool().Draw(t, "cut end") {
			data = strings.TrimSuffix(data, "\n")
		}
		opts := Options{
			Strict:   rapid.Bool().Draw(t, "strict"),
			Location: rapid.SampledFrom([]*time.Location{nil, cst, time.UTC}).Draw(t, "loc"),
		}
		firstBothWays(t, dir, data, opts)
		readerBothWays(t, data, opts, iotest.OneByteReader)
	})
}

// FuzzEventScan compares the two readings on any input.
func FuzzEventScan(f *testing.F) {
	row := "u1,2025-11-11T20:00:00+08:00,page_view,s1,ads,mobile,,A1\n"
	for _, s := range []string{
		scanHead + row + row,
		scanHead + strings.Replace(row, "\n", "\r\n", 1) + strings.Replace(row, "20:00", "19:00", 1),
		scanHead + strings.Replace(row, "u1", `"u""1"`, 1) + strings.Replace(row, ",s1,", ",,", 1),
		scanHead + strings.Replace(row, "+08:00", "Z", 1) + strings.Replace(row, "2025", "1500", 1),
		"user_id,time,name\nu1,2025-11-11T20:00:00Z,x",
		"name,time,user_id\r\nx,2025-11-11T20:00:00.123Z,u\r\n\r\n",
	} {
		f.Add(s, false, false)
	}
	f.Fuzz(func(t *testing.T, data string, strict, zone bool) {
		opts := Options{Strict: strict}
		if zone {
			opts.Location = time.FixedZone("", 3600)
		}
		firstBothWays(t, t.TempDir(), data, opts)
		readerBothWays(t, data, opts, iotest.OneByteReader)
	})
}

// BenchmarkEventScan is the first reading of events, eventScan's and the
// one before, of a file in memory of 200,000 sample-like events: CPU
// nanoseconds per row.
func BenchmarkEventScan(b *testing.B) {
	var buf strings.Builder
	buf.WriteString(scanHead)
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.FixedZone("", 8*3600))
	const n = 200000
	for i := range n {
		fmt.Fprintf(&buf, "C%07d,%s,page_view,S%09d,ads,mobile,,SKU-%d\n", i%997, start.Add(time.Duration(i*7/10)*time.Second).Format(time.RFC3339), i/4, i%31)
	}
	data := buf.String()
	for _, old := range []bool{true, false} {
		b.Run(map[bool]string{true: "old", false: "new"}[old], func(b *testing.B) {
			var events int64
			c0 := cputime.Used()
			for b.Loop() {
				o := Options{File: fileEvents, obs: &observer{offsets: &offsets{}}, ReuseSlices: true, peek: true}
				ev := newEventScan()
				if old {
					for e, err := range ReadEvents(strings.NewReader(data), o) {
						if err == nil {
							ev.add(e.Time.Unix(), int64(e.Time.Nanosecond()), e.Prop(funnel.PropSession) != "", o.obs.line)
						}
					}
				} else {
					for range ev.read(strings.NewReader(data), o) {
					}
				}
				events = ev.events
			}
			if events != n {
				b.Fatalf("%d events, want %d", events, n)
			}
			b.ReportMetric(float64((cputime.Used()-c0).Nanoseconds())/float64(b.N)/n, "cpu-ns/row")
		})
	}
}
