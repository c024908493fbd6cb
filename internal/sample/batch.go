package sample

import (
	"iter"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// EventBatches streams the events of [Events] in batches of columns
// ([funnel.Events]) of up to size events (65,536 if size ≤ 0), in the same
// order. The batches share their dictionaries (the property values'
// until it holds 2^20 strings, then a new one), so that a user has one
// number in all of them, and their Location is the store's. Each batch is
// a new one; besides the batches the caller keeps, the day being
// generated and the dictionaries are held.
//
// The generator still writes each day's events as rows (its day buffer,
// reused from day to day), which are added to the batch as they come:
// the batch holds numbers, not the rows' strings.
func EventBatches(cfg Config, size int) iter.Seq[*funnel.Events] {
	cfg = cfg.withDefaults()
	next := func(prev *funnel.Events) *funnel.Events {
		if prev == nil {
			return &funnel.Events{Location: cfg.Location}
		}
		b := &funnel.Events{UserIDs: prev.UserIDs, Names: prev.Names, PropKeys: prev.PropKeys, PropValues: prev.PropValues, Location: cfg.Location}
		if b.PropValues.Len() >= funnel.MaxSharedValues {
			// A new dictionary of property values (session and order IDs),
			// as storedata's reader starts one.
			b.PropValues = new(metrics.Dict)
		}
		return b
	}
	rows := func(yield func(funnel.Event) bool) {
		for d := range days(cfg, wantEvents) {
			for _, e := range d.Events {
				if !yield(e) {
					return
				}
			}
		}
	}
	return batches(size, rows, next, (*funnel.Events).Append, "an event")
}

// OrderBatches streams the orders of [Orders] in batches of columns
// ([metrics.Orders]) of up to size orders (65,536 if size ≤ 0), in the same
// order, as EventBatches does the events: without generating events,
// tickets or snapshots.
func OrderBatches(cfg Config, size int) iter.Seq[*metrics.Orders] {
	cfg = cfg.withDefaults()
	next := func(prev *metrics.Orders) *metrics.Orders {
		if prev == nil {
			return &metrics.Orders{Location: cfg.Location}
		}
		return &metrics.Orders{CustomerIDs: prev.CustomerIDs, Channels: prev.Channels, Promotions: prev.Promotions,
			Carriers: prev.Carriers, Regions: prev.Regions, SKUs: prev.SKUs, Names: prev.Names,
			Categories: prev.Categories, Location: cfg.Location}
	}
	rows := func(yield func(metrics.Order) bool) {
		for d := range days(cfg, 0) {
			for _, o := range d.Orders {
				if !yield(o) {
					return
				}
			}
		}
	}
	return batches(size, rows, next, (*metrics.Orders).Append, "an order")
}

// batches cuts rows into batches of up to size rows (65,536 if size ≤ 0),
// the rows added by add. next makes each batch from the one before (nil
// for the first), sharing its dictionaries, and batches Inits it. A row
// that add refuses is a bug of the generator: batches panics, naming it
// what.
func batches[B interface {
	comparable
	Init()
	Len() int
}, R any](size int, rows iter.Seq[R], next func(prev B) B, add func(B, R) error, what string) iter.Seq[B] {
	if size <= 0 {
		size = 1 << 16
	}
	return func(yield func(B) bool) {
		var b, prev B // the batch being filled (the zero B for none), the one before
		var none B
		for r := range rows {
			if b == none {
				b = next(prev)
				b.Init()
			}
			if err := add(b, r); err != nil {
				panic("sample: " + what + " a batch cannot hold (a bug): " + err.Error())
			}
			if b.Len() >= size {
				prev, b = b, none
				if !yield(prev) {
					return
				}
			}
		}
		if b != none {
			yield(b)
		}
	}
}
