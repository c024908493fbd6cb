package postgres

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// looseTables are the tables of schema.sql without their constraints: a
// view or a table of a user's own schema can hold what schema.sql
// rejects (NULLs, negative quantities, lines without their order), and
// the readers must report it with its place.
const looseTables = `
CREATE TABLE orders (order_id text, customer_id text, placed_at timestamptz, channel text, status text,
	currency text, order_discount numeric, shipping numeric, tax numeric, promotion text,
	paid_at timestamptz, shipped_at timestamptz, delivered_at timestamptz, promised_by timestamptz, carrier text, region text);
CREATE TABLE order_lines (order_id text, line_no integer, sku text, name text, category text, quantity bigint,
	unit_price numeric, line_discount numeric, unit_cost numeric, line_promotion text);
CREATE TABLE refunds (refund_id text, order_id text, refunded_at timestamptz, currency text, amount numeric, reason text);
CREATE TABLE refund_lines (refund_id text, line_no integer, sku text, quantity bigint, restocked boolean);
CREATE TABLE events (event_no bigint, user_id text, time timestamptz, name text, session_id text, source text,
	device text, props json);
CREATE TABLE spend (channel text, day date, currency text, amount numeric);
CREATE TABLE customers (customer_id text, age smallint, age_band text, gender text, city text, region text, city_tier text, labels json);
CREATE TABLE members (customer_id text, level text, joined date, "left" date);
CREATE TABLE points (point_no bigint, customer_id text, time timestamptz, kind text, points bigint, order_id text, reason text);
CREATE TABLE campaigns (campaign_id text, name text, start date, "end" date, currency text, cost numeric);
CREATE TABLE campaign_targets (campaign_id text, customer_id text, "group" text);
CREATE TABLE coupon_redemptions (redemption_no bigint, campaign_id text, customer_id text, day date, order_id text,
	currency text, discount numeric);
CREATE TABLE competitor_prices (sku text, competitor text, day date, price numeric, currency text, promotion boolean);
`

// want is the place of one error.
type want struct {
	File   string
	Line   int
	Column int
	Name   string
	Rows   int
	Text   string // a part of the message: the record's key
	Is     error  // a sentinel it wraps, if any
}

func places(t *testing.T, errs []error) []want {
	t.Helper()
	var out []want
	for _, err := range errs {
		var pe *storedata.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not a *storedata.ParseError", err)
		}
		out = append(out, want{File: pe.File, Line: pe.Line, Column: pe.Column, Name: pe.Name, Rows: pe.Rows})
	}
	return out
}

func drain[T any](seq iter.Seq2[T, error]) (n int, errs []error) {
	for _, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errs
}

// Bad rows are located errors: the table, the row's number in primary-key
// order, the column numbered as in schema.sql, and the record's key in
// the message; a multi-row record with a bad row is rejected whole with a
// last error counting its rows. Nothing is dropped silently: good records
// plus rejected rows account for every row.
func TestBadRows(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		reason string
		insert string
		read   func(context.Context, *sql.DB, Options) (int, []error)
		good   int
		want   []want
	}{
		{
			name:   "negative quantity",
			reason: "metrics.Line's quantity is positive; the order is rejected with all three of its rows",
			insert: `INSERT INTO orders VALUES ('o1', 'c1', '2025-11-11 20:00+08', 'ads', 'paid', 'CNY', 0, 0, 0, NULL),
				('o2', 'c2', '2025-11-11 21:00+08', 'ads', 'paid', 'CNY', 0, 0, 0, NULL);
				INSERT INTO order_lines VALUES ('o1', 1, 'A', NULL, NULL, 1, 59.90, 0, 30, NULL),
				('o2', 1, 'A', NULL, NULL, 2, 59.90, 0, 30, NULL), ('o2', 2, 'B', NULL, NULL, -1, 10, 0, 5, NULL)`,
			read: readOrders, good: 1,
			want: []want{
				{File: "order_lines", Line: 3, Column: 6, Name: "quantity", Rows: 0, Text: `order "o2" line 2: -1 is not positive`},
				{File: "orders", Line: 2, Rows: 3, Text: `order "o2" rejected`},
			},
		},
		{
			name:   "unknown currency",
			reason: "XYZ is no ISO 4217 code: an error that wraps money.ErrUnknownCurrency, at the orders row",
			insert: `INSERT INTO orders VALUES ('o1', 'c1', '2025-11-11 20:00+08', 'ads', 'paid', 'XYZ', 0, 0, 0, NULL);
				INSERT INTO order_lines VALUES ('o1', 1, 'A', NULL, NULL, 1, 59.90, 0, 30, NULL)`,
			read: readOrders,
			want: []want{
				{File: "orders", Line: 1, Column: 6, Name: "currency", Text: `order "o1"`, Is: money.ErrUnknownCurrency},
				{File: "orders", Line: 1, Rows: 2, Text: "rejected"},
			},
		},
		{
			name:   "NULL required column",
			reason: "placed_at is required; NULL is not the zero time",
			insert: `INSERT INTO orders VALUES ('o1', 'c1', NULL, 'ads', 'paid', 'CNY', 0, 0, 0, NULL);
				INSERT INTO order_lines VALUES ('o1', 1, 'A', NULL, NULL, 1, 59.90, 0, 30, NULL)`,
			read: readOrders,
			want: []want{
				{File: "orders", Line: 1, Column: 3, Name: "placed_at", Text: `order "o1": NULL in a required column`},
				{File: "orders", Line: 1, Rows: 2, Text: "rejected"},
			},
		},
		{
			name:   "NULL sku",
			reason: "a line without a SKU rejects its order",
			insert: `INSERT INTO orders VALUES ('o1', NULL, '2025-11-11 20:00+08', NULL, NULL, 'CNY', NULL, NULL, NULL, NULL);
				INSERT INTO order_lines VALUES ('o1', 1, NULL, NULL, NULL, 1, 59.90, NULL, NULL, NULL), ('o1', 2, 'B', NULL, NULL, 1, 1, NULL, NULL, NULL)`,
			read: readOrders,
			want: []want{
				{File: "order_lines", Line: 1, Column: 3, Name: "sku", Text: `order "o1" line 1`},
				{File: "orders", Line: 1, Rows: 3, Text: "rejected"},
			},
		},
		{
			name:   "order without lines, line without order",
			reason: "neither may vanish: the order is rejected, and the orphan line is its own error",
			insert: `INSERT INTO orders VALUES ('o1', NULL, '2025-11-11 20:00+08', NULL, NULL, 'CNY', NULL, NULL, NULL, NULL);
				INSERT INTO order_lines VALUES ('o2', 1, 'A', NULL, NULL, 1, 59.90, NULL, NULL, NULL)`,
			read: readOrders,
			want: []want{
				{File: "orders", Line: 1, Text: `order "o1": an order without lines`},
				{File: "orders", Line: 1, Rows: 1, Text: "rejected"},
				{File: "order_lines", Line: 1, Column: 1, Name: "order_id", Rows: 1, Text: `order "o2" line 1: a line of an order that is not in orders`},
			},
		},
		{
			name:   "amount NaN",
			reason: "numeric holds NaN and Infinity; no amount is either",
			insert: `INSERT INTO spend VALUES ('ads', '2025-11-01', 'CNY', 'NaN'), ('ads', '2025-11-02', 'CNY', 12.30),
				('ads', '2025-11-03', 'CNY', -1)`,
			read: readSpend, good: 1,
			want: []want{
				{File: "spend", Line: 1, Column: 4, Name: "amount", Rows: 1, Text: `spend "ads", 2025-11-01, "CNY": "NaN" is not an amount`},
				{File: "spend", Line: 3, Column: 4, Name: "amount", Rows: 1, Text: "negative spend -1"},
			},
		},
		{
			name:   "refund line with a bad quantity",
			reason: "the refund is rejected whole; the other refund is read",
			insert: `INSERT INTO refunds VALUES ('r1', 'o1', '2025-11-12 10:00+08', 'CNY', 30, 'size'), ('r2', 'o2', '2025-11-12 10:00+08', 'CNY', 5, NULL);
				INSERT INTO refund_lines VALUES ('r1', 1, 'A', 0, true)`,
			read: readRefunds, good: 1,
			want: []want{
				{File: "refund_lines", Line: 1, Column: 4, Name: "quantity", Text: `refund "r1" line 1: 0 is not positive`},
				{File: "refunds", Line: 1, Rows: 2, Text: "rejected"},
			},
		},
		{
			name:   "event props",
			reason: "props must be an object of strings; a NULL user is a located error too",
			insert: `INSERT INTO events VALUES (1, 'u1', '2025-11-11 20:00+08', 'page_view', 's1', NULL, NULL, '["a"]'),
				(2, 'u1', '2025-11-11 20:01+08', 'add_to_cart', 's1', NULL, NULL, '{"page": 3}'),
				(3, NULL, '2025-11-11 20:02+08', 'page_view', NULL, NULL, NULL, NULL),
				(4, 'u2', '2025-11-11 20:02+08', 'page_view', NULL, NULL, NULL, '{"page": "home"}')`,
			read: readEvents, good: 1,
			want: []want{
				{File: "events", Line: 1, Column: 8, Name: "props", Rows: 1, Text: "event 1: props: want a JSON object"},
				{File: "events", Line: 2, Column: 8, Name: "props", Rows: 1, Text: `event 2: props: the value of "page" is not a string`},
				{File: "events", Line: 4, Column: 2, Name: "user_id", Rows: 1, Text: "event 3: NULL in a required column"},
			},
		},
		{
			name:   "customers",
			reason: "age is 1 to 120; labels are an object of strings whose keys are no column and given once; a customer_id is used once",
			insert: `INSERT INTO customers VALUES ('c1', 0, NULL, NULL, NULL, NULL, NULL, NULL),
				('c2', 30, NULL, 'F', NULL, NULL, NULL, '{"city": "x"}'),
				('c3', NULL, NULL, NULL, NULL, NULL, NULL, '{"a": "1", "a": "2"}'),
				('c4', NULL, NULL, NULL, NULL, NULL, NULL, '{"income": "high"}'),
				('c4', NULL, NULL, NULL, NULL, NULL, NULL, '{"income": "high"}')`,
			read: readCustomers, good: 1,
			want: []want{
				{File: "customers", Line: 1, Column: 2, Name: "age", Rows: 1, Text: `customer "c1": age 0: want 1 to 120`},
				{File: "customers", Line: 2, Column: 8, Name: "labels", Rows: 1, Text: `customer "c2": labels: key "city" is not a label name`},
				{File: "customers", Line: 3, Column: 8, Name: "labels", Rows: 1, Text: `customer "c3": labels: "a" is given twice`},
				{File: "customers", Line: 5, Rows: 1, Text: `customer "c4": duplicate ID: used by row 4 too`, Is: storedata.ErrDuplicateID},
			},
		},
		{
			name:   "members",
			reason: "joined is required; left is after joined",
			insert: `INSERT INTO members VALUES ('m1', NULL, NULL, NULL), ('m2', 'gold', '2025-03-01', '2025-03-01'),
				('m3', NULL, '2025-03-01', NULL)`,
			read: readMembers, good: 1,
			want: []want{
				{File: "members", Line: 1, Column: 3, Name: "joined", Rows: 1, Text: `member "m1": NULL in a required column`},
				{File: "members", Line: 2, Column: 4, Name: "left", Rows: 1, Text: `member "m2": 2025-03-01 is not after joined 2025-03-01`},
			},
		},
		{
			name:   "points",
			reason: "a kind of the four; positive points but for an adjustment; a row that repeats the one before is a duplicate row",
			insert: `INSERT INTO points VALUES (1, 'c1', '2025-12-01 10:00+08', 'gifted', 5, NULL, NULL),
				(2, 'c1', '2025-12-01 10:00+08', 'issued', 0, NULL, NULL),
				(3, 'c1', '2025-12-01 10:00+08', 'issued', 10, 'o1', NULL),
				(4, 'c1', '2025-12-01 10:00+08', 'issued', 10, 'o1', NULL),
				(5, 'c1', '2025-12-01 10:00+08', 'adjusted', -5, NULL, 'fix')`,
			read: readPoints, good: 2,
			want: []want{
				{File: "points", Line: 1, Column: 4, Name: "kind", Rows: 1, Text: `points entry 1: "gifted": want issued`},
				{File: "points", Line: 2, Column: 5, Name: "points", Rows: 1, Text: `points entry 2: issued 0 points`},
				{File: "points", Line: 4, Rows: 1, Text: `points entry 4: duplicate row: row 3 is the same entry`, Is: storedata.ErrDuplicateRow},
			},
		},
		{
			name:   "campaigns",
			reason: "in window order: a negative cost, a campaign_id used twice, an end before the start; a NULL cost is 0",
			insert: `INSERT INTO campaigns VALUES ('k1', NULL, '2025-12-10', '2025-12-01', 'CNY', 0),
				('k2', NULL, '2025-12-01', '2025-12-07', 'CNY', -1), ('k3', 'SMS', '2025-12-02', '2025-12-07', 'CNY', NULL),
				('k3', NULL, '2025-12-03', '2025-12-08', 'CNY', 5)`,
			read: readCampaigns, good: 1,
			want: []want{
				{File: "campaigns", Line: 1, Column: 6, Name: "cost", Rows: 1, Text: `campaign "k2": negative cost -1`},
				{File: "campaigns", Line: 3, Rows: 1, Text: `campaign "k3": duplicate ID: used by row 2 too`, Is: storedata.ErrDuplicateID},
				{File: "campaigns", Line: 4, Column: 4, Name: "end", Rows: 1, Text: `campaign "k1": the end 2025-12-01 is before the start 2025-12-10`},
			},
		},
		{
			name:   "campaign targets",
			reason: "a customer listed twice for a campaign; a group other than target or control; a NULL customer",
			insert: `INSERT INTO campaign_targets VALUES ('k1', 'c1', 'target'), ('k1', 'c1', 'target'), ('k1', 'c2', 'holdout'),
				('k1', NULL, NULL)`,
			read: readCampaignTargets, good: 1,
			want: []want{
				{File: "campaign_targets", Line: 2, Rows: 1, Text: `target "c1", "k1": duplicate ID: used by row 1 too`, Is: storedata.ErrDuplicateID},
				{File: "campaign_targets", Line: 3, Column: 3, Name: "group", Rows: 1, Text: `"holdout": want target or control`},
				{File: "campaign_targets", Line: 4, Column: 2, Name: "customer_id", Rows: 1, Text: `NULL in a required column`},
			},
		},
		{
			name:   "coupon redemptions",
			reason: "a discount is not negative; the customer is required",
			insert: `INSERT INTO coupon_redemptions VALUES (1, 'k1', 'c1', '2025-12-02', NULL, 'CNY', -1),
				(2, 'k1', NULL, '2025-12-02', NULL, 'CNY', 5), (3, 'k1', 'c1', '2025-12-02', 'o1', 'CNY', 5)`,
			read: readRedemptions, good: 1,
			want: []want{
				{File: "coupon_redemptions", Line: 1, Column: 7, Name: "discount", Rows: 1, Text: `redemption 1: negative discount -1`},
				{File: "coupon_redemptions", Line: 2, Column: 3, Name: "customer_id", Rows: 1, Text: `redemption 2: NULL in a required column`},
			},
		},
		{
			name:   "competitor prices",
			reason: "a price is positive; one row per SKU, competitor and day; prices in any currency are read",
			insert: `INSERT INTO competitor_prices VALUES ('A', 'JD', '2025-12-01', 0, 'CNY', NULL), ('A', 'JD', '2025-12-02', 10, 'CNY', NULL),
				('A', 'JD', '2025-12-02', 10, 'CNY', NULL), ('B', 'JD', '2025-12-02', 10, 'USD', false)`,
			read: readCompetitorPrices, good: 2,
			want: []want{
				{File: "competitor_prices", Line: 1, Column: 4, Name: "price", Rows: 1, Text: `price "A", "JD", 2025-12-01: price 0 is not positive`},
				{File: "competitor_prices", Line: 3, Rows: 1, Text: `price "A", "JD", 2025-12-02: duplicate ID: used by row 2 too`, Is: storedata.ErrDuplicateID},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{Schema: testSchema(t, db)}
			schema := pgx.Identifier{opts.Schema}.Sanitize()
			tx, err := db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			for _, q := range []string{"SET LOCAL search_path TO " + schema, looseTables, c.insert} {
				if _, err := tx.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			good, errs := c.read(ctx, db, opts)
			if good != c.good {
				t.Errorf("%d good records, want %d (%s)", good, c.good, c.reason)
			}
			for _, e := range errs {
				t.Log(e)
			}
			got := places(t, errs)
			var w []want
			for i, x := range c.want {
				w = append(w, want{File: x.File, Line: x.Line, Column: x.Column, Name: x.Name, Rows: x.Rows})
				if i < len(errs) {
					if !strings.Contains(errs[i].Error(), x.Text) {
						t.Errorf("error %d = %q, want it to contain %q", i, errs[i], x.Text)
					}
					if x.Is != nil && !errors.Is(errs[i], x.Is) {
						t.Errorf("error %d = %q does not wrap %v", i, errs[i], x.Is)
					}
				}
			}
			if d := gocmp.Diff(w, got); d != "" {
				t.Errorf("error places (-want +got), %s:\n%s", c.reason, d)
			}
			// Strict mode stops at the first error.
			opts.Strict = true
			if _, errs := c.read(ctx, db, opts); len(errs) != 1 {
				t.Errorf("strict: %d errors, want 1: %v", len(errs), errs)
			}
		})
	}
}

func readOrders(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadOrders(ctx, db, opts))
}

func readRefunds(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadRefunds(ctx, db, opts))
}

func readEvents(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadEvents(ctx, db, opts))
}

func readSpend(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadSpend(ctx, db, opts))
}

func readCustomers(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadCustomers(ctx, db, opts))
}

func readMembers(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadMembers(ctx, db, opts))
}

func readPoints(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadPoints(ctx, db, opts))
}

func readCampaigns(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadCampaigns(ctx, db, opts))
}

func readCampaignTargets(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadCampaignTargets(ctx, db, opts))
}

func readRedemptions(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadRedemptions(ctx, db, opts))
}

func readCompetitorPrices(ctx context.Context, db *sql.DB, opts Options) (int, []error) {
	return drain(ReadCompetitorPrices(ctx, db, opts))
}
