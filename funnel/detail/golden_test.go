package detail_test

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/internal/sample"
)

// demoStore is the default demo store.
var demoStore = sync.OnceValue(func() *sample.Store { return sample.Generate(sample.Config{}) })

// countDemo counts the demo's events from the start of month (in the
// store's zone) for months months as the review does: the events that
// name a SKU with Add, and each purchase event with AddPurchase for each
// SKU of the order its order_id names.
func countDemo(t testing.TB, month time.Time, months int) *detail.Counter {
	s := demoStore()
	skus := make(map[string][]string, len(s.Orders))
	for _, o := range s.Orders {
		var ks []string
		for _, l := range o.Lines {
			if !slices.Contains(ks, l.SKU) {
				ks = append(ks, l.SKU)
			}
		}
		skus[o.ID] = ks
	}
	from, to := month, month.AddDate(0, months, 0)
	var k detail.Counter
	for i := range s.Events {
		e := &s.Events[i]
		if e.Time.Before(from) || !e.Time.Before(to) {
			continue
		}
		switch {
		case e.Prop(funnel.PropSKU) != "":
			if err := k.Add(e); err != nil {
				t.Fatal(err)
			}
		case e.Name == "purchase":
			for _, sku := range skus[e.Prop(sample.PropOrder)] {
				if err := k.AddPurchase(e.UserID, sku, e.Time); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return &k
}

// TestGoldenDemo: the encodings of the demo's December and of its two
// years are the bytes the counter wrote before its tables changed (the
// hashes were computed on main at ea31199, with map-based tables), so a
// change of layout has changed no answer and no byte.
func TestGoldenDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	loc := demoStore().Config.Location
	for _, tc := range []struct {
		name   string
		month  time.Time
		months int
		want   string
	}{
		{"december", time.Date(2025, 12, 1, 0, 0, 0, 0, loc), 1, "1178244 bytes, sha256 a7e2ee5c5f0c3a3f0ac0656b0a07b14d6d5887865b388de3b8510bc5c0fbb119"},
		{"two years", time.Date(2024, 1, 1, 0, 0, 0, 0, loc), 24, "20490246 bytes, sha256 52c8e4eb6ff8f587c88361ee92df7bd04a39189fc74f4a0844cdc3525bc8e8e4"},
	} {
		k := countDemo(t, tc.month, tc.months)
		if r := k.Result(); !r.Purchases || len(r.Products) == 0 {
			t.Fatalf("%s: %d products, purchases %v: the demo should name SKUs and their purchases", tc.name, len(r.Products), r.Purchases)
		}
		data, err := k.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%d bytes, sha256 %x", len(data), sha256.Sum256(data)); got != tc.want {
			t.Errorf("%s: encoding is %s, want %s", tc.name, got, tc.want)
		}
	}
}
