// Package loyalty measures a store's membership programme and its points
// (会员与积分): how much of the sales its members make, how they buy
// against the other customers, how many of them are active, and the
// points the store owes them.
//
// The input is the member roster ([Member]: a customer, a level, the day
// they joined and, if they left, the day they left), a points ledger
// ([Entry]: points issued, redeemed, expired or adjusted, each at a time,
// for a customer) and the orders of the period. A [Tracker] accumulates
// the three for one period; it is zero-value ready (set its Period
// first), merges across shards (shard by customer) and serializes.
//
// # Membership
//
// A customer is a member from the start of the day they joined (Joined)
// until the start of the day they left (Left; zero while they are a
// member): an order placed at t is a member's order when
// Joined ≤ t < Left. The metrics of [Summary], for the period [start, end):
//
//   - members (会员数) = customers who are members at the period's end;
//     members at the start (期初会员) = members at the period's start;
//     new members (新会员) = members whose Joined is in the period;
//   - a member buyer is a buyer (a customer with at least one non-cancelled
//     order in the period) who was a member when they placed at least one
//     of those orders; every other buyer is a non-member buyer. A buyer is
//     one or the other for the whole period, so the two groups partition
//     the buyers, their orders and their sales. Guest orders (no customer)
//     are non-members' orders, and in no buyer count;
//   - sales are order net sales: gross − line and order discounts of the
//     period's non-cancelled orders (refunds are dated when paid and are
//     not attributed to members here);
//   - members' share of sales (会员销售占比) = member buyers' sales /
//     sales; members' share of buyers (会员买家占比) = member buyers /
//     buyers; shares in [0, 1], undefined with no sales or no buyers;
//   - AOV (客单价 per order) of a group = its sales / its orders, exact
//     money rounded half to even to the minor unit; undefined with no
//     orders;
//   - repurchase rate (复购率) of a group = its buyers with two or more
//     orders in the period / its buyers (the review's definition), in
//     [0, 1]; undefined with no buyers;
//   - active-member rate (会员活跃度) = members at the period's start who
//     placed at least one non-cancelled order in the period while members
//     (a member who left in the period and then bought is not active) /
//     members at the period's start, in [0, 1]; undefined with no
//     member at the start. Points events are not activity: expiries and adjustments are
//     the store's doing, and issues and redemptions come with orders.
//     Members who joined during the period are new members, in neither
//     count.
//
// The difference between member and non-member AOV is tested with
// Welch's t-test on the order values ([MeanDifference]); the difference
// of repurchase rates with the two-proportion z-test ([RateDifference]),
// each with a 95 % confidence interval. The figures per level ([Level])
// are those of the members of the level (a member's level is the
// roster's, as of the export), and add up to the members' totals.
//
// # Points
//
// Points are whole numbers (int64). Issued, redeemed and expired entries
// carry a positive number of points; an adjustment carries a non-zero
// signed number. A customer's balance at time t is the sum, over their
// entries before t, of issued − redeemed − expired + adjusted; it is never
// negative: a redemption, expiry or adjustment that would take it below
// zero is an error of [Validate]. The ledger's figures for the period:
//
//   - opening (期初积分) = the balances at the period's start;
//   - issued, redeemed, expired (发放, 兑换, 过期) = the points of the
//     entries of each kind in the period; adjusted (调整) = the signed sum
//     of the adjustments in the period;
//   - outstanding (未兑换积分) = the balances at the period's end =
//     opening + issued − redeemed − expired + adjusted;
//   - redemption rate (积分兑换率) = redeemed / issued in the period, a
//     ratio that can exceed 1 when older points are redeemed; undefined
//     when no point was issued;
//   - liability (积分负债) = outstanding × the value of a point
//     ([Tracker].PointValue), exact money, unrounded. The value defaults
//     to 0.01 of the currency: 100 points are worth 1 yuan, as Tmall's
//     points (天猫积分) are.
//
// # Errors
//
// [Validate] checks a roster and a ledger together and reports every
// problem at once (errors.Join) as *[RecordError] values naming the
// record's index and customer ID. [Tracker.AddMember], [Tracker.AddEntry]
// and [Tracker.AddOrder] return a *RecordError (or the order's
// *metrics.ValidationError) and count nothing for a record they cannot
// count; balances depend on the order of the whole ledger, so the Tracker
// does not check them: run Validate on the ledger. Merge returns a
// *metrics.MergeError, wrapping metrics.ErrIncompatible, for trackers of
// other periods, point values or currencies, or with a member in both.
// UnmarshalBinary returns an error wrapping [ErrCorrupt] for data it did
// not write; it never panics.
package loyalty
