package fulfilment

import (
	"maps"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Link relates late deliveries to the returns and tickets that followed
// them: it keeps the delivery [Status] of each order added and counts the
// late-delivery refunds and the tickets of each order. Orders, refunds and
// tickets may come in any order. The zero Link is ready to use, with a
// zero AsOf. It keeps an entry per order or order referred to (a few dozen
// bytes each). A Link is not safe for concurrent use.
type Link struct {
	// AsOf is the time at which an undelivered order whose promise has
	// passed counts as late, as [Tracker].AsOf. Defaults to the zero time.
	AsOf time.Time

	orders map[string]*linked
}

// linked is what a Link knows of one order ID.
type linked struct {
	seen        bool   // the order was added
	status      Status // its status, when seen
	lateReturns int64  // its refunds whose reason is a late delivery
	tickets     int64  // the tickets about it
}

func (l *Link) of(id string) *linked {
	if l.orders == nil {
		l.orders = make(map[string]*linked)
	}
	x := l.orders[id]
	if x == nil {
		x = &linked{}
		l.orders[id] = x
	}
	return x
}

// AddOrder records the delivery status of o at AsOf. It returns a
// *metrics.ValidationError, and records nothing, for a fulfilment time of
// o before the step it follows or an ID already added.
func (l *Link) AddOrder(o metrics.Order) error {
	if err := metrics.FulfilmentError(&o); err != nil {
		return err
	}
	if x := l.orders[o.ID]; x != nil && x.seen {
		return &metrics.ValidationError{OrderID: o.ID, Field: "ID", Problem: "duplicate order ID"}
	}
	if o.Status == metrics.Cancelled {
		return nil // not fulfilled: neither late nor on time
	}
	x := l.of(o.ID)
	x.seen, x.status = true, StatusOf(&o, l.AsOf)
	return nil
}

// AddRefund counts a refund of the order orderID; lateDelivery says
// whether its reason is a late delivery (such as service.ReasonLateDelivery
// after normalising the refund's text). Refunds for other reasons change
// nothing.
func (l *Link) AddRefund(orderID string, lateDelivery bool) {
	if lateDelivery {
		l.of(orderID).lateReturns++
	}
}

// AddTicket counts a customer-service ticket about the order orderID. A
// ticket about no order ("") counts in nothing.
func (l *Link) AddTicket(orderID string) {
	if orderID != "" {
		l.of(orderID).tickets++
	}
}

// Merge adds everything o has counted to l. It returns a
// *metrics.MergeError, wrapping metrics.ErrIncompatible, and leaves l
// unchanged when o has another AsOf or an order added to both.
func (l *Link) Merge(o *Link) error {
	if !l.AsOf.Equal(o.AsOf) {
		return &metrics.MergeError{Pkg: "fulfilment", Type: "Link",
			Problem: "AsOf " + l.AsOf.Format(time.RFC3339) + " and " + o.AsOf.Format(time.RFC3339)}
	}
	ids := slices.Sorted(maps.Keys(o.orders))
	for _, id := range ids {
		if x := l.orders[id]; x != nil && x.seen && o.orders[id].seen {
			return &metrics.MergeError{Pkg: "fulfilment", Type: "Link", Problem: "order " + id + " in both"}
		}
	}
	add := make([]linked, len(ids)) // copied first, so that l may be o
	for i, id := range ids {
		add[i] = *o.orders[id]
	}
	for i, id := range ids {
		x, y := l.of(id), add[i]
		if y.seen {
			x.seen, x.status = true, y.status
		}
		x.lateReturns += y.lateReturns
		x.tickets += y.tickets
	}
	return nil
}

// Outcome is what followed the deliveries of a set of orders.
type Outcome struct {
	Orders         int64         // the orders
	LateReturns    int64         // of Orders, those with a refund for a late delivery
	LateReturnRate metrics.Ratio // LateReturns / Orders, in [0, 1]; undefined without orders
	Tickets        int64         // the tickets about the orders
	TicketsPer100  metrics.Ratio // Tickets × 100 / Orders, a number; undefined without orders
}

// Outcomes returns the outcome of the orders of each [Status], indexed by
// status (Outcomes()[Late] for the late orders). Cancelled orders are in
// none.
func (l *Link) Outcomes() [Late + 1]Outcome {
	var out [Late + 1]Outcome
	for _, x := range l.orders {
		if !x.seen {
			continue
		}
		o := &out[x.status]
		o.Orders++
		if x.lateReturns > 0 {
			o.LateReturns++
		}
		o.Tickets += x.tickets
	}
	for i := range out {
		o := &out[i]
		o.LateReturnRate = metrics.CountRatio(o.LateReturns, o.Orders)
		o.TicketsPer100 = metrics.NewRatio(float64(o.Tickets)*100, float64(o.Orders))
	}
	return out
}
