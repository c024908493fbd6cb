package money

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/text/currency"
)

// Currency is an ISO 4217 currency with its number of minor-unit digits
// (2 for CNY and USD, 0 for JPY, 3 for BHD). The zero Currency is "no
// currency"; it is the currency of the zero [Money].
//
// Currency is a small comparable value: it can be a map key and is compared
// with ==.
type Currency struct {
	// v packs the three code letters (bits 0–23) and the minor-unit digits
	// (bits 24–31), so that comparing two currencies is one comparison.
	v uint32
}

func makeCurrency(code string, digits int) Currency {
	return Currency{v: uint32(code[0]) | uint32(code[1])<<8 | uint32(code[2])<<16 | uint32(digits)<<24}
}

// digits returns the number of minor-unit digits.
func (c Currency) digits() int32 { return int32(c.v >> 24) }

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
	h := currencyTable()[codeIndex(code[0], code[1], code[2])]
	if h == nil {
		return Currency{}, &CurrencyError{Code: code}
	}
	return h.cur, nil
}

// codeIndex maps an upper-case code to 0 … 26³−1.
func codeIndex(a, b, c byte) int {
	return (int(a-'A')*26+int(b-'A'))*26 + int(c-'A')
}

// currencyTable holds, for every ISO 4217 code that CLDR knows, the shared
// header of that currency's whole-minor-unit amounts. It is built once, on
// first use, and never changes afterwards.
var currencyTable = sync.OnceValue(func() *[26 * 26 * 26]*moneyHdr {
	var t [26 * 26 * 26]*moneyHdr
	code := []byte("AAA")
	for i := range t {
		code[0], code[1], code[2] = byte('A'+i/676), byte('A'+i/26%26), byte('A'+i%26)
		s := string(code)
		u, err := currency.ParseISO(s)
		// The zero Unit is ISO's code for "no currency", not a currency of
		// account.
		if err != nil || u.String() != s || u == (currency.Unit{}) {
			continue
		}
		scale, _ := currency.Standard.Rounding(u)
		c := makeCurrency(s, scale)
		t[i] = &moneyHdr{exp: -c.digits(), cur: c}
	}
	return &t
})

// stdHeader returns the shared header of c's whole-minor-unit amounts.
func stdHeader(c Currency) *moneyHdr {
	if c.IsZero() {
		return nil
	}
	return currencyTable()[codeIndex(byte(c.v), byte(c.v>>8), byte(c.v>>16))]
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
	return string([]byte{byte(c.v), byte(c.v >> 8), byte(c.v >> 16)})
}

// String returns the currency code.
func (c Currency) String() string { return c.Code() }

// Digits returns the number of minor-unit digits: 2 for CNY, 0 for JPY.
func (c Currency) Digits() int { return int(c.digits()) }

// Compare orders currencies by code, for sorting: -1, 0 or +1 as c's code
// sorts before, with or after o's. The zero Currency sorts first.
func (c Currency) Compare(o Currency) int { return strings.Compare(c.Code(), o.Code()) }

// IsZero reports whether c is the zero Currency.
func (c Currency) IsZero() bool { return c.v == 0 }

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
	return fmt.Sprintf("money: unknown currency %q", e.Code)
}

// Unwrap returns [ErrUnknownCurrency].
func (e *CurrencyError) Unwrap() error { return ErrUnknownCurrency }

// Equal reports whether c and o are the same currency. It is the same as
// c == o, and lets go-cmp compare values that hold a Currency.
func (c Currency) Equal(o Currency) bool { return c == o }
