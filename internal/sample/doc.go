// Package sample generates a deterministic demo store: two years of
// orders with their fulfilment, refunds, traffic events, marketing spend,
// promotions, customer-service tickets, inventory, launches and targets of
// a small Chinese online shop, drawn from stated true parameters so that
// tests can check that shopmetrics recovers them.
//
// [Generate] builds the whole store in memory; the zero [Config] is the
// default demo (the calendar years 2024 and 2025 in Asia/Shanghai, so that
// a review of 2025 has 同比; 5,000 customers, 120 SKUs, seed 1), which
// takes under a second on one core (BenchmarkGenerateDefault: 17,000
// orders and 625,000 events, about twice the one-year demo's time). Its last
// whole month, December 2025, the main job's default review period, has
// content in every section: 双12, new products, deliveries, live-stream
// spend. For large
// sizes, [Days], [Orders] and [Events] stream the same data in time order
// ([Orders] and [Events] give exactly what [Generate] gives for the same
// Config). [TruthOf] returns the true parameters without generating.
//
// # Determinism
//
// The same Seed and sizes give byte-identical data, run after run and
// machine after machine of one architecture with one Go release (the
// floating-point draws may round differently where the compiler fuses
// multiply-adds, as on arm64, and math/rand/v2 does not promise its
// derived distributions across releases). All randomness comes from PCG
// generators of math/rand/v2 seeded from
// Config.Seed, one stream per kind of draw (orders, events, tickets,
// inventory, spend, fulfilment, launches, and one per customer), so that
// leaving out events or
// tickets does not change the orders. Nothing depends on map iteration
// order or on the clock. Money amounts are built from whole fen (int64):
// random draws are floats, but every amount is rounded to a whole number
// of fen before it becomes a [money.Money].
//
// # Customers and orders
//
// Customers arrive over the period through five channels (search, ads,
// social, KOL / live-stream 直播带货 "live", direct) in the shares of
// [Truth].Channels, and each places its
// first order when it arrives. Repeat purchases follow the BG/NBD model
// with parameters r, α (purchase rate λ ~ Gamma(r, α) per day) and a, b
// (dropout p ~ Beta(a, b) after each repeat purchase). Each order's value
// follows the Gamma-Gamma model with parameters p, q, γ: a basket is
// filled with catalogue items, drawn by popularity, so that its expected
// list value is the customer's Gamma draw. The processes run in demand
// time: calendar time stretched by a daily demand factor (weekends 25 %
// above weekdays, a mild winter high, 618, and the promotions, 11.11's
// run-up and three-fold peak and 双12 among them; the period's demand
// time is as long as its calendar time). Purchases follow BG/NBD exactly in demand
// time and approximately in calendar time, while the weekly and seasonal
// pattern shows in the data. Orders carry the customer's
// acquisition channel, shipping (10 CNY below 99 CNY), no tax, and are
// cancelled with [Truth].CancelRate.
//
// Paid marketing channels spend, each day, their cost per acquisition
// times the new customers expected that day, ±10 %.
//
// # Promotions
//
// Six promotions run in the default period, each with a known effect
// ([PromoTruth]). In the first year only: 15 % off four beauty SKUs for
// 618 (10–19 June; line
// discounts rounded half-even to the fen), which lifts their demand by
// 80 %, cannibalizes the other beauty SKUs by 25 % and is followed by a
// 30 % dip over two weeks; and a store-wide 满300减40 (spend 300, save 40)
// from 1 to 14 September, which lifts orders by 20 %, tempts half of the
// customers just short of the threshold to top up, and is followed by a
// 10 % dip. Every year: 双十一 (1–11 November, store-wide 满200减30: demand
// +40 %, three-fold on 11.11; it pays) and 双12 (10–12 December, 20 % off
// everything: demand +30 %, two-fold on 12.12, with large media spend; it
// does not pay), with no dip after them, so that the four weeks before
// each are ordinary sales that package promo can take for a baseline
// ([Truth].Double11, Double12, Paying, Losing).
//
// # Catalogue and launches
//
// Every product has a launch date ([Product].Launch): one in twenty
// ([Truth].NewSKUs) are launched on days spread over the last 90 days of
// the period, the others before the period. A product neither sells nor
// holds stock before its launch; its first stock is received on the
// launch day, and its snapshots start then.
//
// # Fulfilment
//
// Each customer lives in one of eight regions (provinces); each paid
// order is paid within five minutes, promised for delivery 72 hours after
// payment, and shipped by one of four carriers after a log-normal delay
// around the carrier's median, then delivered after a log-normal transit
// around the region's median times the carrier's factor ([Truth].Carriers,
// Regions). YTO is slow to ship ([Truth].SlowCarrier); Xinjiang is far and
// mostly late ([Truth].LateRegion). Times past the end of the period are
// left zero (not shipped or delivered yet); cancelled orders are neither
// paid nor shipped. A late order raises a delivery ticket and
// late_delivery returns more often ([Truth].LateTicketRate,
// LateReturnRate).
//
// # Returns and service
//
// Lines of paid orders are returned at a rate per category; a few problem
// SKUs come back far more often, mostly as "not as described". A refund
// returns the whole line, is paid after the delivery, pays its value after
// line and allocated order
// discounts, and carries a free-text reason ("尺码偏小", "arrived
// damaged", …) that [Truth.CanonicalReason] maps to size_fit,
// not_as_described, damaged, late_delivery, changed_mind or other.
// Tickets come from orders (reason "delivery" or "product"), refunds
// ("return") and pre-sale questions ("product", no order), by chat, phone
// or email, each channel with a known share of first responses within an
// hour; resolution, reopening and satisfaction scores follow known rates.
//
// # Traffic
//
// Each order, cancelled ones included, has a session ending in its
// purchase event (same user ID as the order's customer, same time, the
// order ID in the order_id property) after page views, one add-to-cart
// per line and a checkout. Browse
// sessions without purchase come from customers coming back and from
// anonymous visitors, some of whom return; they bounce, add to cart and
// reach checkout at known rates. Events carry session_id, source and
// device; page views and add-to-carts carry the SKU they are about
// (funnel.PropSKU), drawn from a stream of their own; one SKU's detail
// page is redesigned on the first day of the last month, with a known
// uplift in view-to-cart ([RedesignTruth]). Some events share a
// timestamp. A session never crosses midnight: one
// that would start the day before is squeezed into the first seconds of
// the day, and one that would run past midnight ends at 23:59:59.
//
// # Membership and points
//
// [Generate] also draws a membership programme (会员与积分) after the
// orders, from a stream of its own, so the orders are those of a store
// without it: customers join at their first paid order with a known
// probability, levels follow spend, members earn a point per yuan of
// each order's net sales, redeem whole blocks of 100 points on later
// orders, and each year's points expire at the end of the next year
// ([LoyaltyTruth], [Store].Members and Points).
//
// # Inventory and targets
//
// Each SKU is replenished on an (s, S) policy with its lead time; a few
// are replenished late and run out of stock, a few slow movers and dead
// stock are never reordered. The store records a snapshot of every SKU on
// sale at the end of every day, the receipts and the shrinkage
// adjustments. Each year's targets (net sales, orders, AOV, new
// customers, conversion rate, and monthly net sales and orders) are set
// so that each metric's attainment is the one stated in
// [Truth].Attainment.
package sample
