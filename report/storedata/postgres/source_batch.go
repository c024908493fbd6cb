package postgres

import (
	"iter"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// OrderBatches returns the orders of Input.Orders in batches of columns
// ([ReadOrderBatches], with Read's Options: BatchSize, and ReuseSlices
// for a batch valid until the next). Like Input.Orders, each range runs
// the query again, and a bad row is reported, left out and counted as
// Input.Orders does it ([Source.Errs], [Source.Rejected]; in strict mode
// it ends the stream, and [Source.Err] returns it). An order that a batch
// cannot hold (a time before 1678 or after 2261, storedata.ErrBatchRange)
// is such a bad row. Without orders it yields nothing.
//
// It is the batch form of Input.Orders: a review takes one or the other
// (report.Input has no field for order batches; metrics.Summarizer's
// AddOrders and cohort.Ledger's take them).
func (s *Source) OrderBatches() iter.Seq[*metrics.Orders] {
	if s.orderBatches == nil {
		return func(func(*metrics.Orders) bool) {}
	}
	return s.orderBatches
}

// EventBatches returns the events of Input.Events in batches of columns
// ([ReadEventBatches]), in the order of Input.Events, as OrderBatches
// does the orders: set report.Input.EventBatches to it, and Input.Events
// to nil, for the review's fast path. Without events it yields nothing.
func (s *Source) EventBatches() iter.Seq[*funnel.Events] {
	if s.eventBatches == nil {
		return func(func(*funnel.Events) bool) {}
	}
	return s.eventBatches
}

// EventBatchesWithin is [Source.EventBatches] read with
// [Options].PropsWithin set to props: the events outside all of props
// come without their properties. It is what report.Input's
// EventBatchesWithin takes: set it to this method, and Input.Events to
// nil, and the review asks for the properties of its compared periods
// and attribution window only. Without events it yields nothing.
func (s *Source) EventBatchesWithin(props []metrics.Period) iter.Seq[*funnel.Events] {
	if s.eventsWithin == nil {
		return func(func(*funnel.Events) bool) {}
	}
	return s.eventsWithin(props)
}
