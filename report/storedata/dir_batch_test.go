package storedata

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// batchOrders returns the orders of batches, in order.
func batchOrders(batches func(func(*metrics.Orders) bool)) []metrics.Order {
	var orders []metrics.Order
	for b := range batches {
		for i := range b.Len() {
			orders = append(orders, b.Order(i))
		}
	}
	return orders
}

// batchEvents returns the events of batches, in order.
func batchEvents(batches func(func(*funnel.Events) bool)) []funnel.Event {
	var events []funnel.Event
	for b := range batches {
		for i := range b.Len() {
			events = append(events, b.Event(i))
		}
	}
	return events
}

// TestDirBatches: Source.OrderBatches and EventBatches give the orders
// and events of Input.Orders and Input.Events, in small batches and
// large, new and reused, with a file of bad rows (left out of both) and
// with the events in time order (streamed) and not (sorted).
func TestDirBatches(t *testing.T) {
	demo, _ := smallDemo(t)
	bad := t.TempDir()
	writeBadDir(t, bad)
	writeString(t, bad, fileEvents, "user_id,time,name,page\nu1,2025-11-11T20:00:00+08:00,page_view,'=x\nu2,bad,page_view,\nu2,2025-11-11T20:00:01+08:00,,\nu3,2025-11-11T20:00:02+08:00,purchase,\"a,b\"\n")
	unsorted := t.TempDir()
	writeString(t, unsorted, fileOrders, header+"o1,c1,2025-11-11T20:00:00+08:00,ads,paid,CNY,0.00,0.00,0.00,,,,,,,,S1,n,c,1,9.90,0.00,5.00,\n")
	writeString(t, unsorted, fileEvents, "user_id,time,name,session_id,source,device\n"+
		"u1,2025-11-11T20:00:00+08:00,page_view,s1,google,mobile\n"+
		"u2,2025-11-11T19:00:00+08:00,page_view,s2,bing,desktop\n"+
		"u3,2025-11-11T21:00:00+08:00,add_to_cart,s3,,tablet\n")
	for _, dir := range []string{demo, bad, unsorted} {
		for _, opts := range []Options{{}, {BatchSize: 7, ReuseSlices: true}, {BatchSize: 1}} {
			src, err := Dir(dir, opts)
			if err != nil {
				t.Fatal(err)
			}
			var rows []metrics.Order
			for o := range src.Input.Orders {
				o.Lines = slices.Clone(o.Lines)
				rows = append(rows, o)
			}
			var events []funnel.Event
			for e := range src.Input.Events {
				e.Props = slices.Clone(e.Props)
				events = append(events, e)
			}
			if len(rows) == 0 || len(events) == 0 {
				t.Fatalf("%s: %d orders and %d events: nothing to compare", dir, len(rows), len(events))
			}
			for range 2 { // each range reads the file again
				if diff := cmp.Diff(rows, batchOrders(src.OrderBatches()), moneyCmp); diff != "" {
					t.Errorf("%s %+v: orders (-Input.Orders +OrderBatches):\n%s", dir, opts, diff)
				}
				if diff := cmp.Diff(events, batchEvents(src.EventBatches())); diff != "" {
					t.Errorf("%s %+v: events (-Input.Events +EventBatches):\n%s", dir, opts, diff)
				}
			}
			if err := src.Err(); err != nil {
				t.Errorf("%s %+v: %v", dir, opts, err)
			}
		}
	}
}

// TestDirBatchRange: an order and an event of the year 1600, which Dir
// reads but a batch cannot hold, are left out of the batches and are
// Source.Err's error; the other rows are in the batches.
func TestDirBatchRange(t *testing.T) {
	for _, sorted := range []bool{true, false} {
		dir := t.TempDir()
		row := "o1,c1,2025-11-11T20:00:00+08:00,ads,paid,CNY,0.00,0.00,0.00,,,,,,,,S1,n,c,1,9.90,0.00,5.00,\n"
		writeString(t, dir, fileOrders, header+row+strings.ReplaceAll(row, "o1,c1,2025", "o2,c2,1600"))
		events := "user_id,time,name\nu1,2025-11-11T20:00:00+08:00,page_view\nu2,2025-11-11T21:00:00+08:00,page_view\nu3,2300-01-01T00:00:00Z,page_view\n"
		if !sorted {
			events = "user_id,time,name\nu1,2025-11-11T20:00:00+08:00,page_view\nu3,2300-01-01T00:00:00Z,page_view\nu2,2025-11-11T21:00:00+08:00,page_view\n"
		}
		writeString(t, dir, fileEvents, events)
		src, err := Dir(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := batchOrders(src.OrderBatches()); len(got) != 1 || got[0].ID != "o1" {
			t.Errorf("orders in batches: %+v, want o1", got)
		}
		if err := src.Err(); !errors.Is(err, ErrBatchRange) {
			t.Errorf("after the orders: Err() = %v, want ErrBatchRange", err)
		}
		src, err = Dir(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if src.UnbatchedEvents != 1 {
			t.Errorf("sorted %v: UnbatchedEvents = %d, want 1 (u3 in 2300)", sorted, src.UnbatchedEvents)
		}
		if got := batchEvents(src.EventBatches()); len(got) != 2 || got[0].UserID != "u1" || got[1].UserID != "u2" {
			t.Errorf("sorted %v: events in batches: %+v, want u1 and u2", sorted, got)
		}
		if err := src.Err(); !errors.Is(err, ErrBatchRange) {
			t.Errorf("sorted %v: after the events: Err() = %v, want ErrBatchRange", sorted, err)
		}
	}
}

// TestDirBatchesCancel: once DirContext's context is done, the batch
// streams yield nothing and Source.Err says why.
func TestDirBatchesCancel(t *testing.T) {
	dir, _ := smallDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	src, err := DirContext(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if n := len(batchOrders(src.OrderBatches())) + len(batchEvents(src.EventBatches())); n != 0 {
		t.Errorf("%d rows after the context was cancelled", n)
	}
	if err := src.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("Err() = %v, want context.Canceled", err)
	}
}

// TestDirNoEvents: without events.csv, EventBatches yields nothing.
func TestDirNoEvents(t *testing.T) {
	dir := t.TempDir()
	writeString(t, dir, fileOrders, header+"o1,c1,2025-11-11T20:00:00+08:00,ads,paid,CNY,0.00,0.00,0.00,,,,,,,,S1,n,c,1,9.90,0.00,5.00,\n")
	src, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(batchEvents(src.EventBatches())); n != 0 || src.UnbatchedEvents != 0 {
		t.Errorf("%d events in batches, %d left out of them, without events.csv", n, src.UnbatchedEvents)
	}
	if n := len(batchOrders(src.OrderBatches())); n != 1 {
		t.Errorf("%d orders, want 1", n)
	}
}
