package category

// oneCurrency returns v, and panics if err is not nil. It wraps the sums,
// comparisons and ratios of a Tracker's amounts, which are all in the
// tracker's currency or the zero Money: Add rejects an order without a
// currency or in another one, lineNets a line whose net is not in its
// order's currency, Merge a tracker of another currency, and
// UnmarshalBinary parses every amount in the encoded currency. An error
// here is a bug of this package, never bad input.
func oneCurrency[T any](v T, err error) T {
	if err != nil {
		panic("category: the amounts of a tracker are not all in its currency (a bug): " + err.Error())
	}
	return v
}
