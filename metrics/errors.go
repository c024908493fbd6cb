package metrics

import "errors"

// The error vocabulary shared by every package of shopmetrics. Each
// package reports the detail with its own typed errors (such as
// *funnel.EventError or *[ValidationError]), and these categories are the
// same everywhere, so that one errors.Is works whichever package failed:
//
//   - an invalid configuration is a *[ConfigError], which wraps
//     [ErrConfig];
//   - a Merge of two accumulators that cannot be combined (different
//     periods, windows, locations or settings) returns a *[MergeError],
//     which wraps [ErrIncompatible], and leaves the receiver unchanged;
//   - a currency problem wraps money.ErrCurrencyMismatch or
//     money.ErrUnknownCurrency.
var (
	// ErrConfig: a configuration that is invalid (a field out of range, a
	// required field missing, settings that contradict each other).
	ErrConfig = errors.New("invalid configuration")
	// ErrIncompatible: a Merge of accumulators set up differently.
	ErrIncompatible = errors.New("incompatible accumulators")
)

// ConfigError records one invalid field of a configuration. Validation
// that finds several joins them with errors.Join.
type ConfigError struct {
	Pkg     string // the package reporting it, such as "funnel"
	Field   string // the field, such as "Config.Window" or "Config.Steps[2].Name", or a function's parameter, such as "Table(v)"
	Problem string // what is wrong, such as "must be positive, got -1h0m0s"
}

// Error returns "pkg: invalid configuration: field: problem".
func (e *ConfigError) Error() string {
	return e.Pkg + ": invalid configuration: " + e.Field + ": " + e.Problem
}

// Unwrap returns [ErrConfig].
func (e *ConfigError) Unwrap() error { return ErrConfig }

// MergeError records a Merge refused because the two accumulators were set
// up differently. The receiver of a refused Merge is unchanged.
type MergeError struct {
	Pkg     string // the package, such as "cohort"
	Type    string // the accumulator, such as "Ledger"
	Problem string // what differs, such as "Location Asia/Shanghai and UTC"
	// Err, if not nil, is the cause when it has a category of its own,
	// such as a *money.MismatchError for accumulators of two currencies.
	Err error
}

// Error returns "pkg: cannot merge Type: problem".
func (e *MergeError) Error() string {
	return e.Pkg + ": cannot merge " + e.Type + ": " + e.Problem
}

// Unwrap returns [ErrIncompatible] and Err, if not nil, so that
// errors.Is(err, money.ErrCurrencyMismatch) finds a currency cause too.
func (e *MergeError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrIncompatible}
	}
	return []error{ErrIncompatible, e.Err}
}
