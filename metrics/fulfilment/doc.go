// Package fulfilment measures how orders were fulfilled (物流与履约): how
// long they took to ship and to arrive, whether they arrived by the time
// promised, by carrier and by region, and how late deliveries relate to
// returns and customer-service tickets.
//
// It reads the fulfilment fields of [metrics.Order]: PaidAt, ShippedAt,
// DeliveredAt, PromisedBy, Carrier and Region. Each is optional: a zero
// time or an empty string is unknown, and the figures say how many orders
// they could use (coverage).
//
// # Metrics
//
// A [Tracker] accumulates orders (it is zero-value ready, merges across
// shards and serializes) and gives a [Summary] for all its orders and one
// per carrier and per region:
//
//   - time to ship (发货时长) = ShippedAt − PaidAt, or ShippedAt − PlacedAt
//     when PaidAt is unknown (the convention of shops that ship on order,
//     such as cash on delivery; [Summary].ShipFromPlaced counts them);
//     orders without a ship time are left out of it and counted in
//     [Summary].Unshipped;
//   - time to deliver (运输时长) = DeliveredAt − ShippedAt, over orders
//     with both times;
//   - order to door (下单到签收) = DeliveredAt − PlacedAt, over delivered
//     orders;
//   - each with its median and 90th percentile ([Times]): durations are
//     kept in whole minutes ([Resolution], truncated) in a count per
//     minute, so merging is exact and the quantiles are exact at that
//     resolution: type-7 quantiles (linear interpolation between order
//     statistics, as R and NumPy), rounded half up to a whole minute; a
//     quantile of no orders is undefined, never zero;
//   - on-time rate (准时率) = on time / (on time + late), a share in
//     [0, 1], among orders with a promise (PromisedBy): delivered at or
//     before PromisedBy is on time, after it late. An order not delivered
//     whose promise passed before [Tracker].AsOf (the end of the period
//     reviewed) is late too: it cannot arrive on time any more
//     ([Summary].LateUndelivered counts them); one whose promise is not yet
//     due is pending and left out. Undefined when no order has a due
//     promise.
//
// Cancelled orders are not fulfilled: they are counted in
// [Summary].Cancelled and in nothing else. The groups of a Tracker add up
// to its total: orders without a carrier are grouped under the carrier
// "", those without a region under the region "".
//
// # Late deliveries, returns and tickets
//
// A [Link] relates each order's delivery [Status] to what followed it:
// the refunds whose reason is a late delivery (the caller normalises the
// reason, with metrics/service's ReasonMap for instance: late_delivery)
// and the customer-service tickets about the order (a ticket names its
// order). Its [Outcome] for the late orders and for the on-time ones gives
//
//   - late-delivery return rate = orders with at least one late-delivery
//     refund / orders, a share in [0, 1];
//   - tickets per 100 orders = tickets about the orders × 100 / orders,
//     a number;
//
// both undefined without orders. Refunds and tickets of orders the Link
// has not seen (another period's, or no order) count in nothing: they are
// about other orders.
//
// # Errors
//
// [Tracker.Add] and [Link.AddOrder] return a *metrics.ValidationError
// naming the order and field for a fulfilment time out of order (shipped
// before paid, delivered before shipped: see metrics.Validate) and leave
// the accumulator unchanged. Merge returns a *metrics.MergeError wrapping
// metrics.ErrIncompatible for accumulators with another AsOf, and for
// Links with an order in both. Tracker, Link and [Durations] travel
// between processes as bytes (MarshalBinary); UnmarshalBinary returns an
// error wrapping [ErrCorrupt], and metrics.ErrCorrupt, for data it did
// not write; it never panics.
package fulfilment
