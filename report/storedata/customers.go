package storedata

import (
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

// CustomerColumns is the fixed part of the customers file's header. Every
// other column is a labelled attribute (profile.Customer.Labels), named
// by its header.
var CustomerColumns = []string{"customer_id", "age", "age_band", "gender", "city", "region", "city_tier"}

// ReadCustomers reads the customers file (用户画像 attributes), one
// customer per row. customer_id is required and unique (a repeated one is
// an ErrDuplicateID error); age is empty or a whole number 1 to
// profile.MaxAge; the other columns are text, empty when unknown, and
// every column after the fixed ones is a label whose cell, when not
// empty, is the customer's value of that attribute.
func ReadCustomers(r io.Reader, opts Options) iter.Seq2[profile.Customer, error] {
	return func(yield func(profile.Customer, error) bool) {
		seen := ids{}
		var labels []int // indexes of the label columns
		read := func(t *table) (profile.Customer, bool, error) {
			if labels == nil {
				labels = []int{}
				for i, n := range t.names {
					if !slices.Contains(CustomerColumns, n) {
						labels = append(labels, i)
					}
				}
			}
			var c profile.Customer
			var err error
			if c.ID, err = t.required(t.c("customer_id")); err != nil {
				return c, false, err
			}
			if err := seen.add(t, "customer", c.ID); err != nil {
				return c, false, err
			}
			if t.raw(t.c("age")) != "" {
				a, err := t.int(t.c("age"))
				if err != nil {
					return c, false, err
				}
				if a < 1 || a > profile.MaxAge {
					return c, false, t.fail(t.c("age"), fmt.Errorf("age %d: want 1 to %d, or empty when unknown", a, profile.MaxAge))
				}
				c.Age = int(a)
			}
			c.AgeBand, c.Gender, c.City = t.text(t.c("age_band")), t.text(t.c("gender")), t.text(t.c("city"))
			c.Region, c.CityTier = t.text(t.c("region")), t.text(t.c("city_tier"))
			for _, i := range labels {
				if v := unguard(t.rec[i]); v != "" {
					if c.Labels == nil {
						c.Labels = make(map[string]string)
					}
					c.Labels[t.names[i]] = t.keep(v)
				}
			}
			return c, true, nil
		}
		rows(r, opts, kindCustomers, []string{"customer_id"}, nil, true, read, yield)
	}
}

// WriteCustomers writes customers: the fixed columns, then one column per
// label key any customer has, sorted. It returns an error for what
// ReadCustomers would reject or give back differently: a customer that
// profile.Customer.Validate rejects, an ID written before, a label key
// that is a fixed column, has space at either end, a tab or a line break,
// an empty label value (read back as no label), and text that readers
// reject.
func WriteCustomers(w io.Writer, customers iter.Seq[profile.Customer]) error {
	all := slices.Collect(customers)
	keys := map[string]bool{}
	for _, c := range all {
		for k := range c.Labels {
			keys[k] = true
		}
	}
	header := slices.Clone(CustomerColumns)
	col := map[string]int{}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		switch {
		case slices.Contains(CustomerColumns, k):
			return fmt.Errorf("storedata: the label %q is a fixed column of the customers file", k)
		case k == "" || strings.TrimSpace(k) != k || strings.HasPrefix(k, "\ufeff"):
			return fmt.Errorf("storedata: the label %q is empty or has space at an end, which readers trim", k)
		case validText(k) != nil || strings.ContainsAny(k, "\t\r\n"):
			return fmt.Errorf("storedata: the label %q has a tab, a line break or text that readers reject", k)
		}
		col[k] = len(header)
		header = append(header, k)
	}
	cw := newWriter(w, header)
	seen := map[string]bool{}
	for _, c := range all {
		cw.at("customer", c.ID)
		if err := c.Validate(); err != nil {
			return fmt.Errorf("storedata: %s: %w", cw.what(), err)
		}
		if seen[c.ID] {
			return fmt.Errorf("storedata: %s is written twice", cw.what())
		}
		seen[c.ID] = true
		rec := make([]string, len(header))
		age := ""
		if c.Age > 0 {
			age = strconv.Itoa(c.Age)
		}
		copy(rec, []string{cw.required("customer_id", c.ID), age, cw.text("age_band", c.AgeBand), cw.text("gender", c.Gender),
			cw.text("city", c.City), cw.text("region", c.Region), cw.text("city_tier", c.CityTier)})
		for k, v := range c.Labels {
			if v == "" {
				return fmt.Errorf("storedata: %s: the label %q is empty, which reads back as no label", cw.what(), k)
			}
			rec[col[k]] = cw.text(k, v)
		}
		cw.row(rec)
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
