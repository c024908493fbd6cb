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
