package cohort

import (
	"errors"
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// ErrInvalidOrder is the category of every problem [Ledger.Add] finds in
// an order or in one of its refunds. The detail is an *[OrderError].
var ErrInvalidOrder = errors.New("cohort: invalid order")

// OrderError records the problems of one order (and of the refunds given
// with it). Err joins every problem found, so a caller sees them all at
// once; it includes a *[money.MismatchError] when the order's amounts are
// not all in the ledger's currency.
type OrderError struct {
	OrderID string
	Err     error
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("cohort: order %q: %v", e.OrderID, e.Err)
}

// Unwrap returns [ErrInvalidOrder] and the joined problems, so that
// errors.Is(err, money.ErrCurrencyMismatch) works too.
func (e *OrderError) Unwrap() []error { return []error{ErrInvalidOrder, e.Err} }

// configError returns the *metrics.ConfigError of field.
func configError(field, problem string) error {
	return &metrics.ConfigError{Pkg: "cohort", Field: field, Problem: problem}
}

// checkGrain returns g, Custom meaning Month, or a *metrics.ConfigError of
// field unless g is Day, Week or Month.
func checkGrain(field string, g metrics.Grain) (metrics.Grain, error) {
	switch g {
	case metrics.Custom:
		return metrics.Month, nil
	case metrics.Day, metrics.Week, metrics.Month:
		return g, nil
	}
	return g, configError(field, "grain "+g.String()+" is not day, week or month")
}

// checkBy returns a *metrics.ConfigError of field unless by is a By
// constant.
func checkBy(field string, by By) error {
	if by > ByKey {
		return configError(field, by.String()+" is not one of the By constants")
	}
	return nil
}
