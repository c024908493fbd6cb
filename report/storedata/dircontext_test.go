package storedata

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/progress"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// largeBytes is the least size of each file of largeDir: a dozen reads
// of 256 KB.
const largeBytes = 3 << 20

// largeDir writes order_lines.csv, events.csv and inventory.csv of at
// least largeBytes each: a small demo store's records written again and
// again, with a copy number appended to each ID (order, customer, user,
// SKU), as writeDemo does. It returns the directory and the records
// written per file.
func largeDir(t testing.TB) (string, report.Counts) {
	t.Helper()
	s := sample.Generate(sample.Config{Days: 30, Customers: 100, SKUs: 24})
	dir := t.TempDir()
	var n report.Counts
	// repeat yields copy k of the store's records until the file written
	// so far (counted by w) reaches largeBytes.
	var w countWriter
	if err := writeFile(filepath.Join(dir, fileOrders), func(f *os.File) error {
		w = countWriter{w: f}
		return WriteOrders(&w, func(yield func(metrics.Order) bool) {
			for k := 0; w.n < largeBytes; k++ {
				for _, o := range s.Orders {
					o.ID = fmt.Sprintf("%s-%03d", o.ID, k)
					if o.CustomerID != "" {
						o.CustomerID = fmt.Sprintf("%s-%03d", o.CustomerID, k)
					}
					n.Orders++
					if !yield(o) {
						return
					}
				}
			}
		})
	}); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(filepath.Join(dir, fileEvents), func(f *os.File) error {
		w = countWriter{w: f}
		return WriteEvents(&w, func(yield func(funnel.Event) bool) {
			// Each copy's events start a day after the last copy's,
			// so that the file stays in time order.
			step := s.Period.End.Sub(s.Period.Start) + 24*time.Hour
			for k := 0; w.n < largeBytes; k++ {
				for _, e := range s.Events {
					e.UserID = fmt.Sprintf("%s-%03d", e.UserID, k)
					e.Time = e.Time.Add(time.Duration(k) * step)
					n.Events++
					if !yield(e) {
						return
					}
				}
			}
		}, sample.PropOrder, funnel.PropSKU)
	}); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(filepath.Join(dir, fileInventory), func(f *os.File) error {
		w = countWriter{w: f}
		return WriteSnapshots(&w, func(yield func(inventory.Snapshot) bool) {
			for k := 0; w.n < largeBytes; k++ {
				for _, sn := range s.Snapshots {
					sn.SKU = fmt.Sprintf("%s-%03d", sn.SKU, k)
					n.Snapshots++
					if !yield(sn) {
						return
					}
				}
			}
		})
	}); err != nil {
		t.Fatal(err)
	}
	return dir, n
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w *os.File
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// TestDirContextCancel cancels DirContext in the middle of the reading
// of each large file, from its Progress function when Done first passes
// a third of Total. Each report sleeps for progress.Interval, so that
// every read of 256 KB reports and the cancellation falls at a known
// point: DirContext returns the context's error naming the file, the last
// report is the one that cancelled (below Total), and none comes after
// DirContext returned.
func TestDirContextCancel(t *testing.T) {
	dir, _ := largeDir(t)
	for _, file := range []string{fileOrders, fileEvents, fileInventory} {
		t.Run(file, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var (
				last      report.Progress
				cancelled bool
				returned  bool
				after     int
			)
			var at time.Time
			src, err := DirContext(ctx, dir, Options{Progress: func(p report.Progress) {
				if returned {
					after++
				}
				if p.File != file {
					return
				}
				if cancelled {
					t.Errorf("report %+v after the cancellation", p)
				}
				last = p
				if p.Done > p.Total/3 {
					cancelled, at = true, time.Now()
					cancel()
					return
				}
				time.Sleep(progress.Interval)
			}})
			latency := time.Since(at)
			returned = true
			if src != nil || !errors.Is(err, context.Canceled) {
				t.Fatalf("DirContext: %v, %v; want context.Canceled", src, err)
			}
			if want := "storedata: reading " + file + ": context canceled"; err.Error() != want {
				t.Errorf("error %q, want %q", err, want)
			}
			if !cancelled || last.Done >= last.Total || last.Done <= 0 {
				t.Errorf("last report %+v: want one past a third of Total and below it", last)
			}
			if after != 0 {
				t.Errorf("%d reports after DirContext returned", after)
			}
			t.Logf("%s: cancelled at %d of %d bytes, returned %v later", file, last.Done, last.Total, latency)
		})
	}
	// A context cancelled before DirContext: nothing is read.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	reports := 0
	_, err := DirContext(ctx, dir, Options{Progress: func(report.Progress) { reports++ }})
	if !errors.Is(err, context.Canceled) || reports != 0 {
		t.Errorf("cancelled before: %v, %d reports; want context.Canceled and none", err, reports)
	}
}

// TestDirContextStreamCancel cancels DirContext's context while a
// stream of the Source is ranged over, after Dir returned: the stream
// ends within the orders of one read (the readers' buffer of 256 KB and
// bufio's 64 KB) and Source.Err wraps context.Canceled.
func TestDirContextStreamCancel(t *testing.T) {
	dir, n := largeDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src, err := DirContext(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The bound: the orders in 320 KB of lines, each at least as long
	// as the shortest line of the file.
	b, err := os.ReadFile(filepath.Join(dir, fileOrders))
	if err != nil {
		t.Fatal(err)
	}
	shortest := len(b)
	for line := range bytes.Lines(b) {
		shortest = min(shortest, len(line))
	}
	bound := int64((256<<10+64<<10)/shortest + 2)
	var yielded, after int64
	for range src.Input.Orders {
		yielded++
		if yielded == 100 {
			cancel()
		} else if yielded > 100 {
			after++
		}
	}
	if after > bound || yielded >= n.Orders {
		t.Errorf("%d orders yielded of %d, %d after the cancellation; want at most %d after", yielded, n.Orders, after, bound)
	}
	if err := src.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("Err() = %v, want context.Canceled", err)
	}
	// A later range stops at once.
	if got := slices.Collect(src.Input.Events); len(got) != 0 {
		t.Errorf("events after the cancellation: %d", len(got))
	}
}

// exportDemo writes a small demo store as the review command's -export
// does (its main files, with the package's writers).
func exportDemo(t *testing.T) (string, *sample.Store) {
	t.Helper()
	s := sample.Generate(sample.Config{Days: 60, Customers: 150, SKUs: 24})
	dir := t.TempDir()
	items := make([]inventory.Item, len(s.Catalogue))
	for i, p := range s.Catalogue {
		items[i] = inventory.Item{SKU: p.SKU, Name: p.Name, Category: p.Category, UnitPrice: p.Price, LeadTimeDays: float64(p.LeadTime), Launch: p.Launch}
	}
	for _, f := range []struct {
		name  string
		write func(*os.File) error
	}{
		{fileOrders, func(f *os.File) error { return WriteOrders(f, slices.Values(s.Orders)) }},
		{fileRefunds, func(f *os.File) error { return WriteRefunds(f, slices.Values(s.Refunds)) }},
		{fileEvents, func(f *os.File) error {
			return WriteEvents(f, slices.Values(s.Events), sample.PropOrder, funnel.PropSKU)
		}},
		{fileSpend, func(f *os.File) error { return WriteSpend(f, slices.Values(s.Spend)) }},
		{fileInventory, func(f *os.File) error { return WriteSnapshots(f, slices.Values(s.Snapshots)) }},
		{fileReceipts, func(f *os.File) error { return WriteReceipts(f, slices.Values(s.Receipts)) }},
		{filePromotions, func(f *os.File) error { return WritePromotions(f, slices.Values(s.Promotions)) }},
		{fileTargets, func(f *os.File) error { return WriteTargets(f, slices.Values(s.Targets)) }},
		{fileTickets, func(f *os.File) error { return WriteTickets(f, slices.Values(s.Tickets)) }},
		{fileProducts, func(f *os.File) error { return WriteProducts(f, slices.Values(items)) }},
		{fileCustomers, func(f *os.File) error { return WriteCustomers(f, slices.Values(s.Profiles)) }},
	} {
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			t.Fatal(err)
		}
	}
	return dir, s
}

// TestDirProgress checks the reports of Dir's reading of a demo export:
// per file, in the order of Source.Files, PhaseRead only, starting at 0,
// monotone, of a constant Total, ending at Done = Total = the file's
// size.
func TestDirProgress(t *testing.T) {
	for _, d := range []struct {
		name string
		dir  func(*testing.T) string
	}{
		{"demo", func(t *testing.T) string { dir, _ := exportDemo(t); return dir }},
		{"large", func(t *testing.T) string { dir, _ := largeDir(t); return dir }},
	} {
		t.Run(d.name, func(t *testing.T) {
			dir := d.dir(t)
			var reps []report.Progress
			src, err := Dir(dir, Options{Progress: func(p report.Progress) { reps = append(reps, p) }})
			if err != nil {
				t.Fatal(err)
			}
			var files []string
			for i, p := range reps {
				if p.Phase != report.PhaseRead {
					t.Fatalf("report %d: %+v, want PhaseRead", i, p)
				}
				if i == 0 || p.File != reps[i-1].File {
					files = append(files, p.File)
					if p.Done != 0 {
						t.Errorf("report %d: %+v: the first of its file, want Done 0", i, p)
					}
					if i > 0 {
						prev := reps[i-1]
						st, err := os.Stat(filepath.Join(dir, prev.File))
						if err != nil {
							t.Fatal(err)
						}
						if prev.Done != st.Size() || prev.Total != st.Size() {
							t.Errorf("last report of %s: %+v, want Done = Total = %d", prev.File, prev, st.Size())
						}
					}
					continue
				}
				if p.Done < reps[i-1].Done || p.Total != reps[i-1].Total {
					t.Errorf("report %d: %+v after %+v", i, p, reps[i-1])
				}
			}
			lastRep := reps[len(reps)-1]
			if st, err := os.Stat(filepath.Join(dir, lastRep.File)); err != nil || lastRep.Done != st.Size() || lastRep.Total != st.Size() {
				t.Errorf("last report %+v, file %v %v", lastRep, st, err)
			}
			var want []string
			for _, f := range src.Files {
				want = append(want, f.File)
			}
			if diff := cmp.Diff(want, files); diff != "" {
				t.Errorf("files reported (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDirCounts checks that Input.Counts are what the streams yield, on
// the demo export and on the large files.
func TestDirCounts(t *testing.T) {
	demo, s := exportDemo(t)
	large, n := largeDir(t)
	for _, c := range []struct {
		name string
		dir  string
		want report.Counts
	}{
		{"demo", demo, report.Counts{Orders: int64(len(s.Orders)), Events: int64(len(s.Events)), Snapshots: int64(len(s.Snapshots))}},
		{"large", large, n},
	} {
		src, err := Dir(c.dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got report.Counts
		for range src.Input.Orders {
			got.Orders++
		}
		for range src.Input.Events {
			got.Events++
		}
		for range src.Input.Snapshots {
			got.Snapshots++
		}
		if err := src.Err(); err != nil {
			t.Fatal(err)
		}
		if got != c.want || src.Input.Counts != c.want {
			t.Errorf("%s: Counts %+v, streams %+v, written %+v", c.name, src.Input.Counts, got, c.want)
		}
	}
}

// collector is a slog.Handler that keeps the records it is given.
type collector struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (c *collector) Enabled(context.Context, slog.Level) bool { return true }
func (c *collector) Handle(_ context.Context, r slog.Record) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.recs = append(c.recs, r)
	return nil
}
func (c *collector) WithAttrs([]slog.Attr) slog.Handler { return c }
func (c *collector) WithGroup(string) slog.Handler      { return c }

// attrs returns a record's attributes as a map of their values.
func attrs(r slog.Record) map[string]any {
	m := map[string]any{}
	r.Attrs(func(a slog.Attr) bool {
		m[a.Key] = a.Value.Any()
		return true
	})
	return m
}

// TestDirLogger reads TestDirRejected's bad files and events out of time
// order and of two UTC offsets: each rejected row (each *ParseError of
// Files) and each Warning is one record at level Warn, in order, with
// its attributes; the rows of the records add up to the rows rejected.
func TestDirLogger(t *testing.T) {
	dir := t.TempDir()
	writeBadDir(t, dir)
	writeString(t, dir, fileEvents, "user_id,time,name\nu1,2025-11-12T10:00:00+08:00,page_view\nu1,2025-11-11T10:00:00Z,page_view\n")
	var h collector
	src, err := Dir(dir, Options{Logger: slog.New(&h)})
	if err != nil {
		t.Fatal(err)
	}
	var want []map[string]any
	var rejected, rows int64
	for _, f := range src.Files {
		if f.More > 0 {
			t.Fatalf("%s: more errors than Files keeps", f.File)
		}
		rejected += f.Rejected
		for _, err := range f.Errors {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%s: %v is not a *ParseError", f.File, err)
			}
			m := map[string]any{"file": f.File, "line": int64(pe.Line), "column": int64(pe.Column), "error": err.Error()}
			if pe.Rows > 0 {
				m["rows"] = int64(pe.Rows)
			}
			want = append(want, m)
		}
	}
	// The orders rejected whole: o1 from line 2 (its bad quantity), o2
	// and o4 (their unit prices).
	for i, m := range want {
		if id, ok := map[int64]string{2: "o1", 5: "o2", 8: "o4"}[m["line"].(int64)]; ok && m["file"] == fileOrders && m["column"] == int64(0) {
			want[i]["order_id"] = id
		}
	}
	if len(src.Warnings) != 2 {
		t.Fatalf("warnings %v, want the offsets and the time order", src.Warnings)
	}
	for _, w := range src.Warnings {
		m := map[string]any{"file": w.File, "line": int64(w.Line), "message": w.Message}
		if w.Count > 0 {
			m["count"] = w.Count
		}
		want = append(want, m)
	}
	var got []map[string]any
	for _, r := range h.recs {
		if r.Level != slog.LevelWarn {
			t.Errorf("record %q at %v, want Warn", r.Message, r.Level)
		}
		m := attrs(r)
		if n, ok := m["rows"].(int64); ok {
			rows += n
		}
		got = append(got, m)
	}
	// The warnings come as they are met: the offsets' after the files
	// with timestamps, the time order's at the end.
	byPlace := cmpopts.SortSlices(func(a, b map[string]any) bool {
		return fmt.Sprint(a["file"], a["line"], a["error"], a["message"]) < fmt.Sprint(b["file"], b["line"], b["error"], b["message"])
	})
	if diff := cmp.Diff(want, got, byPlace); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if rows != rejected || rejected != 7 {
		t.Errorf("rows of the records %d, rejected %d; want 7 (6 order lines and a spend row)", rows, rejected)
	}
}

// TestDirConcurrentReviews builds reviews of one Source's Input in
// several goroutines at once (each ranging over the same streams) and
// checks that each equals the review built alone, with no error of the
// streams. Run it under -race.
func TestDirConcurrentReviews(t *testing.T) {
	dir, s := exportDemo(t)
	src, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	last := s.Period.End.Add(-time.Nanosecond).In(src.Location)
	cfg := report.Config{
		Period:     metrics.MonthOf(last.Year(), last.Month(), src.Location),
		Sessions:   src.Sessions,
		BadRecords: inventory.Skip,
	}
	build := func(ctx context.Context) ([]byte, error) {
		r, err := report.BuildContext(ctx, src.Input, cfg)
		if err != nil {
			return nil, err
		}
		return json.Marshal(r)
	}
	want, err := build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"overview":{"kpis":[{`, `"traffic":{`, `"products":{`} {
		if !bytes.Contains(want, []byte(part)) {
			t.Fatalf("the review's JSON (%d bytes) lacks %s: the streams gave it nothing", len(want), part)
		}
	}
	const n = 4
	got := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { got[i], errs[i] = build(context.Background()) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("build %d: %v", i, errs[i])
		} else if !bytes.Equal(got[i], want) {
			t.Errorf("build %d differs from the sequential build", i)
		}
	}
	if err := src.Err(); err != nil {
		t.Errorf("Err() = %v", err)
	}
}

// TestDirReadFailure: a file that fails to read (a directory named
// order_lines.csv, whose Read fails) is Dir's error, in both modes, not
// a bad row.
func TestDirReadFailure(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, fileOrders), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, strict := range []bool{false, true} {
		src, err := Dir(dir, Options{Strict: strict})
		var pe *ParseError
		if src != nil || err == nil || errors.As(err, &pe) {
			t.Errorf("strict %v: %v, %v; want the read error", strict, src, err)
		}
	}
}

// TestMeteredFileSize checks that the order reader's sizeHint sees the
// size of a file read through a meteredFile, with and without progress.
func TestMeteredFileSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), fileOrders)
	writeString(t, filepath.Dir(path), fileOrders, "order_id,placed_at,currency,sku,quantity,unit_price\n")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, report := range []func(report.Progress){nil, func(report.Progress) {}} {
		if got := sizeHint(meter(context.Background(), f, fileOrders, report)); got != 52 {
			t.Errorf("sizeHint = %d, want the file's 52 bytes", got)
		}
	}
}

// BenchmarkMeteredOrders reads the order lines of largeDir from the file
// and through a meteredFile with a Progress function: the metering must
// not slow reading.
func BenchmarkMeteredOrders(b *testing.B) {
	dir, _ := largeDir(b)
	path := filepath.Join(dir, fileOrders)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, metered := range []bool{false, true} {
		b.Run(fmt.Sprintf("metered=%v", metered), func(b *testing.B) {
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				var r io.Reader = f
				if metered {
					r = meter(context.Background(), f, fileOrders, func(report.Progress) {})
				}
				for _, err := range ReadOrders(r, Options{ReuseSlices: true}) {
					if err != nil {
						b.Fatal(err)
					}
				}
				f.Close()
			}
			b.ReportMetric(float64(st.Size())*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
		})
	}
}

// BenchmarkDirCancel measures the latency of a cancellation of
// DirContext on the demo at 1M orders (demoFiles): the context is
// cancelled 200 ms into the reading of order_lines.csv, and the time
// from cancel to DirContext's return is reported (mean and maximum).
func BenchmarkDirCancel(b *testing.B) {
	dir, _, _ := demoFiles(b)
	var sum, most time.Duration
	for b.Loop() {
		ctx, cancel := context.WithCancel(context.Background())
		at := make(chan time.Time, 1)
		time.AfterFunc(200*time.Millisecond, func() { at <- time.Now(); cancel() })
		_, err := DirContext(ctx, dir, Options{})
		end := time.Now()
		if !errors.Is(err, context.Canceled) {
			b.Fatalf("DirContext: %v, want context.Canceled", err)
		}
		d := end.Sub(<-at)
		sum += d
		most = max(most, d)
	}
	b.ReportMetric(float64(sum.Microseconds())/float64(b.N)/1e3, "ms/cancel")
	b.ReportMetric(float64(most.Microseconds())/1e3, "max-ms/cancel")
}

// TestDirContextBuild checks that both contexts end a review of a
// Source: report.BuildContext's own (its error), and DirContext's,
// cancelled after Dir returned (the streams stop and Source.Err says
// why, as for any failure of the streams).
func TestDirContextBuild(t *testing.T) {
	dir, s := exportDemo(t)
	last := s.Period.End.Add(-time.Nanosecond)
	dirCtx, cancelDir := context.WithCancel(context.Background())
	defer cancelDir()
	src, err := DirContext(dirCtx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := report.Config{Period: metrics.MonthOf(last.Year(), last.Month(), src.Location), Sessions: src.Sessions, BadRecords: inventory.Skip}

	// Cancelled as the orders start, from the progress function: the
	// build stops in that phase, and nothing is reported after.
	buildCtx, cancelBuild := context.WithCancel(context.Background())
	defer cancelBuild()
	c := cfg
	var after []report.Progress
	cancelled := false
	c.Progress = func(p report.Progress) {
		if cancelled {
			after = append(after, p)
		}
		if p.Phase == report.PhaseOrders {
			cancelBuild()
			cancelled = true
		}
	}
	if _, err := report.BuildContext(buildCtx, src.Input, c); !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "orders phase") {
		t.Errorf("BuildContext cancelled in the orders: %v, want context.Canceled in the orders phase", err)
	}
	if !cancelled || len(after) > 0 {
		t.Errorf("cancelled %v; reports after the cancellation: %+v", cancelled, after)
	}
	if err := src.Err(); err != nil {
		t.Errorf("Err() after a cancelled build: %v, want nil (the Source's context is not done)", err)
	}

	cancelDir()
	// The review of no orders may fail or not: the caller learns from
	// Err that it is not the store's.
	if _, err := report.BuildContext(context.Background(), src.Input, cfg); err != nil {
		t.Logf("BuildContext over the streams of a cancelled Source: %v", err)
	}
	if err := src.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("Err() = %v, want context.Canceled", err)
	}
	if n := int64(len(slices.Collect(src.Input.Orders))); n != 0 {
		t.Errorf("%d orders from the stream of a cancelled Source", n)
	}
}

// TestDirReuseSorted reads a directory whose events.csv is not in time
// order, which Dir's stream loads and sorts, with Options.ReuseSlices:
// the sorted events keep their own properties (the stream reads them
// without reuse), the same as without ReuseSlices.
func TestDirReuseSorted(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		fileOrders: header + "o1,c1,2025-11-11T20:00:00+08:00,ads,paid,CNY,0.00,0.00,0.00,,,,,,,,S1,n,c,1,9.90,0.00,5.00,\n",
		fileEvents: "user_id,time,name,session_id,source,device\n" +
			"u1,2025-11-11T20:00:00+08:00,page_view,s1,google,mobile\n" +
			"u2,2025-11-11T19:00:00+08:00,page_view,s2,bing,desktop\n" +
			"u3,2025-11-11T21:00:00+08:00,add_to_cart,s3,direct,tablet\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(reuse bool) []funnel.Event {
		src, err := Dir(dir, Options{ReuseSlices: reuse})
		if err != nil {
			t.Fatal(err)
		}
		if len(src.Warnings) == 0 || !src.EventsInMemory {
			t.Fatalf("warnings %v, EventsInMemory %v: want the events out of order said, and loaded", src.Warnings, src.EventsInMemory)
		}
		var es []funnel.Event
		for e := range src.Input.Events {
			e.Props = slices.Clone(e.Props) // valid until the next event under ReuseSlices
			es = append(es, e)
		}
		if err := src.Err(); err != nil {
			t.Fatal(err)
		}
		return es
	}
	want, got := read(false), read(true)
	if len(want) != 3 || len(want[0].Props) != 3 {
		t.Fatalf("events without reuse: %+v", want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sorted events with ReuseSlices (-own +reused):\n%s", diff)
	}
}
