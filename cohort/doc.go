// Package cohort computes the customer section of an operations review
// (用户画像): acquisition cohorts and their retention, repurchase, RFM
// segments, and the summary statistics that CLV models fit.
//
// # The ledger
//
// Everything starts from a [Ledger], an accumulator of each customer's
// purchases day by day in the store's time zone. Add orders (with their
// refunds) in any order with [Ledger.Add] or [Ledger.AddAll], or batches
// of orders held as columns ([metrics.Orders], what readers fill) with
// [Ledger.AddOrders], the fast path, which gives the same ledger; the zero
// Ledger is ready, and ledgers of shards combine exactly with
// [Ledger.Merge]. Cancelled and guest orders are counted
// ([Ledger.Skipped]) and left out. Every analysis is a query on the
// ledger, so one pass over the orders serves them all.
//
// Amounts are exact and in one currency. The ledger computes an order's
// value from its lines, as shopmetrics defines net sales and COGS:
//
//	net sales    = Σ (quantity × unit price − line discount) − order discount − refunds
//	COGS         = Σ quantity × unit cost − cost of restocked returned units
//	gross profit = net sales − COGS
//
// Refunds count on the day they were paid (returns, by definition), not on
// the order's day. Shipping and tax are not sales.
//
// # Cohorts
//
// A customer's cohort is read from their first order, the earliest
// non-cancelled one (ties to the smaller order ID): its day, ISO week or
// month ([ByPeriod]), or its channel, main category, promotion, or any
// key computed by [Ledger.Key] ([By]).
//
// # Retention
//
// [Ledger.Retention] builds a [Matrix] of cohorts × periods since
// acquisition holding customers active, orders, net sales, gross profit
// and the cumulative curves per customer (the historical LTV of
// the definitions here), with "on" or "on or after" retention ([Kind]) in calendar
// periods or rolling windows from each customer's first day ([Window]).
// Cells the as-of day cannot see yet are unobserved, not zero, in the data
// ([Cell].Observed) and in [Matrix.Table] ([Unobserved]). [Matrix.Curve]
// is the weighted average retention curve over the cohorts that reached
// each period.
//
// # Retention alone: the Activity
//
// An [Activity] is the lean accumulator for retention by period alone,
// as metrics.Totals is for totals: per customer, the set of calendar
// periods (days, ISO weeks or months) with an order, 8 bytes a customer,
// without orders, amounts or first-order details. The cohort is the
// earliest period, so shards merge exactly by customer ID
// ([Activity.Merge]), and [Activity.Retention] gives a [Matrix] with the
// Ledger's cohorts, sizes and, per cell,
//
//	active(cohort, n) = customers of the cohort with an order in period
//	                    cohort + n (On), or in it or a later one up to the
//	                    as-of day (OnOrAfter)
//	retention         = active / cohort size (a ratio of customers)
//
// for cohorts by period in calendar windows: the same values as
// [Ledger.Retention] for the same orders, with no orders or amounts in the
// cells. It filters orders as the Ledger does, with the same errors.
//
// # Repurchase
//
// [Ledger.Repurchase] gives the repeat rate within N days of the first
// order (30, 60, 90 by default) per cohort and overall, the days between
// purchases (median, 90th percentile), the purchase-count distribution and
// the share of net sales from returning customers. Same-day orders can
// count as one purchase ([RepurchaseConfig].CountDays). A customer counts
// toward the N-day rate only once their N days have passed, so a young
// cohort does not look disloyal; shopmetrics' "/ cohort size" is the same
// number for a cohort whose customers are all that old.
//
// # RFM and CLV inputs
//
// [Ledger.RFM] scores recency, frequency and monetary value in quintiles
// with a deterministic rule for ties, and names eight segments with
// [SegmentOf]. [Ledger.Summary] gives the per-customer statistics of
// BG/NBD, Pareto/NBD and Gamma-Gamma models (x, t_x, T, mean repeat spend,
// calibration and holdout) exactly as the CDNOW benchmark defines them;
// on the CDNOW sample it reproduces BTYD's published summary to every
// printed digit.
//
// # Errors
//
// A bad order is an *[OrderError] wrapping [ErrInvalidOrder] (and
// money.ErrCurrencyMismatch or money.ErrUnknownCurrency for a currency
// problem). An invalid configuration of [Ledger.Retention],
// [Ledger.Repurchase] or [Ledger.Summary] (a grain that is not a day, week
// or month, an unknown By, Kind or Window, a negative window or unit, a
// holdout before calibration), or an unknown [Measure] given to
// [Matrix.Table], returns joined *metrics.ConfigError values naming each
// field, wrapping metrics.ErrConfig, and no result; nothing panics on
// configuration. [Ledger.Merge] checks everything before changing the
// ledger: ledgers in other locations or currencies, or a ledger merged
// with itself, give a *metrics.MergeError wrapping metrics.ErrIncompatible
// and leave it unchanged. Panics are left for programmer errors, each
// documented: [SegmentOf] with a score outside 1 to 5, a nil argument,
// and the capacity limits of a ledger (2^31−2 customers, a customer ID of
// 4 GiB).
package cohort
