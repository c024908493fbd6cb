package storedata

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// BenchmarkReviewEventBatches reads the events.csv of BenchmarkReviewFiles'
// directory into batches (ReadEventBatches) alone, as the review reads it
// (Options.ReuseSlices, the store's zone): every event's properties (all),
// and those of December 2025's events only (within), as the review's
// Input.EventBatchesWithin. It reports events per CPU-second. It is
// skipped unless STOREDATA_REVIEW_DIR names a directory with events.csv
// (issue 19's 40M events: /tmp/big310).
func BenchmarkReviewEventBatches(b *testing.B) {
	dir := os.Getenv("STOREDATA_REVIEW_DIR")
	if dir == "" {
		b.Skip("STOREDATA_REVIEW_DIR names no directory")
	}
	path := filepath.Join(dir, fileEvents)
	if _, err := os.Stat(path); err != nil {
		b.Skip(err)
	}
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		b.Fatal(err)
	}
	dec := []metrics.Period{metrics.MonthOf(2025, time.December, loc)}
	for _, name := range []string{"all", "within"} {
		b.Run(name, func(b *testing.B) {
			opts := Options{Location: loc, ReuseSlices: true}
			if name == "within" {
				opts.PropsWithin = dec
			}
			var events int64
			c0 := cputime.Used()
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				events = 0
				for e, err := range ReadEventBatches(f, opts) {
					if err != nil {
						b.Fatal(err)
					}
					events += int64(e.Len())
				}
				f.Close()
			}
			cpu := (cputime.Used() - c0).Seconds() / float64(b.N)
			b.ReportMetric(cpu, "cpu-s/op")
			b.ReportMetric(float64(events)/cpu, "events/cpu-s")
		})
	}
}
