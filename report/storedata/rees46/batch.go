package rees46

import (
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/funnel"
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
// Each row is added to the columns from its cells by a
// [storedata.EventBatcher]: no funnel.Event and no property slice is made
// for it. With opts.ReuseSlices the reader yields the same batch each
// time, emptied and refilled: a yielded batch is valid until the next one
// is yielded.
func ReadEventBatches(r io.Reader, opts storedata.Options) iter.Seq2[*funnel.Events, error] {
	loc := csvtable.Location(opts)
	return csvtable.EventBatches(r, opts, Columns, nil, "event_time", propKeys[:], func(t *csvtable.Table, e *csvtable.EventRow) error {
		rw, err := parse(t, loc)
		e.User, e.Name, e.Time = rw.user, rw.name, rw.at
		e.Values = append(e.Values[:0], rw.session, rw.product, rw.product, rw.category, rw.code, rw.brand, rw.raw)
		return err
	})
}

// propKeys are the keys of an event's properties, in ReadEvents' order.
var propKeys = [...]string{funnel.PropSession, PropProduct, funnel.PropSKU, PropCategory, PropCategoryCode, PropBrand, PropPrice}
