package taobao

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// TestDetailPages counts the detail-page funnel of the items of the
// slice, whose events carry the item_id as their SKU (detail.Count sorts each
// user's events by time: the file is not always in time order within a
// user). The expected figures were computed independently with python3
// (gzip and csv modules; for each user and item, a viewer has a pv, a
// carter a pv at v and a cart at c with v ≤ c ≤ v + 7 days, a buyer also
// a buy at b with c ≤ b ≤ v + 7 days, by brute force over all triples):
// [views, viewers, carters, buyers] of the item with the most viewers,
// of the 4 items whose buyers passed through the cart, and of two carted
// items not bought; 4,573 items, 46 of them carted.
func TestDetailPages(t *testing.T) {
	z := bytes.NewReader(readSlice(t))
	var events []funnel.Event
	for e, err := range ReadEvents(z, storedata.Options{File: slice, Location: China, Strict: true}) {
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	r, err := detail.Count(detail.Config{}, events)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][4]int64{}
	carted := 0
	for _, p := range r.Products {
		got[p.SKU] = [4]int64{p.Views, p.Viewers, p.Carters, p.Buyers}
		if p.Carters > 0 {
			carted++
		}
	}
	want := map[string][4]int64{
		"141010": {6, 3, 0, 0}, "1161410": {2, 1, 1, 1}, "1880571": {2, 1, 1, 1}, "3334782": {1, 1, 1, 1}, "3461725": {3, 1, 1, 1},
		"1627124": {7, 1, 1, 0}, "3930186": {9, 1, 1, 0},
	}
	for sku := range got {
		if _, ok := want[sku]; !ok {
			delete(got, sku)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("[views, viewers, carters, buyers] (-want +got):\n%s", diff)
	}
	if len(r.Products) != 4573 || carted != 46 {
		t.Errorf("%d items, %d carted; want 4573 and 46", len(r.Products), carted)
	}
}
