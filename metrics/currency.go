package metrics

import (
	"fmt"

	"golang.org/x/text/currency"
)

// Currency is an ISO 4217 currency with its number of minor-unit digits
// (2 for CNY and USD, 0 for JPY, 3 for BHD). The zero Currency is "no
// currency"; it is the currency of the zero [Money].
//
// Currency is a small comparable value: it can be a map key and is compared
// with ==.
type Currency struct {
	code   [3]byte
	digits int8
}

// ParseCurrency returns the currency with the given upper-case ISO 4217 code.
// The table of codes and their minor-unit digits is CLDR's, as shipped in
// golang.org/x/text/currency (the standard, not the cash, rounding).
//
// ParseCurrency returns a *[CurrencyError] wrapping [ErrUnknownCurrency] if
// code is not a known currency.
func ParseCurrency(code string) (Currency, error) {
	if len(code) != 3 {
		return Currency{}, &CurrencyError{Code: code}
	}
	for i := 0; i < 3; i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return Currency{}, &CurrencyError{Code: code}
		}
	}
	u, err := currency.ParseISO(code)
	if err != nil || u.String() != code || code == "XXX" {
		return Currency{}, &CurrencyError{Code: code}
	}
	scale, _ := currency.Standard.Rounding(u)
	return Currency{code: [3]byte{code[0], code[1], code[2]}, digits: int8(scale)}, nil
}

// MustCurrency is like [ParseCurrency] but panics if code is not a known
// currency. It is meant for literals in examples and tests.
func MustCurrency(code string) Currency {
	c, err := ParseCurrency(code)
	if err != nil {
		panic(err)
	}
	return c
}

// Code returns the three-letter ISO 4217 code, or "" for the zero Currency.
func (c Currency) Code() string {
	if c.IsZero() {
		return ""
	}
	return string(c.code[:])
}

// String returns the currency code.
func (c Currency) String() string { return c.Code() }

// Digits returns the number of minor-unit digits: 2 for CNY, 0 for JPY.
func (c Currency) Digits() int { return int(c.digits) }

// IsZero reports whether c is the zero Currency.
func (c Currency) IsZero() bool { return c.code == [3]byte{} }

// MarshalText implements encoding.TextMarshaler.
func (c Currency) MarshalText() ([]byte, error) { return []byte(c.Code()), nil }

// UnmarshalText implements encoding.TextUnmarshaler. An empty text gives the
// zero Currency.
func (c *Currency) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = Currency{}
		return nil
	}
	v, err := ParseCurrency(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// CurrencyError records an unknown or malformed currency code.
type CurrencyError struct {
	Code string
}

func (e *CurrencyError) Error() string {
	return fmt.Sprintf("metrics: unknown currency %q", e.Code)
}

// Unwrap returns [ErrUnknownCurrency].
func (e *CurrencyError) Unwrap() error { return ErrUnknownCurrency }
