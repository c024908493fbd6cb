package storedata

import (
	"flag"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"runtime"

	"sync"
	"testing"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// The demo store exported at 1M orders, for the benchmarks of the
// readers: the default demo store's orders and events written again and
// again, with a copy number appended to each order, customer and user ID,
// to demoOrders orders and demoEvents events. It is written once per test
// binary, to a temporary directory that TestMain removes, or, when the
// environment variable STOREDATA_DEMO_DIR names a directory, there, once
// (with a file demo.count holding the row counts) and kept, so that
// profiling runs skip writing it.
const (
	demoOrders = 1_000_000
	demoEvents = 3_000_000
)

var demo struct {
	once          sync.Once
	dir           string
	lines, events int64 // rows of order_lines.csv and events.csv
	err           error
}

func demoFiles(b *testing.B) (dir string, lines, events int64) {
	b.Helper()
	demo.once.Do(func() {
		if keep := os.Getenv("STOREDATA_DEMO_DIR"); keep != "" {
			count := filepath.Join(keep, "demo.count")
			if b, err := os.ReadFile(count); err == nil {
				if _, err := fmt.Sscan(string(b), &demo.lines, &demo.events); err == nil {
					return
				}
			}
			if demo.err = os.MkdirAll(keep, 0o755); demo.err != nil {
				return
			}
			if demo.err = writeDemo(keep); demo.err == nil {
				demo.err = os.WriteFile(count, fmt.Appendf(nil, "%d %d\n", demo.lines, demo.events), 0o644)
			}
			return
		}
		demo.dir, demo.err = os.MkdirTemp("", "storedata-bench-")
		if demo.err != nil {
			return
		}
		demo.err = writeDemo(demo.dir)
	})
	if demo.err != nil {
		b.Fatal(demo.err)
	}
	if keep := os.Getenv("STOREDATA_DEMO_DIR"); keep != "" {
		return keep, demo.lines, demo.events
	}
	return demo.dir, demo.lines, demo.events
}

// writeDemo writes the demo's order_lines.csv and events.csv to dir, and
// counts their rows in demo.
func writeDemo(dir string) error {
	s := sample.Generate(sample.Config{})
	orders := func(yield func(metrics.Order) bool) {
		for k, n := 0, 0; n < demoOrders; k++ {
			for _, o := range s.Orders {
				if n == demoOrders {
					return
				}
				o.ID = fmt.Sprintf("%s-%03d", o.ID, k)
				if o.CustomerID != "" {
					o.CustomerID = fmt.Sprintf("%s-%03d", o.CustomerID, k)
				}
				demo.lines += int64(len(o.Lines))
				n++
				if !yield(o) {
					return
				}
			}
		}
	}
	events := func(yield func(funnel.Event) bool) {
		for k, n := 0, 0; n < demoEvents; k++ {
			for _, e := range s.Events {
				if n == demoEvents {
					return
				}
				e.UserID = fmt.Sprintf("%s-%03d", e.UserID, k)
				n++
				if !yield(e) {
					return
				}
			}
		}
	}
	demo.lines, demo.events = 0, demoEvents
	if err := writeFile(filepath.Join(dir, "order_lines.csv"), func(f *os.File) error { return WriteOrders(f, orders) }); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "events.csv"), func(f *os.File) error {
		return WriteEvents(f, iter.Seq[funnel.Event](events), sample.PropOrder, funnel.PropSKU)
	})
}

func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func TestMain(m *testing.M) {
	fuzzMinimizeTime()
	code := m.Run()
	if demo.dir != "" {
		os.RemoveAll(demo.dir)
	}
	os.Exit(code)
}

// fuzzMinimizeTime sets -test.fuzzminimizetime to fuzzMinimize when it
// is not given. Go minimizes every input that finds new coverage, for up
// to a minute by default, and minimizing an input of n bytes takes up to
// n²/2 runs of the target: the inputs of this package's targets are CSV
// files of hundreds of bytes (the order-lines header alone is 230), and
// a run of FuzzOrderBatches reads its input eight times, so a fuzzing
// run of 20 s spent all of its time minimizing the first input that found
// new coverage, and reported next to no runs and no new inputs. With
// the minimization bounded, the fuzzer fuzzes.
func fuzzMinimizeTime() {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if f := flag.Lookup("test.fuzzminimizetime"); f != nil && !given {
		if err := f.Value.Set(fuzzMinimize); err != nil {
			panic(err)
		}
	}
}

// fuzzMinimize is the package's -test.fuzzminimizetime unless one is
// given: enough to shorten an input by its tail and by single bytes.
const fuzzMinimize = "2s"

// benchFile reads a file of the demo once per iteration with read and
// reports lines/s (wall time), lines/cpu-s (the process's CPU time: the
// figure per core), and allocs/line.
func benchFile[T any](b *testing.B, name string, want int64, read func(*os.File) iter.Seq2[T, error], count func(T) int64) {
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cputime.Used()
	b.ResetTimer()
	for range b.N {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		var n int64
		for v, err := range read(f) {
			if err != nil {
				b.Fatal(err)
			}
			n += count(v)
		}
		f.Close()
		if n != want {
			b.Fatalf("read %d lines, want %d", n, want)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	lines := float64(want) * float64(b.N)
	b.ReportMetric(lines/b.Elapsed().Seconds(), "lines/s")
	if cpu := cputime.Used() - cpu0; cpu0 > 0 && cpu > 0 {
		b.ReportMetric(lines/cpu.Seconds(), "lines/cpu-s")
	}
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/lines, "allocs/line")
}

// BenchmarkDemoOrderLines reads order_lines.csv of the demo at 1M orders,
// with each order's lines its own (own) and with Options.ReuseSlices
// (reused), as a caller that sums each order as it comes reads.
func BenchmarkDemoOrderLines(b *testing.B) {
	dir, lines, _ := demoFiles(b)
	for _, reuse := range []bool{false, true} {
		b.Run(map[bool]string{false: "own", true: "reused"}[reuse], func(b *testing.B) {
			benchFile(b, filepath.Join(dir, "order_lines.csv"), lines,
				func(f *os.File) iter.Seq2[metrics.Order, error] { return ReadOrders(f, Options{ReuseSlices: reuse}) },
				func(o metrics.Order) int64 { return int64(len(o.Lines)) })
		})
	}
}

// BenchmarkDemoEvents reads events.csv of the demo scaled up to 3M
// events, with each event's properties its own (own) and with
// Options.ReuseSlices (reused).
func BenchmarkDemoEvents(b *testing.B) {
	dir, _, events := demoFiles(b)
	for _, reuse := range []bool{false, true} {
		b.Run(map[bool]string{false: "own", true: "reused"}[reuse], func(b *testing.B) {
			benchFile(b, filepath.Join(dir, "events.csv"), events,
				func(f *os.File) iter.Seq2[funnel.Event, error] { return ReadEvents(f, Options{ReuseSlices: reuse}) },
				func(funnel.Event) int64 { return 1 })
		})
	}
}

// BenchmarkDemoOrderBatches reads order_lines.csv of the demo at 1M
// orders into batches (ReadOrderBatches): a new batch each time (own)
// and one batch refilled (reused, Options.ReuseSlices). Run it with
// BenchmarkDemoOrderLines, whose lines/cpu-s it is compared with.
func BenchmarkDemoOrderBatches(b *testing.B) {
	dir, lines, _ := demoFiles(b)
	for _, reuse := range []bool{false, true} {
		b.Run(map[bool]string{false: "own", true: "reused"}[reuse], func(b *testing.B) {
			benchFile(b, filepath.Join(dir, "order_lines.csv"), lines,
				func(f *os.File) iter.Seq2[*metrics.Orders, error] {
					return ReadOrderBatches(f, Options{ReuseSlices: reuse})
				},
				func(o *metrics.Orders) int64 { return int64(o.LineCount()) })
		})
	}
}

// BenchmarkDemoEventBatches reads events.csv of the demo scaled up to 3M
// events into batches (ReadEventBatches), new (own) and refilled
// (reused). Run it with BenchmarkDemoEvents.
func BenchmarkDemoEventBatches(b *testing.B) {
	dir, _, events := demoFiles(b)
	for _, reuse := range []bool{false, true} {
		b.Run(map[bool]string{false: "own", true: "reused"}[reuse], func(b *testing.B) {
			benchFile(b, filepath.Join(dir, "events.csv"), events,
				func(f *os.File) iter.Seq2[*funnel.Events, error] {
					return ReadEventBatches(f, Options{ReuseSlices: reuse})
				},
				func(e *funnel.Events) int64 { return int64(e.Len()) })
		})
	}
}
