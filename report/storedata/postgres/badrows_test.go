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
