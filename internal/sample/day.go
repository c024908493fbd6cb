package sample

import (
	"iter"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// Day is everything that happened in the demo store on one calendar day.
// Orders, refunds, events and tickets are sorted by time; spend, receipts,
// adjustments and snapshots by SKU or channel in catalogue order.
type Day struct {
	Period      metrics.Period // the calendar day
	Orders      []metrics.Order
	Refunds     []metrics.Refund // refunds paid on the day
	Events      []funnel.Event
	Spend       []metrics.Spend
	Tickets     []service.Ticket // tickets opened on the day
	Receipts    []inventory.Receipt
	Adjustments []inventory.Adjustment
	Snapshots   []inventory.Snapshot // end-of-day stock of every SKU
}

// Days streams the demo store of cfg one day at a time, in calendar order.
//
// The *Day and its slices are reused from one day to the next: copy what
// you keep (the Lines of an order and the Props of an event are not
// reused and may be kept). Memory grows with the number of customers and
// orders of the period, not with the number of events.
func Days(cfg Config) iter.Seq[*Day] {
	return days(cfg, wantAll)
}

// Orders streams the orders of the demo store of cfg in time order. It
// gives the same orders as [Generate] without generating events, tickets
// or snapshots, in time and memory proportional to the number of orders.
func Orders(cfg Config) iter.Seq[metrics.Order] {
	return func(yield func(metrics.Order) bool) {
		for d := range days(cfg, 0) {
			for _, o := range d.Orders {
				if !yield(o) {
					return
				}
			}
		}
	}
}

// Events streams the tracked events of the demo store of cfg in time
// order (events with equal times keep their order within their session).
// It gives the same events as [Generate]; only one day of events is held
// in memory at a time. The Props of events of one session share their
// backing array: do not modify them.
func Events(cfg Config) iter.Seq[funnel.Event] {
	return func(yield func(funnel.Event) bool) {
		for d := range days(cfg, wantEvents) {
			for _, e := range d.Events {
				if !yield(e) {
					return
				}
			}
		}
	}
}

// wants selects the optional outputs of the day loop.
type wants uint8

const (
	wantEvents wants = 1 << iota
	wantTickets
	wantSnapshots
	wantAll = wantEvents | wantTickets | wantSnapshots
)

func days(cfg Config, w wants) iter.Seq[*Day] {
	return func(yield func(*Day) bool) {
		g := newGenerator(cfg, w)
		var d Day
		for i := 0; i < g.cal.days; i++ {
			g.day(i, &d)
			if !yield(&d) {
				return
			}
		}
	}
}
