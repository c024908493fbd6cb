// Package profile computes the customer profile (用户画像): sales, buyers,
// orders, AOV, repurchase rate and customer value by customer attribute
// (age band, gender, city, region, city tier and any labelled attribute),
// and how the period's new customers differ from the base.
//
// # Customers and attributes
//
// A [Customer] is a customer ID with its attributes. Each attribute is a
// dimension ([DimAgeBand], [DimGender], [DimCity], [DimRegion],
// [DimCityTier], or the key of a label); a customer without a value for a
// dimension, or a buyer without any customer record, counts in that
// dimension's [Unknown] row, so no buyer is ever dropped and the rows of a
// dimension add up to the total. Ages become age bands by [AgeBands]: <18,
// 18-24, 25-34, 35-44, 45-54, 55+ unless configured; an explicit age band
// in the data is kept as it is written.
//
// # Metrics by attribute value
//
// [Table] accumulates one [Buyer] per customer who bought in the period
// (their net sales and orders in the period, whether they are new, and
// their customer value) under each of their attribute values. For each
// value of a dimension, [Table.Rows] gives:
//
//   - Sales (销售额): Σ the buyers' net sales in the period (order value
//     after discounts, before returns, shipping and tax), in the table's
//     currency. Sales share (销售占比) = sales of the value / sales of all
//     buyers; undefined when all sales are zero.
//   - Buyers (买家数) and buyer share (买家占比) = buyers of the value /
//     all buyers.
//   - Orders (订单数) and AOV (客单价, per order) = sales / orders;
//     undefined without orders.
//   - Repurchase rate (复购率) = buyers with ≥ 2 orders in the period /
//     buyers (METRICS.md's convention, counted on orders).
//   - Value per buyer (客户价值) = Σ Buyer.Value / buyers. What the value
//     is, is the caller's choice and must be named on the page: the review
//     (report) passes the historical value, each buyer's cumulative net
//     sales from their first order to the period's end (the revenue variant
//     of the historical LTV), because the customer model's predicted CLV is
//     not kept per customer.
//
// The shares of a dimension's rows, unknown included, add up to 100 %:
// the unknown row is the total less the known values.
//
// # New customers against the base
//
// A new customer is a buyer whose first ever order falls in the period
// (METRICS.md). For each value, [Shift] compares the share of new buyers
// that have it with its share of all buyers in the period (the base),
// reporting the difference in percentage points (pp): "new customers are
// younger than the base, +12 pp 18-24". The difference new − all is
// (1 − f)(new − returning), with f the new buyers' share of all buyers,
// so it is zero exactly when the new and returning buyers' shares are
// equal; the significance test is therefore the pooled two-proportion z
// test of new against returning buyers, two disjoint samples, two-sided.
// A dimension tests each of its k values, so a difference is significant
// when its p-value is below [Alpha] / k (Bonferroni). The test is
// undefined (and nothing is significant) when either group is empty or an
// expected count (n × pooled share, or n × its complement) in either group
// is below 5, where the normal approximation fails.
//
// # Scale
//
// A Table is zero-value ready and not safe for concurrent use. Tables of
// disjoint sets of customers combine exactly with [Table.Merge], and
// [Table.MarshalBinary] encodes one (with a version byte) so that shards
// can be computed apart and merged.
package profile
