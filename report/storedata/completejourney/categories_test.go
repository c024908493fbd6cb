package completejourney

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/category"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// TestCategoriesCompleteJourney reads the first 5,000 transaction lines
// with the products they name (testdata/products_of_sample_5000.csv.gz,
// cut from products.csv by product_id; CC0, see testdata/CREDIT.md)
// through Source, and measures department penetration and pairs with
// metrics/category. The expected figures are testdata/categories_check.py's
// (Python standard library: sets per household and basket, exact
// decimals for sales, Fisher p-values from math.comb fractions):
//
//	rejected rows (quantity 0): 28
//	buyers: N=1645 tested=14
//	  'GROCERY': 1394 buyers, net sales 7983.13
//	  'DRUG GM': 402 buyers, net sales 1962.77
//	  'PRODUCE': 397 buyers, net sales 1093.09
//	  'FUEL': 29 buyers, net sales 799.42
//	  pair 'DRUG GM' + 'PRODUCE': both=118 lift=1.216273794754 p=3.338334e-03 q=4.673668e-02
//	baskets: N=4774 tested=0
//
// The package's sample draws lines at random, so households and baskets
// are incomplete (about three lines per household here): the figures
// check the computation, not the retailer's true penetration.
func TestCategoriesCompleteJourney(t *testing.T) {
	src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_sample_5000.csv.gz",
		Products: "products_of_sample_5000.csv.gz", Campaigns: "no_campaigns.csv"}
	in, errs, err := src.Input()
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 28 {
		t.Errorf("%d rows rejected, want the 28 of quantity 0", len(errs))
	}
	for _, e := range errs {
		if !errors.Is(e, ErrNoQuantity) {
			t.Errorf("rejected row: %v, want quantity 0", e)
		}
	}
	if len(in.Items) != 3545 {
		t.Errorf("%d products, want 3,545", len(in.Items))
	}
	cat := make(map[string]string, len(in.Items))
	for _, it := range in.Items {
		cat[it.SKU] = it.Category
	}
	p, _ := metrics.NewPeriod(time.Date(2016, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2018, 2, 1, 0, 0, 0, 0, time.UTC))
	tr := category.Tracker{Period: p, Catalogue: cat}
	for o := range in.Orders {
		if err := tr.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	r := tr.Result(category.Config{})
	if r.Buyers != 1645 || r.Orders != 4774 || r.Tested != 14 || r.BasketTested != 0 {
		t.Errorf("%d buyers, %d orders, %d and %d pairs tested; want 1645, 4774, 14, 0", r.Buyers, r.Orders, r.Tested, r.BasketTested)
	}
	type row struct {
		Buyers   int64
		NetSales string
	}
	got := map[string]row{}
	for _, x := range r.Categories {
		switch x.Category {
		case "GROCERY", "DRUG GM", "PRODUCE", "FUEL":
			got[x.Category] = row{x.Buyers, x.NetSales.Amount()}
		}
	}
	want := map[string]row{"GROCERY": {1394, "7983.13"}, "DRUG GM": {402, "1962.77"}, "PRODUCE": {397, "1093.09"}, "FUEL": {29, "799.42"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("departments (-want +got):\n%s", d)
	}
	if len(r.Pairs) != 1 || r.Pairs[0].A != "DRUG GM" || r.Pairs[0].B != "PRODUCE" || r.Pairs[0].Both != 118 {
		t.Fatalf("pairs %+v, want DRUG GM + PRODUCE with 118 buyers of both", r.Pairs)
	}
	lift, _ := r.Pairs[0].Lift.Value()
	got2 := []float64{lift, r.Pairs[0].PValue, r.Pairs[0].QValue}
	want2 := []float64{1.216273794754, 3.338334e-03, 4.673668e-02}
	if d := cmp.Diff(want2, got2, cmpopts.EquateApprox(1e-6, 0)); d != "" { // Python printed 7 significant digits
		t.Errorf("lift, p, q (-want +got):\n%s", d)
	}
	if len(r.BasketPairs) != 0 {
		t.Errorf("basket pairs %+v, want none", r.BasketPairs)
	}
}

func TestReadProducts(t *testing.T) {
	in := "product_id,manufacturer_id,department,brand,product_category,product_type\n" +
		"1,9,GROCERY,National,SOUP,CONDENSED SOUP\n" +
		"2,9,,Private,MISC,\n" + // no department: uncategorised, kept
		"1,9,GROCERY,National,SOUP,CONDENSED SOUP\n" + // duplicate
		",9,GROCERY,National,SOUP,X\n" // no ID
	var items []inventory.Item
	var errs []error
	for it, err := range ReadProducts(strings.NewReader(in), storedata.Options{File: "products.csv"}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	want := []inventory.Item{{SKU: "1", Name: "CONDENSED SOUP", Category: "GROCERY"}, {SKU: "2", Name: "MISC"}}
	if d := cmp.Diff(want, items, cmpopts.IgnoreFields(inventory.Item{}, "UnitPrice", "OrderCost", "HoldingCost")); d != "" {
		t.Errorf("items (-want +got):\n%s", d)
	}
	var pe *storedata.ParseError
	if len(errs) != 2 || !errors.Is(errs[0], storedata.ErrDuplicateID) || !errors.As(errs[1], &pe) || pe.Line != 5 {
		t.Errorf("errors %v, want a duplicate ID and a missing ID on line 5", errs)
	}
}
