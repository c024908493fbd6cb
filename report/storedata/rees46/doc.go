// Package rees46 reads the REES46 "eCommerce behavior data from multi
// category store" events (Kaggle, Michael Kechinov; collected by the
// REES46 Marketing Platform's Open CDP project) into the shopmetrics
// model: every row is a funnel.Event, and the purchases become orders.
//
// # The data
//
// One file per month (2019-Oct.csv, …), one row per event, sorted by
// time, with the header
//
//	event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
//
// event_time is UTC written "2019-10-01 00:00:00 UTC"; event_type is view,
// cart, remove_from_cart or purchase; category_id is a 19-digit integer
// (kept as text); category_code is a dotted path such as
// electronics.smartphone, often empty; price is the product's price at
// the time, in a currency the publisher does not state (USD is the usual
// reading, and the one used here); user_session is a session UUID. The
// publisher states no licence; the Kaggle page credits REES46 / Open CDP.
// The tests use the first 1,000 rows of 2019-Oct.csv (testdata/CREDIT.md).
//
// # Mapping
//
// [ReadEvents] maps each row to an event: the user, the time in the
// store's zone, the event type renamed to the review's vocabulary (view →
// [PageView], cart → [AddToCart], remove_from_cart → [RemoveFromCart],
// purchase → [Purchase]) and the other columns as properties, the session
// as funnel.PropSession. [Funnel] is the review's funnel for this data.
//
// [ReadOrders] groups purchases into orders: the data has no order ID and
// no quantity, each purchase row being one unit. The purchases of one user
// session are one order (ID: the session), in USD, paid, placed at its
// first purchase, with [OrderGap] as the streaming cut-off; see its
// documentation for the whole rule. The data has no costs, shipping, tax,
// discounts or refunds: gross margin, COGS and return rates of a review
// made from it are not meaningful; sales, orders, buyers, AOV, traffic
// and the funnel are.
//
// # Errors
//
// Readers stream (iter.Seq2) and use the vocabulary of storedata: a bad
// row is a *storedata.ParseError with its file, line and column (wrapping
// [ErrEventType], [ErrPrice], storedata.ErrText or a csv error), reported
// and skipped in lenient mode, the end of reading with
// storedata.Options.Strict; a file that cannot be read as REES46 is one
// *storedata.FileError. Nothing is dropped silently.
//
// # A review
//
// [Source] assembles a report.Input from a file (plain or gzipped):
//
//	src := &rees46.Source{FS: os.DirFS("data"), Name: "2019-Oct.csv.gz"}
//	in, bad, err := src.Input()
//	…
//	r, err := report.Build(in, report.Config{Period: day, Funnel: rees46.Funnel(),
//		Sessions: funnel.SessionRule{Key: funnel.PropSession}})
//	… src.Err() …
package rees46
