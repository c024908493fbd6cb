package report

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// firstOrder is a customer's earliest non-cancelled order seen so far.
type firstOrder struct {
	at      time.Time
	channel string
	id      string
	net     money.Money // Order.Net, set by the channels part
}

// earlier reports whether o comes before f as a first order: placed
// earlier, or at the same time through a smaller channel, or through the
// same channel with a smaller ID, as metrics.Summary breaks ties for its
// new buyers.
func earlier(o *metrics.Order, f *firstOrder) bool {
	if c := o.PlacedAt.Compare(f.at); c != 0 {
		return c < 0
	}
	if o.Channel != f.channel {
		return o.Channel < f.channel
	}
	return o.ID < f.id
}

// firsts numbers the customers of the orders kept in the pass over
// orders, once for every part that needs them, and keeps each one's
// first order.
//
// The first orders stand for the orders placed before a compared period
// in its summarizer: a metrics.Summarizer only records such an order's
// time and channel as a candidate first order of its customer (the
// earliest wins, the smaller channel on a tie), so that the minimum over
// all of a customer's orders, given once at the end of the pass to every
// summarizer whose period starts after it, leaves each summarizer's
// summary as the orders one by one did. That is a lookup in a
// summarizer's customer table per customer instead of per order (on
// 1.1M orders of 310k customers, about 1.1M instead of 3.6M over the
// four summarizers), and one lookup of the customer per order, in a
// Dict, instead of one in the channels part's map of first orders.
type firsts struct {
	ids metrics.Dict // numbers the customers
	// pages hold the first orders by customer number, firstsPage a
	// page, so that a new customer moves no other's first order: a
	// slice grown by append copied 100 bytes a customer each time it
	// doubled, a third of the time of see on 310k customers.
	pages [][]firstOrder
	// latest is the latest time of a first order so far, or later (a
	// bound: a first order moved earlier leaves it): an order placed
	// after it is no customer's first order, and see need not read the
	// customer's, which most orders, in time order, are not.
	latest time.Time
	// cats holds the categories part's bits of each customer (see
	// categoriesPart), by customer number: a byte a customer, so that
	// the part's read of them for each order is mostly in cache, where
	// a first order of pages mostly is not.
	cats []uint8
	// cust is the number of the customer of the order being added, or -1
	// for a cancelled order or a guest's.
	cust int32
	// now is the number of the customer whose first order the order
	// being added has just become, or -1: the channels part computes
	// the net amount of that order only.
	now int32
	// deferred is whether the summarizers get the orders before their
	// period from first instead of from order: whether every compared
	// period is a valid, non-empty one (a zero Period takes every order
	// in, and an invalid one makes Summarizer.Add fail with a
	// *ConfigError: the orders go to them one by one then). 0 is not yet
	// known, 1 yes, -1 no.
	deferred int8
}

// see records o, a non-cancelled order of a customer, kept in the pass,
// as its customer's first order if it is earlier than the one seen, and
// sets cust and now.
func (fs *firsts) see(o *metrics.Order) {
	n := fs.ids.Len()
	k := fs.ids.Index(o.CustomerID)
	fs.cust = k
	if int(k) == n {
		if k%firstsPage == 0 {
			fs.pages = append(fs.pages, make([]firstOrder, 0, firstsPage))
		}
		last := &fs.pages[len(fs.pages)-1]
		*last = append(*last, firstOrder{at: o.PlacedAt, channel: o.Channel, id: o.ID})
		fs.cats = append(fs.cats, 0)
		if o.PlacedAt.After(fs.latest) {
			fs.latest = o.PlacedAt
		}
		fs.now = k
		return
	}
	if o.PlacedAt.After(fs.latest) {
		fs.now = -1
		return
	}
	f := fs.at(k)
	if !earlier(o, f) {
		fs.now = -1
		return
	}
	f.at, f.channel, f.id = o.PlacedAt, o.Channel, o.ID
	fs.now = k
}

// firstsPage is the number of first orders of a page of firsts.
const firstsPage = 4096

// len returns the number of customers.
func (fs *firsts) len() int { return fs.ids.Len() }

// firstOrderAt returns when customer id placed their first order kept in
// the pass (not cancelled), and false for a customer without one.
func (fs *firsts) firstOrderAt(id string) (time.Time, bool) {
	k, ok := fs.ids.Lookup(id)
	if !ok || int(k) >= fs.ids.Len() {
		return time.Time{}, false
	}
	return fs.at(k).at, true
}

// at returns the first order of customer k.
func (fs *firsts) at(k int32) *firstOrder { return &fs.pages[k/firstsPage][k%firstsPage] }

// deferOK reports whether the summarizers of periods get the orders
// before their period from the first orders (see deferred).
func (fs *firsts) deferOK(periods *[nPeriods]metrics.Period) bool {
	if fs.deferred == 0 {
		fs.deferred = 1
		for _, p := range periods {
			if p.IsZero() || !p.End.After(p.Start) {
				fs.deferred = -1
			}
		}
	}
	return fs.deferred > 0
}

// addToSummarizers gives each summarizer of sums, of the compared
// periods, the first order of every customer placed before its period,
// in currency cur: what the orders before the period would have told it
// one by one. Only the order's customer, time, channel, currency and
// status matter to a summarizer for an order before its period.
func (fs *firsts) addToSummarizers(sums *[nPeriods]metrics.Summarizer, periods *[nPeriods]metrics.Period, cur money.Currency) error {
	if fs.deferred <= 0 || cur.IsZero() { // no order was deferred
		return nil
	}
	var before [nPeriods]int // the customers to add to each summarizer, at most
	for k := range int32(fs.len()) {
		for i := range periods {
			if fs.at(k).at.Before(periods[i].Start) {
				before[i]++
			}
		}
	}
	for i := range sums {
		sums[i].Grow(cur, before[i])
	}
	var errs []error
	for k := range int32(fs.len()) {
		f := fs.at(k)
		var o metrics.Order
		for i := range sums {
			if !f.at.Before(periods[i].Start) {
				continue
			}
			if o.CustomerID == "" {
				o = metrics.Order{ID: f.id, CustomerID: fs.ids.String(k), PlacedAt: f.at, Channel: f.channel, Currency: cur, Status: metrics.Paid}
			}
			// An order before the period fails only without a currency,
			// and cur is the currency of the orders kept: an error here
			// is a bug, returned rather than lost.
			if err := sums[i].Add(o); err != nil && len(errs) < maxEventErrors {
				errs = append(errs, fmt.Errorf("report: the first order %s of customer %s: %w", f.id, o.CustomerID, err))
			}
		}
	}
	fs.deferred = -1 // once
	return errors.Join(errs...)
}
