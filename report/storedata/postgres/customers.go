package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

var customerCols = cols("customers", false, "customer_id", "age", "age_band", "gender", "city", "region", "city_tier", "labels")

// ReadCustomers streams the customers' attributes (用户画像) in
// customer_id order. customer_id is required and used once (a second row
// is a storedata.ErrDuplicateID error); age is NULL when unknown or a
// whole number 1 to profile.MaxAge; the other columns are text, NULL or
// empty when unknown. labels is NULL or a JSON object of strings with
// distinct keys, none of them one of the other columns (the fixed columns
// of the CSV file, storedata.CustomerColumns); an empty value is no label,
// as an empty cell is in the CSV file.
func ReadCustomers(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[profile.Customer, error] {
	return func(yield func(profile.Customer, error) bool) {
		var prev string
		var line int
		readTable(ctx, db, opts, "customers", customerCols, "customer_id", func(r *row) (profile.Customer, error) {
			r.keyOf("customer", 0)
			var c profile.Customer
			var err error
			if c.ID, err = r.required(0); err != nil {
				return c, err
			}
			if err := r.unique(&prev, &line); err != nil {
				return c, err
			}
			if !r.null(1) {
				a, err := r.int(1)
				if err != nil {
					return c, err
				}
				if a < 1 || a > profile.MaxAge {
					return c, r.fail(1, fmt.Errorf("age %d: want 1 to %d, or NULL when unknown", a, profile.MaxAge))
				}
				c.Age = int(a)
			}
			for i, dst := range []*string{2: &c.AgeBand, 3: &c.Gender, 4: &c.City, 5: &c.Region, 6: &c.CityTier} {
				if dst != nil {
					if *dst, err = r.text(i); err != nil {
						return c, err
					}
				}
			}
			if s, ok := r.cells[7].v.(string); ok {
				if c.Labels, err = decodeLabels(s); err != nil {
					return c, r.fail(7, err)
				}
			}
			return c, nil
		}, yield)
	}
}

// decodeLabels reads a JSON object of strings as a customer's labels; an
// empty value is no label, and no labels is a nil map.
func decodeLabels(s string) (map[string]string, error) {
	var labels map[string]string
	seen := map[string]bool{}
	err := eachString("labels", s, func(key, val string) error {
		if err := labelKey(key); err != nil {
			return err
		}
		if err := validText(val); err != nil {
			return fmt.Errorf("%q: %w", key, err)
		}
		if seen[key] {
			return fmt.Errorf("%q is given twice", key)
		}
		seen[key] = true
		if val != "" {
			if labels == nil {
				labels = make(map[string]string)
			}
			labels[key] = val
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return labels, nil
}

// labelKey checks the name of a label: not empty, valid text, and not
// one of the other columns (storedata.CustomerColumns, the fixed columns
// of the CSV file). A label named "labels" is a column of the CSV file
// like any other label.
func labelKey(key string) error {
	if err := validText(key); err != nil {
		return fmt.Errorf("key: %w", err)
	}
	if key == "" || slices.Contains(storedata.CustomerColumns, key) {
		return fmt.Errorf("key %q is not a label name", key)
	}
	return nil
}

func addCustomer(b *batch, c profile.Customer) error {
	e := &enc{what: fmt.Sprintf("customer %q", c.ID)}
	if err := c.Validate(); err != nil {
		e.failf("%v", err)
	}
	var age, labels any
	if c.Age != 0 {
		age = int16(c.Age)
	}
	if len(c.Labels) > 0 {
		l := []byte{'{'}
		for i, k := range slices.Sorted(maps.Keys(c.Labels)) {
			v := c.Labels[k]
			if err := labelKey(k); err != nil {
				e.failf("label: %v", err)
			}
			if v == "" {
				e.failf("the label %q is empty, which reads back as no label", k)
			}
			e.text("label "+k, v)
			if i > 0 {
				l = append(l, ',')
			}
			kj, _ := json.Marshal(k)
			vj, _ := json.Marshal(v)
			l = append(append(append(l, kj...), ':'), vj...)
		}
		labels = string(append(l, '}'))
	}
	b.add(e.required("customer_id", c.ID), age, e.text("age_band", c.AgeBand), e.text("gender", c.Gender), e.text("city", c.City),
		e.text("region", c.Region), e.text("city_tier", c.CityTier), labels)
	return e.err
}
