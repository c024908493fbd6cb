package storedata

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestProductLaunchDate reads the optional launch_date column of
// products.csv (issue 17 item 5): a day in the store's zone, empty for
// unknown, and a located error for a day that is not one.
func TestProductLaunchDate(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	in := "sku,name,category,launch_date\nA1,Tea,tea,2025-09-15\nB2,Cup,home,\nC3,Bad,home,2025-13-01\n"
	items, errs := Collect(ReadProducts(strings.NewReader(in), Options{File: "products.csv", Location: loc}))
	got := map[string]string{}
	for _, it := range items {
		got[it.SKU] = ""
		if !it.Launch.IsZero() {
			got[it.SKU] = it.Launch.Format(time.RFC3339)
		}
	}
	if diff := cmp.Diff(map[string]string{"A1": "2025-09-15T00:00:00+08:00", "B2": ""}, got); diff != "" {
		t.Errorf("launch dates (-want +got):\n%s", diff)
	}
	var pe *ParseError
	if len(errs) != 1 || !errors.As(errs[0], &pe) || pe.File != "products.csv" || pe.Line != 4 || pe.Name != "launch_date" {
		t.Errorf("errors = %v; want one ParseError at products.csv line 4, column launch_date", errs)
	}
	// A catalogue without the column reads as before: no launch dates.
	items, errs = Collect(ReadProducts(strings.NewReader("sku,name\nA1,Tea\n"), Options{}))
	if len(errs) != 0 || len(items) != 1 || !items[0].Launch.IsZero() {
		t.Errorf("without launch_date: %v, %v", items, errs)
	}
}
