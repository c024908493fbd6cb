// Package supplier measures suppliers (供应商) from the stock receipts that
// name their purchase order: how long deliveries take and how much that
// varies, whether they come on the promised day and in full, and which
// stock-outs began while a purchase order of the SKU was late.
//
// # Input
//
// A [Ledger] reads [inventory.Receipt]s whose Supplier is set, with any of
// the optional PO, Ordered, Promised and OrderedQuantity, and end-of-day
// [inventory.Snapshot]s for the stock-outs. A PO line is the units of one
// SKU on one purchase order of one supplier (supplier, PO, SKU); a line
// delivered in parts has a receipt per delivery, each repeating the
// line's order day, promised day and ordered quantity. A receipt without a
// PO ID is a PO line of its own. Receipts without a supplier are counted
// ([Ledger.Unnamed]), not measured.
//
// # Definitions
//
// All days are calendar days of the time stamps' own location (the
// store's time zone), as in package inventory.
//
//   - Lead time (交货周期) is measured per receipt: received − ordered, in
//     whole days, over the receipts with an order day. A PO line delivered
//     in parts gives one lead time per delivery, so a late remainder counts
//     as late as it was. Mean; standard deviation with the n − 1 divisor
//     (the sample standard deviation, undefined below two receipts);
//     median and 90th percentile by linear interpolation between order
//     statistics (Hyndman & Fan type 7, as R and NumPy), rounded half up
//     to a whole day. Undefined without receipts with an order day.
//   - On-time rate (准时交货率) is per receipt: receipts received on or
//     before their promised day / receipts with a promised day; undefined
//     without any.
//   - Fill rate (订单满足率) is per PO line, over the lines with a promised
//     day and an ordered quantity: Σ min(units received by the promised
//     day, units ordered) / Σ units ordered. Eventual fill (最终满足率) is
//     the same with every unit received in the data, over the lines with
//     an ordered quantity. Units delivered beyond the order do not count,
//     so both lie in [0, 1]; undefined when no line qualifies.
//   - POs is the number of distinct PO IDs of the supplier (a receipt
//     without one counts as one PO).
//   - Stock-out days of a supplier are the SKU-days with nothing on hand
//     (an end-of-day snapshot with on hand ≤ 0) of the SKUs it delivered:
//     a SKU delivered by two suppliers counts for both.
//   - A stock-out begins on a stock-out day of a SKU whose previous day is
//     not one (or was not observed). It is attributed to a supplier
//     (缺货归因) when, on its first day d, a PO line of that SKU from that
//     supplier was late: its promised day is before d and the line had not
//     arrived before d, that is it arrived on d or later. A line arrives
//     with the delivery that completed the ordered quantity; a line whose
//     ordered units never all came (a short shipment), or whose quantity
//     is unknown, arrives with its last delivery: what was short is a
//     fill-rate problem, not lateness, which would otherwise last for ever.
//     A stock-out with late lines of two suppliers is attributed to both,
//     once each, each to its late line promised most recently (the one
//     that should have restocked the SKU).
//
// # Limits
//
// A PO line is known only by its receipts: a purchase order of which
// nothing has arrived is not in the receipts file, so it is neither late
// nor short here. Give the ledger the receipts after the period too when
// the data have them, so that lines still open at its end are known.
//
// # Accumulating
//
// A zero [Ledger] is ready to use. It is not safe for concurrent use:
// give each goroutine its own and combine them with [Ledger.Merge], which
// gives what adding the other ledger's records would have. Ledgers travel
// as bytes with [Ledger.MarshalBinary] and [Ledger.UnmarshalBinary] (a
// version byte first; anything else is an error wrapping [ErrCorrupt],
// never a panic).
//
// Bad receipts (a quantity that is not positive, an order day after the
// receipt or after the promised day, a negative ordered quantity, a
// receipt that contradicts its PO line's order day, promised day or
// quantity) are not added: [Ledger.Add] returns a *[RecordError] naming
// the supplier, PO, SKU and day, wrapping one of the sentinels
// [ErrQuantity], [ErrDates], [ErrConflict] or [ErrOverflow].
//
// [Ledger.Suppliers] gives a [Supplier] row per supplier,
// [Ledger.Stockouts] the attributed stock-outs, and [Ledger.LeadTimes] the
// measured lead time of each SKU's supplier for
// [inventory.ReorderConfig.LeadTimes], which then sizes safety stock with
// lead-time variability ([inventory.SafetyStockVarying]).
package supplier
