package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

func order(id string, qty int64, price money.Money) metrics.Order {
	return metrics.Order{ID: id, CustomerID: "c1", PlacedAt: time.Date(2025, 11, 11, 20, 0, 0, 0, time.UTC), Status: metrics.Paid,
		Currency: money.MustCurrency("CNY"), Lines: []metrics.Line{{SKU: "A", Quantity: qty, UnitPrice: price}}}
}

// Load refuses what the readers would reject or read back differently,
// names the record, and writes nothing at all (one transaction): the
// good order before the bad one is not in the table either.
func TestLoadRejects(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	cny := money.MustNew("59.90", "CNY")
	good := order("o1", 1, cny)
	for _, c := range []struct {
		name, reason string
		in           report.Input
		want         string
	}{
		{"no lines", "an order without lines reads back as a rejected order",
			report.Input{Orders: slices.Values([]metrics.Order{good, {ID: "o2", PlacedAt: good.PlacedAt, Currency: good.Currency}})}, `order "o2": no lines`},
		{"other currency", "a row has one currency column",
			report.Input{Orders: slices.Values([]metrics.Order{good, order("o2", 1, money.MustNew("1", "USD"))})}, `order "o2": unit_price USD`},
		{"quantity", "metrics.Line's quantity is positive",
			report.Input{Orders: slices.Values([]metrics.Order{good, order("o2", 0, cny)})}, `order "o2": quantity 0 is not positive`},
		{"nanoseconds", "timestamptz keeps microseconds",
			report.Input{Orders: slices.Values([]metrics.Order{good, func() metrics.Order {
				o := order("o2", 1, cny)
				o.PlacedAt = o.PlacedAt.Add(1)
				return o
			}()})}, "fraction of a microsecond"},
		{"duplicate ID", "the primary key refuses it",
			report.Input{Orders: slices.Values([]metrics.Order{good, good})}, "duplicate key"},
		{"control character", "readers reject it (storedata.ErrText)",
			report.Input{Orders: slices.Values([]metrics.Order{good, func() metrics.Order {
				o := order("o2", 1, cny)
				o.Lines[0].Name = "bad\x1bname"
				return o
			}()})}, "control character"},
		{"fixed property", "user_id is a column, not a property",
			report.Input{Orders: slices.Values([]metrics.Order{good}), Events: slices.Values([]funnel.Event{{UserID: "u1", Time: good.PlacedAt, Name: "page_view",
				Props: []funnel.Prop{{Key: "user_id", Value: "u2"}}}})}, `property key "user_id"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := tablesIn(t, db)
			err := Load(ctx, db, c.in, opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Load = %v, want an error with %q (%s)", err, c.want, c.reason)
			}
			var n int
			if err := db.QueryRow("SELECT count(*) FROM " + opts.table("orders")).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%d orders in the table after a failed Load, want 0", n)
			}
		})
	}
}

// Read in lenient mode leaves bad rows out and reports and counts them,
// the streamed tables' too; in strict mode a bad row ends the stream and
// Source.Err says so.
func TestReadLenientAndStrict(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	opts := tablesIn(t, db)
	cny := money.MustNew("59.90", "CNY")
	in := report.Input{Orders: slices.Values([]metrics.Order{order("o1", 1, cny), order("o2", 2, cny), order("o3", 1, cny)})}
	if err := Load(ctx, db, in, opts); err != nil {
		t.Fatal(err)
	}
	// What the schema lets through and the readers reject: an unknown
	// currency, a control character, an unknown KPI.
	for _, q := range []string{
		"UPDATE " + opts.table("orders") + " SET currency = 'XYZ' WHERE order_id = 'o2'",
		"INSERT INTO " + opts.table("targets") + " (metric, period, value) VALUES ('happiness', '2025-11', 1)",
		"INSERT INTO " + opts.table("targets") + " (metric, period, value) VALUES ('orders', '2025-11', 100)",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var logged bytes.Buffer
	lopts := opts
	lopts.Logger = slog.New(slog.NewJSONHandler(&logged, nil))
	src, err := Read(ctx, db, lopts)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Input.Targets) != 1 || src.Input.Targets[0].Metric != "orders" {
		t.Errorf("targets = %+v, want the orders target alone", src.Input.Targets)
	}
	var ids []string
	for o := range src.Input.Orders {
		ids = append(ids, o.ID)
	}
	if !slices.Equal(ids, []string{"o1", "o3"}) {
		t.Errorf("orders %v, want o1 and o3", ids)
	}
	if src.Err() != nil {
		t.Errorf("Err = %v, want nil in lenient mode", src.Err())
	}
	counts := func(rs []report.Rejected) []report.Rejected {
		var out []report.Rejected
		for _, r := range rs {
			var sum int64
			for _, n := range r.Reasons {
				sum += n
			}
			if sum != r.Rows {
				t.Errorf("%s: reasons %v add up to %d, not %d rows", r.File, r.Reasons, sum, r.Rows)
			}
			out = append(out, report.Rejected{File: r.File, Rows: r.Rows})
		}
		return out
	}
	want := []report.Rejected{{File: "targets", Rows: 1}, {File: "orders", Rows: 2}}
	if got := counts(src.Rejected()); !cmp.Equal(got, want) {
		t.Errorf("Rejected = %v, want %v", got, want)
	}
	if got := counts(src.Input.Rejected); !cmp.Equal(got, want[:1]) {
		t.Errorf("Input.Rejected = %v, want the targets alone (read before the review)", got)
	}
	if n := storedata.Rejected(src.Errs()); n != 3 {
		t.Errorf("storedata.Rejected(Errs) = %d, want 3", n)
	}
	// Options.Logger received each bad row, located, as Errs has it.
	type record struct {
		Level, Msg, Table, Error string
		Row, Column, Rows        int
	}
	var gotLog, wantLog []record
	for _, line := range strings.Split(strings.TrimSpace(logged.String()), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		gotLog = append(gotLog, r)
	}
	for _, err := range src.Errs() {
		var pe *storedata.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not a *storedata.ParseError", err)
		}
		r := record{Level: "WARN", Msg: "postgres: row rejected", Table: pe.File, Row: pe.Line, Column: pe.Column, Error: pe.Error()}
		if pe.Rows > 0 {
			r.Rows = pe.Rows
		}
		wantLog = append(wantLog, r)
	}
	if len(wantLog) < 3 {
		t.Fatalf("Errs = %v: want at least the three bad rows", src.Errs())
	}
	if diff := cmp.Diff(wantLog, gotLog); diff != "" {
		t.Errorf("the rows Options.Logger received (-Errs +logged):\n%s", diff)
	}

	if _, err := Read(ctx, db, Options{Schema: opts.Schema, Strict: true}); !errors.Is(err, storedata.ErrUnknownMetric) {
		t.Errorf("strict Read = %v, want the unknown metric", err)
	}
	if _, err := db.Exec("DELETE FROM " + opts.table("targets") + " WHERE metric = 'happiness'"); err != nil {
		t.Fatal(err)
	}
	src, err = Read(ctx, db, Options{Schema: opts.Schema, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	ids = ids[:0]
	for o := range src.Input.Orders {
		ids = append(ids, o.ID)
	}
	if !slices.Equal(ids, []string{"o1"}) || !errors.Is(src.Err(), money.ErrUnknownCurrency) {
		t.Errorf("strict: orders %v and Err %v, want o1 and then the unknown currency", ids, src.Err())
	}
}

// A table that is absent or empty is an absent kind (nil in the Input),
// as a missing CSV file is: the review leaves its section out with a
// note instead of showing zeros.
func TestReadAbsentTables(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	opts := tablesIn(t, db)
	in := report.Input{Orders: slices.Values([]metrics.Order{order("o1", 1, money.MustNew("59.90", "CNY"))})}
	if err := Load(ctx, db, in, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DROP TABLE " + opts.table("tickets") + ", " + opts.table("events")); err != nil {
		t.Fatal(err)
	}
	src, err := Read(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	if src.Input.Events != nil || src.Input.Tickets != nil || src.Input.Snapshots != nil || src.Input.Spend != nil {
		t.Errorf("absent or empty tables gave non-nil kinds: %+v", src.Input)
	}
	n := 0
	for range src.Input.Orders {
		n++
	}
	if n != 1 || src.Err() != nil {
		t.Errorf("%d orders, Err %v; want 1 and nil", n, src.Err())
	}
}
