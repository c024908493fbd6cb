package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestReorderFailureIsNoted: issue 17 item 10. A sub-analysis that fails
// while the data is sound leaves a visible note in its section, never a
// silent gap: here an item's service level of 100 % has no safety factor,
// so the reorder list cannot be computed; the Products section is there,
// without the list, and a note in it says why.
func TestReorderFailureIsNoted(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{})
	items := make([]inventory.Item, len(s.Catalogue))
	for i, p := range s.Catalogue {
		items[i] = inventory.Item{SKU: p.SKU, Name: p.Name, Category: p.Category, ServiceLevel: 1}
	}
	dec := metrics.MonthOf(2025, time.December, s.Config.Location)
	r, err := Build(Input{Items: items, Orders: slices.Values(s.Orders), Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts},
		Config{Period: dec, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatal(err)
	}
	if r.Products == nil || len(r.Products.Reorder) != 0 {
		t.Fatalf("products %v: want the section without a reorder list", r.Products != nil)
	}
	var found bool
	for _, n := range r.NotesOf(SectionProducts) {
		if n.Key == "reorder" && n.Reason != "" {
			found = true
			t.Logf("note: %s", n.Reason)
		}
	}
	if !found {
		t.Errorf("no reorder note in %+v", r.NotesOf(SectionProducts))
	}
}
