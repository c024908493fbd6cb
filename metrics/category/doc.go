// Package category measures category penetration and cross-buying
// (品类渗透率与交叉购买): which share of a period's buyers bought each
// category, which categories the same buyers (or the same baskets) buy
// together, and which categories new customers start with.
//
// A [Tracker] reads orders (it is zero-value ready apart from its Period,
// merges across shards and serializes); its [Tracker.Result] gives a
// [Result], and [Compare] tests each category's penetration against the
// previous period's.
//
// # Categories
//
// A line's category is its SKU's category in [Tracker].Catalogue (the
// catalogue's inventory.Item.Category), else the line's own Category.
// Lines with neither are the uncategorised row, category "" (shown as
// "uncategorised"): counted in every figure, never dropped. Categories are
// compared as written (case and spaces matter).
//
// # Metrics
//
// Over the non-cancelled orders placed in the period; a buyer is a
// customer with at least one such order (guest orders, without a customer
// ID, count in sales and baskets, not in buyers):
//
//   - penetration (品类渗透率) of category c = buyers who bought c in the
//     period / buyers in the period, a share in [0, 1]. A buyer of several
//     categories counts in each, so penetrations do NOT add up to 100 %:
//     their sum is the mean number of categories per buyer. Undefined
//     without buyers.
//   - main-category share (主力品类占比) of c = buyers whose main category is
//     c / buyers, where a buyer's main category is the one with their
//     largest net sales in the period (ties go to the first name in byte
//     order). Each buyer has one main category, so these shares add up to
//     100 %.
//   - category sales share (品类销售占比) = the category's net line sales /
//     the period's net line sales, where a line's net sales are quantity
//     × unit price − line discount − the line's share of the order
//     discount (allocated by line value, to the cent, as
//     metrics.Order.DiscountShares does). Refunds are not subtracted (they
//     are dated when paid, not when ordered). The shares add up to 100 %;
//     undefined when net sales are zero.
//   - start share (新客首单品类) of c = Σ over the period's new customers of
//     c's part of their first order, / new customers. A new customer is
//     one whose first non-cancelled order ever (the earliest the Tracker
//     saw, ties by order ID) is placed in the period; it needs the orders
//     before the period. An order of several categories is split by its
//     lines' net sales (by units when these are all zero) into millionths
//     of a customer by largest remainder, so the shares add up to exactly
//     100 %. The base share beside it is the same split of the period's
//     returning buyers' (the other buyers') net sales, each buyer weighing
//     one (split equally over their categories when none has positive net
//     sales): it tells whether new customers come in through other
//     categories than the base buys.
//
// # Pairs
//
// For two categories A and B, with N buyers, n(A), n(B) buyers of each
// and n(AB) buyers of both in the period (buyer scope: bought by the same
// buyer in the period, in the same order or not):
//
//   - support = n(AB) / N;
//   - confidence A→B = n(AB) / n(A) = P(B | A), and B→A = n(AB) / n(B);
//   - lift = P(A∧B) / (P(A) P(B)) = n(AB) × N / (n(A) × n(B)): 1 when
//     buying A says nothing about buying B, above 1 when they go together.
//
// The same figures over orders instead of buyers (basket scope: bought in
// the same order) are in [Result].BasketPairs. Buyer-scope lift is raised
// a little for every pair by buyers who order often (they buy more
// categories); the basket scope does not have that bias, so a pair whose
// lift shows in both scopes is the stronger evidence.
//
// A pair is reported only when n(AB) ≥ [Config].MinBoth (default 30) and
// its one-sided Fisher exact test p-value (the hypergeometric probability
// of n(AB) or more co-buyers given n(A), n(B) and N) is significant at
// [Config].Alpha (default 0.05) after the Benjamini–Hochberg correction
// over every pair tested (those with n(AB) ≥ MinBoth). Only pairs bought
// together more often than chance (lift > 1) are reported, the top
// [Config].TopPairs (default 10) by lift.
//
// # Change
//
// [Compare] sets, per category, the penetration of the previous period and
// the change in percentage points, with the two-sided p-value of the
// pooled two-proportion z-test (buyers of c / buyers in each period). The
// test treats the two periods' buyers as independent samples; customers
// who buy in both make it somewhat conservative for a stable base.
//
// # Errors
//
// [Tracker.Add] returns an *[OrderError] (wrapping a money.MismatchError
// or the order's discount problem) for an order it cannot count;
// [Tracker.Merge] returns [ErrMismatch] for trackers of other periods or
// currencies; UnmarshalBinary returns errors wrapping [ErrCorrupt]. All
// methods are panic-free; no figure is NaN or infinite.
package category
