// Package postgres reads a store's data from PostgreSQL for the review,
// and loads it there: the tables of [Schema] are the CSV files of package
// storedata with database types, read through database/sql with pgx's
// driver (github.com/jackc/pgx/v5/stdlib, driver name "pgx").
//
// # Tables
//
// [Schema] (schema.sql, shipped with the package) creates one table per
// kind of record, two for orders and refunds; [Create] runs it in a
// schema of your choice. Amounts are numeric beside the row's ISO 4217
// currency code (never a float); times are timestamptz; days are date, in
// the store's time zone; IDs are text; an empty optional text is NULL.
//
//	orders              order_id PK, customer_id (NULL: a guest), placed_at, channel,
//	                    status (placed, paid or cancelled; default paid), currency,
//	                    order_discount, shipping, tax, promotion, and the fulfilment
//	                    paid_at, shipped_at, delivered_at, promised_by, carrier, region
//	                    (all NULL when unknown)
//	order_lines         (order_id → orders, line_no) PK, sku, name, category,
//	                    quantity > 0, unit_price, line_discount, unit_cost, line_promotion
//	refunds             refund_id PK, order_id, refunded_at, currency, amount, reason
//	refund_lines        (refund_id → refunds, line_no) PK, sku, quantity > 0, restocked
//	events              event_no PK (load order), user_id, time, name, session_id,
//	                    source, device, props (a JSON object of the other properties)
//	spend               (channel, day, currency) PK, amount ≥ 0
//	inventory_snapshots (sku, day) PK, on_hand, currency, unit_cost
//	receipts            receipt_no PK, sku, day, quantity > 0, currency, unit_cost,
//	                    supplier, po_id, ordered, promised, ordered_quantity (optional)
//	products            sku PK, name, category, currency, unit_price ≥ 0, lead_time_days
//	promotions          promotion_id PK, name, window (a period label), mechanism,
//	                    skus and categories (text[]), store, percent, threshold,
//	                    amount, buy_qty, get_qty, currency, fixed_cost, media_cost,
//	                    cost_unknown (true: the costs are not recorded, and 0)
//	targets             (metric, period) PK, currency, amount, value
//	tickets             ticket_id PK, customer_id, order_id, channel, opened_at,
//	                    first_response_at, resolved_at, reopened, reason, score (1–5)
//
// and, optional, the tables of the CRM and market parts of the review:
//
//	customers           customer_id PK, age (1–120, NULL when unknown), age_band,
//	                    gender, city, region, city_tier, labels (a JSON object of
//	                    strings: the other attributes, by name)
//	members             customer_id PK, level, joined, left (> joined; NULL while a member)
//	points              point_no PK (load order), customer_id, time, kind (issued,
//	                    redeemed, expired or adjusted), points (> 0; ≠ 0 when
//	                    adjusted), order_id, reason
//	campaigns           campaign_id PK, name, start, end (≥ start; both days included),
//	                    currency, cost ≥ 0
//	campaign_targets    (campaign_id, customer_id) PK, group (target or control)
//	coupon_redemptions  redemption_no PK (load order), campaign_id, customer_id, day,
//	                    order_id, currency, discount ≥ 0
//	competitor_prices   (sku, competitor, day) PK, price > 0, currency, promotion
//
// The meaning of each column is that of the CSV column of the same name
// (see package storedata; a table's name is its file's, and labels holds
// the extra columns of customers.csv). A database made before the
// optional tables reads as a store without their data, as a directory
// without their files does: create them by running their CREATE TABLE
// statements from [Schema]. Tables created before the fulfilment columns
// take them with
//
//	ALTER TABLE orders ADD COLUMN paid_at timestamptz, ADD COLUMN shipped_at timestamptz,
//	  ADD COLUMN delivered_at timestamptz, ADD COLUMN promised_by timestamptz,
//	  ADD COLUMN carrier text, ADD COLUMN region text;
//
// (a view of another schema can give NULLs under these names). Promotion windows and target periods are
// period labels (2025-11, 2025-11-01..2025-11-11), as in the CSV files,
// because a label keeps the period's calendar unit.
//
// # Reading
//
// Each ReadX function ([ReadOrders], [ReadEvents], …) streams one kind as
// an iter.Seq2 of records and errors: one query, rows scanned one at a
// time, one record in memory. Orders come from one query, orders FULL
// JOIN order_lines in (order_id, line_no) order, so that an order's lines
// arrive together and a line without its order is seen and reported (the
// server sorts the joined rows, in work_mem or on disk; the client holds
// one order). Events come in (user_id, time, event_no) order, which the
// index events_user_time serves and which is the order the review needs
// (time order per user). Points and coupon redemptions come in the order
// they were loaded (point_no, redemption_no), the order of their CSV
// rows, which the review keeps for entries at one time; campaigns come
// in the order of their windows, the order in which the review lists
// them. Amounts are selected as text and parsed exactly
// with package money; NaN and Infinity, which numeric allows, are
// rejected.
//
// [Read] assembles a report.Input as storedata.Dir does from the files:
// the small kinds, the optional ones included, read at once, orders,
// events and snapshots streamed when the review reads them. See [Source]
// for the errors met while streaming.
//
// # Bad rows
//
// A bad row is a *storedata.ParseError, the error of the CSV readers, so
// that one vocabulary (and storedata.Rejected) serves both sources, with
// the sentinels of the CSV readers (storedata.ErrDuplicateID for a key
// used twice, storedata.ErrDuplicateRow for a points entry or a
// redemption that repeats the row before it): File is the table, Line the row's number in the reader's order (its
// primary-key order, so SELECT … ORDER BY the key OFFSET Line-1 LIMIT 1
// finds it), Column and Name the column, numbered as in schema.sql, and
// the message names the record by its key (order "o2" line 2). An order
// or a refund with a bad row is rejected whole, with a last error giving
// the number of rows rejected. Options.Strict stops at the first bad
// row; by default reading goes on. A failure of the database is an error
// that is not a ParseError, and ends reading in both modes.
//
// The tables of schema.sql already refuse much bad data (NULLs in
// required columns, non-positive quantities, lines without an order), but
// the readers check every row as if they did not: Options.Schema may
// name a schema of your own whose tables, or views over your tables,
// have the same names and columns without those constraints.
//
// # Loading
//
// [Load] writes a report.Input (the demo store, or a store read from CSV
// files) into the tables with COPY, in one transaction, in batches of a
// few thousand rows. It rejects what the readers would reject or give
// back differently.
//
// # Connecting
//
// A DSN such as
//
//	postgres://shop:secret@127.0.0.1:5432/shop?sslmode=disable
//
// opened with sql.Open("pgx", dsn) after importing
// github.com/jackc/pgx/v5/stdlib. The tests of this package run against
// the server named by the environment variable SHOPMETRICS_TEST_POSTGRES
// (.ci/run starts a throwaway one) and skip without it.
package postgres
