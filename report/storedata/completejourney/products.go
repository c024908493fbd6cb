package completejourney

import (
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// ProductColumns are the columns of products.csv that [ReadProducts]
// needs; product_category and product_type are read when present.
var ProductColumns = []string{"product_id", "department"}

// ReadProducts reads products.csv as the catalogue, one inventory.Item
// per row: the product_id is the SKU, the department (such as GROCERY,
// PRODUCE, DRUG GM) its category, and the product_type, or else the
// product_category, its name. The department is the category because it
// is the level a store reviews penetration at (32 departments against
// 304 product categories); a product without a department stays in
// the catalogue with no category, and the review counts its sales as
// uncategorised. Products of the transactions that the file does not
// list are uncategorised too.
//
// A bad row is a *storedata.ParseError with its line and column: an
// empty product_id, a product_id given twice (storedata.ErrDuplicateID),
// text that is not valid UTF-8 (storedata.ErrText). Lenient and strict
// reading as elsewhere in the package.
func ReadProducts(r io.Reader, opts storedata.Options) iter.Seq2[inventory.Item, error] {
	return func(yield func(inventory.Item, error) bool) {
		t, err := csvtable.Open(r, opts, ProductColumns, nil)
		if err != nil {
			yield(inventory.Item{}, err)
			return
		}
		seen := map[string]bool{}
		for {
			err := t.Next()
			if err == io.EOF {
				return
			}
			var it inventory.Item
			if err == nil {
				it.SKU, err = t.Required("product_id")
			}
			if err == nil && seen[it.SKU] {
				err = t.Fail("product_id", storedata.ErrDuplicateID)
			}
			if err == nil {
				seen[it.SKU] = true
				it.Category = t.Get("department")
				if it.Name = t.Get("product_type"); it.Name == "" {
					it.Name = t.Get("product_category")
				}
				for _, col := range []string{"department", "product_type", "product_category"} {
					if e := csvtable.CheckText(t.Get(col)); e != nil && err == nil {
						err = t.Fail(col, e)
					}
				}
			}
			if err != nil {
				if !yield(inventory.Item{}, err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			if !yield(it, nil) {
				return
			}
		}
	}
}
