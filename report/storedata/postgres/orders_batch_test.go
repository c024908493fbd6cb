package postgres

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// orderBatchItems drains ReadOrderBatches into rows (Orders.Order), and
// checks that the batches share their dictionaries and hold at most
// opts.BatchSize orders.
func orderBatchItems(t *testing.T, seq iter.Seq2[*metrics.Orders, error], opts Options) []item[metrics.Order] {
	t.Helper()
	var out []item[metrics.Order]
	var first *metrics.Orders
	for b, err := range seq {
		if err != nil {
			if b != nil {
				t.Errorf("a batch with the error %v", err)
			}
			it := errItem[metrics.Order](err)
			if errors.Is(err, storedata.ErrBatchRange) {
				it.Err = storedata.ErrBatchRange.Error() // its message: TestOrderBatchesBadRows
			}
			out = append(out, it)
			continue
		}
		if b.Len() == 0 || b.Len() > opts.batchSize() {
			t.Errorf("a batch of %d orders (BatchSize %d)", b.Len(), opts.BatchSize)
		}
		if first == nil {
			first = b
		} else if b.CustomerIDs != first.CustomerIDs || b.SKUs != first.SKUs || b.Channels != first.Channels || b.Categories != first.Categories {
			t.Error("batches of one reading do not share their dictionaries")
		}
		for i := range b.Len() {
			out = append(out, item[metrics.Order]{Row: b.Order(i)})
		}
	}
	return out
}

// checkOrderBatches compares ReadOrderBatches with ReadOrders.
func checkOrderBatches(t *testing.T, db *sql.DB, opts Options, minOrders int) {
	t.Helper()
	ctx := context.Background()
	checkBatches(t, opts, minOrders,
		func(opts Options) []item[metrics.Order] { return rowItems(ReadOrders(ctx, db, opts)) },
		func(opts Options) []item[metrics.Order] {
			return orderBatchItems(t, ReadOrderBatches(ctx, db, opts), opts)
		},
		func(_ int, o metrics.Order) (item[metrics.Order], bool) {
			// Its row of orders is the row of its ID in order.
			var line int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+opts.table("orders")+" WHERE order_id <= $1", o.ID).Scan(&line); err != nil {
				t.Fatal(err)
			}
			for i, at := range []time.Time{o.PlacedAt, o.PaidAt, o.ShippedAt, o.DeliveredAt, o.PromisedBy} {
				if sec := at.Unix(); !at.IsZero() && (sec < storedata.BatchMinUnix || sec >= storedata.BatchMaxUnix) {
					c := orderCols[[...]int{oPlaced, oPaid, oShipped, oDelivered, oPromised}[i]]
					return item[metrics.Order]{Err: storedata.ErrBatchRange.Error(),
						At: want{File: "orders", Line: line, Column: c.pos, Name: c.name, Rows: 1 + len(o.Lines)}}, true
				}
			}
			return item[metrics.Order]{}, false
		})
}

// Bad rows give ReadOrders' errors at the same places, and good orders
// its orders; an order with a time a batch cannot hold is an
// ErrBatchRange naming it.
func TestOrderBatchesBadRows(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	opts := Options{Schema: testSchema(t, db)}
	if _, err := db.Exec("SET search_path TO " + pgx.Identifier{opts.Schema}.Sanitize() + "; " + looseTables + `
		INSERT INTO orders VALUES ('o1', 'c1', '2025-11-11 20:00+08', 'ads', 'paid', 'CNY', 0, 0, 0, NULL),
			('o2', 'c2', '2025-11-11 21:00+08', 'ads', 'paid', 'CNY', 0, 0, 0, NULL),
			('o3', NULL, '2025-11-12 21:00+08', NULL, NULL, 'USD', 1.5, NULL, NULL, 'p1'),
			('o4', 'c1', '1500-01-01 00:00Z', 'ads', 'paid', 'CNY', 0, 0, 0, NULL),
			('o6', 'c3', '2025-11-13 01:00Z', 'ads', 'paid', 'XYZ', 0, 0, 0, NULL),
			('o7', 'c3', '2025-11-13 02:00Z', 'ads', 'paid', 'CNY', 0, 0, 0, NULL);
		INSERT INTO orders (order_id, customer_id, placed_at, channel, status, currency, delivered_at)
			VALUES ('o5', 'c1', '2025-11-13 00:00Z', 'ads', 'paid', 'CNY', '2262-06-01 00:00Z');
		INSERT INTO order_lines VALUES ('o1', 1, 'A', NULL, NULL, 1, 59.90, 0, 30, NULL),
			('o2', 1, 'A', NULL, NULL, 2, 59.90, 0, 30, NULL), ('o2', 2, 'B', NULL, NULL, -1, 10, 0, 5, NULL),
			('o3', 1, 'B', 'Bee', 'bugs', 3, 10.005, 0.5, NULL, 'p2'),
			('o4', 1, 'A', NULL, NULL, 1, 59.90, 0, 30, NULL), ('o5', 1, 'A', NULL, NULL, 1, 59.90, 0, 30, NULL),
			('o6', 1, 'A', NULL, NULL, 1, 59.90, 0, 30, NULL), ('o8', 1, 'A', NULL, NULL, 1, 59.90, 0, 30, NULL);
		SET search_path TO DEFAULT`); err != nil {
		t.Fatal(err)
	}
	checkOrderBatches(t, db, opts, 2)
	var ranged []string
	for _, err := range ReadOrderBatches(ctx, db, opts) {
		if errors.Is(err, storedata.ErrBatchRange) {
			ranged = append(ranged, err.Error())
		}
	}
	want := []string{
		`storedata: orders:4: column 3 (placed_at): time outside the years 1678 to 2261 that a batch holds: order "o4": 1500-01-01T00:00:00Z`,
		`storedata: orders:5: column 13 (delivered_at): time outside the years 1678 to 2261 that a batch holds: order "o5": 2262-06-01T00:00:00Z`,
	}
	if d := gocmp.Diff(want, ranged); d != "" {
		t.Errorf("ErrBatchRange errors (-want +got):\n%s", d)
	}
}

// checkSourceBatches checks that Read's Source gives in batches what it
// gives in rows.
func checkSourceBatches(t *testing.T, db *sql.DB, opts Options) {
	t.Helper()
	src, err := Read(context.Background(), db, opts)
	if err != nil {
		t.Fatal(err)
	}
	orders := slices.Collect(src.Input.Orders)
	events := slices.Collect(src.Input.Events)
	var bo []metrics.Order
	for b := range src.OrderBatches() {
		for i := range b.Len() {
			bo = append(bo, b.Order(i))
		}
	}
	var be []funnel.Event
	for b := range src.EventBatches() {
		for i := range b.Len() {
			be = append(be, b.Event(i))
		}
	}
	if len(orders) == 0 || len(events) == 0 || src.Err() != nil {
		t.Fatalf("%d orders, %d events, Err %v: the test checks too little", len(orders), len(events), src.Err())
	}
	if d := gocmp.Diff(orders, bo, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("Source.OrderBatches differs from Input.Orders (-rows +batches):\n%s", d)
	}
	if d := gocmp.Diff(events, be, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("Source.EventBatches differs from Input.Events (-rows +batches):\n%s", d)
	}
}
