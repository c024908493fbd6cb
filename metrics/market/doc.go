// Package market compares our prices with our competitors' (竞争数据): the
// price index of each SKU against each competitor and against the market,
// the SKUs priced above the market and what their sales did, and the
// competitors' promotion days beside ours.
//
// # Data
//
// A [Price] is one observation of a competitor's shelf price of one of
// our SKUs on one day, with whether the competitor ran a promotion on it
// that day. [Price.Validate] reports every problem of an observation at
// once, each a *[PriceError] located by SKU, competitor and day. Our own
// prices and sales come from our orders ([Tracker.AddOrder]), and our
// promotion days from our promotions' windows ([Tracker.AddPromotion]).
//
// # Metrics
//
// For the period reviewed ([Tracker].Period, a half-open interval in the
// store's time zone), per SKU:
//
//   - competitor price (竞品价格) of a SKU at a competitor = the median of
//     the competitor's observations of the SKU dated in the period (one a
//     day is expected; each observation counts once; an even number gives
//     the mean of the two middle ones), an exact amount. Not
//     time-weighted: a price observed on 20 days counts 20 times, and days
//     without an observation count for nothing;
//   - our price (我方价格) = Σ quantity × unit list price / Σ quantity over
//     the SKU's lines of our non-cancelled orders placed in the period:
//     the units-weighted mean list price, before discounts (competitors'
//     shelf prices are compared with our shelf price). A SKU not sold in
//     the period takes its mean list price of the previous period, so
//     that a SKU whose sales stopped is still priced; a SKU sold in
//     neither is unpriced ([Summary].Unpriced counts it). It is not the
//     catalogue's price: the lines say what customers were asked to pay;
//   - market price (市场价) = the median across competitors of their
//     competitor prices of the SKU (with two competitors, their mean);
//   - price index (价格指数) = our price / competitor price × 100, a plain
//     number: 100 is parity, 110 means we are 10 % dearer. The market
//     index uses the market price. Computed from the exact amounts
//     (rationals), so equal prices give exactly 100; undefined when our
//     price is;
//   - overall index against a competitor or the market = Σ w × index / Σ w
//     over the SKUs with both prices, where w is our net sales of the SKU
//     in the period (gross − line and order discounts, before refunds):
//     the sales-weighted mean of the SKU indices, so that the SKUs that
//     make our revenue weigh most. Undefined when no such SKU sold in the
//     period.
//
// # Above the market
//
// A SKU is priced above the market (高于市场价) when our price > market
// price × (1 + [Config].Above), 5 % by default; at or below the market when
// our price ≤ market price; near the market between the two. Each band
// ([Group]) gives its SKUs' units and net sales in the period and the
// previous period (the interval of equal length just before), their
// changes ((current − previous) / previous, undefined when previous is
// zero) and how many of its SKUs sold fewer units: so that the sales of
// the SKUs above the market are read against the SKUs at or below it,
// which lived through the same season.
//
// # Promotion days
//
// A competitor's promotion day (竞品促销日) is a day of the period with at
// least one of its observations flagged as a promotion; our promotion day
// is a day of the period that one of our promotions' windows touches.
// [PromotionDays] gives per competitor its days, those we also promoted on
// (overlap) and those we did not.
//
// # Accumulation
//
// A [Tracker] is zero-value ready once its Period is set, merges across
// shards ([Tracker.Merge]: the result is the tracker of both inputs) and
// serializes ([Tracker.MarshalBinary], with a version byte;
// [Tracker.UnmarshalBinary] returns an error wrapping [ErrCorrupt], never
// panics, for data it did not write). It is not safe for concurrent use.
// [Tracker.Summarize] gives the [Summary]. Amounts are exact: money is
// never a float, and the indices are formed from exact rationals, a float
// only at the end.
//
// # Errors
//
// [Tracker.AddPrice] returns the *[PriceError] values of an invalid
// observation (wrapping [ErrInvalid]) and a *PriceError wrapping
// money.ErrCurrencyMismatch for a price in another currency than the
// tracker's; [Tracker.AddOrder] returns a *metrics.ValidationError for an
// order whose lines cannot be valued. Both leave the tracker unchanged
// and return [ErrNoPeriod] when Period is zero. Merge returns a
// *metrics.MergeError for trackers of other periods or currencies.
package market
