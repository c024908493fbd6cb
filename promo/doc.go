// Package promo measures promotions honestly: what a promotion added over
// what would have sold anyway, what it cost, what it took from other items
// and from the weeks after, and how sure the numbers are.
//
// A sales spike is not a profit. Part of it would have happened anyway
// (the baseline), part was taken from other products of the same category
// (cannibalization) or from the weeks after (pull-forward), and the
// discounts that bought it are a cost. This package answers "did it pay?"
// with exact money and a confidence interval.
//
// # Data
//
// A [Ledger] accumulates orders ([metrics.Order]) into daily sales per SKU
// in the store's time zone, and, for each promotion registered with
// [Ledger.Track], the orders that contain its items. Each line's net sales
// and gross profit follow shopmetrics' metric definitions ([SplitOrder]): quantity × unit price
// − line discount − the line's share of the order-level discount (满减,
// coupons), allocated in proportion to line value to the cent; gross
// profit is net sales − quantity × unit cost. Ledgers of shards merge.
//
// A line sold without a unit cost (zero or not given) has no known gross
// profit: counted at no cost, its whole net sales would be profit, a 100 %
// margin. The Ledger counts such units per SKU and day, each [Effect]
// says how many it read (Effect.CostMissing), and no interval, verdict or
// ROI is given on gross profit that counts them: they are n/a, with a
// caveat (see [Ledger.Analyze]).
//
// A [Promotion] names its window, its [Scope] (SKUs, categories or the whole
// store), its [Mechanism] and its fixed and media costs.
//
// # Baseline and lift
//
// [Ledger.Analyze] fits a baseline on the pre-period (4 weeks before the
// window by default) and measures the window against it. [SameWeekday]
// averages the pre-period's same weekdays; [DiffInDiff] scales that by the
// change of a control group over the window; [TrendWeekday] fits a
// least-squares trend with day-of-week terms. The [Result] holds the lift
// ([Effect]: incremental units, net sales and gross profit, 增量毛利), the
// discounts given, the promotion [Cost], [ROI] as shopmetrics defines it,
// ROAS, discount depth and redemption.
//
// Side effects have their own groups of items and days: cannibalization
// (蚕食) of the promoted categories' other items during the window, halo
// (光环) on other categories in the promoted baskets, and pull-forward
// (提前透支) of the promoted items in the post-window (2 weeks by
// default). An empty category is no category: an uncategorized item is
// in neither the cannibalization nor the halo group, and a promotion on
// items of no category measures neither. NetROI is the ROI after them,
// beside the gross ROI. Another
// promotion on the same items, or another marketing activity of the
// store's (Config.Others: a CRM campaign, say), whose window touches the
// post-window leaves the pull-forward not measured (Result.PostOverlaps):
// its sales there would count as the promotion's pull-forward, and could
// turn a promotion that does not pay into one that does.
//
// # Uncertainty
//
// Every [Effect] carries a confidence interval for its incremental gross
// profit, from the daily residuals of the baseline on the pre-period
// (Student t, or a seeded residual [Bootstrap] over days), and a plain
// [Verdict]: positive, negative, or "not distinguishable from zero".
// Whether the promotion paid is read the same way from the interval of its
// ROI ([Result].ROILow, ROIHigh): [Result].Outcome is [Pays] or
// [DoesNotPay] only when the whole interval lies above or below zero, and
// [Inconclusive] otherwise (METRICS.md "Verdict").
// Amounts stay exact; only the interval bounds, which are statistics, are
// computed in floating point. [Result.Summary] puts the result in plain
// sentences for a review.
//
// # Calendar effects
//
// [Ledger.DayOfWeek] gives the day-of-week index of sales with intervals
// and the weekend-to-weekday ratio; Result.Weekend compares the same
// promotion's lift on its weekend and weekday dates ([WeekendLift]).
//
// # Bad input
//
// Invalid orders are rejected with *[OrderError] values naming the order,
// the line and the SKU. A window outside the data or a pre-period too short
// is a *[CoverageError]; overlapping promotions on the same items, on the
// cannibalization group or on the control group, the activities of
// Config.Others that touch the pre-period, the window or the
// post-window, and a post-window cut by the end of the data are stated in
// Result.Caveats.
// Nothing is dropped silently: cancelled orders are counted by
// [Ledger.Cancelled].
//
// The error categories are those of every package of shopmetrics: a
// [Config] field out of its range (checked by [Config.Validate]: a
// pre-period or post-window beyond [MaxDays], a level outside (0, 1),
// fewer bootstrap resamples than [MinResamples], NaN anywhere) is a
// *metrics.ConfigError naming the field; a [Ledger.Merge] of ledgers set
// up differently is a *metrics.MergeError and changes nothing; and every
// currency problem wraps money.ErrCurrencyMismatch.
//
// # Ledgers as bytes
//
// A [Ledger] is serializable: [Ledger.MarshalBinary] gives a versioned,
// exact encoding of everything Merge needs (the daily sales of every SKU
// and the baskets of every tracked promotion; about 2 KB per SKU and 16
// bytes per order for the two-year demo store), so that ledgers of shards
// built on other machines merge into one. The promotions' definitions
// and the Location are setup, not data: the decoding Ledger is set up
// like the encoder's (the same Location, the same promotions tracked in
// the same order) before [Ledger.UnmarshalBinary], which checks it
// against a digest in the encoding and refuses another setup with a
// *metrics.MergeError naming what differs. Data that is not an encoding
// is an error wrapping metrics.ErrCorrupt; decoding never panics and
// allocates in proportion to its input.
package promo
