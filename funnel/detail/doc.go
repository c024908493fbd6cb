// Package detail computes the conversion of each product's detail page
// (详情页转化率): per SKU, the users who viewed its page, how many of them
// added it to the cart after the view, how many of those bought it, and
// how each rate changed against the previous period, with a significance
// test and an interval, so that "the redesigned page converted 18 %
// better" is a number with an interval.
//
// # Definitions
//
// Events name the product in the property funnel.PropSKU ("sku"); the
// steps are named by [Config] (page_view, add_to_cart and purchase by
// default). For each SKU:
//
//   - Views (浏览量, PV): view events of the SKU's page.
//   - Viewers (访客数, UV): distinct users with a view of the page.
//   - Carters (加购人数): viewers who added the SKU to the cart at or after
//     a view of it and within the window of that view (7 days by default,
//     bound inclusive).
//   - Buyers (支付买家数): carters who bought the SKU at or after the cart
//     and within the window of the view that led to the cart.
//   - View-to-cart (加购率) = carters / viewers; cart-to-purchase =
//     buyers / carters; view-to-purchase (详情页支付转化率) = buyers /
//     viewers. Shares of users in [0, 1], as [metrics.Ratio]s: undefined
//     with a zero denominator, and the two purchase rates undefined when
//     no purchase named a SKU ([Result.Purchases]), never a fake 0 %.
//
// Every figure counts users, not events, per SKU, over the events
// counted: the caller feeds one period's events to one [Counter], so a
// chain that starts before the period or ends after it does not count in
// it. Events at one instant count in step order (view, cart, purchase),
// whatever their order of arrival. A user counts at the deepest step of
// any of their chains: as in package funnel, the chain that last reached
// each step is kept, and a later view has a later deadline.
//
// A purchase counts when its event carries the SKU (one purchase event
// per product bought, as REES46 and Taobao record them) or when the
// caller adds it with [Counter.AddPurchase]: the review does so for a
// purchase event whose order_id names an order, once for each SKU among
// the order's lines, at the purchase event's time. Order lines without a
// purchase event do not count: the funnel is the tracker's.
//
// # Comparing periods
//
// [Compare] compares two periods SKU by SKU, over the SKUs with at least
// [CompareConfig].MinViewers viewers in both (100 by default). Each rate's
// [Difference] gives the change in percentage points with Newcombe's
// hybrid score interval (95 %), the relative change with a 95 % interval
// from the log rate ratio (Katz), and the two-proportion z-test; the
// p-values of the SKUs are adjusted by Benjamini–Hochberg, and a change is
// significant when its adjusted p-value is at most 5 % (a false-discovery
// rate). The test takes the periods' users as independent samples.
//
// # Accumulating
//
// A [Counter] is zero-value ready; it needs each user's events in time
// order (funnel.SortEvents sorts a slice; [Count] sorts a copy) and
// rejects an older event with a *funnel.EventError (funnel.ErrOutOfOrder).
// Its memory grows with the users (about 45 bytes each, and their IDs;
// 29 for users by number, whose IDs it does not keep) and the pairs of
// user and SKU (20 bytes each, 52 if carted or bought, and an entry of a
// Go map more for each pair of a user past 16 pairs, so that finding a
// pair never walks more than 16), not with the events;
// the counts of each SKU are dense, indexed by a number given to the SKU
// when first seen. Counters of disjoint sets of users merge exactly
// ([Counter.Merge]: shard by user, count in parallel, merge), and encode
// to bytes with a version byte ([Counter.MarshalBinary]); decoding bytes
// it did not write returns an error wrapping [ErrCorrupt]. A caller that
// numbers its users anyway counts by number ([Counter.AddNumbered],
// [Counter.AddPurchaseNumbered]), as package funnel's accumulators do:
// no ID is hashed, and a Counter of users by number neither merges nor
// encodes (funnel.ErrNumbered).
package detail
