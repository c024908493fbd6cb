package sample

import (
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// The batches give back the row streams, in order, in batches of at
// most the size asked, sharing their dictionaries.
func TestBatchesEqualStreams(t *testing.T) {
	cfg := Config{Customers: 200, Days: 60}
	events := slices.Collect(Events(cfg))
	orders := slices.Collect(Orders(cfg))
	if len(events) < 1000 || len(orders) < 100 {
		t.Fatalf("%d events, %d orders: the test checks too little", len(events), len(orders))
	}
	for _, size := range []int{1, 1000, 0} {
		var got []funnel.Event
		var users *metrics.Dict
		for b := range EventBatches(cfg, size) {
			if b.Len() == 0 || size > 0 && b.Len() > size {
				t.Errorf("size %d: a batch of %d events", size, b.Len())
			}
			if users == nil {
				users = b.UserIDs
			} else if b.UserIDs != users {
				t.Errorf("size %d: batches do not share their user dictionary", size)
			}
			for i := range b.Len() {
				got = append(got, b.Event(i))
			}
		}
		if d := gocmp.Diff(events, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("size %d: EventBatches differs from Events (-rows +batches):\n%s", size, d)
		}
		var gotOrders []metrics.Order
		var customers *metrics.Dict
		for b := range OrderBatches(cfg, size) {
			if b.Len() == 0 || size > 0 && b.Len() > size {
				t.Errorf("size %d: a batch of %d orders", size, b.Len())
			}
			if customers == nil {
				customers = b.CustomerIDs
			} else if b.CustomerIDs != customers {
				t.Errorf("size %d: batches do not share their customer dictionary", size)
			}
			for i := range b.Len() {
				gotOrders = append(gotOrders, b.Order(i))
			}
		}
		if d := gocmp.Diff(orders, gotOrders, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("size %d: OrderBatches differs from Orders (-rows +batches):\n%s", size, d)
		}
	}
}

// Each ranging starts afresh: its own dictionaries, numbered from the
// start, and the same batches.
func TestBatchesRangeTwice(t *testing.T) {
	cfg := Config{Customers: 50, Days: 10}
	events := EventBatches(cfg, 100)
	orders := OrderBatches(cfg, 10)
	first, second := slices.Collect(events), slices.Collect(events)
	if len(first) < 2 || len(first) != len(second) {
		t.Fatalf("%d and %d event batches; want the same, 2 or more", len(first), len(second))
	}
	if first[0].UserIDs == second[0].UserIDs || first[0].PropValues == second[0].PropValues {
		t.Error("two rangings of EventBatches share their dictionaries")
	}
	if d := gocmp.Diff(first[len(first)-1].User, second[len(second)-1].User); d != "" {
		t.Errorf("the last batch's user numbers differ between rangings (-first +second):\n%s", d)
	}
	o1, o2 := slices.Collect(orders), slices.Collect(orders)
	if len(o1) < 2 || len(o1) != len(o2) {
		t.Fatalf("%d and %d order batches; want the same, 2 or more", len(o1), len(o2))
	}
	if o1[0].CustomerIDs == o2[0].CustomerIDs {
		t.Error("two rangings of OrderBatches share their dictionaries")
	}
	if d := gocmp.Diff(o1[len(o1)-1].Customer, o2[len(o2)-1].Customer); d != "" {
		t.Errorf("the last batch's customer numbers differ between rangings (-first +second):\n%s", d)
	}
}
