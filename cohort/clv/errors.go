package clv

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Sentinel errors. The typed errors below wrap them, so callers test the
// category with errors.Is and read the detail with errors.As. Invalid
// model parameters, fit options, value settings and arguments (a negative
// horizon) are a *metrics.ConfigError, which wraps metrics.ErrConfig.
var (
	// ErrInvalidCustomer is wrapped by *[CustomerError].
	ErrInvalidCustomer = errors.New("clv: invalid customer")
	// ErrNoData is returned when a fit receives no row with positive weight.
	ErrNoData = errors.New("clv: no customers to fit")
	// ErrNotConverged is wrapped by *[FitError].
	ErrNotConverged = errors.New("clv: fit did not converge")
	// ErrUndefined is wrapped by *[UndefinedError]: a quantity that does
	// not exist for these parameters (a mean spend with q ≤ 1) or cannot be
	// represented or computed in float64 arithmetic to the package's
	// accuracy (a likelihood below the smallest float64, a series that
	// does not converge).
	ErrUndefined = errors.New("clv: value undefined")
)

// CustomerError reports one invalid input row: its position in the input
// slice, the customer ID and what is wrong with it.
type CustomerError struct {
	Index  int    // position in the input slice
	ID     string // Customer.ID, possibly empty
	Reason string // such as "t_x 41 exceeds T 39"
}

func (e *CustomerError) Error() string {
	return fmt.Sprintf("clv: customer %d (id %q): %s", e.Index, e.ID, e.Reason)
}

// Unwrap returns [ErrInvalidCustomer].
func (e *CustomerError) Unwrap() error { return ErrInvalidCustomer }

// FitError reports that the optimiser stopped without meeting its
// convergence criterion. The parameters returned alongside it are the best
// finite ones found and may still be usable; Status is the optimiser's
// termination status and Err its error, if any.
type FitError struct {
	Model  string // "BG/NBD", "Pareto/NBD", ...
	Status string // gonum optimize termination status
	Err    error  // optimiser error, possibly nil
}

func (e *FitError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("clv: %s fit did not converge (status %s): %v", e.Model, e.Status, e.Err)
	}
	return fmt.Sprintf("clv: %s fit did not converge (status %s)", e.Model, e.Status)
}

// Unwrap returns [ErrNotConverged].
func (e *FitError) Unwrap() error { return ErrNotConverged }

// UndefinedError reports a prediction or likelihood that has no finite
// value for the given parameters and customer, or that the package cannot
// compute to its accuracy, instead of returning NaN, ±Inf or a wrong
// number.
type UndefinedError struct {
	Model    string // "BG/NBD", "Pareto/NBD", ...
	Quantity string // such as "P(alive)" or "E[Y(t)]"
	Reason   string // such as "the hypergeometric series did not converge"
}

func (e *UndefinedError) Error() string {
	return fmt.Sprintf("clv: %s %s undefined: %s", e.Model, e.Quantity, e.Reason)
}

// Unwrap returns [ErrUndefined].
func (e *UndefinedError) Unwrap() error { return ErrUndefined }

func undefined(model, quantity, format string, args ...any) error {
	return &UndefinedError{Model: model, Quantity: quantity, Reason: fmt.Sprintf(format, args...)}
}

// configError returns the *metrics.ConfigError of package clv.
func configError(field, format string, args ...any) error {
	return &metrics.ConfigError{Pkg: "clv", Field: field, Problem: fmt.Sprintf(format, args...)}
}

// errParams returns one *metrics.ConfigError per parameter of model (a
// type name such as "BGNBD") that is not positive and finite, joined; nil
// if all are valid. names lists the fields in the order of p.
func errParams(model string, names string, p []float64) error {
	// Every forecast checks its model's parameters, hundreds of thousands
	// of times in a review: the names are split only when one is invalid.
	valid := true
	for _, v := range p {
		valid = valid && v > 0 && finite(v)
	}
	if valid {
		return nil
	}
	var errs []error
	for i, name := range strings.Fields(names) {
		if v := p[i]; !(v > 0) || !finite(v) {
			errs = append(errs, configError(model+"."+name, "must be positive and finite, got %v", v))
		}
	}
	return errors.Join(errs...)
}

// checkHorizon returns a *metrics.ConfigError naming arg unless t is
// finite and non-negative.
func checkHorizon(arg string, t float64) error {
	if !(t >= 0) || !finite(t) {
		return configError(arg, "must be finite and non-negative, got %v", t)
	}
	return nil
}

func joinErrs(errs []error) error { return errors.Join(errs...) }
