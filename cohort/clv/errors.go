package clv

import (
	"errors"
	"fmt"
)

// Sentinel errors. The typed errors below wrap them, so callers test the
// category with errors.Is and read the detail with errors.As.
var (
	// ErrInvalidCustomer is wrapped by *[CustomerError].
	ErrInvalidCustomer = errors.New("clv: invalid customer")
	// ErrNoData is returned when a fit receives no row with positive weight.
	ErrNoData = errors.New("clv: no customers to fit")
	// ErrNotConverged is wrapped by *[FitError].
	ErrNotConverged = errors.New("clv: fit did not converge")
	// ErrInvalidConfig is returned for a configuration that cannot be used,
	// such as a zero time unit in [ValueConfig].
	ErrInvalidConfig = errors.New("clv: invalid configuration")
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

func errParams(model string, p []float64) error {
	return fmt.Errorf("%w: %s parameters %v must be positive and finite", ErrInvalidConfig, model, p)
}

func joinErrs(errs []error) error { return errors.Join(errs...) }
