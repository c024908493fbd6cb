package fulfilment

import (
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Status is where an order stands against its delivery promise.
type Status uint8

const (
	NoPromise Status = iota // no PromisedBy: neither on time nor late
	Pending                 // not delivered, and its promise not yet due at AsOf
	OnTime                  // delivered at or before PromisedBy
	Late                    // delivered after PromisedBy, or not delivered with its promise past at AsOf
)

var statusNames = [...]string{"no_promise", "pending", "on_time", "late"}

// String returns "no_promise", "pending", "on_time" or "late".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// StatusOf returns the status of o at asOf: [OnTime] or [Late] when it was
// delivered and had a promise, [Late] too when it was not delivered and
// its promise is before asOf, [Pending] when it was not delivered and its
// promise is not before asOf (or asOf is zero), [NoPromise] without a
// promise. The comparisons are exact, not at [Resolution].
func StatusOf(o *metrics.Order, asOf time.Time) Status {
	switch {
	case o.PromisedBy.IsZero():
		return NoPromise
	case !o.DeliveredAt.IsZero():
		if o.DeliveredAt.After(o.PromisedBy) {
			return Late
		}
		return OnTime
	case !asOf.IsZero() && o.PromisedBy.Before(asOf):
		return Late
	}
	return Pending
}

// check returns a *metrics.ValidationError for the first fulfilment time
// of o before the step it follows, as metrics.Validate reports it, or nil.
func check(o *metrics.Order) error {
	prev, prevName := o.PlacedAt, "PlacedAt"
	for _, step := range [...]struct {
		name string
		t    time.Time
	}{{"PaidAt", o.PaidAt}, {"ShippedAt", o.ShippedAt}, {"DeliveredAt", o.DeliveredAt}} {
		if step.t.IsZero() {
			continue
		}
		if !prev.IsZero() && step.t.Before(prev) {
			return &metrics.ValidationError{OrderID: o.ID, Field: step.name,
				Problem: step.name + " " + step.t.Format(time.RFC3339) + " is before " + prevName + " " + prev.Format(time.RFC3339)}
		}
		prev, prevName = step.t, step.name
	}
	return nil
}
