package money

import (
	"errors"
	"fmt"
)

// Sentinel errors. Functions return typed errors that wrap one of these, so
// callers test the category with errors.Is and read the detail with errors.As.
var (
	// ErrUnknownCurrency: a currency code that is not in the ISO 4217 table.
	ErrUnknownCurrency = errors.New("money: unknown currency")
	// ErrCurrencyMismatch: an operation combined amounts of two currencies.
	ErrCurrencyMismatch = errors.New("money: currency mismatch")
	// ErrSyntax: a malformed amount.
	ErrSyntax = errors.New("invalid syntax")
	// ErrRange: an amount whose minor units do not fit in an int64.
	ErrRange = errors.New("value out of range")
	// ErrZeroWeights: an allocation whose weights are all zero.
	ErrZeroWeights = errors.New("money: allocation weights are all zero")
	// ErrNegativeWeight: an allocation with a negative weight.
	ErrNegativeWeight = errors.New("money: negative allocation weight")
)

// MismatchError records an operation on two amounts of different currencies.
type MismatchError struct {
	A, B Money
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("money: currency mismatch: %s and %s", e.A, e.B)
}

// Unwrap returns [ErrCurrencyMismatch].
func (e *MismatchError) Unwrap() error { return ErrCurrencyMismatch }

// NumError records a failed conversion of a text or number into an amount.
// Err is [ErrSyntax] or [ErrRange].
type NumError struct {
	Func  string // the failing function, e.g. "ParseMoney"
	Input string // the offending input
	Err   error
}

func (e *NumError) Error() string {
	return fmt.Sprintf("money: %s: parsing %q: %v", e.Func, e.Input, e.Err)
}

// Unwrap returns the underlying error, [ErrSyntax] or [ErrRange].
func (e *NumError) Unwrap() error { return e.Err }
