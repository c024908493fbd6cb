// Package inventory computes inventory health for a store's operations
// review: which products carry the store, which sit in the warehouse eating
// cash, and what to reorder before it runs out. It covers average inventory,
// turnover, days of inventory, days of supply, sell-through, stock-outs and
// the sales they lose, GMROI, aging, ABC/XYZ classes, slow-moving and dead
// stock, and replenishment (safety stock, reorder point, EOQ, newsvendor).
// Every formula follows the module's metric definitions; the doc comment of each
// field and function states it.
//
// # Inputs
//
// [Analyze] reads an [Input]:
//
//   - end-of-day [Snapshot]s of on-hand units and unit cost, streamed as an
//     iter.Seq with all snapshots of a SKU together and in day order; daily
//     or sparse (at least the start and the end of the period). A snapshot
//     of the day before the period is the opening stock;
//   - daily [Sales] by SKU, built from [metrics.Order]s with
//     [Sales.AddOrder]: units, net revenue (after line and allocated order
//     discounts) and COGS per SKU and day;
//   - [Receipt]s and [Adjustment]s, for sell-through and aging;
//   - an optional [Item] catalogue: category, retail price, lead time,
//     order and holding cost, units on order, service level.
//
// It returns a [Report]: one [SKUMetrics] per SKU, a [Group] per category
// and one for the store. Days are calendar days ([Day]) of the time
// stamps' own location, the store's time zone.
//
// # Averages
//
// Average inventory (平均库存) is, by default, the mean of the snapshots'
// values at cost ([MeanOfSnapshots], as shopmetrics defines it): with daily
// snapshots the daily average, with sparse ones a mean in which every
// snapshot weighs the same. [TimeWeighted] instead gives each day the value
// of the latest snapshot on or before it and averages the days. Money
// averages are exact sums rounded half to even to the minor unit once.
// Turnover, DIO and GMROI divide by this average; a category's or the
// store's average is the sum of its SKUs' averages.
//
// # Data problems
//
// Bad records never stop the analysis and are never hidden: each is
// reported as a *[DataError] naming the source, the SKU, the day and the
// record (its position in the input, so that a reader can add its file and
// line), listed in [Report.Problems] and counted by kind by
// [Report.ProblemCounts]. [Config.BadRecords] says what else happens.
// Under the default [Strict] policy the problems are joined into the error
// Analyze returns, so that a caller that stops on it fails on one bad
// record: a negative on hand counts as a stock-out with no value, an
// unknown SKU is used with no category, and other bad records (another
// currency, out of order, outside the period, bad quantities) are left
// out. Under [Skip] every bad record is left out, as if it were not in the
// input, and Analyze returns no error for them: a review states the counts
// instead of failing.
//
// Counts never overflow silently: sums of units on hand and every amount
// of money are exact, and a record that would take a SKU's units sold,
// received or adjusted (or a group's units) past the int64 range is left
// out and reported ([ErrOverflow]).
//
// An invalid [Config] is a *metrics.ConfigError (wrapping
// metrics.ErrConfig) naming the field; a refused [Sales.Merge] a
// *metrics.MergeError (wrapping metrics.ErrIncompatible); every currency
// problem wraps money.ErrCurrencyMismatch.
//
// # Classes and slow movers
//
// [Report.ABC] (or [ClassifyABC]) ranks SKUs by revenue, gross profit or
// units with configurable 80/15/5 bounds; a SKU takes the class of the band
// in which its cumulative share starts, so the SKU that crosses 80 % is A
// and a one-SKU store's SKU is A (METRICS.md). [XYZOf] classes the coefficient of
// variation of weekly demand ([SKUMetrics.WeeklyCV]); [Report.Matrix]
// crosses both. [Report.SlowMoving] lists slow-moving and dead stock with
// the cash tied up in it.
//
// # Replenishment
//
// [SafetyStock], [ReorderPoint], [EOQ], [Newsvendor] and
// [DaysUntilStockout] are the textbook formulas (the tests check them
// against worked examples of Chopra & Meindl and Nahmias);
// [Report.ReorderList] applies them to every SKU with demand and lists
// those at or below their reorder point with a suggested quantity.
//
// Safety stock (安全库存) is z × σd × √L, with the lead time L fixed
// (METRICS.md), unless the lead time was measured: given a SKU's
// [LeadTime] (mean L and standard deviation σL of its supplier's
// deliveries, from package inventory/supplier) in
// [ReorderConfig.LeadTimes], the reorder list uses the standard formula
// with both variabilities, [SafetyStockVarying]:
// SS = z × √(L × σd² + d² × σL²), d being the mean daily demand. Each
// [Reorder] line says which lead time it used ([LeadTimeSource]).
//
// A [Receipt] may name its supplier and purchase order (PO ID, order day,
// promised day, units ordered); this package leaves those fields to
// package inventory/supplier.
//
// # Performance
//
// Snapshots stream once through an accumulator that adds int64 minor units
// and allocates nothing per snapshot; a year of daily snapshots of 100,000
// SKUs (36.5 million SKU-days) takes about 1.2 s of CPU time on one core
// (BenchmarkAnalyze reports SKU-days per second). [Sales] is an
// accumulator: not safe for concurrent use, so give each goroutine its own
// and combine them with [Sales.Merge]. The functions and the [Report]
// methods only read their inputs.
//
// [Sales] is serializable: [Sales.MarshalBinary] gives a versioned, exact
// encoding of everything Merge needs (every SKU's sales by day, its
// category and last list price, and the data problems met; about 1.1 KB
// per SKU and 8 bytes per order for the two-year demo store), so that
// Sales of shards built on other machines merge into one.
// [Sales.UnmarshalBinary] returns an error wrapping metrics.ErrCorrupt for
// anything that is not such an encoding, never panics, and allocates in
// proportion to its input.
package inventory
