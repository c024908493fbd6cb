//go:build linux

package storedata

import (
	"context"
	"flag"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

var reviewCustomers = flag.Int("bench.review.customers", 20000,
	"customers of the demo store BenchmarkReviewFiles writes and reviews (about 3.5 orders and 128 events each); ignored when STOREDATA_REVIEW_DIR names a directory with the files")

// reviewFiles returns the directory of BenchmarkReviewFiles' files,
// order_lines.csv and events.csv of the demo store at
// -bench.review.customers customers: the directory the environment
// variable STOREDATA_REVIEW_DIR names (written there first when it has no
// order_lines.csv, and kept, so that a large store is written once and
// its measurement does not include the generator's memory), or else a
// temporary directory removed when b ends.
func reviewFiles(b *testing.B) string {
	b.Helper()
	dir := os.Getenv("STOREDATA_REVIEW_DIR")
	if dir == "" {
		dir = b.TempDir()
	} else if _, err := os.Stat(filepath.Join(dir, fileOrders)); err == nil {
		return dir
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	s := sample.Generate(sample.Config{Customers: *reviewCustomers})
	err := writeFile(filepath.Join(dir, fileOrders), func(f *os.File) error {
		return WriteOrders(f, slices.Values(s.Orders))
	})
	if err == nil {
		err = writeFile(filepath.Join(dir, fileEvents), func(f *os.File) error {
			return WriteEvents(f, slices.Values(s.Events), sample.PropOrder, funnel.PropSKU)
		})
	}
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	return dir
}

// BenchmarkReviewFiles is the whole review of December 2025 of a store's
// order_lines.csv and events.csv, end to end from the files, as the main
// job does it: Dir (which checks and counts the files) and BuildContext,
// with the events as rows (Input.Events), as batches
// (Input.EventBatches), or as the batches of Input.EventBatchesWithin
// (within: the properties of the events outside the review's periods are
// not looked up) as the main job reads them, and Options.ReuseSlices as
// the main job sets it. It reports the CPU time per review, the events
// per CPU-second (the figure per core), the rows of the files, and
// peak-RSS-MB, the most memory the process held (its maximum resident
// set: run one sub-benchmark per process, on a directory given by
// STOREDATA_REVIEW_DIR, for a figure of the review alone).
//
// Issue 19's measurement, a store of 1.1M orders and 40M events, on one
// core:
//
//	STOREDATA_REVIEW_DIR=/tmp/review-310k go test -c -o /tmp/sd.test ./report/storedata
//	/tmp/sd.test -test.run '^$' -test.bench 'ReviewFiles/within' -test.benchtime 1x -test.cpu 1 -bench.review.customers 310000
func BenchmarkReviewFiles(b *testing.B) {
	dir := reviewFiles(b)
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		b.Fatal(err)
	}
	p := metrics.MonthOf(2025, time.December, loc)
	for _, name := range []string{"rows", "batches", "within"} {
		b.Run(name, func(b *testing.B) {
			var events, orders int64
			c0 := cputime.Used()
			for b.Loop() {
				// As the main job reads: events.csv once, by the review.
				src, err := DirContext(context.Background(), dir, Options{Location: loc, ReuseSlices: true, EventsOnce: true})
				if err != nil {
					b.Fatal(err)
				}
				in := src.Input
				// The events the review read (Dir did not count them).
				events = 0
				counted := func(seq iter.Seq[*funnel.Events]) iter.Seq[*funnel.Events] {
					return func(yield func(*funnel.Events) bool) {
						for e := range seq {
							events += int64(e.Len())
							if !yield(e) {
								return
							}
						}
					}
				}
				switch name {
				case "rows":
					rows := in.Events
					in.Events = func(yield func(funnel.Event) bool) {
						for e := range rows {
							events++
							if !yield(e) {
								return
							}
						}
					}
				case "batches":
					in.Events, in.EventBatches = nil, counted(src.EventBatches())
				case "within":
					in.Events = nil
					in.EventBatchesWithin = func(props []metrics.Period) iter.Seq[*funnel.Events] {
						return counted(src.EventBatchesWithin(props))
					}
				}
				r, err := report.BuildContext(context.Background(), in, report.Config{Period: p, BadRecords: inventory.Skip})
				if err != nil {
					b.Fatal(err)
				}
				if err := src.Err(); err != nil {
					b.Fatal(err)
				}
				if r.Overview == nil || len(r.Overview.KPIs) == 0 || r.Traffic == nil {
					b.Fatal("a review without its overview or traffic")
				}
				orders = in.Counts.Orders
			}
			cpu := (cputime.Used() - c0).Seconds() / float64(b.N)
			b.ReportMetric(cpu, "cpu-s/op")
			b.ReportMetric(float64(events)/cpu, "events/cpu-s")
			b.ReportMetric(float64(events), "events")
			b.ReportMetric(float64(orders), "orders")
			b.ReportMetric(float64(maxRSS())/(1<<20), "peak-RSS-MB")
		})
	}
}

// maxRSS returns the process's peak resident set in bytes.
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss << 10 // kilobytes on Linux
}

// BenchmarkDirFiles is Dir's first reading of BenchmarkReviewFiles' files
// (reviewFiles) alone, as the main job starts it: the checks, counts,
// rejections and zone of order_lines.csv and events.csv, before any
// review. It reports the CPU time per reading and the rows read per
// CPU-second.
func BenchmarkDirFiles(b *testing.B) {
	dir := reviewFiles(b)
	var rows int64
	c0 := cputime.Used()
	for b.Loop() {
		src, err := DirContext(context.Background(), dir, Options{ReuseSlices: true})
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for _, f := range src.Files {
			rows += f.Rows
		}
	}
	cpu := (cputime.Used() - c0).Seconds() / float64(b.N)
	b.ReportMetric(cpu, "cpu-s/op")
	b.ReportMetric(float64(rows)/cpu, "rows/cpu-s")
}

// BenchmarkReviewOrderPass is the review's pass over the orders of
// BenchmarkReviewFiles' files alone: the CPU time from the first to the
// last report of report.PhaseOrders to Config.Progress (pass-cpu-s), the
// time of a loop over the same orders that does nothing with them (the
// reader's, read-cpu-s), and the difference, what the review's
// accumulators take (net-cpu-s). The review is cancelled once the pass
// is over. A directory of order_lines.csv and an events.csv of one event
// measures the orders without the events:
//
//	STOREDATA_REVIEW_DIR=/tmp/orders-310k go test -c -o /tmp/sd.test ./report/storedata
//	/tmp/sd.test -test.run '^$' -test.bench 'ReviewOrderPass' -test.benchtime 1x -test.cpu 1
func BenchmarkReviewOrderPass(b *testing.B) {
	dir := reviewFiles(b)
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		b.Fatal(err)
	}
	p := metrics.MonthOf(2025, time.December, loc)
	open := func() report.Input {
		src, err := DirContext(context.Background(), dir, Options{Location: loc, ReuseSlices: true, EventsOnce: true})
		if err != nil {
			b.Fatal(err)
		}
		return src.Input
	}
	var pass, read time.Duration
	for b.Loop() {
		in := open()
		c0 := cputime.Used()
		for range in.Orders {
		}
		read += cputime.Used() - c0
		var start, end time.Duration
		ctx, cancel := context.WithCancel(context.Background())
		progress := func(pr report.Progress) {
			if pr.Phase != report.PhaseOrders {
				cancel()
				return
			}
			if start == 0 {
				start = cputime.Used()
			}
			end = cputime.Used()
		}
		_, err := report.BuildContext(ctx, open(), report.Config{Period: p, BadRecords: inventory.Skip, Progress: progress})
		if err == nil || ctx.Err() == nil {
			b.Fatalf("the review was not cancelled after its pass over orders: %v", err)
		}
		cancel()
		pass += end - start
	}
	n := float64(b.N)
	b.ReportMetric(pass.Seconds()/n, "pass-cpu-s")
	b.ReportMetric(read.Seconds()/n, "read-cpu-s")
	b.ReportMetric((pass-read).Seconds()/n, "net-cpu-s")
}
