package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// cell receives one column of a row whatever its type, so that a row
// always scans and each cell's problem can be reported with its column.
type cell struct{ v any }

func (c *cell) Scan(src any) error {
	if b, ok := src.([]byte); ok {
		c.v = string(b)
		return nil
	}
	c.v = src
	return nil
}

// col is one selected column: its table, its name and its position in
// the table (1-based, as in schema.sql), for errors.
type col struct {
	table  string
	name   string
	pos    int
	detail bool // a column of the detail table (order_lines, refund_lines)
}

// cols describes the columns names of table, numbered as in schema.sql.
func cols(table string, detail bool, names ...string) []col {
	all := tableColumns[table]
	c := make([]col, len(names))
	for i, n := range names {
		pos := 0
		for j, a := range all {
			if a == n {
				pos = j + 1
			}
		}
		if pos == 0 {
			panic("postgres: column " + n + " is not in table " + table)
		}
		c[i] = col{table: table, name: n, pos: pos, detail: detail}
	}
	return c
}

// tableColumns lists the columns of each table in the order of schema.sql.
var tableColumns = map[string][]string{
	"orders": {"order_id", "customer_id", "placed_at", "channel", "status", "currency", "order_discount", "shipping", "tax", "promotion",
		"paid_at", "shipped_at", "delivered_at", "promised_by", "carrier", "region"},
	"order_lines":         {"order_id", "line_no", "sku", "name", "category", "quantity", "unit_price", "line_discount", "unit_cost", "line_promotion"},
	"refunds":             {"refund_id", "order_id", "refunded_at", "currency", "amount", "reason"},
	"refund_lines":        {"refund_id", "line_no", "sku", "quantity", "restocked"},
	"events":              {"event_no", "user_id", "time", "name", "session_id", "source", "device", "props"},
	"spend":               {"channel", "day", "currency", "amount"},
	"inventory_snapshots": {"sku", "day", "on_hand", "currency", "unit_cost"},
	"receipts":            {"receipt_no", "sku", "day", "quantity", "currency", "unit_cost", "supplier", "po_id", "ordered", "promised", "ordered_quantity"},
	"products":            {"sku", "name", "category", "currency", "unit_price", "lead_time_days"},
	"promotions":          {"promotion_id", "name", "window", "mechanism", "skus", "categories", "store", "percent", "threshold", "amount", "buy_qty", "get_qty", "currency", "fixed_cost", "media_cost", "cost_unknown"},
	"targets":             {"metric", "period", "currency", "amount", "value"},
	"tickets":             {"ticket_id", "customer_id", "order_id", "channel", "opened_at", "first_response_at", "resolved_at", "reopened", "reason", "score"},
	"customers":           {"customer_id", "age", "age_band", "gender", "city", "region", "city_tier", "labels"},
	"members":             {"customer_id", "level", "joined", "left"},
	"points":              {"point_no", "customer_id", "time", "kind", "points", "order_id", "reason"},
	"campaigns":           {"campaign_id", "name", "start", "end", "currency", "cost"},
	"campaign_targets":    {"campaign_id", "customer_id", "group"},
	"coupon_redemptions":  {"redemption_no", "campaign_id", "customer_id", "day", "order_id", "currency", "discount"},
	"competitor_prices":   {"sku", "competitor", "day", "price", "currency", "promotion"},
}

// numeric lists the numeric columns, which the readers select as text so
// that no amount passes through a float.
var numeric = map[string]bool{
	"order_discount": true, "shipping": true, "tax": true, "unit_price": true, "line_discount": true,
	"unit_cost": true, "amount": true, "percent": true, "threshold": true, "fixed_cost": true, "media_cost": true,
	"cost": true, "discount": true, "price": true,
}

// selectList returns the SQL select list of cs, each prefixed with alias
// (such as "o."): numeric columns as text, arrays as JSON text.
func selectList(alias string, cs []col) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		q := alias + quoteCols("", []string{c.name})
		switch {
		case numeric[c.name]:
			q += "::text"
		case c.name == "skus" || c.name == "categories":
			q = "array_to_json(" + q + ")::text"
		case c.name == "props" || c.name == "labels":
			q += "::text"
		}
		b.WriteString(q)
	}
	return b.String()
}

// dateCols lists the date columns, which messages give as days.
var dateCols = map[string]bool{"day": true, "ordered": true, "promised": true, "joined": true, "left": true, "start": true, "end": true}

// row is the current row of a query, with what locates it in errors.
type row struct {
	cols  []col
	cells []cell
	dest  []any
	opts  Options
	line  int    // the row's number in the main table's ORDER BY, from 1
	sub   int    // the same in the detail table (order_lines, refund_lines)
	key   string // the record's key for messages, such as `order "o1"`
}

func newRow(cs []col, opts Options) *row {
	r := &row{cols: cs, cells: make([]cell, len(cs)), dest: make([]any, len(cs)), opts: opts}
	for i := range r.cells {
		r.dest[i] = &r.cells[i]
	}
	return r
}

// fail returns a *storedata.ParseError for column i: File is the table,
// Line the row's number in the reader's order (its primary-key order),
// Column the column's position in the table, and the message names the
// record by its key. Rows is 1; a reader of multi-row records changes it.
func (r *row) fail(i int, err error) error {
	c := r.cols[i]
	line := r.line
	if c.detail {
		line = r.sub
	}
	return &storedata.ParseError{File: c.table, Line: line, Column: c.pos, Name: c.name, Rows: 1, Err: fmt.Errorf("%s: %w", r.key, err)}
}

// rowErr returns a *storedata.ParseError for the row as a whole.
func (r *row) rowErr(table string, line int, err error) error {
	if r.key != "" {
		err = fmt.Errorf("%s: %w", r.key, err)
	}
	return &storedata.ParseError{File: table, Line: line, Rows: 1, Err: err}
}

// quote formats cell i for a message or a key.
func (r *row) quote(i int) string {
	switch v := r.cells[i].v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(v)
	case time.Time:
		if dateCols[r.cols[i].name] {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339Nano)
	default:
		return fmt.Sprint(v)
	}
}

// raw returns a cell selected as text (a numeric column) as the server
// wrote it, for messages.
func (r *row) raw(i int) string {
	s, _ := r.cells[i].v.(string)
	return s
}

// keyOf sets the record's key from what it is and the cells of its key.
func (r *row) keyOf(what string, idx ...int) {
	var b strings.Builder
	b.WriteString(what)
	for k, i := range idx {
		if k == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(", ")
		}
		b.WriteString(r.quote(i))
	}
	r.key = b.String()
}

var (
	errNull  = errors.New("NULL in a required column")
	errEmpty = errors.New("empty")
)

func (r *row) null(i int) bool { return r.cells[i].v == nil }

// text returns a text cell; NULL is "". Invalid text is storedata.ErrText.
func (r *row) text(i int) (string, error) {
	switch v := r.cells[i].v.(type) {
	case nil:
		return "", nil
	case string:
		if err := validText(v); err != nil {
			return "", r.fail(i, err)
		}
		return v, nil
	default:
		return "", r.fail(i, fmt.Errorf("%T is not text", v))
	}
}

// required returns a text cell that must be neither NULL nor empty.
func (r *row) required(i int) (string, error) {
	if r.null(i) {
		return "", r.fail(i, errNull)
	}
	s, err := r.text(i)
	if err == nil && s == "" {
		err = r.fail(i, errEmpty)
	}
	return s, err
}

func (r *row) currency(i int) (money.Currency, error) {
	code, err := r.required(i)
	if err != nil {
		return money.Currency{}, err
	}
	c, err := money.ParseCurrency(code)
	if err != nil {
		return c, r.fail(i, err)
	}
	return c, nil
}

// money returns a numeric cell (selected as text) as an amount of c;
// NULL is zero when optional.
func (r *row) money(i int, c money.Currency, optional bool) (money.Money, error) {
	if r.null(i) {
		if optional {
			return c.Zero(), nil
		}
		return money.Money{}, r.fail(i, errNull)
	}
	s, ok := r.cells[i].v.(string)
	if !ok || !storedata.PlainAmount(s) {
		return money.Money{}, r.fail(i, fmt.Errorf("%s is not an amount", r.quote(i)))
	}
	m, err := c.Parse(s)
	if err != nil {
		return m, r.fail(i, err)
	}
	return m, nil
}

// int returns an integer cell that must not be NULL.
func (r *row) int(i int) (int64, error) {
	switch v := r.cells[i].v.(type) {
	case nil:
		return 0, r.fail(i, errNull)
	case int64:
		return v, nil
	default:
		return 0, r.fail(i, fmt.Errorf("%s is not an integer", r.quote(i)))
	}
}

// positive returns an integer cell that must be positive.
func (r *row) positive(i int) (int64, error) {
	v, err := r.int(i)
	if err == nil && v <= 0 {
		err = r.fail(i, fmt.Errorf("%d is not positive", v))
	}
	return v, err
}

// optInt returns an integer cell; NULL is 0.
func (r *row) optInt(i int) (int64, error) {
	if r.null(i) {
		return 0, nil
	}
	return r.int(i)
}

// bool returns a boolean cell; NULL is false.
func (r *row) bool(i int) (bool, error) {
	switch v := r.cells[i].v.(type) {
	case nil:
		return false, nil
	case bool:
		return v, nil
	default:
		return false, r.fail(i, fmt.Errorf("%s is not a boolean", r.quote(i)))
	}
}

// float returns a double precision cell; NULL is 0 when optional.
func (r *row) float(i int, optional bool) (float64, error) {
	switch v := r.cells[i].v.(type) {
	case nil:
		if optional {
			return 0, nil
		}
		return 0, r.fail(i, errNull)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, r.fail(i, fmt.Errorf("%v is not a finite number", v))
		}
		return v, nil
	default:
		return 0, r.fail(i, fmt.Errorf("%s is not a number", r.quote(i)))
	}
}

// time returns a timestamptz cell in the store's zone; NULL is the zero
// time when optional. Years outside 1000–9999 are an error, as in the
// CSV files.
func (r *row) time(i int, optional bool) (time.Time, error) {
	switch v := r.cells[i].v.(type) {
	case nil:
		if optional {
			return time.Time{}, nil
		}
		return time.Time{}, r.fail(i, errNull)
	case time.Time:
		v = v.In(r.opts.loc())
		if y := v.Year(); y < 1000 || y > 9999 {
			return v, r.fail(i, fmt.Errorf("year %d is out of range", y))
		}
		return v, nil
	default:
		return time.Time{}, r.fail(i, fmt.Errorf("%s is not a time", r.quote(i)))
	}
}

// day returns a date cell as the start of that day in the store's zone.
func (r *row) day(i int) (time.Time, error) {
	switch v := r.cells[i].v.(type) {
	case nil:
		return time.Time{}, r.fail(i, errNull)
	case time.Time:
		if y := v.Year(); y < 1000 || y > 9999 {
			return v, r.fail(i, fmt.Errorf("year %d is out of range", y))
		}
		return metrics.DayOf(v.Year(), v.Month(), v.Day(), r.opts.loc()).Start, nil
	default:
		return time.Time{}, r.fail(i, fmt.Errorf("%s is not a day", r.quote(i)))
	}
}

// optDay returns a date cell as [row.day] does; NULL is the zero time.
func (r *row) optDay(i int) (time.Time, error) {
	if r.null(i) {
		return time.Time{}, nil
	}
	return r.day(i)
}

// unique returns an storedata.ErrDuplicateID error when the row's key
// (r.key) is the key of the row before it (prev, on row *line), and
// otherwise records the row's key there. The readers that use it read
// in the order of the key, so a key used twice is used by rows in a row.
func (r *row) unique(prev *string, line *int) error {
	if *prev == r.key && *line > 0 {
		return r.rowErr(r.cols[0].table, r.line, fmt.Errorf("%w: used by row %d too", storedata.ErrDuplicateID, *line))
	}
	*prev, *line = r.key, r.line
	return nil
}

// validText rejects what storedata's readers reject in a text cell:
// control characters other than tab, newline and carriage return (the
// server already rejects invalid UTF-8 in a UTF8 database, and this
// checks it too for other encodings).
func validText(s string) error {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		ru, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case ru == utf8.RuneError && n == 1:
			return fmt.Errorf("%w: invalid UTF-8 (byte 0x%02X at byte %d of %q)", storedata.ErrText, c, i+1, s)
		case ru == '\t' || ru == '\n' || ru == '\r':
		case ru < 0x20 || (ru >= 0x7f && ru <= 0x9f):
			return fmt.Errorf("%w: control character U+%04X at byte %d of %q", storedata.ErrText, ru, i+1, s)
		}
		i += n
	}
	return nil
}

// query runs a query and returns its rows, or an error naming the table.
func query(ctx context.Context, db *sql.DB, table, q string) (*sql.Rows, error) {
	rs, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("postgres: reading %s: %w", table, err)
	}
	return rs, nil
}

// readTable streams the rows of one table in the given order, calling
// read on each with the row's cells scanned, and yields its values and
// errors under the strict or lenient policy of opts. read returns
// ok=false to yield nothing for a good row.
func readTable[T any](ctx context.Context, db *sql.DB, opts Options, table string, cs []col, order string,
	read func(r *row) (T, error), yield func(T, error) bool) {
	var zero T
	q := "SELECT " + selectList("", cs) + " FROM " + opts.table(table) + " ORDER BY " + order
	rs, err := query(ctx, db, table, q)
	if err != nil {
		yield(zero, err)
		return
	}
	defer rs.Close()
	r := newRow(cs, opts)
	for rs.Next() {
		r.line++
		r.key = ""
		if err := rs.Scan(r.dest...); err != nil {
			if !yield(zero, r.rowErr(table, r.line, err)) || opts.Strict {
				return
			}
			continue
		}
		v, err := read(r)
		if err != nil {
			if !yield(zero, err) || opts.Strict {
				return
			}
			continue
		}
		if !yield(v, nil) {
			return
		}
	}
	if err := rs.Err(); err != nil {
		yield(zero, fmt.Errorf("postgres: reading %s: %w", table, err))
	}
}
