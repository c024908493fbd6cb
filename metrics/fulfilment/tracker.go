package fulfilment

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Tracker accumulates the fulfilment of orders: times to ship and to
// deliver, the on-time rate and the coverage of the data, in total and
// by carrier and region (see the package documentation for the
// definitions). The zero Tracker is ready to use, with a zero AsOf. A
// Tracker is not safe for concurrent use: give each goroutine its own and
// merge them.
type Tracker struct {
	// AsOf is the time at which an undelivered order whose promise has
	// passed counts as late: the end of the period reviewed, or the time
	// of the data's export. An order's status is taken when it is added,
	// and only an undelivered order with a promise depends on AsOf: set
	// it before adding those (a caller that learns it late may add the
	// others first). Defaults to the zero time: undelivered orders are
	// then pending, never late.
	AsOf time.Time

	total    group
	carriers map[string]*group
	regions  map[string]*group
}

// group holds the figures of the orders of one carrier or region, or all.
type group struct {
	orders, cancelled         int64
	ship, deliver, door       Durations
	shipFromPlaced, unshipped int64
	undelivered               int64
	onTime, late, pending     int64
	lateUndelivered           int64
	noPromise                 int64
}

// Add counts o. It returns a *metrics.ValidationError, and counts
// nothing, when a fulfilment time of o is before the step it follows.
// A cancelled order is counted only as cancelled.
func (t *Tracker) Add(o metrics.Order) error {
	if err := metrics.FulfilmentError(&o); err != nil {
		return err
	}
	if t.carriers == nil {
		t.carriers = make(map[string]*group)
		t.regions = make(map[string]*group)
	}
	for _, g := range [...]*group{&t.total, of(t.carriers, o.Carrier), of(t.regions, o.Region)} {
		g.add(&o, t.AsOf)
	}
	return nil
}

// of returns the group of key in m, made if need be.
func of(m map[string]*group, key string) *group {
	g := m[key]
	if g == nil {
		g = &group{}
		m[key] = g
	}
	return g
}

func (g *group) add(o *metrics.Order, asOf time.Time) {
	if o.Status == metrics.Cancelled {
		g.cancelled++
		return
	}
	g.orders++
	if o.ShippedAt.IsZero() {
		g.unshipped++
	} else {
		from := o.PaidAt
		if from.IsZero() {
			from = o.PlacedAt
			g.shipFromPlaced++
		}
		g.ship.Add(o.ShippedAt.Sub(from))
	}
	if o.DeliveredAt.IsZero() {
		g.undelivered++
	} else {
		if !o.ShippedAt.IsZero() {
			g.deliver.Add(o.DeliveredAt.Sub(o.ShippedAt))
		}
		g.door.Add(o.DeliveredAt.Sub(o.PlacedAt))
	}
	switch StatusOf(o, asOf) {
	case NoPromise:
		g.noPromise++
	case Pending:
		g.pending++
	case OnTime:
		g.onTime++
	case Late:
		g.late++
		if o.DeliveredAt.IsZero() {
			g.lateUndelivered++
		}
	}
}

func (g *group) merge(o *group) {
	g.orders += o.orders
	g.cancelled += o.cancelled
	g.ship.Merge(&o.ship)
	g.deliver.Merge(&o.deliver)
	g.door.Merge(&o.door)
	g.shipFromPlaced += o.shipFromPlaced
	g.unshipped += o.unshipped
	g.undelivered += o.undelivered
	g.onTime += o.onTime
	g.late += o.late
	g.pending += o.pending
	g.lateUndelivered += o.lateUndelivered
	g.noPromise += o.noPromise
}

// Merge adds every order of o to t, as if t had been given them. It
// returns a *metrics.MergeError, wrapping metrics.ErrIncompatible, and
// leaves t unchanged when o has another AsOf.
func (t *Tracker) Merge(o *Tracker) error {
	if !t.AsOf.Equal(o.AsOf) {
		return &metrics.MergeError{Pkg: "fulfilment", Type: "Tracker",
			Problem: "AsOf " + t.AsOf.Format(time.RFC3339) + " and " + o.AsOf.Format(time.RFC3339)}
	}
	if t == o {
		c := t.clone()
		o = &c
	}
	if t.carriers == nil && len(o.carriers) > 0 {
		t.carriers = make(map[string]*group)
		t.regions = make(map[string]*group)
	}
	t.total.merge(&o.total)
	for k, g := range o.carriers {
		of(t.carriers, k).merge(g)
	}
	for k, g := range o.regions {
		of(t.regions, k).merge(g)
	}
	return nil
}

// clone returns a deep copy of t.
func (t *Tracker) clone() Tracker {
	c := Tracker{AsOf: t.AsOf}
	c.total.merge(&t.total)
	c.carriers, c.regions = make(map[string]*group), make(map[string]*group)
	for k, g := range t.carriers {
		of(c.carriers, k).merge(g)
	}
	for k, g := range t.regions {
		of(c.regions, k).merge(g)
	}
	return c
}

// Summary is the fulfilment of a set of orders: all the orders of a
// Tracker, or those of one carrier or region.
type Summary struct {
	Name      string // the carrier or region; "" for the total, or for orders without one
	Orders    int64  // orders counted, cancelled ones excluded
	Cancelled int64  // cancelled orders, in no other figure

	ToShip         Times // ShippedAt − PaidAt (or − PlacedAt when PaidAt is unknown)
	ShipFromPlaced int64 // of ToShip.N, measured from PlacedAt for want of PaidAt
	Unshipped      int64 // orders without ShippedAt: not shipped, or not known
	ToDeliver      Times // DeliveredAt − ShippedAt, over orders with both
	ToDoor         Times // DeliveredAt − PlacedAt, over delivered orders
	Undelivered    int64 // orders without DeliveredAt: not delivered, or not known

	OnTime          int64         // delivered at or before PromisedBy
	Late            int64         // delivered after PromisedBy, or undelivered with the promise past at AsOf
	LateUndelivered int64         // of Late, not delivered
	Pending         int64         // undelivered, the promise not yet due at AsOf: in no rate
	NoPromise       int64         // without PromisedBy: in no rate
	OnTimeRate      metrics.Ratio // OnTime / (OnTime + Late), in [0, 1]; undefined when both are 0
}

func (g *group) summary(name string) Summary {
	return Summary{
		Name: name, Orders: g.orders, Cancelled: g.cancelled,
		ToShip: g.ship.Times(), ShipFromPlaced: g.shipFromPlaced, Unshipped: g.unshipped,
		ToDeliver: g.deliver.Times(), ToDoor: g.door.Times(), Undelivered: g.undelivered,
		OnTime: g.onTime, Late: g.late, LateUndelivered: g.lateUndelivered, Pending: g.pending, NoPromise: g.noPromise,
		OnTimeRate: metrics.CountRatio(g.onTime, g.onTime+g.late),
	}
}

// Summary returns the fulfilment of all the orders added.
func (t *Tracker) Summary() Summary { return t.total.summary("") }

// ByCarrier returns the fulfilment of each carrier, most orders first,
// then by name; orders without a carrier are under the name "". The
// carriers' figures add up to [Tracker.Summary]'s (its counts; quantiles
// do not add).
func (t *Tracker) ByCarrier() []Summary { return summaries(t.carriers) }

// ByRegion returns the fulfilment of each region, as [Tracker.ByCarrier]
// does for carriers.
func (t *Tracker) ByRegion() []Summary { return summaries(t.regions) }

func summaries(m map[string]*group) []Summary {
	out := make([]Summary, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k].summary(k))
	}
	slices.SortStableFunc(out, func(a, b Summary) int {
		return cmp.Compare(b.Orders+b.Cancelled, a.Orders+a.Cancelled)
	})
	return out
}
