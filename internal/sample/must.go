package sample

import "github.com/shopmetrics/shopmetrics/metrics/money"

// must returns v, and panics if err is not nil. It wraps the arithmetic
// of the generator's amounts, which are all of the store's currency (made
// by FromMinor of g.cur, or parts of them) and far within range, so that
// an error is a bug of this package.
func must[T any](v T, err error) T {
	if err != nil {
		panic("sample: an amount outside the store's currency or range (a bug): " + err.Error())
	}
	return v
}

// minor returns m in minor units, and panics if m is not a whole number
// of them: the catalogue's prices and costs, the coupons and the CACs are
// made by FromMinor, and line discounts are rounded.
func minor(m money.Money) int64 {
	v, ok := m.Minor()
	if !ok {
		panic("sample: " + m.String() + " is not whole minor units (a bug)")
	}
	return v
}
