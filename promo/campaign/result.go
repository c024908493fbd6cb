package campaign

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// Result is the analysis of one campaign: its targeted customers against
// the comparison group over the campaign's window. Amounts are exact
// money in the ledger's currency; per-customer means are rounded half-even
// to the minor unit; interval bounds are statistics (see [Ledger.Analyze])
// rounded the same way. Values that cannot be computed are undefined
// (they print "n/a"), never zero.
type Result struct {
	Campaign Campaign
	// Randomised is true when the campaign has a randomised holdout: the
	// comparison group is its control list. Otherwise the comparison is
	// observational: the comparison group is every customer not on the
	// list who ordered before the window, and the effect is a
	// difference in differences against the pre-window.
	Randomised bool
	Level      float64 // the confidence level of the intervals

	// Targeted and Compared are the sizes of the two groups: customers
	// sent the offer, and the control list or the observational
	// comparison group.
	Targeted, Compared int64
	// Responders and CompareResponders are the customers of each group
	// who ordered in the window.
	Responders, CompareResponders int64
	// Response is the response rate (响应率): Responders / Targeted, the
	// share of targeted customers who ordered in the window; undefined
	// with no targets. CompareResponse is the comparison group's.
	Response, CompareResponse metrics.Ratio

	// Redeemers are the targeted customers who redeemed at least one of
	// the campaign's coupons (whatever the day); Redemption (核销率) is
	// Redeemers / Targeted. Redemptions and Discounts count every
	// redemption of the campaign and its discounts; Strays those by
	// customers not targeted (a control customer, or one not on the
	// list: a coupon passed on). Unvalued counts the redemptions whose
	// discount is not known (Redemption.Discount the zero Money):
	// Discounts adds up the others', so it is the campaign's only when
	// Unvalued is 0.
	Redeemers   int64
	Redemption  metrics.Ratio
	Redemptions int64
	Strays      int64
	Discounts   money.Money
	Unvalued    int64

	// Revenue and Profit are the net sales and gross profit of the
	// targeted customers' orders in the window.
	Revenue, Profit money.Money
	// CostMissing counts the orders with a line sold without a unit cost
	// (a zero or missing UnitCost) among those the comparison of gross
	// profit reads: both groups' in the window, and in the pre-window
	// for an observational comparison. Such a line counts at no cost, its
	// whole net sales as gross profit. When CostMissing is not zero,
	// IncrementalProfit, Gain, ROI and their intervals are undefined, and
	// Outcome is [promo.Inconclusive]; a mean of gross profit per
	// customer (ProfitPer and the others) is undefined when its own
	// orders have such a line, and Profit, an amount, then overstates the
	// targets' gross profit. The revenue figures need no cost.
	CostMissing int64
	// RevenuePer and ProfitPer are their means per targeted customer
	// (customers who did not order count as zero); ComparePer... the
	// comparison group's; PrePer... the same means over the pre-window,
	// which the observational comparison subtracts.
	RevenuePer, ProfitPer               metrics.Value
	CompareRevenuePer, CompareProfitPer metrics.Value
	PreRevenuePer, PreProfitPer         metrics.Value
	ComparePreRevenuePer                metrics.Value
	ComparePreProfitPer                 metrics.Value

	// IncrementalRevenue and IncrementalProfit (增量销售额, 增量毛利) are
	// the difference of the per-customer means between the targeted and
	// the comparison group, scaled to the targeted count:
	//
	//	randomised:    Σ_T x − Targeted × mean_C(x)
	//	observational: Σ_T (x − x_pre) − Targeted × mean_C(x − x_pre)
	//
	// with x a customer's net sales (or gross profit) in the window and
	// x_pre in the pre-window. The ...Low and ...High values are the
	// bounds of Welch's interval (see [Ledger.Analyze]); undefined with
	// fewer than two customers in either group.
	IncrementalRevenue, RevenueLow, RevenueHigh metrics.Value
	IncrementalProfit, ProfitLow, ProfitHigh    metrics.Value

	// Gain is IncrementalProfit − Campaign.Cost, with its interval; ROI
	// is Gain / Cost (undefined when the cost is zero), with its
	// interval from Gain's bounds. All are undefined when the cost is not
	// known (Campaign.CostKnown false).
	Gain, GainLow, GainHigh metrics.Value
	ROI, ROILow, ROIHigh    metrics.Value

	// Outcome is the verdict (结论): [promo.Pays] when the whole
	// interval of Gain is above zero (for a campaign with a cost, the
	// whole ROI interval), [promo.DoesNotPay] when it is below zero, and
	// [promo.Inconclusive] when it contains zero or is undefined.
	//
	// For a campaign whose cost is not known, it is [promo.DoesNotPay]
	// when the whole interval of IncrementalProfit is below zero: a cost
	// is never negative, so the gain's interval would be below zero too,
	// whatever the cost. Otherwise it is [promo.Inconclusive], even for a
	// profit interval above zero: a cost large enough would take it below.
	Outcome promo.Outcome
}
