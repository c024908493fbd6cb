package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// ProductColumns is the header of the product-catalogue file.
var ProductColumns = []string{"sku", "name", "category", "currency", "unit_price", "lead_time_days", "launch_date"}

// ReadProducts reads the product-catalogue file, one SKU per row: its name
// and category, its retail unit price (optional; for inventory at retail),
// its supplier lead time in days (optional; for reorder points) and its
// launch date (optional, a day such as 2025-09-15; for new products). A
// catalogue lets the review name and reorder SKUs that did not sell. A
// SKU listed by an earlier row is an ErrDuplicateID error.
func ReadProducts(r io.Reader, opts Options) iter.Seq2[inventory.Item, error] {
	return func(yield func(inventory.Item, error) bool) {
		seen := ids{}
		rows(r, opts, kindProducts, []string{"sku"}, ProductColumns, true, func(t *table) (inventory.Item, bool, error) {
			var it inventory.Item
			var err error
			if it.SKU, err = t.required(t.c("sku")); err != nil {
				return it, false, err
			}
			if err := seen.add(t, "sku", it.SKU); err != nil {
				return it, false, err
			}
			it.Name, it.Category = t.text(t.c("name")), t.text(t.c("category"))
			if t.raw(t.c("unit_price")) != "" {
				c, err := t.currency(t.c("currency"))
				if err != nil {
					return it, false, err
				}
				if it.UnitPrice, err = t.money(t.c("unit_price"), c, false); err != nil {
					return it, false, err
				}
				if it.UnitPrice.IsNegative() {
					return it, false, t.fail(t.c("unit_price"), fmt.Errorf("negative price %s", t.raw(t.c("unit_price"))))
				}
			}
			if it.LeadTimeDays, err = t.float(t.c("lead_time_days"), true); err != nil {
				return it, false, err
			}
			if it.LeadTimeDays < 0 {
				return it, false, t.fail(t.c("lead_time_days"), errors.New("negative"))
			}
			if t.raw(t.c("launch_date")) != "" {
				if it.Launch, err = t.day(t.c("launch_date")); err != nil {
					return it, false, err
				}
			}
			return it, true, nil
		}, yield)
	}
}

// WriteProducts writes a product catalogue. A SKU that is empty or listed
// twice, a lead time that is negative or not finite, and text that readers
// reject are errors.
func WriteProducts(w io.Writer, items iter.Seq[inventory.Item]) error {
	cw := newWriter(w, ProductColumns)
	seen := map[string]bool{}
	for it := range items {
		cw.at("product", it.SKU)
		switch {
		case seen[it.SKU]:
			return fmt.Errorf("storedata: %s is written twice", cw.what())
		case math.IsNaN(it.LeadTimeDays) || math.IsInf(it.LeadTimeDays, 0):
			return errors.New("storedata: product " + it.SKU + ": lead time is not a finite number")
		case it.LeadTimeDays < 0:
			return fmt.Errorf("storedata: %s: negative lead time %v", cw.what(), it.LeadTimeDays)
		case it.UnitPrice.IsNegative():
			return fmt.Errorf("storedata: %s: negative price %s", cw.what(), it.UnitPrice)
		}
		seen[it.SKU] = true
		price, lead, launch := "", "", ""
		if !it.UnitPrice.Currency().IsZero() {
			price = amount(it.UnitPrice)
		}
		if it.LeadTimeDays != 0 {
			lead = strconv.FormatFloat(it.LeadTimeDays, 'g', -1, 64)
		}
		if !it.Launch.IsZero() {
			launch = cw.day(it.Launch)
		}
		cw.row([]string{cw.required("sku", it.SKU), cw.text("name", it.Name), cw.text("category", it.Category),
			it.UnitPrice.Currency().Code(), price, lead, launch})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
