package storedata

import (
	"errors"
	"fmt"
	"iter"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// OrderBatches returns the orders of Input.Orders in batches of columns
// ([ReadOrderBatches], with Dir's Options: BatchSize, and ReuseSlices for
// a batch valid until the next). Like Input.Orders, each range reads
// order_lines.csv again, leaves out the rows Dir rejected, stops when
// DirContext's context is done, and reports a failure with [Source.Err];
// an order that Dir read but a batch cannot hold (a time before 1678 or
// after 2261, [ErrBatchRange]) is left out and is Source.Err's error too.
// A batch ends where Dir rejected a row (ReadOrderBatches ends one before
// each error). Several goroutines may range over it at once.
func (s *Source) OrderBatches() iter.Seq[*metrics.Orders] { return s.orderBatches }

// EventBatches returns the events of Input.Events in batches of columns
// ([ReadEventBatches]), as OrderBatches does the orders, in the order of
// Input.Events: an events file that is not in time order is loaded and
// sorted first, and its batches are filled from the sorted events (each
// batch new, whatever ReuseSlices says). Without events.csv it yields
// nothing.
func (s *Source) EventBatches() iter.Seq[*funnel.Events] {
	if s.eventBatches == nil {
		return func(func(*funnel.Events) bool) {}
	}
	return s.eventBatches
}

// EventBatchesWithin returns the events of EventBatches read with
// [Options].PropsWithin set to props: the events outside all of props'
// periods are in the batches without their properties, which are not
// looked up. It is what report.Input.EventBatchesWithin takes; the review
// passes the periods whose events' properties it reads. Events loaded
// and sorted in memory are yielded whole, as EventBatches yields them.
func (s *Source) EventBatchesWithin(props []metrics.Period) iter.Seq[*funnel.Events] {
	if s.eventsWithin == nil {
		return s.EventBatches()
	}
	return s.eventsWithin(props)
}

// sortedEventBatches returns events, a stream in time order, in batches of
// opts.BatchSize sharing their dictionaries; an event a batch cannot hold
// is left out and reported to s.fail.
func sortedEventBatches(s *Source, events iter.Seq[funnel.Event], opts Options) iter.Seq[*funnel.Events] {
	return func(yield func(*funnel.Events) bool) {
		var dicts funnel.Events
		dicts.Init()
		var b *funnel.Events
		for e := range events {
			if b == nil {
				b = &funnel.Events{UserIDs: dicts.UserIDs, Names: dicts.Names, PropKeys: dicts.PropKeys, PropValues: dicts.PropValues, Location: s.Location}
			}
			if _, ok := batchNanos(e.Time); !ok {
				s.fail(fmt.Errorf("storedata: %s: an event of user %s: %w: %v", fileEvents, e.UserID, ErrBatchRange, e.Time))
				continue
			}
			if err := b.Append(e); err != nil { // not for a time batchNanos takes
				s.fail(errors.Join(errors.New("storedata: "+fileEvents), err))
				continue
			}
			if b.Len() >= opts.batchSize() {
				if !yield(b) {
					return
				}
				b = nil
			}
		}
		if b != nil && b.Len() > 0 {
			yield(b)
		}
	}
}
