// Package campaign measures CRM campaigns and personalised offers
// (精准营销): an offer sent to a chosen list of customers, such as a
// coupon by text message, against the customers who were not sent it.
//
// A targeted customer who buys during the campaign may have bought
// anyway. This package answers "what did the campaign add, and did it
// pay?" by comparing the targeted customers with a comparison group over
// the campaign's window, with exact money and a confidence interval.
//
// # Data
//
// A [Campaign] has an ID, a name, a window [start, end) and a cost (the
// cost besides its coupons' discounts, which are already inside the net
// sales of the orders), which may be not known. Its list is a set of [Target] records: customers
// of group [Targeted], and, when the campaign kept a randomised holdout,
// customers of group [Control] chosen the same way but not sent the
// offer. A [Redemption] is one of its coupons redeemed on an order.
//
// A [Ledger] accumulates, for each tracked campaign and each customer,
// the orders, net sales and gross profit (shopmetrics' definitions:
// quantity × unit price − discounts − the refunds given with the order to
// [Ledger.Add]; gross profit = net sales − cost of goods, less the cost of
// the units a refund put back in stock) of the window and of the pre-window
// (the period of equal length just before it: [PreWindow]), and whether the customer
// ordered before the window. Ledgers of shards merge and serialise.
//
// An order with a line sold without a unit cost (zero or not given) has
// no known gross profit: the line counts at no cost, its whole net sales
// as profit. The Ledger counts such orders per customer and window, and
// the comparison of gross profit that reads any (Result.CostMissing)
// gives no incremental profit, gain, ROI or verdict: they are n/a.
//
// # Metrics
//
//   - Response rate (响应率) = targeted customers who ordered in the
//     window / targeted customers; the comparison group's is beside it.
//     Undefined with no targets.
//   - Redemption rate (核销率) = targeted customers who redeemed at least
//     one of the campaign's coupons / targeted customers. Redemptions by
//     customers not targeted are counted apart (Result.Strays).
//   - Revenue and gross profit per customer (人均销售额/人均毛利) = the
//     group's net sales (gross profit) in the window / its customers,
//     those who did not buy counting as zero; rounded half-even to the
//     minor unit; undefined for an empty group.
//   - Incremental revenue and gross profit (增量销售额/增量毛利) = (mean
//     per targeted customer − mean per comparison customer) × targeted
//     customers, with a randomised holdout. Without one, the comparison
//     is observational: the comparison group is every customer not on the
//     list who ordered before the window, and each customer's window
//     value has their pre-window value subtracted first (difference in
//     differences). Money, exact (the comparison mean scaled to the
//     targeted count is rounded half-even once).
//   - Interval: Welch's interval for the difference of the two means, with
//     the Welch–Satterthwaite degrees of freedom, scaled by the targeted
//     count; at Config.Level (default 95 %). Undefined with fewer than two
//     customers in either group.
//   - Gain = incremental gross profit − cost; ROI = gain / cost (undefined
//     for a campaign without cost), its interval from the gain's. Both are
//     undefined for a campaign whose cost is not known (its Cost left the
//     zero Money: [Campaign.CostKnown]).
//   - Verdict (结论): the campaign pays when the whole interval of its gain
//     is above zero (equivalently, for a campaign with a cost, the whole
//     ROI interval), does not pay when it is below zero, and is
//     inconclusive otherwise ([promo.Outcome], as for promotions). When
//     its cost is not known, it does not pay when the whole interval of
//     its incremental gross profit is below zero (no cost can raise it),
//     and is inconclusive otherwise.
//
// A worked example: 1,000 targeted customers bought CNY 52.00 of gross
// profit each in the window, the 1,000 of the holdout CNY 40.00; the
// incremental gross profit is (52 − 40) × 1,000 = CNY 12,000, and a cost
// of CNY 8,000 gives a gain of CNY 4,000 and an ROI of 50 %.
//
// # Limits
//
// The observational comparison removes a difference between the groups
// that stays fixed over time (the list picked the best customers), not
// one that changes (it picked customers who were about to buy anyway);
// the review says it is observational, and its findings say such a
// campaign appears to pay or not, a loss being a warning rather than
// critical. Customers on the list who never
// ordered count as zero in their group. A customer on two campaigns'
// lists counts in each.
//
// # Bad input
//
// Invalid campaigns are *[CampaignError] values; targets and redemptions
// that name an unknown campaign or are malformed are *[RecordError]
// values naming the record, all reported at once; orders that cannot be
// measured are *[OrderError] values. A Merge of ledgers tracking other
// campaigns is a *metrics.MergeError, an invalid [Config] a
// *metrics.ConfigError, and every currency problem wraps
// money.ErrCurrencyMismatch.
package campaign
