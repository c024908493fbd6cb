// Package minor keeps exact running totals of amounts of one currency,
// counted in the currency's minor units (fen, cents): an int64 while the
// total is a whole number of minor units that fits, and a decimal for
// whatever does not (fractions of a minor unit, totals past ±9.2e18).
//
// The accumulators of cohort, promo and inventory hold one [Total] per
// customer, SKU-day or cell; a [metrics.Sum], which keeps any number of
// currencies, would be several times larger there. The fast path is one
// addition and one overflow test.
package minor
