package promo

// EncodedSizes returns, for the benchmarks of package promo_test, the
// number of l's SKUs and the bytes of its encoding that they take.
func EncodedSizes(l *Ledger) (skus, skuBytes int) {
	for i := range l.skus {
		skuBytes += len(l.skus[i].appendBinary(nil))
	}
	return len(l.skus), skuBytes
}
