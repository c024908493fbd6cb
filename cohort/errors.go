package cohort

import (
	"errors"
	"fmt"
)

// ErrInvalidOrder is the category of every problem [Ledger.Add] finds in
// an order or in one of its refunds. The detail is an *[OrderError].
var ErrInvalidOrder = errors.New("cohort: invalid order")

// OrderError records the problems of one order (and of the refunds given
// with it). Err joins every problem found, so a caller sees them all at
// once; it includes a *metrics.MismatchError when the order's amounts are
// not all in the ledger's currency.
type OrderError struct {
	OrderID string
	Err     error
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("cohort: order %q: %v", e.OrderID, e.Err)
}

// Unwrap returns [ErrInvalidOrder] and the joined problems, so that
// errors.Is(err, metrics.ErrCurrencyMismatch) works too.
func (e *OrderError) Unwrap() []error { return []error{ErrInvalidOrder, e.Err} }
