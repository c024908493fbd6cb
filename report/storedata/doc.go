// Package storedata reads and writes the shopmetrics CSV files: the documented
// format in which a store's own data enters the review job, and the format
// the demo store can be exported to.
//
// # Files
//
// There is one file per kind of record, each with a header row. Columns
// are found by name, so their order is free and extra columns are ignored
// (except in the events file, where they become properties). Times are
// RFC 3339 with an offset (2025-11-11T20:00:00+08:00) and are converted to
// the store's time zone ([Options].Location); days are 2025-11-03 in the
// store's zone. Amounts are plain decimals in the row's ISO 4217 currency:
// an optional minus sign, digits, and optionally a point followed by
// digits ("59.90", "-5", "12"; not ".5", "39.", "+5", "1e3" or "12,30");
// an empty optional amount is zero. Quantities are integers ("1.5" is an
// error). Text cells are UTF-8 without control characters other than tab,
// newline and carriage return.
//
// order_lines.csv, one row per order line; the order's own columns are
// repeated on each of its lines, and an order's rows are consecutive:
//
//	order_id        text, required
//	customer_id     text; empty for a guest order
//	placed_at       time, required
//	channel         text: search, ads, social, direct, …
//	status          placed, paid or cancelled; empty means paid
//	currency        ISO 4217 code, required
//	order_discount  amount: order-level discount (满减, coupon)
//	shipping        amount charged to the customer
//	tax             amount charged to the customer
//	promotion       text: the order-level promotion or coupon
//	paid_at         time: when the payment was received; empty if unknown
//	shipped_at      time: when the parcel left the warehouse (发货); empty if not yet or unknown
//	delivered_at    time: when the parcel was delivered (签收); empty if not yet or unknown
//	promised_by     time: the latest delivery time promised to the customer; empty if none
//	carrier         text: the carrier (快递公司), such as SF Express
//	region          text: the delivery region, such as a province
//	sku             text, required
//	name            text: product name
//	category        text
//	quantity        integer, required
//	unit_price      amount, required: list price of one unit
//	line_discount   amount: discount on the whole line
//	unit_cost       amount: cost of one unit
//	line_promotion  text
//
// The six fulfilment columns (paid_at to region) are optional, as every
// column that is not required: a file without them reads as orders with
// unknown fulfilment. A time that does not parse is a *[ParseError] of
// its line and column; times out of order (shipped before paid, delivered
// before shipped) read as they are, and metrics.Validate reports them with
// the order's ID and field.
//
// refunds.csv, one row per returned line (one row with an empty sku for a
// refund without goods): refund_id, order_id, refunded_at (time), currency,
// amount (the refund's total, repeated), reason (free text), sku, quantity,
// restocked (true or false).
//
// events.csv, one row per event: user_id, time, name, and any other
// columns as properties; session_id, source and device are the ones the
// funnel package knows.
//
// spend.csv: channel, day, currency, amount.
//
// inventory.csv: sku, day, on_hand (units at the end of the day; may be
// negative in exported data), currency, unit_cost.
//
// receipts.csv: sku, day, quantity (positive), currency, unit_cost; and
// optionally the purchase order the delivery is for: supplier, po_id,
// ordered (the day the PO was placed), promised (the promised delivery
// day), ordered_quantity (units of the SKU ordered on the PO). Empty
// cells are unknown; files without these columns still read. Package
// inventory/supplier measures lead times, on-time and fill rates from
// them.
//
// products.csv, the catalogue: sku, name, category, currency and
// unit_price (the retail price, not negative; optional), lead_time_days (optional),
// launch_date (the day the SKU was launched, such as 2025-09-15; optional:
// without it a SKU is new by its first sale, see report.Products).
//
// promotions.csv: promotion_id, name, window (a period such as
// 2025-11-01..2025-11-11, end day included), mechanism (percent_off,
// amount_off, spend_save, buy_get, coupon), skus and categories (lists
// separated by |), store (true for the whole store), percent (0.20 for
// 20 % off), threshold and amount (spend threshold, save amount), buy_qty,
// get_qty, currency, fixed_cost, media_cost, cost_unknown (true when the
// fixed and media costs are not recorded, which is not that they were
// zero: the promotion's ROI is then n/a; the costs must be empty or 0;
// empty or absent is false).
//
// targets.csv: metric (a KPI key such as net_sales), period (2025-11,
// 2025-Q4, 2025-W45, 2025-11-03 or a range), currency and amount for money
// metrics, value for counts and ratios (0.032 for 3.2 %).
//
// tickets.csv: ticket_id, customer_id, order_id, channel, opened_at,
// first_response_at, resolved_at (times; empty if not yet), reopened
// (true or false), reason, score (1–5 or empty).
//
// customers.csv, the customers' attributes (用户画像), one row per
// customer: customer_id (required, unique), age (whole years, 1–120, or
// empty), age_band (such as 25-34; when empty the review bands the age:
// <18, 18-24, 25-34, 35-44, 45-54, 55+), gender, city, region, city_tier
// (text, empty when unknown); every other column is a labelled attribute
// (such as income or household_size) named by its header, empty when
// unknown. Buyers without a row count as unknown in every attribute.
//
// competitor_prices.csv, one row per SKU, competitor and day: sku (ours),
// competitor, day, price (the competitor's shelf price of one unit that
// day, positive), currency, promotion (true when the competitor ran a
// promotion on the SKU that day; empty is false). A second row for the
// same SKU, competitor and day is [ErrDuplicateID]. The review compares
// the prices in its own currency and counts the others in a note (see
// metrics/market).
// members.csv, the roster of the membership programme (会员), one row per
// member: customer_id (required, once per file), level (text such as
// gold; may be empty), joined (day, required), left (day, after joined;
// empty while a member).
//
// points.csv, the points ledger (积分流水), one row per entry:
// customer_id, time, kind (issued, redeemed, expired or adjusted), points
// (an integer: positive, a redemption of 500 points is "redeemed,500";
// an adjustment is non-zero of either sign), order_id and reason
// (optional text). A balance may not go below zero; as that depends on
// the whole ledger, the review checks it (loyalty.Validate names the
// entry and its customer), not the reader.
// The CRM campaigns (精准营销), all optional: campaigns.csv: campaign_id,
// name, start and end (days, both included), currency, cost (besides the
// coupons' discounts; 0 for none, empty when not known: the review then
// shows its gain and ROI as n/a). campaign_targets.csv: campaign_id,
// customer_id, group (target, the default, or control for a randomised
// holdout). coupon_redemptions.csv: campaign_id, customer_id, day,
// order_id (may be empty), currency, discount.
//
// # Reading a directory
//
// [Dir] reads a directory of these files into a [Source]: the
// report.Input of a review, the store's time zone, the days the orders
// span, and per file the rows read and rejected, counted by [Reason]
// ([FileStats]). Only order_lines.csv is required. Dir reads the large
// files (orders, events, inventory) once to check and count them, and
// hands the review streams that read them again, so that no more than
// one record of them is in memory at a time; [Source.Err] reports a
// file that failed or changed during the review. With [Options].Strict
// the first bad row of any file is Dir's error.
//
// With [Options].EventsOnce, Dir reads only the header of events.csv,
// the largest file, and takes the file to be what a reading ahead most
// often finds: no bad row, the events in time order with the orders'
// UTC offset, and a session ID on every event when there is a
// session_id column. The review's reading is then the only one, and its
// streams check each of these as they read: the first event that is
// otherwise stops them with an error wrapping [ErrEventsOnce], and the
// caller reads the directory again without EventsOnce, whose reading
// ahead finds and reports it. The review command does so. A stream
// that its caller stops before the end reads the file whole again to
// check the rest, as the reading ahead would have.
//
// # Cancellation and progress
//
// [DirContext] is Dir under a context: when the context is done, the
// reading stops within one read of 256 KB (about a millisecond of
// parsing) and DirContext returns the context's error wrapped with the
// file's name, so that errors.Is(err, context.Canceled) holds. After
// DirContext returned, the context still ends the streams of the
// [Source]: they stop yielding and [Source.Err] returns its error, so
// that a review built from them must be checked with Source.Err, as for
// any failure of the streams (report.BuildContext's own context ends
// the review with its error; the same context given to both ends both). [Options].Progress is told how far the
// first reading of each file has come (report.PhaseRead, in bytes of
// the file), and [Options].Logger receives each row rejected and each
// [Warning] as a log/slog record at level Warn, with the file and line
// as attributes.
//
// A single reader takes no context. To stop it, leave the range loop:
// the reader gives back what it holds (such as its table of order IDs).
// To stop it inside a read of a slow source, wrap the io.Reader so that
// its Read returns the context's error: the reader yields that error,
// wrapped in a *[ParseError], then (leniently) the rejection of the
// order it was in the middle of, as for any failure of the source, and
// ends.
//
// An events file that is not in time order is loaded and sorted by its
// stream before its first event: only DirContext's context interrupts
// that (a review's context waits for the sort; a caller that wants both
// passes the same context to both, as the review command does).
//
// # Concurrency
//
// A [Source] may be shared between goroutines: its streams
// (Input.Orders, Events and Snapshots) may be ranged over by several at
// once, as when several reviews are built from one Source, since each
// range opens its file on its own; [Source.Err] may be called from any
// of them; its other fields, and the slices of Input, are only read. A
// reader's iterator is not safe to share: one goroutine ranges over it.
// [Options] is a value, copied by each reader, whose Mapping and
// Location are only read.
//
// # Time zones
//
// Timestamps carry their UTC offset. [Options].Location is the store's
// zone, in which days are counted and day columns are read. A single
// reader defaults it to UTC. Dir, when it is nil, takes the zone from the
// offsets of order_lines.csv and events.csv: when every timestamp has the
// same offset, the zone is that fixed offset (named like "+08:00"), so
// an order placed at 00:05 in Shanghai counts on its own day, not on the
// UTC day before. When the offsets differ (a zone with daylight-saving
// time, or data from several systems), Dir stays in UTC and adds a
// [Warning]; when a Location is given, timestamps whose offset is not
// the zone's at their instant are counted in a Warning. Warnings reject
// no row.
//
// # Mapping
//
// A store's own export rarely uses these column names. A [Mapping], a
// small JSON file read by [ParseMapping] or [ReadMapping] and passed in
// [Options].Mapping, renames its columns per kind of file, and its event
// names to the funnel's step names (REES46's view, cart and purchase to
// page_view, add_to_cart and purchase).
//
// # Encodings
//
// Files are UTF-8; a UTF-8 byte-order mark is skipped. A file whose
// first 64 KB are not UTF-8 but are valid GB18030 (GBK, what Excel on
// Chinese Windows saves as CSV) is decoded from GB18030; a later byte
// sequence that is valid in neither is an [ErrText] error of its row.
// Invalid UTF-8 that is not GB18030 either is an ErrText error of each
// row that has it. UTF-16 and UTF-32 files are a *[FileError]. Every
// string a reader yields is valid UTF-8. Text in a single-byte encoding
// such as Latin-1 can pass for GB18030 (an accented letter followed by
// an ASCII letter is a valid pair): save such files as UTF-8.
//
// # Reading
//
// Files are RFC 4180 CSV, read
// exactly as encoding/csv reads them (quoted
// fields may hold commas, quotes as "" and line breaks; empty lines are
// skipped), by a reader of this package's own that is faster on lines
// without quotes. Readers stream: each returns an iter.Seq2 of records and errors and holds
// no more than one record (plus, for multi-row records, the set of IDs
// seen, to catch an order whose rows are not together; the reader of
// order lines keeps 88 bits of a hash of each ID and its line, not the
// ID: 21 to 43 bytes an ID, in a table outside the Go heap on Unix
// systems, given back when reading ends, including when the caller stops
// early; a caller of iter.Pull2 gives it back by calling stop, as
// iter.Pull2 requires). The readers of order lines and events allocate no memory per
// line: what a record keeps is copied into shared blocks. They read the
// common line of a file in the writer's columns (no quotes, control
// characters or formula guards; the usual forms of times and amounts) by
// a fast path: lines are cut into the offsets of their cells up to 64 at
// a time, in one pass over their bytes that also finds their ends (SSE2
// on amd64, eight bytes at a time in Go elsewhere), and the text that
// repeats (SKUs, names, channels, sessions) comes from caches keyed by
// its bytes, as do the values of an order line's cells from the SKU on
// and of an order's cells from the channel to the promotion, when the
// same bytes were read before; any other line goes through the exact
// path, and the two give the same records and errors. The slices of the
// records (an order's Lines, an event's Props) are the records' own: a
// caller that sums each record as it comes and keeps none can set
// [Options].ReuseSlices, and reading then makes no garbage per record
// (on the demo at 1M orders, reading order lines goes from about 2.7M to
// 3.2M lines per second of one core). Each bad row is a
// *[ParseError] with the file, line and column. By default reading is
// lenient: a bad row is reported and reading goes on; with
// [Options].Strict it stops at the first error. A failure of the
// underlying io.Reader is reported once and ends reading in both modes.
// Nothing is dropped silently: every rejected row is one of the errors,
// and [Collect] gathers values and errors for callers that want both.
// [Rejected] counts the rows the errors rejected (an order of three rows
// is one error per bad row and a last one rejecting three rows: see
// [ParseError].Rows).
//
// # Batches
//
// [ReadOrderBatches] and [ReadEventBatches] read the same files into
// batches of columns, metrics.Orders and funnel.Events, the fast path of
// the analyses: text as numbers of dictionaries that the batches of one
// reading share (so that per-customer or per-user state is a slice
// indexed by them), times as Unix nanoseconds, amounts as minor units of
// the order's currency (the exact amount kept beside them where minor
// units cannot hold it). They read the rows by the row readers' paths and
// so accept and reject the same rows with the same errors, in the same
// places (a batch ends before each error), except one more: a time that a
// batch cannot hold (before 1678 or after 2261, [ErrBatchRange]). The
// fast paths put a row straight into the columns: the memos of the order
// lines' repeated cells keep them as numbers and minor units once
// converted, and an event's user ID and property cells are looked up by
// their bytes. A batch holds up to [Options].BatchSize rows; with
// [Options].ReuseSlices the same batch is refilled, valid until the next
// is yielded. [Source.OrderBatches] and [Source.EventBatches] give the
// batches of a directory's streams.
//
// # Problems of the whole file
//
// A file that cannot be read as its kind yields one *[FileError] and
// nothing else: an empty file ([ErrNoHeader]), a header without a
// required column ([ErrMissingColumn]) or with one twice
// ([ErrDuplicateColumn]), a UTF-16 or UTF-32 file, told by its byte-order
// mark or by NUL bytes in a quarter of its first 4 KB ([ErrEncoding]), and
// lines that end with a carriage return alone ([ErrLineEnding]). A
// FileError is not a *ParseError, so a caller that counts bad rows cannot
// take a lost file for one bad row. Whether an absent file is acceptable
// is the caller's decision: readers are given a reader, not a path.
//
// # Bad cells and duplicates
//
// Each problem of a row is a *ParseError naming the file, line and column,
// and messages quote the offending value. A text cell with invalid UTF-8,
// NUL, ESC or any other C0 or C1 control character (tab, newline and
// carriage return excepted) is rejected with [ErrText]: readers never
// pass such bytes on to a renderer, and do not repair them either.
//
// A row that repeats the row before it exactly is [ErrDuplicateRow]: it
// is skipped and reported (lenient), or ends reading (strict); an order or
// refund that contains it keeps its other rows. The events file is the
// exception: events have no ID, and two identical events (two page views
// in one second) are two events. An ID that must be unique and comes
// again in a row that is not an exact repeat is [ErrDuplicateID]: order
// and refund IDs (whose rows must be together), ticket and promotion IDs,
// the SKUs of the product catalogue, and a target's metric and period (a
// second target equal to the first is skipped as [ErrDuplicateRow]). A
// target's metric must be a KPI key ([ErrUnknownMetric]); spend must not
// be negative.
//
// # Writing
//
// Writers produce the same format, so that reading what was written gives
// back the same values (zero amounts come back as zero in the row's
// currency, days as the start of their date in the reader's zone, event
// properties in column order). A writer never writes what its reader
// rejects or reads back differently: it returns an error instead, for
// text with invalid UTF-8 or control characters, a missing ID, time or
// currency, a time outside the years 1000–9999, an ID written twice, a
// row that repeats the one before it, an event property key that is a
// fixed column, empty or padded with space, and the like (each writer's
// documentation lists its cases). Text cells that a spreadsheet would run as a formula (those
// starting with =, +, -, @, a tab or a carriage return, but for a carriage
// return before a newline, which is read as a newline) are written behind
// an apostrophe, which readers remove again; header cells (event property
// keys) are guarded the same way. A carriage return before a newline
// inside a quoted cell is read as a plain newline, as encoding/csv reads
// it; that is the one text change a round trip can make.
//
// # UCI Online Retail
//
// [ReadOnlineRetail] adapts the public UCI Online Retail data set to the
// model: invoices to orders, cancellations to refunds, negative quantities
// to stock adjustments, missing customers to guest orders.
package storedata
