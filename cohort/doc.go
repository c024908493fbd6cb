// Package cohort computes the customer section of an operations review
// (用户画像): acquisition cohorts and their retention, repurchase, RFM
// segments, and the summary statistics that CLV models fit.
//
// # The ledger
//
// Everything starts from a [Ledger], an accumulator of each customer's
// purchases day by day in the store's time zone. Add orders (with their
// refunds) in any order; the zero Ledger is ready, and ledgers of shards
// combine exactly with [Ledger.Merge]. Cancelled and guest orders are
// counted and left out. Net sales and COGS of an order are computed from
// its lines as METRICS.md defines them (see [Ledger.Add]); refunds count
// on the day they were paid.
//
// A customer's cohort is read from their first order, the earliest
// non-cancelled one (ties to the smaller order ID): its day, ISO week or
// month ([ByPeriod]), or its channel, main category, promotion, or any
// key ([By]).
//
// # Retention
//
// [Ledger.Retention] builds a [Matrix] of cohorts × periods since
// acquisition holding customers active, orders, net sales, gross profit
// and the cumulative (historical LTV) curves, with "on" or "on or after"
// retention ([Kind]) in calendar periods or rolling windows ([Window]).
// Cells the as-of day cannot see yet are marked unobserved, not zero.
// [Matrix.Curve] is the weighted average retention curve and
// [Matrix.Table] the plain table for a report or CSV file.
//
// # Repurchase, RFM and CLV inputs
//
// [Ledger.Repurchase] gives the repeat rate within N days of the first
// order per cohort, the days between purchases, the purchase-count
// distribution and the share of net sales from returning customers.
// [Ledger.RFM] scores recency, frequency and monetary value in quintiles
// and names segments. [Ledger.Summary] gives the per-customer statistics
// (x, t_x, T, mean repeat spend, calibration and holdout) that BG/NBD,
// Pareto/NBD and Gamma-Gamma models take, defined as in the CDNOW
// benchmark.
package cohort
