package inventory

// EncodedSizes returns, for the benchmarks of package inventory_test, the
// number of s's SKUs and the bytes of its encoding that they take.
func EncodedSizes(s *Sales) (skus, skuBytes int) {
	for i := range s.skus {
		skuBytes += len(s.skus[i].appendBinary(nil, s.cur))
	}
	return len(s.skus), skuBytes
}
