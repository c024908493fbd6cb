package taobao

import (
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// ReadEventBatches reads a UserBehavior file as [ReadEvents] does, into
// batches of events held as columns ([funnel.Events]) of up to
// opts.BatchSize events (65,536 by default). The batches of one reading
// share their dictionaries, so that a user has one number in all of them,
// and their Location is opts.Location (UTC if nil).
//
// The events of the batches, in order, are the events ReadEvents yields,
// and the errors are its errors, at the same places: a batch is yielded
// when it is full, and before each error. Row i of a batch gives back,
// by Events.Event(i), the event ReadEvents yields. One more kind of row
// is rejected: a timestamp a batch cannot hold (before 1678 or after
// 2261) is a *storedata.ParseError of that cell wrapping
// storedata.ErrBatchRange.
//
// Each row is added to the columns from its cells: no funnel.Event, no
// time.Time and no property slice is made for it. With opts.ReuseSlices
// the reader yields the same batch each time, emptied and refilled: a
// yielded batch is valid until the next one is yielded.
func ReadEventBatches(r io.Reader, opts storedata.Options) iter.Seq2[*funnel.Events, error] {
	return func(yield func(*funnel.Events, error) bool) {
		size := opts.BatchSize
		if size <= 0 {
			size = 1 << 16
		}
		var dicts funnel.Events
		dicts.Init()
		keys := [3]int32{-1, -1, -1} // the numbers of PropItem, PropSKU and PropCategory, once met
		loc := csvtable.Location(opts)
		var b, spare *funnel.Events
		stopped := false
		flush := func() bool {
			if b == nil || b.Len() == 0 {
				return true
			}
			out := b
			b = nil
			if opts.ReuseSlices {
				spare = out
			}
			if !yield(out, nil) {
				stopped = true
				return false
			}
			return true
		}
		bad := func(err error) bool {
			if !flush() {
				return false
			}
			if !yield(nil, err) {
				stopped = true
				return false
			}
			return true
		}
		t, err := csvtable.Open(r, opts, Columns, Columns)
		if err != nil {
			bad(err)
			return
		}
		for {
			err := t.Next()
			if err == io.EOF {
				break
			}
			var c cells
			if err == nil {
				c, err = parseCells(t)
			}
			if err == nil && (c.sec < storedata.BatchMinUnix || c.sec >= storedata.BatchMaxUnix) {
				err = t.Fail("timestamp", fmt.Errorf("%w: %s", storedata.ErrBatchRange, time.Unix(c.sec, 0).In(loc).Format(time.RFC3339Nano)))
			}
			if err != nil {
				if !bad(err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			if b == nil {
				if b = spare; b != nil {
					b.Reset()
				} else {
					b = &funnel.Events{UserIDs: dicts.UserIDs, Names: dicts.Names, PropKeys: dicts.PropKeys, PropValues: dicts.PropValues, Location: loc}
				}
				b.Init()
			}
			b.User = append(b.User, b.UserIDs.Index(c.user))
			b.Time = append(b.Time, c.sec*1e9)
			b.Name = append(b.Name, b.Names.Index(c.name))
			for i, v := range [...]string{c.item, c.item, c.category} {
				if v == "" {
					continue
				}
				if keys[i] < 0 {
					keys[i] = b.PropKeys.Index([...]string{PropItem, funnel.PropSKU, PropCategory}[i])
				}
				b.PropKey = append(b.PropKey, keys[i])
				b.PropValue = append(b.PropValue, b.PropValues.Index(v))
			}
			b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
			if b.Len() >= size && !flush() {
				return
			}
		}
		if !stopped {
			flush()
		}
	}
}
