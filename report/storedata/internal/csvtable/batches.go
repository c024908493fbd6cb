package csvtable

import (
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// EventBatches is the loop of an adapter's ReadEventBatches: it opens r
// as [Open] does (required, fixed) and passes each record to add, which
// parses it and adds its event to bt, a [storedata.EventBatcher] of opts
// whose Add takes the values of keys, or returns the record's error. The
// errors, of the file, of a record or of add, are yielded where they come,
// after the batch of the events before them; opts.Strict stops at the
// first, and a failure of the reader stops in any mode.
func EventBatches(r io.Reader, opts storedata.Options, required, fixed, keys []string, add func(t *Table, bt *storedata.EventBatcher) error) iter.Seq2[*funnel.Events, error] {
	return func(yield func(*funnel.Events, error) bool) {
		bt := storedata.NewEventBatcher(opts, keys, yield)
		t, err := Open(r, opts, required, fixed)
		if err != nil {
			bt.Fail(err)
			return
		}
		for {
			err := t.Next()
			if err == io.EOF {
				break
			}
			if err == nil {
				err = add(t, bt)
			}
			if err != nil {
				if !bt.Fail(err) || opts.Strict || t.Fatal() {
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
