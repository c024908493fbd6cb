package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// batchItem is a row or an error of a reading, for comparing the batch
// readers with the row readers: the row (an order or an event), or the
// error's type, message, rows and column. A row that a batch cannot hold
// is the item Range, and so is the error that rejects it.
type batchItem struct {
	Order *metrics.Order
	Event *funnel.Event
	Err   string
	Range bool
}

// batchRun is one way of reading a file into batches.
type batchRun struct {
	exact, oneByte, reuse bool
	size                  int
	loc                   *time.Location
}

func (r batchRun) String() string {
	return fmt.Sprintf("exact %v, one byte a read %v, reused %v, batch size %d, zone %v", r.exact, r.oneByte, r.reuse, r.size, r.loc)
}

// batchRuns are the ways TestOrdersFast and TestEventsFast read a file
// into batches (through readBothWays and readEventsBothWays).
var batchRuns = []batchRun{
	{}, {exact: true}, {reuse: true, size: 1}, {size: 2}, {reuse: true, size: 3, oneByte: true},
	{exact: true, reuse: true, size: 2, loc: time.FixedZone("", 8*3600)},
}

func errItem(err error) batchItem {
	it := batchItem{Err: fmt.Sprintf("%T %v", err, err)}
	if pe, ok := err.(*ParseError); ok {
		it.Err += fmt.Sprintf(" (rows %d column %d)", pe.Rows, pe.Column)
	}
	it.Range = errors.Is(err, ErrBatchRange)
	if it.Range {
		it.Err = ""
	}
	return it
}

// inBatchRange reports whether a batch holds t: the zero time, or a time
// in the years 1678 to 2261 (UTC).
func inBatchRange(t time.Time) bool {
	return t.IsZero() || !t.Before(time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC)) && t.Before(time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC))
}

// checkOrderBatches checks that ReadOrderBatches gives back what
// ReadOrders gives on data, in every run of batchRuns: the same orders
// and errors in the same order, each order a batch cannot hold (a time
// before 1678 or after 2261) as an error of ErrBatchRange, batches of
// one reading sharing their dictionaries, and the same observations.
func checkOrderBatches(t checkT, data string, strict bool) {
	t.Helper()
	checkBatches(t, data, strict, Options{File: "order_lines.csv"}, ReadOrders,
		func(o *metrics.Order) bool {
			return inBatchRange(o.PlacedAt) && inBatchRange(o.PaidAt) && inBatchRange(o.ShippedAt) &&
				inBatchRange(o.DeliveredAt) && inBatchRange(o.PromisedBy)
		},
		func(o *metrics.Order) batchItem { return batchItem{Order: o} },
		ReadOrderBatches,
		func(first, b *metrics.Orders) bool {
			return b.CustomerIDs == first.CustomerIDs && b.SKUs == first.SKUs && b.Promotions == first.Promotions
		},
		func(b *metrics.Orders, i int) batchItem { o := b.Order(i); return batchItem{Order: &o} },
		moneyCmp)
}

// checkEventBatches is checkOrderBatches for ReadEventBatches and
// ReadEvents, with mapping m.
func checkEventBatches(t checkT, data string, strict bool, m *Mapping) {
	t.Helper()
	checkEventBatchesWithin(t, data, strict, m, nil)
}

// checkEventBatchesWithin is checkEventBatches with Options.PropsWithin
// set to within: the events of the batches are those of ReadEvents, less
// the properties of those outside within's periods (by Period.Contains).
func checkEventBatchesWithin(t checkT, data string, strict bool, m *Mapping, within []metrics.Period) {
	t.Helper()
	checkBatches(t, data, strict, Options{File: "events.csv", Mapping: m, PropsWithin: within}, ReadEvents,
		func(e *funnel.Event) bool { return inBatchRange(e.Time) },
		func(e *funnel.Event) batchItem {
			if within != nil && !slices.ContainsFunc(within, func(p metrics.Period) bool { return p.Contains(e.Time) }) {
				bare := *e
				bare.Props = nil
				return batchItem{Event: &bare}
			}
			return batchItem{Event: e}
		},
		ReadEventBatches,
		func(first, b *funnel.Events) bool {
			return b.UserIDs == first.UserIDs && b.PropValues == first.PropValues
		},
		func(b *funnel.Events, i int) batchItem { e := b.Event(i); return batchItem{Event: &e} })
}

// checkT is what checkBatches needs of a *testing.T or *testing.F's T.
type checkT interface {
	Helper()
	Fatalf(string, ...any)
}

// checkBatches is checkOrderBatches and checkEventBatches: the row reader
// rows read with opts (File and Mapping set), each row R in the batch
// range (inRange) as item gives it; then the batch reader batches in each
// run of batchRuns, every batch sharing the first's dictionaries (same)
// and its rows as items gives them; the two lists equal under cmpOpts,
// and the two readers' observations equal.
func checkBatches[R any, B interface{ Len() int }](t checkT, data string, strict bool, opts Options,
	rows func(io.Reader, Options) iter.Seq2[R, error], inRange func(*R) bool, item func(*R) batchItem,
	batches func(io.Reader, Options) iter.Seq2[B, error], same func(first, b B) bool, items func(B, int) batchItem,
	cmpOpts ...cmp.Option) {
	t.Helper()
	// What the row reader reads, in each run's zone: the runs share it.
	type rowsRead struct {
		items []batchItem
		obs   *observer
	}
	read := map[*time.Location]rowsRead{}
	for _, run := range batchRuns {
		batchObs := &observer{offsets: &offsets{}}
		r, ok := read[run.loc]
		if !ok {
			r.obs = &observer{offsets: &offsets{}}
			opts.Strict, opts.exact, opts.obs, opts.Location, opts.ReuseSlices, opts.BatchSize = strict, true, r.obs, run.loc, false, 0
			for row, err := range rows(strings.NewReader(data), opts) {
				switch {
				case err != nil:
					r.items = append(r.items, errItem(err))
				case !inRange(&row):
					r.items = append(r.items, batchItem{Range: true})
				default:
					r.items = append(r.items, item(&row))
				}
				if strict && len(r.items) > 0 && r.items[len(r.items)-1].Range {
					break
				}
			}
			read[run.loc] = r
		}
		want, rowObs := r.items, r.obs
		opts.Strict, opts.Location = strict, run.loc
		opts.exact, opts.obs, opts.ReuseSlices, opts.BatchSize = run.exact, batchObs, run.reuse, run.size
		var in io.Reader = strings.NewReader(data)
		if run.oneByte {
			in = iotest.OneByteReader(in)
		}
		var got []batchItem
		var errs []error  // kept, to be read again once the reading is over
		var msgs []string // what they said as they came
		var first B
		n := 0
		for b, err := range batches(in, opts) {
			if err != nil {
				got = append(got, errItem(err))
				errs, msgs = append(errs, err), append(msgs, err.Error())
				continue
			}
			if n == 0 {
				first = b
			}
			n++
			if b.Len() == 0 || b.Len() > opts.batchSize() || !same(first, b) {
				t.Fatalf("%q (%v): a batch of %d rows, or with other dictionaries", data, run, b.Len())
			}
			for i := range b.Len() {
				got = append(got, items(b, i))
			}
		}
		// reflect.DeepEqual first, which is stricter than cmp (times by
		// their fields, not Equal; amounts by theirs, not Equal) and
		// many times faster: a fuzzer runs this for every input.
		if !reflect.DeepEqual(want, got) {
			if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
				t.Fatalf("%q (strict %v, %v): (-rows +batches):\n%s", data, strict, run, diff)
			}
		}
		// An error says the same once the reader has read on: it holds
		// no view of a buffer the reader reuses.
		for k, err := range errs {
			if again := err.Error(); again != msgs[k] {
				t.Fatalf("%q (strict %v, %v): error %d said %q as yielded, %q once the reading was over", data, strict, run, k, msgs[k], again)
			}
		}
		if reflect.DeepEqual(rowObs, batchObs) {
			continue
		}
		if diff := cmp.Diff(rowObs, batchObs, cmp.AllowUnexported(observer{}, offsets{}, offsetAt{})); diff != "" {
			t.Fatalf("%q (strict %v, %v): observations (-rows +batches):\n%s", data, strict, run, diff)
		}
	}
}

// TestBatchErrors: the errors of the batch readers that the row readers
// do not give, with their locations and the rows they reject, and what
// is read around them.
func TestBatchErrors(t *testing.T) {
	row := "o1,c1,2025-11-11T20:00:00+08:00,ads,paid,CNY,0.00,0.00,0.00,,,,,,,,S1,n,c,1,9.90,0.00,5.00,\n"
	tests := []struct {
		name, reason string
		orders       bool
		data         string
		strict       bool
		want         []string // an error, or the IDs or users of a batch
	}{{
		name: "placed before 1678", reason: "the order is rejected whole, at its first line and its time's column",
		orders: true,
		data: header + strings.Replace(row, "2025-11-11T20", "1600-11-11T20", 1) +
			strings.Replace(strings.Replace(row, "2025-11-11T20", "1600-11-11T20", 1), "S1", "S2", 1) + strings.Replace(row, "o1", "o2", 1),
		want: []string{
			"storedata: order_lines.csv:2: column 3 (placed_at): time outside the years 1678 to 2261 that a batch holds: order o1: 1600-11-11T12:00:00Z (rows 2)",
			"o2"},
	}, {
		name: "delivered after 2261", reason: "an optional time that is set is checked too; the orders before it are in a batch before the error",
		orders: true,
		data:   header + strings.Replace(row, "o1", "o0", 1) + strings.Replace(row, "paid,CNY,0.00,0.00,0.00,,,,,", "paid,CNY,0.00,0.00,0.00,,,,2300-01-01T00:00:00+08:00,", 1),
		want: []string{"o0",
			"storedata: order_lines.csv:3: column 13 (delivered_at): time outside the years 1678 to 2261 that a batch holds: order o1: 2299-12-31T16:00:00Z (rows 1)"},
	}, {
		name: "strict", reason: "strict reading stops at the error",
		orders: true, strict: true,
		data: header + strings.Replace(row, "2025-11-11T20", "1600-11-11T20", 1) + strings.Replace(row, "o1", "o2", 1),
		want: []string{"storedata: order_lines.csv:2: column 3 (placed_at): time outside the years 1678 to 2261 that a batch holds: order o1: 1600-11-11T12:00:00Z (rows 1)"},
	}, {
		name: "event in 2300", reason: "the event is rejected at its time cell, and the batch before it ends there",
		data: "user_id,time,name\nu1,2025-11-11T20:00:00+08:00,page_view\nu2,2300-01-01T00:00:00Z,page_view\nu3,2025-11-11T20:00:00+08:00,page_view\n",
		want: []string{"u1",
			"storedata: events.csv:3: column 2 (time): time outside the years 1678 to 2261 that a batch holds: 2300-01-01T00:00:00Z (rows 1)",
			"u3"},
	}, {
		name: "event in 1600, strict", reason: "strict reading stops at the error",
		data: "user_id,time,name\nu1,1600-01-01T00:00:00Z,page_view\nu2,2025-11-11T20:00:00+08:00,page_view\n", strict: true,
		want: []string{"storedata: events.csv:2: column 2 (time): time outside the years 1678 to 2261 that a batch holds: 1600-01-01T00:00:00Z (rows 1)"},
	}}
	for _, tt := range tests {
		for _, exact := range []bool{false, true} {
			var got []string
			add := func(err error) {
				pe, ok := err.(*ParseError)
				if !ok || !errors.Is(err, ErrBatchRange) {
					t.Fatalf("%s: %T %v, want a *ParseError wrapping ErrBatchRange", tt.name, err, err)
				}
				got = append(got, fmt.Sprintf("%v (rows %d)", err, pe.Rows))
			}
			if tt.orders {
				for b, err := range ReadOrderBatches(strings.NewReader(tt.data), Options{File: "order_lines.csv", Strict: tt.strict, exact: exact}) {
					if err != nil {
						add(err)
						continue
					}
					var ids []string
					for i := range b.Len() {
						ids = append(ids, b.IDs.At(i))
					}
					got = append(got, strings.Join(ids, " "))
				}
			} else {
				for b, err := range ReadEventBatches(strings.NewReader(tt.data), Options{File: "events.csv", Strict: tt.strict, exact: exact}) {
					if err != nil {
						add(err)
						continue
					}
					var users []string
					for _, u := range b.User {
						users = append(users, b.UserIDs.String(u))
					}
					got = append(got, strings.Join(users, " "))
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (exact path %v): %s (-want +got):\n%s", tt.name, exact, tt.reason, diff)
			}
		}
	}
}

// FuzzOrderBatches: ReadOrderBatches reads any input as ReadOrders does
// (see checkOrderBatches).
func FuzzOrderBatches(f *testing.F) {
	row := "o1,c1,2025-11-11T20:00:00+08:00,search,paid,CNY,10.00,6.00,0,SAVE10,2025-11-11T20:01:00+08:00,,,2025-11-14T20:00:00+08:00,SF,Zhejiang,A1,茶,drinks,2,59.90,0,30.00,\n"
	for _, s := range []string{
		header + row + strings.Replace(row, "A1,茶", "B2,Cup", 1) + strings.Replace(row, "o1", "o2", 1),
		header + strings.Replace(row, "2025-11-11T20:00", "1600-11-11T20:00", 1) + strings.Replace(row, "o1", "o2", 1),
		header + row + row + strings.Replace(row, "59.90", "59.901", 1),
		// Times with a fraction, in Z and west of UTC, and one past the batch's range on a later order.
		header + strings.Replace(row, "2025-11-11T20:00:00+08:00", "2025-11-11T12:00:00.000000001Z", 1) +
			strings.Replace(strings.Replace(row, "o1", "o2", 1), "2025-11-11T20:01:00+08:00", "2262-01-01T00:00:00-05:00", 1),
		ordersCSV,
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, data string, strict bool) {
		checkOrderBatches(t, data, strict)
	})
}

// FuzzEventBatches: ReadEventBatches reads any input as ReadEvents does
// (see checkEventBatches).
func FuzzEventBatches(f *testing.F) {
	head := strings.Join(EventColumns, ",") + ",order_id\n"
	row := "u1,2025-11-11T20:00:00+08:00,page_view,s1,ads,mobile,\n"
	for _, s := range []string{
		head + row + strings.Replace(row, "u1", "u2", 1) + strings.Replace(row, "page_view", "purchase", 1),
		head + strings.Replace(row, "2025", "2300", 1) + row,
		head + strings.Replace(row, "2025-11-11T20:00:00+08:00", "2025-11-11T12:00:00.5Z", 1) + strings.Replace(row, "+08:00", "-03:30", 1),
		"user_id,time,name\nu1,2025-11-11T20:00:00Z,x\n",
	} {
		f.Add(s, false)
	}
	// Properties within an hour that the seeds' times straddle (20:00
	// at +08:00 is 12:00 UTC), and within nothing.
	hour, err := metrics.NewPeriod(time.Date(2025, 11, 11, 12, 0, 0, 0, time.UTC), time.Date(2025, 11, 11, 13, 0, 0, 0, time.UTC))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data string, strict bool) {
		m := &Mapping{Events: map[string]string{"purchase": "order"}}
		checkEventBatches(t, data, strict, m)
		checkEventBatchesWithin(t, data, strict, m, []metrics.Period{hour})
		checkEventBatchesWithin(t, data, strict, m, []metrics.Period{})
	})
}

// TestBatchesAhead reads files of many more lines than are cut ahead at
// a time (64), whose batch readers touch the dictionaries' slots of the
// customers, users and session IDs to come (metrics.Dict.Touch): IDs of
// 15 to 17 bytes (around the 16 a slot holds), customers and users that
// come again hundreds of lines later, sessions whose first event has new
// property cells, and damaged rows here and there. The batches must give
// exactly what the row readers give, with their errors, lenient and
// strict.
func TestBatchesAhead(t *testing.T) {
	var orders, events strings.Builder
	orders.WriteString(header)
	for i := range 400 {
		customer := fmt.Sprintf("cust-%0*d", 10+i%3, i%57) // 15 to 17 bytes
		row := fmt.Sprintf("o%d,%s,2025-11-11T20:%02d:00+08:00,search,paid,CNY,0.00,0.00,0.00,,,,,,SF,Zhejiang,A%d,茶,drinks,%d,59.90,0.00,30.00,\n",
			i, customer, i%60, i%7, 1+i%3)
		switch {
		case i%41 == 40:
			row = strings.Replace(row, "59.90", "59.9x", 1) // a bad price rejects the order
		case i%53 == 12:
			row = strings.Replace(row, "2025-11-11", "2300-11-11", 1) // a time a batch does not hold
		}
		orders.WriteString(row)
		if i%3 == 0 { // a second line
			orders.WriteString(strings.Replace(row, fmt.Sprintf(",A%d,", i%7), ",B9,", 1))
		}
	}
	events.WriteString(strings.Join(EventColumns, ",") + ",order_id\n")
	for i := range 900 {
		user := fmt.Sprintf("visitor-%0*d", 7+i%3, i%131) // 15 to 17 bytes
		row := fmt.Sprintf("%s,2025-11-11T20:%02d:%02d+08:00,page_view,session-%06d,ads,mobile,\n", user, i/60%60, i%60, i/4)
		if i%67 == 66 {
			row = strings.Replace(row, "T20", "X20", 1) // a bad time
		}
		events.WriteString(row)
	}
	// With properties within two spans of minutes only: the lines cut
	// ahead go in and out of them (see eventBatches.bare).
	var within []metrics.Period
	for _, m := range [][2]int{{3, 5}, {9, 12}} {
		loc := time.FixedZone("", 8*3600)
		p, err := metrics.NewPeriod(time.Date(2025, 11, 11, 20, m[0], 0, 0, loc), time.Date(2025, 11, 11, 20, m[1], 0, 0, loc))
		if err != nil {
			t.Fatal(err)
		}
		within = append(within, p)
	}
	for _, strict := range []bool{false, true} {
		checkOrderBatches(t, orders.String(), strict)
		checkEventBatches(t, events.String(), strict, nil)
		checkEventBatchesWithin(t, events.String(), strict, nil, within)
	}
}

// TestEventBatchesNewValues: once the property values' dictionary holds
// the limit, the next batch starts a new one, so that values new with
// every session do not pile up; the events read stay those of
// ReadEvents, with a reused batch or not, and each dictionary holds at
// most the limit plus one batch's values.
func TestEventBatchesNewValues(t *testing.T) {
	var b strings.Builder
	b.WriteString("user_id,time,name,session_id,source\n")
	for i := range 60 {
		fmt.Fprintf(&b, "u%d,2025-03-01T10:%02d:00Z,page_view,s%d,ads\n", i%7, i, i/2)
	}
	data := b.String()
	var want []funnel.Event
	for e, err := range ReadEvents(strings.NewReader(data), Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, e)
	}
	const limit, size = 5, 4
	for _, reuse := range []bool{false, true} {
		var got []funnel.Event
		dicts := map[*metrics.Dict]bool{}
		var users *metrics.Dict
		for bt, err := range ReadEventBatches(strings.NewReader(data), Options{BatchSize: size, ReuseSlices: reuse, values: limit}) {
			if err != nil {
				t.Fatal(err)
			}
			if users == nil {
				users = bt.UserIDs
			}
			if bt.UserIDs != users {
				t.Fatalf("reuse %v: the users' dictionary changed", reuse)
			}
			if n := bt.PropValues.Len(); n > limit+2*size {
				t.Fatalf("reuse %v: %d values in a dictionary, limit %d", reuse, n, limit)
			}
			dicts[bt.PropValues] = true
			for i := range bt.Len() {
				got = append(got, bt.Event(i))
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("reuse %v (-rows +batches):\n%s", reuse, diff)
		}
		if len(dicts) < 5 {
			t.Errorf("reuse %v: %d value dictionaries for 31 sessions with a limit of %d", reuse, len(dicts), limit)
		}
	}
}
