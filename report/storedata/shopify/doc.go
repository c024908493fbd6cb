// Package shopify reads a Shopify orders export (the CSV file of "Export
// orders" in the Shopify admin) into the shopmetrics model.
//
// It was written from the export's documented columns and has not been
// tested on a live export: its tests use a small hand-written export
// (testdata/orders_export.csv) whose figures were computed by hand.
// Report a live export that it misreads.
//
// # The export
//
// One row per line item; the rows of an order are consecutive, and the
// order's own columns are filled on its first row. The columns used (by
// name; their order is free and the others are ignored):
//
//	Name               the order's name, such as #1001: the order ID (required)
//	Email              the customer: lower-cased, it is the customer ID; empty for a guest
//	Financial Status   paid, partially_refunded, refunded → paid; pending, authorized,
//	                   partially_paid → placed; voided → cancelled (required)
//	Cancelled at       when set, the order is cancelled
//	Currency           ISO 4217 code (required)
//	Shipping, Taxes    shipping and tax charged
//	Discount Code      the order's promotion
//	Discount Amount    all discounts of the order, line discounts included
//	Created at         the order's time, "2019-11-11 20:00:00 +0800" (required)
//	Lineitem quantity  units, a whole number above zero (required)
//	Lineitem name      the product's name (required)
//	Lineitem price     the unit price before discounts (required)
//	Lineitem sku       the SKU; when empty, the line item's name stands in
//	Lineitem discount  the discount on the whole line
//	Refunded Amount    money refunded on the order ([Order.Refund])
//	Source             the sales channel (web, pos, …)
//
// Subtotal and Total are not read: the model computes them. The order's
// discount is Discount Amount less the line discounts, so that no
// discount is counted twice. The export has no costs (COGS is zero, the
// gross margin not meaningful), no refund dates (a refund is dated at its
// order's creation), and no returned lines.
//
// # Errors
//
// [ReadOrders] streams (iter.Seq2) and uses the vocabulary of storedata:
// a bad row is a *storedata.ParseError with its file, line and column
// (wrapping [ErrFinancialStatus], [ErrDiscount], storedata.ErrDuplicateID,
// storedata.ErrText or a csv error) and rejects its whole order, counted
// in rows; a file without a required column is one *storedata.FileError.
// Nothing is dropped silently. [Source] assembles a report.Input.
package shopify
