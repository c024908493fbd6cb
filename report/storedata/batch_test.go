package storedata

import (
	"errors"
	"fmt"
	"io"
	"strings"
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

// checkOrderBatches fails unless ReadOrderBatches reads data, in each of
// batchRuns, as ReadOrders reads it by its exact path: the same orders
// and errors in the same order (an order with a time a batch cannot hold
// rejected with ErrBatchRange instead, in strict mode the last item), the
// same observations, batches of at most the batch size sharing their
// dictionaries, and no empty batch.
func checkOrderBatches(t interface {
	Helper()
	Fatalf(string, ...any)
}, data string, strict bool) {
	t.Helper()
	for _, run := range batchRuns {
		rowObs, batchObs := &observer{offsets: &offsets{}}, &observer{offsets: &offsets{}}
		opts := Options{File: "order_lines.csv", Strict: strict, exact: true, obs: rowObs, Location: run.loc}
		var want []batchItem
		for o, err := range ReadOrders(strings.NewReader(data), opts) {
			switch {
			case err != nil:
				want = append(want, errItem(err))
			case !inBatchRange(o.PlacedAt) || !inBatchRange(o.PaidAt) || !inBatchRange(o.ShippedAt) ||
				!inBatchRange(o.DeliveredAt) || !inBatchRange(o.PromisedBy):
				want = append(want, batchItem{Range: true})
			default:
				want = append(want, batchItem{Order: &o})
			}
			if strict && len(want) > 0 && want[len(want)-1].Range {
				break
			}
		}
		opts.exact, opts.obs, opts.ReuseSlices, opts.BatchSize = run.exact, batchObs, run.reuse, run.size
		var in io.Reader = strings.NewReader(data)
		if run.oneByte {
			in = iotest.OneByteReader(in)
		}
		var got []batchItem
		var first *metrics.Orders
		for b, err := range ReadOrderBatches(in, opts) {
			if err != nil {
				got = append(got, errItem(err))
				continue
			}
			if first == nil {
				first = b
			}
			if b.Len() == 0 || b.Len() > opts.batchSize() || b.CustomerIDs != first.CustomerIDs || b.SKUs != first.SKUs || b.Promotions != first.Promotions {
				t.Fatalf("%q (%v): a batch of %d orders, or with other dictionaries", data, run, b.Len())
			}
			for i := range b.Len() {
				o := b.Order(i)
				got = append(got, batchItem{Order: &o})
			}
		}
		if diff := cmp.Diff(want, got, moneyCmp); diff != "" {
			t.Fatalf("%q (strict %v, %v): (-rows +batches):\n%s", data, strict, run, diff)
		}
		if diff := cmp.Diff(rowObs, batchObs, cmp.AllowUnexported(observer{}, offsets{}, offsetAt{})); diff != "" {
			t.Fatalf("%q (strict %v, %v): observations (-rows +batches):\n%s", data, strict, run, diff)
		}
	}
}

// checkEventBatches is checkOrderBatches for ReadEventBatches and
// ReadEvents, with mapping m.
func checkEventBatches(t interface {
	Helper()
	Fatalf(string, ...any)
}, data string, strict bool, m *Mapping) {
	t.Helper()
	for _, run := range batchRuns {
		rowObs, batchObs := &observer{offsets: &offsets{}}, &observer{offsets: &offsets{}}
		opts := Options{File: "events.csv", Strict: strict, Mapping: m, exact: true, obs: rowObs, Location: run.loc}
		var want []batchItem
		for e, err := range ReadEvents(strings.NewReader(data), opts) {
			switch {
			case err != nil:
				want = append(want, errItem(err))
			case !inBatchRange(e.Time):
				want = append(want, batchItem{Range: true})
			default:
				want = append(want, batchItem{Event: &e})
			}
			if strict && len(want) > 0 && want[len(want)-1].Range {
				break
			}
		}
		opts.exact, opts.obs, opts.ReuseSlices, opts.BatchSize = run.exact, batchObs, run.reuse, run.size
		var in io.Reader = strings.NewReader(data)
		if run.oneByte {
			in = iotest.OneByteReader(in)
		}
		var got []batchItem
		var first *funnel.Events
		for b, err := range ReadEventBatches(in, opts) {
			if err != nil {
				got = append(got, errItem(err))
				continue
			}
			if first == nil {
				first = b
			}
			if b.Len() == 0 || b.Len() > opts.batchSize() || b.UserIDs != first.UserIDs || b.PropValues != first.PropValues {
				t.Fatalf("%q (%v): a batch of %d events, or with other dictionaries", data, run, b.Len())
			}
			for i := range b.Len() {
				e := b.Event(i)
				got = append(got, batchItem{Event: &e})
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q (strict %v, %v): (-rows +batches):\n%s", data, strict, run, diff)
		}
		if diff := cmp.Diff(rowObs, batchObs, cmp.AllowUnexported(observer{}, offsets{}, offsetAt{})); diff != "" {
			t.Fatalf("%q (strict %v, %v): observations (-rows +batches):\n%s", data, strict, run, diff)
		}
	}
}
