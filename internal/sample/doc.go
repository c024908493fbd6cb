// Package sample generates a deterministic demo store: a year of orders,
// refunds, traffic events, marketing spend, promotions, customer-service
// tickets, inventory and targets of a small Chinese online shop, drawn
// from stated true parameters so that tests can check that shopmetrics
// recovers them.
//
// [Generate] builds the whole store in memory; the zero [Config] is the
// default demo (the calendar year 2025 in Asia/Shanghai, 3,000 customers,
// 120 SKUs, seed 1), which takes about 0.15 s on one core. For large
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
// inventory, spend, and one per customer), so that leaving out events or
// tickets does not change the orders. Nothing depends on map iteration
// order or on the clock. Money amounts are built from whole fen (int64):
// random draws are floats, but every amount is rounded to a whole number
// of fen before it becomes a [money.Money].
//
// # Customers and orders
//
// Customers arrive over the period through four channels (search, ads,
// social, direct) in the shares of [Truth].Channels, and each places its
// first order when it arrives. Repeat purchases follow the BG/NBD model
// with parameters r, α (purchase rate λ ~ Gamma(r, α) per day) and a, b
// (dropout p ~ Beta(a, b) after each repeat purchase). Each order's value
// follows the Gamma-Gamma model with parameters p, q, γ: a basket is
// filled with catalogue items, drawn by popularity, so that its expected
// list value is the customer's Gamma draw. The processes run in demand
// time: calendar time stretched by a daily demand factor (weekends 25 %
// above weekdays, a mild winter high, 618, the run-up to 11.11 with a
// three-fold peak on the day, 双12, and the promotions; a year of demand
// time is a calendar year). Purchases follow BG/NBD exactly in demand
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
// Two promotions run in the default year, each with a known effect
// ([PromoTruth]): 15 % off four beauty SKUs for 618 (10–19 June; line
// discounts rounded half-even to the fen), which lifts their demand by
// 80 %, cannibalizes the other beauty SKUs by 25 % and is followed by a
// 30 % dip over two weeks; and a store-wide 满300减40 (spend 300, save 40)
// from 1 to 14 September, which lifts orders by 20 %, tempts half of the
// customers just short of the threshold to top up, and is followed by a
// 10 % dip.
//
// # Returns and service
//
// Lines of paid orders are returned at a rate per category; a few problem
// SKUs come back far more often, mostly as "not as described". A refund
// returns the whole line, pays its value after line and allocated order
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
// device; some share a timestamp. A session never crosses midnight: one
// that would start the day before is squeezed into the first seconds of
// the day, and one that would run past midnight ends at 23:59:59.
//
// # Inventory and targets
//
// Each SKU is replenished on an (s, S) policy with its lead time; a few
// are replenished late and run out of stock, a few slow movers and dead
// stock are never reordered. The store records a snapshot of every SKU at
// the end of every day, the receipts and the shrinkage adjustments. The
// period's targets (net sales, orders, AOV, new customers, conversion
// rate, and monthly net sales and orders) are set so that each metric's
// attainment is the one stated in [Truth].Attainment.
package sample
