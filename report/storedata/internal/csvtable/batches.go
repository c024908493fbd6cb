package csvtable

import (
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// EventRow is an event as an adapter's batch reader reads it from a
// record: its cells, not a funnel.Event.
type EventRow struct {
	User, Name string
	Time       time.Time
	// Values are the values of the properties of the keys given to
	// EventBatches, in their order; an empty value is no property. The
	// same slice comes back with each record, for the reader to refill.
	Values []string
}

// EventBatches is the loop of an adapter's ReadEventBatches: it opens r
// as [Open] does (required, fixed), has parse read each record into an
// [EventRow] or return the record's error, and adds the row to batches
// by a [storedata.EventBatcher] of opts. A time a batch cannot hold is a
// *storedata.ParseError of the column timeCol wrapping
// storedata.ErrBatchRange. The errors, of the file or of a record, are
// yielded where they come, after the batch of the events before them;
// opts.Strict stops at the first, and a failure of the reader stops in
// any mode.
func EventBatches(r io.Reader, opts storedata.Options, required, fixed []string, timeCol string, keys []string,
	parse func(t *Table, e *EventRow) error) iter.Seq2[*funnel.Events, error] {
	return func(yield func(*funnel.Events, error) bool) {
		bt := storedata.NewEventBatcher(opts, keys, yield)
		t, err := Open(r, opts, required, fixed)
		if err != nil {
			bt.Fail(err)
			return
		}
		var e EventRow
		for {
			err := t.Next()
			if err == io.EOF {
				break
			}
			if err == nil {
				err = parse(t, &e)
			}
			if err == nil {
				if sec := e.Time.Unix(); sec < storedata.BatchMinUnix || sec >= storedata.BatchMaxUnix {
					err = t.Fail(timeCol, fmt.Errorf("%w: %s", storedata.ErrBatchRange, e.Time.In(Location(opts)).Format(time.RFC3339Nano)))
				}
			}
			if err != nil {
				if !bt.Fail(err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			bt.Add(e.User, e.Time.UnixNano(), e.Name, e.Values...)
			if !bt.Done() {
				return
			}
		}
		bt.Close()
	}
}
