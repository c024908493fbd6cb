package loyalty

// oneCurrency returns v, and panics if err is not nil. It wraps the sums
// and ratios of a Tracker's sales, which are all in the currency of its
// figures or the zero Money: AddOrder rejects an order without a currency
// or in another one than the orders before it (or than PointValue), Merge
// a tracker whose orders are in another currency, and UnmarshalBinary
// parses every amount in the encoded currency. An error here is a bug of
// this package, never bad input.
func oneCurrency[T any](v T, err error) T {
	if err != nil {
		panic("loyalty: the sales of a tracker are not all in its currency (a bug): " + err.Error())
	}
	return v
}
