package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// loaded is a store read from the CSV files of a directory by
// storedata.Dir: orders, events and snapshots stay streams that the
// review reads from the files.
type loaded struct {
	in       report.Input
	span     metrics.Period     // from the first to the last order day
	rejected []report.Rejected  // rows rejected per file, each reported
	sessions funnel.SessionRule // the tracker's session IDs when every event has one, else 30-minute gaps
	src      *storedata.Source
}

// err returns the error of a stream met while the review read it (a file
// that changed or failed between the check and the review).
func (l *loaded) err() error { return l.src.Err() }

// earliest is the first day an order may be placed on: a date before it
// (such as 1900-01-01 or 0001-01-01, what a broken export writes for an
// empty date) is a data problem.
var earliest = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

// checkDates reports the first order if it is placed before [earliest],
// and the last if it is placed more than a day after now (a clock skew
// allowance): such a date is a data problem, and it would move the
// default period (one order dated 2200 made the review a review of
// 2199-12, all zeros).
func checkDates(first, last storedata.Placed, now time.Time) error {
	var errs []error
	if first.At.Before(earliest) {
		errs = append(errs, fmt.Errorf("order_lines.csv: order %q: placed_at %s is before %s: fix or remove the order",
			first.OrderID, first.At.Format(time.RFC3339), earliest.Format(time.DateOnly)))
	}
	if last.At.After(now.Add(24 * time.Hour)) {
		errs = append(errs, fmt.Errorf("order_lines.csv: order %q: placed_at %s is in the future (today is %s): fix or remove the order",
			last.OrderID, last.At.Format(time.RFC3339), now.Format(time.DateOnly)))
	}
	return errors.Join(errs...)
}

// readDir reads the CSV files in dir with opts under ctx, reporting its
// reading of each large file to progress.
func readDir(ctx context.Context, dir string, opts storedata.Options, progress func(report.Progress)) (*storedata.Source, error) {
	opts.Progress = progress
	return storedata.DirContext(ctx, dir, opts)
}

// loadWith reads the CSV files in dir with storedata.Dir and opts
// (Strict, Location, Mapping) under ctx, reporting to progress. Missing
// files leave their sections out of the review; order_lines.csv is
// required. Each bad row (the first storedata.MaxErrors of a file) and
// each warning is reported on stderr, with a line per file counting the
// rows read and rejected by reason. Orders dated before 1980 or after now
// (plus a day) are an error.
func loadWith(ctx context.Context, dir string, opts storedata.Options, progress func(report.Progress), now time.Time, stderr io.Writer) (*loaded, error) {
	src, err := readDir(ctx, dir, opts, progress)
	if err != nil {
		return nil, err
	}
	for _, f := range src.Files {
		for _, e := range f.Errors {
			fmt.Fprintln(stderr, e)
		}
		if f.More > 0 {
			fmt.Fprintf(stderr, "storedata: %s: %d more errors\n", f.File, f.More)
		}
		if f.Rejected > 0 {
			fmt.Fprintf(stderr, "%s: %d rows read, %d rejected (%s)\n", f.File, f.Rows, f.Rejected, reasons(f.Reasons))
		}
	}
	for _, w := range src.Warnings {
		fmt.Fprintln(stderr, w)
	}
	if src.Span.IsZero() {
		return nil, fmt.Errorf("%s: order_lines.csv has no orders", dir)
	}
	if err := checkDates(src.First, src.Last, now); err != nil {
		return nil, err
	}
	in := src.Input
	if in.Events != nil && !src.EventsInMemory && src.UnbatchedEvents == 0 {
		// The events as columns, read straight from the file: the same
		// review in less CPU and memory (storedata's BenchmarkReviewFiles,
		// batches against rows). Events out of time order
		// are loaded as rows to be sorted, and are reviewed as rows; so
		// is a file with an event at a time a batch cannot hold (before
		// 1678 or after 2261), which the rows keep. The review asks for
		// the properties of the events of its periods only
		// (report.Config.EventPeriods): the others' property cells are
		// not looked up.
		in.Events, in.EventBatchesWithin = nil, src.EventBatchesWithin
	}
	return &loaded{in: in, span: src.Span, rejected: src.Input.Rejected, sessions: src.Sessions, src: src}, nil
}

// reasons formats rejected rows by reason, the most frequent first.
func reasons(m map[string]int64) string {
	type kv struct {
		k string
		n int64
	}
	var all []kv
	for k, n := range m {
		all = append(all, kv{k, n})
	}
	slices.SortFunc(all, func(a, b kv) int {
		if a.n != b.n {
			if a.n > b.n {
				return -1
			}
			return 1
		}
		return strings.Compare(a.k, b.k)
	})
	s := ""
	for i, x := range all {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s: %d", x.k, x.n)
	}
	return s
}
