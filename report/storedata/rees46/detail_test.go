package rees46

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// skuSlice holds every event of six products (824 rows) from the first
// 2 h 50 min of REES46 2019-Oct (credit in testdata/CREDIT.md): all their
// events in that window, so their detail-page funnels are complete.
const skuSlice = "testdata/2019-Oct-head-6skus.csv"

// TestDetailPages counts the detail-page funnel of each product of the
// slice, whose events carry the product_id as their SKU. The expected
// figures were computed independently with python3 (csv module; for each
// user and product, a viewer has a view, a carter a view v and a cart c
// with v ≤ c ≤ v + 7 days, a buyer also a purchase b with c ≤ b ≤ v + 7
// days, by brute force over all triples): [views, viewers, carters,
// buyers].
func TestDetailPages(t *testing.T) {
	f, err := os.Open(skuSlice)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var events []funnel.Event
	for e, err := range ReadEvents(f, storedata.Options{File: skuSlice, Strict: true}) {
		if err != nil {
			t.Fatal(err)
		}
		if e.Prop(funnel.PropSKU) != e.Prop(PropProduct) {
			t.Fatalf("event %+v: sku is not the product_id", e)
		}
		events = append(events, e)
	}
	r, err := detail.Count(detail.Config{}, events)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][4]int64{}
	for _, p := range r.Products {
		got[p.SKU] = [4]int64{p.Views, p.Viewers, p.Carters, p.Buyers}
	}
	want := map[string][4]int64{
		"1004856": {186, 114, 7, 6}, "1004767": {165, 99, 5, 2}, "1005115": {162, 125, 1, 0},
		"1004833": {92, 60, 8, 6}, "5100816": {82, 49, 5, 3}, "1004750": {57, 34, 4, 4},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("[views, viewers, carters, buyers] (-want +got):\n%s", diff)
	}
	if !r.Purchases {
		t.Error("the purchases do not name their products")
	}
}
