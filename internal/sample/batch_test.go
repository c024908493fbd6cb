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
