package postgres

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// item is one yield of a reader: a row, or an error with its place.
type item[T any] struct {
	Row T
	Err string
	At  want // the place of a *storedata.ParseError
}

func errItem[T any](err error) item[T] {
	it := item[T]{Err: err.Error()}
	var pe *storedata.ParseError
	if errors.As(err, &pe) {
		it.At = want{File: pe.File, Line: pe.Line, Column: pe.Column, Name: pe.Name, Rows: pe.Rows}
	}
	return it
}

// rowItems drains a row reader.
func rowItems[T any](seq iter.Seq2[T, error]) []item[T] {
	var out []item[T]
	for v, err := range seq {
		if err != nil {
			out = append(out, errItem[T](err))
			continue
		}
		out = append(out, item[T]{Row: v})
	}
	return out
}

// eventBatchItems drains ReadEventBatches into rows (Events.Event), and
// checks that the batches share their dictionaries and hold at most
// opts.BatchSize events.
func eventBatchItems(t *testing.T, seq iter.Seq2[*funnel.Events, error], opts Options) []item[funnel.Event] {
	t.Helper()
	var out []item[funnel.Event]
	var users *funnel.Events
	for b, err := range seq {
		if err != nil {
			if b != nil {
				t.Errorf("a batch with the error %v", err)
			}
			it := errItem[funnel.Event](err)
			if errors.Is(err, storedata.ErrBatchRange) {
				it.Err = storedata.ErrBatchRange.Error() // its message: TestEventBatchesBadRows
			}
			out = append(out, it)
			continue
		}
		if b.Len() == 0 || b.Len() > opts.batchSize() {
			t.Errorf("a batch of %d events (BatchSize %d)", b.Len(), opts.BatchSize)
		}
		if users == nil {
			users = &funnel.Events{UserIDs: b.UserIDs, Names: b.Names, PropKeys: b.PropKeys, PropValues: b.PropValues}
		} else if b.UserIDs != users.UserIDs || b.Names != users.Names || b.PropKeys != users.PropKeys || b.PropValues != users.PropValues {
			t.Error("batches of one reading do not share their dictionaries")
		}
		for i := range b.Len() {
			out = append(out, item[funnel.Event]{Row: b.Event(i)})
		}
	}
	return out
}

// checkEventBatches compares ReadEventBatches with ReadEvents, whole and
// with Options.PropsWithin: the middle third of the events' times, and
// none at all, against ReadEvents' events with the properties of those
// outside stripped.
func checkEventBatches(t *testing.T, db *sql.DB, opts Options, minEvents int) {
	t.Helper()
	ctx := context.Background()
	var lo, hi time.Time
	for e, err := range ReadEvents(ctx, db, opts) {
		if err == nil && !e.Time.IsZero() {
			if lo.IsZero() || e.Time.Before(lo) {
				lo = e.Time
			}
			if e.Time.After(hi) {
				hi = e.Time
			}
		}
	}
	withins := [][]metrics.Period{nil, {}}
	if third := hi.Sub(lo) / 3; third > 0 {
		withins = append(withins, []metrics.Period{{Start: lo.Add(third), End: lo.Add(2 * third)}})
	}
	for _, within := range withins {
		opts := opts
		opts.PropsWithin = within
		checkEventBatchesWithin(t, db, opts, minEvents)
	}
}

// checkEventBatchesWithin is checkEventBatches for one Options.PropsWithin.
func checkEventBatchesWithin(t *testing.T, db *sql.DB, opts Options, minEvents int) {
	t.Helper()
	ctx := context.Background()
	whole := func(e funnel.Event) bool {
		if opts.PropsWithin == nil {
			return true
		}
		for _, p := range opts.PropsWithin {
			if p.Contains(e.Time) {
				return true
			}
		}
		return false
	}
	stripped := 0
	defer func() {
		if opts.PropsWithin != nil && stripped == 0 {
			t.Errorf("PropsWithin %v strips no event's properties: the test checks too little", opts.PropsWithin)
		}
	}()
	checkBatches(t, opts, minEvents,
		func(opts Options) []item[funnel.Event] {
			items := rowItems(ReadEvents(ctx, db, opts))
			for k := range items {
				if e := &items[k].Row; items[k].Err == "" && !whole(*e) && len(e.Props) > 0 {
					e.Props = nil
					stripped++
				}
			}
			return items
		},
		func(opts Options) []item[funnel.Event] {
			return eventBatchItems(t, ReadEventBatches(ctx, db, opts), opts)
		},
		func(k int, e funnel.Event) (item[funnel.Event], bool) {
			if sec := e.Time.Unix(); sec >= storedata.BatchMinUnix && sec < storedata.BatchMaxUnix {
				return item[funnel.Event]{}, false
			}
			return item[funnel.Event]{Err: storedata.ErrBatchRange.Error(), At: want{File: "events", Line: k + 1, Column: 3, Name: "time", Rows: 1}}, true
		})
}

// checkBatches compares a batch reader (batches, drained into rows) with
// its row reader (rows) under several batch sizes, with and without
// ReuseSlices, lenient and strict: the same rows and errors in the same
// order, but for a row a batch cannot hold (ranged gives its error from
// its place k among the lenient rows' items).
func checkBatches[T any](t *testing.T, opts Options, minRows int, rows, batches func(Options) []item[T], ranged func(k int, row T) (item[T], bool)) {
	t.Helper()
	// The expected items: the row reader's, with the rows a batch cannot
	// hold as errors, to the first error in strict mode.
	expect := func(strict bool) ([]item[T], int) {
		opts.Strict = strict
		got := rows(opts)
		out := make([]item[T], 0, len(got))
		n := 0
		for k, it := range got {
			if it.Err == "" {
				n++
				if e, ok := ranged(k, it.Row); ok {
					it = e
				}
			}
			out = append(out, it)
			if strict && it.Err != "" {
				break
			}
		}
		return out, n
	}
	lenient, n := expect(false)
	if n < minRows {
		t.Fatalf("the row reader gives %d rows, want at least %d: the test checks too little", n, minRows)
	}
	strictWant, _ := expect(true)
	for _, strict := range []bool{false, true} {
		opts.Strict = strict
		want := lenient
		if strict {
			want = strictWant
		}
		for _, size := range []int{1, 3, 0} {
			for _, reuse := range []bool{false, true} {
				opts.BatchSize, opts.ReuseSlices = size, reuse
				if d := gocmp.Diff(want, batches(opts), cmpopts.EquateEmpty()); d != "" {
					t.Errorf("strict %v, BatchSize %d, ReuseSlices %v: batches differ from rows (-rows +batches):\n%s", strict, size, reuse, d)
				}
			}
		}
	}
}

// The demo's events and orders come back in batches exactly as ReadEvents
// and ReadOrders give them, and from Read's Source.
func TestBatchesDemo(t *testing.T) {
	db := testDB(t)
	s := sample.Generate(sample.Config{Customers: 300})
	opts := tablesIn(t, db)
	if err := Load(context.Background(), db, demoInput(s), opts); err != nil {
		t.Fatal(err)
	}
	opts.Location = s.Config.Location
	checkEventBatches(t, db, opts, len(s.Events))
	checkOrderBatches(t, db, opts, len(s.Orders))
	checkSourceBatches(t, db, opts)
	// The demo's events, which have no props, are read straight into the
	// columns.
	var paths batchPaths
	n, errs := drain(readEventBatches(context.Background(), db, opts, &paths))
	if want := (batchPaths{raw: len(s.Events)}); paths != want || len(errs) > 0 || n == 0 {
		t.Errorf("paths %+v, want %+v; errors %v", paths, want, errs)
	}
}

// Bad rows give ReadEvents' errors at the same places, and good rows of
// every shape (props, non-ASCII text, empty properties) its events; a time
// a batch cannot hold is an ErrBatchRange of its time cell.
func TestEventBatchesBadRows(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	opts := Options{Schema: testSchema(t, db)}
	if _, err := db.Exec("SET search_path TO " + pgx.Identifier{opts.Schema}.Sanitize() + "; " + looseTables); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`SET search_path TO DEFAULT; INSERT INTO ` + opts.table("events") + ` VALUES
		(1, 'u1', '2025-11-11 20:00+08', 'page_view', 's1', NULL, NULL, '["a"]'),
		(2, 'u1', '2025-11-11 20:01+08', 'add_to_cart', 's1', 'ads', '', '{"page": 3}'),
		(3, NULL, '2025-11-11 20:02+08', 'page_view', NULL, NULL, NULL, NULL),
		(4, 'u2', '2025-11-11 20:02+08', 'page_view', NULL, NULL, NULL, '{"page": "home"}'),
		(5, 'u2', '2025-11-11 20:03+08', '', NULL, NULL, NULL, NULL),
		(6, 'u2', NULL, 'page_view', NULL, NULL, NULL, NULL),
		(7, 'u2', 'infinity', 'page_view', NULL, NULL, NULL, NULL),
		(8, 'u3', '1500-01-01 00:00Z', 'page_view', NULL, NULL, NULL, NULL),
		(9, 'u3', '0999-01-01 00:00Z', 'page_view', NULL, NULL, NULL, NULL),
		(10, 'u4' || chr(7), '2025-11-11 20:04+08', 'page_view', NULL, NULL, NULL, NULL),
		(11, '用户', '2025-11-11 20:05+08', '浏览', '会话', '搜索', 'mobile', NULL),
		(12, 'u5', '2025-11-11 20:06:00.123456+08', 'page_view', 's5', NULL, 'desktop', '{"page": "home", "ab": ""}'),
		(13, 'u5', '2025-11-11 20:07+08', 'page_view', 's5', 'x' || chr(1), NULL, NULL),
		(14, 'u6', '2261-12-31 23:59:59Z', 'page_view', NULL, NULL, NULL, NULL),
		(15, 'u6', '2262-01-01 00:00Z', 'page_view', NULL, NULL, NULL, NULL),
		(16, 'u7', '2025-11-11 20:00+08', 'v', 's7', NULL, NULL, '{"session_id": "x"}'),
		(17, 'u7', '2025-11-11 20:01+08', 'v', NULL, NULL, NULL, ' { "a" : "b" , "c":"", "d":"e f" } '),
		(18, 'u7', '2025-11-11 20:02+08', 'v', NULL, NULL, NULL, '{"a": "x\u00e9", "b\"": "y"}'),
		(19, 'u7', '2025-11-11 20:03+08', 'v', NULL, 'ads', NULL, '{"a": "b", "a": "c"}'),
		(20, 'u7', '2025-11-11 20:04+08', 'v', NULL, NULL, NULL, '{"user_id": "u"}'),
		(21, 'u7', '2025-11-11 20:05+08', 'v', NULL, NULL, NULL, '{"a": "", "a": "c", "页": "值"}'),
		(22, 'u7', '2025-11-11 20:06+08', 'v', NULL, NULL, 'pc', '{}')`); err != nil {
		t.Fatal(err)
	}
	checkEventBatches(t, db, opts, 5)
	var paths batchPaths
	drain(readEventBatches(ctx, db, opts, &paths))
	if paths.raw == 0 || paths.exact == 0 || paths.fallback || paths.raw+paths.exact != 22 {
		t.Errorf("paths %+v, want both paths over the 22 rows", paths)
	}
	var ranged []string
	for _, err := range ReadEventBatches(ctx, db, opts) {
		if errors.Is(err, storedata.ErrBatchRange) {
			ranged = append(ranged, err.Error())
		}
	}
	wantRanged := []string{
		"storedata: events:8: column 3 (time): event 8: time outside the years 1678 to 2261 that a batch holds: 1500-01-01T00:00:00Z",
		"storedata: events:13: column 3 (time): event 15: time outside the years 1678 to 2261 that a batch holds: 2262-01-01T00:00:00Z",
	}
	if d := gocmp.Diff(wantRanged, ranged); d != "" {
		t.Errorf("ErrBatchRange errors (-want +got):\n%s", d)
	}
}

// A view whose columns are of other types (a timestamp without time zone,
// a numeric event_no) is read through ReadEvents, with the same result.
func TestEventBatchesOtherTypes(t *testing.T) {
	db := testDB(t)
	base := tablesIn(t, db)
	s := sample.Generate(sample.Config{Customers: 30})
	if err := Load(context.Background(), db, demoInput(s), base); err != nil {
		t.Fatal(err)
	}
	opts := Options{Schema: testSchema(t, db), Location: s.Config.Location}
	if _, err := db.Exec(`CREATE VIEW ` + opts.table("events") + ` AS SELECT event_no::numeric AS event_no, user_id::varchar AS user_id,
		time AT TIME ZONE 'UTC' AS time, name, session_id, source, device, props FROM ` + base.table("events")); err != nil {
		t.Fatal(err)
	}
	checkEventBatches(t, db, opts, len(s.Events))
	var paths batchPaths
	drain(readEventBatches(context.Background(), db, opts, &paths))
	if !paths.fallback || paths.raw+paths.exact > 0 {
		t.Errorf("paths %+v: the view is not read through ReadEvents", paths)
	}
}
