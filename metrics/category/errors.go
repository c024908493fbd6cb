package category

import (
	"errors"
)

// ErrMismatch is returned by [Tracker.Merge] for trackers of different
// periods or currencies.
var ErrMismatch = errors.New("category: trackers of different periods or currencies")

// ErrCorrupt is the category of the errors of [Tracker.UnmarshalBinary]
// for data that [Tracker.MarshalBinary] did not write.
var ErrCorrupt = errors.New("category: corrupt binary data")

// OrderError reports an order that [Tracker.Add] could not count: its
// currency is not the tracker's (Err wraps money.ErrCurrencyMismatch), or
// its order discount cannot be allocated to its lines.
type OrderError struct {
	OrderID string
	Err     error
}

func (e *OrderError) Error() string { return "category: order " + e.OrderID + ": " + e.Err.Error() }

// Unwrap returns Err.
func (e *OrderError) Unwrap() error { return e.Err }
