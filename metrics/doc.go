// Package metrics is the foundation of shopmetrics' analyses: ratios that
// may be undefined, calendar periods, the order data model and the core
// e-commerce KPIs.
//
// Amounts are [money.Money] values of the package
// [github.com/shopmetrics/shopmetrics/metrics/money], the exact money
// layer; tickets, service levels and returns are measured by
// [github.com/shopmetrics/shopmetrics/metrics/service].
//
// # Orders
//
// [Order] and [Line] are the order data model. [Order.DiscountShares] spreads
// an order-level discount over the lines in proportion to their value, to
// the cent; [Order.AppendLineMinor] gives the same shares, with each line's
// gross, discount and cost, as int64 minor units without allocating, for hot
// loops over many orders.
//
// # Sales, profit and customers
//
// [Summarize] (or the mergeable [Summarizer]) computes a period's sales,
// discounts, returns, net sales, COGS, gross profit and margin, orders,
// units, buyers, new and returning buyers, AOV, spend per buyer (客单价),
// repurchase and return rates, with breakdowns by channel, category and
// SKU, one [Summary] per currency. [Validate] reports every problem of a
// batch of orders and refunds at once. [Compare] puts each KPI beside the
// previous period and its target; [AcquisitionCost], [SimpleLTV],
// [LTVToCAC], [CACPayback] and [ROAS] (revenue / spend, a multiple,
// undefined without spend) cover acquisition economics; [Decompose]
// splits a change in sales into visitors, conversion and spend per buyer.
//
// # Batches
//
// [Orders] holds a batch of orders as columns: dictionary numbers
// ([Dict]) for customer IDs, channels, SKUs and categories, Unix
// nanoseconds for times and int64 minor units for amounts ([Amounts],
// with the exact amount kept where minor units cannot hold it). It is the
// fast path of the analyses of orders:
// [Summarizer.AddOrders] and [SummarizeOrders] give exactly what
// [Summarizer.Add] and [Summarize] give for the same orders, keeping the
// state of customers and groups in slices indexed by the dictionaries'
// numbers.
//
// [Orders.Validate] reports a batch whose columns do not fit together
// (lengths, line starts, dictionary numbers, currency codes), as
// *[BatchError]s wrapping [ErrMalformed]: a reader that fills columns
// directly can make one, and the batch entry points return these errors
// and add nothing instead of panicking. [Remap] maps the numbers of the
// dictionaries of an analysis's batches to the analysis's own values,
// kept per dictionary for the few most recently used: what
// [Summarizer.AddOrders] keeps its customers and groups by.
//
// [Totals] is the lean accumulator of the totals alone, per currency:
// orders, gross sales (Σ quantity × unit price), discounts (line +
// order-level), COGS (Σ quantity × unit cost), and, in its [SalesTotal],
// net sales = gross sales − discounts (before returns), gross profit = net
// sales − COGS and gross margin = gross profit / net sales (undefined,
// n/a, when net sales are zero). It counts the same orders as a Summary,
// exactly, and [Totals.AddOrders] sums a batch in one pass over its int64
// columns.
//
// # Ratios, change and targets
//
// [Ratio] is a numerator and a denominator; with a zero denominator it is
// undefined and prints as "n/a" — no function in shopmetrics returns NaN or
// an infinity. [Change] gives period-over-period change (环比/同比) and
// [Attainment] target attainment; [Direction] marks lower-is-better metrics.
// Amounts and counts change relatively, in percent; rates and shares
// change by their difference in percentage points (pp, 百分点, [Points]),
// and so are they measured against a target: [Unit.ChangeKind] says
// which, and [KPI.Compare] applies it.
//
// # Periods
//
// [Period] is a half-open interval [Start, End) in the store's time zone,
// with [Period.Previous], [Period.YearAgo] and calendar [Period.Buckets] by
// day, ISO week and month, correct across daylight-saving changes.
//
// # Definitions
//
// Every metric follows shopmetrics' metric definitions; each function's doc
// comment repeats its formula, unit, behaviour on empty input and the
// convention chosen where conventions differ.
//
// All functions are panic-free on data: bad input gives an error or an
// undefined value. Panics are reserved for programmer errors and are
// documented.
//
// # Errors
//
// The error categories are shared by every package of shopmetrics, so one
// errors.Is works whichever package failed: [ErrConfig] (with a
// *[ConfigError] naming the field) for an invalid configuration,
// [ErrIncompatible] (with a *[MergeError]) for a Merge of accumulators set
// up differently, and money.ErrCurrencyMismatch or money.ErrUnknownCurrency
// for a currency problem. Bad orders and refunds are a *[ValidationError]
// wrapping [ErrInvalid], and the money sentinel too when the problem is a
// currency.
//
// [Summarizer] and [Totals] are serializable: MarshalBinary gives a
// versioned, exact encoding of everything Merge needs (for Summarizer:
// per currency, its totals, each customer's first order and orders in
// the period, and the channel, category and SKU groups; about 15 bytes
// per customer and 25 per SKU), so that shards summarised on other
// machines merge into one summary. UnmarshalBinary returns an error
// wrapping [ErrCorrupt] for anything that is not such an encoding, never
// panics, and allocates in proportion to its input.
//
// An accumulator whose Merge can meet an incompatible partner, such as
// [Summarizer], has Merge(o) error: it checks everything first, and a
// refused Merge returns a *[MergeError] and leaves the receiver unchanged.
// Accumulators that always merge (money.Sum) have a Merge without error.
package metrics
