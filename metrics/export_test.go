package metrics

// EncodedSizes returns, summed over s's currencies, its customers and
// SKUs and the bytes of their parts of s's encoding, for the benchmarks.
func EncodedSizes(s *Summarizer) (customers, custBytes, skus, skuBytes int) {
	byDays := s.Options.RepurchaseByDays
	for _, a := range s.accs {
		full := len(a.appendBinary(nil, byDays))
		noCust := *a
		noCust.custs = custTable{}
		noSKU := *a
		noSKU.sku = groups{}
		customers += a.custs.len()
		custBytes += full - len(noCust.appendBinary(nil, byDays))
		skus += len(a.sku.g)
		skuBytes += full - len(noSKU.appendBinary(nil, byDays))
	}
	return customers, custBytes, skus, skuBytes
}

// ValidateTotals is the part of Validate that Totals.AddOrders runs.
func ValidateTotals(o *Orders) error { return o.validate(0) }

// ValidMinor is validMinor, the fast path of ValidateOrder.
func ValidMinor(o *Order) bool { return validMinor(o) }

// CheckOrder is ValidateOrder's checks without its fast path: the
// problems of o and whether its total is known.
func CheckOrder(o Order) (problems []*ValidationError, sane bool) {
	sane = validateOrderSlow(o, false, func(e *ValidationError) { problems = append(problems, e) })
	return problems, sane
}
