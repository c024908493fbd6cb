// Package batchcheck compares an adapter's reader of events in batches
// (ReadEventBatches) with its reader of rows (ReadEvents), for the tests
// of the adapters under report/storedata: the batches must give back the
// rows' events, in order, and the rows' errors at the same places, with
// an event a batch cannot hold as an error wrapping
// storedata.ErrBatchRange. BenchRows and BenchBatches measure the two
// readers alike.
//
// It is for tests only (it reports to a testing.TB) and leaves go-cmp to
// the tests: it compares events itself and prints the first difference.
package batchcheck

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// Rows is a reader of events as rows (an adapter's ReadEvents).
type Rows func(io.Reader, storedata.Options) iter.Seq2[funnel.Event, error]

// Batches is a reader of events in batches (an adapter's
// ReadEventBatches).
type Batches func(io.Reader, storedata.Options) iter.Seq2[*funnel.Events, error]

// item is one yield of a reader: an event, or an error's message.
type item struct {
	event funnel.Event
	err   string
}

// rangeErr stands for an error wrapping storedata.ErrBatchRange, whose
// message an adapter's own test checks.
const rangeErr = "ErrBatchRange"

func (it item) equal(o item) bool {
	a, b := it.event, o.event
	return it.err == o.err && a.UserID == b.UserID && a.Name == b.Name && a.Time.Equal(b.Time) && slices.Equal(a.Props, b.Props)
}

func (it item) String() string {
	if it.err != "" {
		return "error " + it.err
	}
	return fmt.Sprintf("%+v", it.event)
}

// Count returns the number of yields of rows on in with opts: events and
// errors.
func Count(rows Rows, in string, opts storedata.Options) int {
	n := 0
	for range rows(strings.NewReader(in), opts) {
		n++
	}
	return n
}

// Events compares batches with rows on in, lenient and strict, at batch
// sizes 1, 7 and the default, with and without ReuseSlices.
func Events(tb testing.TB, rows Rows, batches Batches, in string) {
	tb.Helper()
	for _, strict := range []bool{false, true} {
		for _, size := range []int{1, 7, 0} {
			for _, reuse := range []bool{false, true} {
				EventsOpts(tb, rows, batches, in, storedata.Options{Strict: strict, BatchSize: size, ReuseSlices: reuse})
			}
		}
	}
}

// EventsOpts compares batches with rows on in with opts; it also checks
// that no batch is empty or larger than opts.BatchSize, and that the
// batches share their user dictionary.
func EventsOpts(tb testing.TB, rows Rows, batches Batches, in string, opts storedata.Options) {
	tb.Helper()
	// The rows' items, with an event a batch cannot hold as an error, to
	// the first error in strict mode.
	var want []item
	for e, err := range rows(strings.NewReader(in), opts) {
		it := item{event: e}
		if err != nil {
			it = item{err: err.Error()}
		} else if sec := e.Time.Unix(); sec < storedata.BatchMinUnix || sec >= storedata.BatchMaxUnix {
			it = item{err: rangeErr}
		}
		want = append(want, it)
		if opts.Strict && it.err != "" {
			break
		}
	}
	var got []item
	var users any
	for b, err := range batches(strings.NewReader(in), opts) {
		if errors.Is(err, storedata.ErrBatchRange) {
			got = append(got, item{err: rangeErr})
			continue
		}
		if err != nil {
			got = append(got, item{err: err.Error()})
			continue
		}
		if b.Len() == 0 || opts.BatchSize > 0 && b.Len() > opts.BatchSize {
			tb.Errorf("a batch of %d events (BatchSize %d)", b.Len(), opts.BatchSize)
		}
		if users == nil {
			users = b.UserIDs
		} else if users != any(b.UserIDs) {
			tb.Error("the batches do not share their dictionaries")
		}
		for i := range b.Len() {
			got = append(got, item{event: b.Event(i)})
		}
	}
	if i := firstDiff(want, got); i >= 0 {
		tb.Errorf("strict %v, BatchSize %d, ReuseSlices %v: %d yields of the rows, %d of the batches; yield %d differs:\nrows:    %s\nbatches: %s",
			opts.Strict, opts.BatchSize, opts.ReuseSlices, len(want), len(got), i, at(want, i), at(got, i))
	}
}

// firstDiff returns the index of the first item in which want and got
// differ, -1 if none.
func firstDiff(want, got []item) int {
	for i := range max(len(want), len(got)) {
		if i >= len(want) || i >= len(got) || !want[i].equal(got[i]) {
			return i
		}
	}
	return -1
}

func at(items []item, i int) string {
	if i >= len(items) {
		return "(none)"
	}
	return items[i].String()
}

// RangeErrors returns the messages of the errors wrapping
// storedata.ErrBatchRange that batches yields on in, read leniently, which
// Events and EventsOpts leave to the adapter's test.
func RangeErrors(batches Batches, in string) []string {
	var msgs []string
	for _, err := range batches(strings.NewReader(in), storedata.Options{}) {
		if errors.Is(err, storedata.ErrBatchRange) {
			msgs = append(msgs, err.Error())
		}
	}
	return msgs
}
