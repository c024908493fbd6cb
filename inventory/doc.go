// Package inventory computes inventory health: turnover, days of inventory,
// days of supply, sell-through, stock-outs, ABC/XYZ classes, slow movers and
// replenishment.
//
// # Inputs
//
// [Analyze] reads end-of-day [Snapshot]s of each SKU (streamed as an
// iter.Seq, grouped by SKU and in day order), [Receipt]s, [Adjustment]s, an
// optional [Item] catalogue and the daily [Sales] built from orders, and
// returns a [Report] with one [SKUMetrics] per SKU and a [Group] per
// category and for the store.
//
// # Averages
//
// Average inventory is the mean of the snapshots' values at cost
// ([MeanOfSnapshots], METRICS.md) or a time-weighted step average
// ([TimeWeighted]); see [Averaging].
package inventory
