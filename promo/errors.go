package promo

import (
	"cmp"
	"errors"
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Sentinel errors. Functions return typed errors that wrap one of these, so
// callers test the category with errors.Is and read the detail with
// errors.As. The categories shared by every package of shopmetrics are
// used too: an invalid [Config] (or a Track after orders were added) is a
// *metrics.ConfigError wrapping metrics.ErrConfig, a refused
// [Ledger.Merge] a *metrics.MergeError wrapping metrics.ErrIncompatible,
// and every currency problem wraps money.ErrCurrencyMismatch.
var (
	// ErrInvalidOrder: an order that cannot be measured (bad quantity,
	// negative amount, mixed currencies). Wrapped by *[OrderError].
	ErrInvalidOrder = errors.New("promo: invalid order")
	// ErrInvalidPromotion: a promotion without an ID, with an empty window
	// or an empty scope. Wrapped by *[PromotionError].
	ErrInvalidPromotion = errors.New("promo: invalid promotion")
	// ErrUnknownPromotion: a promotion ID the Ledger does not track.
	ErrUnknownPromotion = errors.New("promo: unknown promotion")
	// ErrWindowOutsideData: a promotion window not covered by the orders.
	// Wrapped by *[CoverageError].
	ErrWindowOutsideData = errors.New("promo: promotion window outside the data")
	// ErrPrePeriodTooShort: the data before the window is shorter than
	// the configured pre-period. Wrapped by *[CoverageError].
	ErrPrePeriodTooShort = errors.New("promo: pre-period too short for the baseline")
	// ErrNoControl: a difference-in-differences baseline without a usable
	// control group.
	ErrNoControl = errors.New("promo: no usable control group")
)

// Why a side effect of a [Result] is not measured ([Effect].Why).
var (
	// ErrNoCategory: the promoted items have no category, so there is
	// no group of items of the same categories (cannibalization) nor of
	// others (halo).
	ErrNoCategory = errors.New("promo: the promoted items have no category")
	// ErrNoRivals: every item of the promoted items' categories is
	// promoted, so none is left to lose sales to them
	// (cannibalization).
	ErrNoRivals = errors.New("promo: no items of the promoted categories outside the scope")
	// ErrWholeStore: a store-wide promotion has no items outside it
	// (halo).
	ErrWholeStore = errors.New("promo: the promotion covers the whole store")
	// ErrNoPostWindow: the data end with the window, so there are no
	// days after it (pull-forward).
	ErrNoPostWindow = errors.New("promo: the data end with the window")
	// ErrPostOverlap: other activities ran in the post-window, whose
	// sales carry their effect as much as the promotion's
	// ([Result].PostOverlaps; pull-forward).
	ErrPostOverlap = errors.New("promo: other activities ran in the post-window")
)

// OrderError records a problem with one order, or one of its lines.
type OrderError struct {
	OrderID string
	Line    int // index of the line in Order.Lines, or -1 for the order itself
	SKU     string
	Reason  string
	// Err, when not nil, is a further category of the problem:
	// money.ErrCurrencyMismatch for an amount or an order in another
	// currency.
	Err error
}

func (e *OrderError) Error() string {
	if e.Line < 0 {
		return fmt.Sprintf("promo: order %q: %s", e.OrderID, e.Reason)
	}
	return fmt.Sprintf("promo: order %q line %d (SKU %q): %s", e.OrderID, e.Line, e.SKU, e.Reason)
}

// Unwrap returns [ErrInvalidOrder], and Err when it is set.
func (e *OrderError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalidOrder}
	}
	return []error{ErrInvalidOrder, e.Err}
}

// PromotionError records a problem with one promotion.
type PromotionError struct {
	ID     string
	Reason string
}

func (e *PromotionError) Error() string {
	return fmt.Sprintf("promo: promotion %q: %s", e.ID, e.Reason)
}

// Unwrap returns [ErrInvalidPromotion].
func (e *PromotionError) Unwrap() error { return ErrInvalidPromotion }

// CoverageError records that the data does not cover the days an analysis
// needs. Err is [ErrWindowOutsideData] or [ErrPrePeriodTooShort].
type CoverageError struct {
	Promotion string
	Need      string // the days needed, such as "2025-10-04..2025-10-31"
	Have      string // the days the data covers, or "" when it holds no order
	// PreDays is the pre-period's length asked for (Config.PreDays), for
	// ErrPrePeriodTooShort; 0 otherwise.
	PreDays int
	Err     error
}

func (e *CoverageError) Error() string {
	have := cmp.Or(e.Have, "no days")
	if errors.Is(e.Err, ErrPrePeriodTooShort) && e.PreDays > MinPreDays {
		// The pre-period needed is Config.PreDays long; it may be set as
		// short as MinPreDays.
		have += fmt.Sprintf(" (Config.PreDays can be as short as %d)", MinPreDays)
	}
	if e.Promotion == "" {
		return fmt.Sprintf("%v: need %s, data covers %s", e.Err, e.Need, have)
	}
	return fmt.Sprintf("%v: promotion %q needs %s, data covers %s", e.Err, e.Promotion, e.Need, have)
}

// Unwrap returns Err.
func (e *CoverageError) Unwrap() error { return e.Err }

// configError returns the *metrics.ConfigError of field.
func configError(field, problem string) error {
	return &metrics.ConfigError{Pkg: "promo", Field: field, Problem: problem}
}

// mergeError returns the *metrics.MergeError of a refused Ledger.Merge,
// wrapping cause too when it is not nil.
func mergeError(problem string, cause error) error {
	e := &metrics.MergeError{Pkg: "promo", Type: "Ledger", Problem: problem}
	if cause == nil {
		return e
	}
	return fmt.Errorf("%w: %w", e, cause)
}
