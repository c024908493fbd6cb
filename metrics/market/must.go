package market

// oneCurrency returns v, and panics if err is not nil. It wraps the sums,
// comparisons and changes of a Tracker's prices and sales, which are all
// in the tracker's currency or the zero Money: AddPrice rejects a price
// without a currency or in another one, AddOrder an order without a
// currency, in another one than the tracker's or with a line in another
// one than its own, Merge a tracker of another currency, and
// UnmarshalBinary parses every amount in the encoded currency. An error
// here is a bug of this package, never bad input.
func oneCurrency[T any](v T, err error) T {
	if err != nil {
		panic("market: the sales of a tracker are not all in its currency (a bug): " + err.Error())
	}
	return v
}
