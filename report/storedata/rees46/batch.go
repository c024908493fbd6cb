package rees46

import (
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// ReadEventBatches reads a REES46 events file as [ReadEvents] does, into
// batches of events held as columns ([funnel.Events]) of up to
// opts.BatchSize events (65,536 by default). The batches of one reading
// share their dictionaries (the property values' until it holds 2^20
// strings, then a new one), so that a user has one number in all of them,
// and their Location is opts.Location (UTC if nil).
//
// The events of the batches, in order, are the events ReadEvents yields,
// and the errors are its errors, at the same places: a batch is yielded
// when it is full, and before each error. Row i of a batch gives back,
// by Events.Event(i), the event ReadEvents yields. One more kind of row
// is rejected: an event_time a batch cannot hold (before 1678 or after
// 2261) is a *storedata.ParseError of that cell wrapping
// storedata.ErrBatchRange.
//
// Each row is added to the columns from its cells: no funnel.Event and
// no property slice is made for it. With opts.ReuseSlices the reader
// yields the same batch each time, emptied and refilled: a yielded batch
// is valid until the next one is yielded.
func ReadEventBatches(r io.Reader, opts storedata.Options) iter.Seq2[*funnel.Events, error] {
	return func(yield func(*funnel.Events, error) bool) {
		size := opts.BatchSize
		if size <= 0 {
			size = 1 << 16
		}
		var dicts funnel.Events
		dicts.Init()
		keys := [len(propKeys)]int32{-1, -1, -1, -1, -1, -1, -1} // their numbers, once met
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
		t, err := csvtable.Open(r, opts, Columns, nil)
		if err != nil {
			bad(err)
			return
		}
		for {
			err := t.Next()
			if err == io.EOF {
				break
			}
			var rw row
			if err == nil {
				rw, err = parse(t, loc)
			}
			if err == nil {
				if sec := rw.at.Unix(); sec < storedata.BatchMinUnix || sec >= storedata.BatchMaxUnix {
					err = t.Fail("event_time", fmt.Errorf("%w: %s", storedata.ErrBatchRange, rw.at.Format(time.RFC3339Nano)))
				}
			}
			if err != nil {
				if !bad(err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			if b == nil {
				if dicts.PropValues.Len() >= funnel.MaxSharedValues {
					// A new dictionary of property values, as
					// storedata.ReadEventBatches starts one: user_session
					// values would otherwise pile up.
					dicts.PropValues = new(metrics.Dict)
				}
				if b = spare; b != nil {
					b.Reset()
					b.PropValues = dicts.PropValues
				} else {
					b = &funnel.Events{UserIDs: dicts.UserIDs, Names: dicts.Names, PropKeys: dicts.PropKeys, PropValues: dicts.PropValues, Location: loc}
				}
				b.Init()
			}
			b.User = append(b.User, b.UserIDs.Index(rw.user))
			b.Time = append(b.Time, rw.at.UnixNano())
			b.Name = append(b.Name, b.Names.Index(rw.name))
			for i, v := range [...]string{rw.session, rw.product, rw.product, rw.category, rw.code, rw.brand, rw.raw} {
				if v == "" {
					continue
				}
				if keys[i] < 0 {
					keys[i] = b.PropKeys.Index(propKeys[i])
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

// propKeys are the keys of an event's properties, in ReadEvents' order.
var propKeys = [...]string{funnel.PropSession, PropProduct, funnel.PropSKU, PropCategory, PropCategoryCode, PropBrand, PropPrice}
