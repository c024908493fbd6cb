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
	if size <= 0 {
		size = 1 << 16
	}
	return func(yield func(*funnel.Events) bool) {
		var dicts funnel.Events
		dicts.Init()
		var b *funnel.Events
		for d := range days(cfg, wantEvents) {
			for _, e := range d.Events {
				if b == nil {
					if dicts.PropValues.Len() >= funnel.MaxSharedValues {
						// A new dictionary of property values (session
						// and order IDs), as storedata's reader starts one.
						dicts.PropValues = new(metrics.Dict)
					}
					b = &funnel.Events{UserIDs: dicts.UserIDs, Names: dicts.Names, PropKeys: dicts.PropKeys, PropValues: dicts.PropValues, Location: cfg.Location}
					b.Init()
				}
				if err := b.Append(e); err != nil {
					panic("sample: an event a batch cannot hold (a bug): " + err.Error())
				}
				if b.Len() >= size {
					if !yield(b) {
						return
					}
					b = nil
				}
			}
		}
		if b != nil {
			yield(b)
		}
	}
}

// OrderBatches streams the orders of [Orders] in batches of columns
// ([metrics.Orders]) of up to size orders (65,536 if size ≤ 0), in the same
// order, as EventBatches does the events: without generating events,
// tickets or snapshots.
func OrderBatches(cfg Config, size int) iter.Seq[*metrics.Orders] {
	cfg = cfg.withDefaults()
	if size <= 0 {
		size = 1 << 16
	}
	return func(yield func(*metrics.Orders) bool) {
		var dicts metrics.Orders
		dicts.Init()
		var b *metrics.Orders
		for d := range days(cfg, 0) {
			for _, o := range d.Orders {
				if b == nil {
					b = &metrics.Orders{CustomerIDs: dicts.CustomerIDs, Channels: dicts.Channels, Promotions: dicts.Promotions,
						Carriers: dicts.Carriers, Regions: dicts.Regions, SKUs: dicts.SKUs, Names: dicts.Names,
						Categories: dicts.Categories, Location: cfg.Location}
					b.Init()
				}
				if err := b.Append(o); err != nil {
					panic("sample: an order a batch cannot hold (a bug): " + err.Error())
				}
				if b.Len() >= size {
					if !yield(b) {
						return
					}
					b = nil
				}
			}
		}
		if b != nil {
			yield(b)
		}
	}
}
