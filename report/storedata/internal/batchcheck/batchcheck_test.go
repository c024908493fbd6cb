package batchcheck

import (
	"fmt"
	"io"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// recorder is a testing.TB that keeps what is reported.
type recorder struct {
	testing.TB
	msgs []string
}

func (r *recorder) Helper()           {}
func (r *recorder) Error(args ...any) { r.msgs = append(r.msgs, fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// rows reads "user seconds" lines; "x" is an error.
func rows(r io.Reader, _ storedata.Options) iter.Seq2[funnel.Event, error] {
	return func(yield func(funnel.Event, error) bool) {
		in, err := io.ReadAll(r)
		if err != nil {
			yield(funnel.Event{}, err)
			return
		}
		for _, l := range strings.Fields(string(in)) {
			var e funnel.Event
			var sec int64
			var err error
			if _, err = fmt.Sscanf(l, "%1s%d", &e.UserID, &sec); err == nil {
				e.Time, e.Name = time.Unix(sec, 0).UTC(), "view"
			}
			if !yield(e, err) {
				return
			}
		}
	}
}

// batchesOf is a batch reader of rows through an EventBatcher, with
// drop rows left out.
func batchesOf(drop int) Batches {
	return func(r io.Reader, opts storedata.Options) iter.Seq2[*funnel.Events, error] {
		return func(yield func(*funnel.Events, error) bool) {
			bt := storedata.NewEventBatcher(opts, nil, yield)
			i := 0
			for e, err := range rows(r, opts) {
				if err != nil {
					if !bt.Fail(err) || opts.Strict {
						return
					}
					continue
				}
				if i++; i == drop {
					continue
				}
				if err := bt.Append(e); err != nil {
					if !bt.Fail(err) || opts.Strict {
						return
					}
					continue
				}
				if !bt.Done() {
					return
				}
			}
			bt.Close()
		}
	}
}

// A faithful batch reader passes; one that drops a row is reported, with
// the place of the difference.
func TestEvents(t *testing.T) {
	const in = "a1 b2 x c3 a4"
	if n := Count(rows, in, storedata.Options{}); n != 5 {
		t.Fatalf("Count: %d, want 5", n)
	}
	var ok recorder
	Events(&ok, rows, batchesOf(0), in)
	if len(ok.msgs) != 0 {
		t.Errorf("a faithful reader: %q", ok.msgs)
	}
	var bad recorder
	EventsOpts(&bad, rows, batchesOf(3), in, storedata.Options{})
	if len(bad.msgs) != 1 || !strings.Contains(bad.msgs[0], "yield 3 differs") {
		t.Errorf("a reader dropping the third event: %q, want one report of yield 3", bad.msgs)
	}
}
