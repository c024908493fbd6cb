package completejourney

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// FuzzReadProducts checks that no input panics the products reader, that
// every error is located, and that each item has a SKU, given once.
func FuzzReadProducts(f *testing.F) {
	const head = "product_id,manufacturer_id,department,brand,product_category,product_type,package_size\n"
	f.Add(head + "\"30049\",\"69\",\"GROCERY\",\"Private\",\"BAKED BREAD/BUNS/ROLLS\",\"DIET/LIGHT BREAD\",\"16 OZ\"\n1,2,,,,,\n")
	f.Add(head + "1,2,A,B,C,D,E\n1,2,A,B,C,D,E\n")
	f.Add("product_id\n1\n")
	f.Fuzz(func(t *testing.T, in string) {
		seen := map[string]bool{}
		for it, err := range ReadProducts(strings.NewReader(in), storedata.Options{}) {
			if err != nil {
				var pe *storedata.ParseError
				var fe *storedata.FileError
				if !errors.As(err, &pe) && !errors.As(err, &fe) {
					t.Errorf("%v is not located", err)
				}
				continue
			}
			if it.SKU == "" || seen[it.SKU] {
				t.Errorf("item %+v: empty or repeated SKU", it)
			}
			seen[it.SKU] = true
		}
	})
}
