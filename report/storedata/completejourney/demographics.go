package completejourney

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// DemographicColumns are the columns of demographics.csv. household_id
// is required; the others may be missing from a file, and an empty cell
// is unknown (the package writes NA as an empty cell).
var DemographicColumns = []string{"household_id", "age", "income", "home_ownership", "marital_status",
	"household_size", "household_comp", "kids_count"}

// demographicLabels are the columns that become labels of a
// profile.Customer, under their own names.
var demographicLabels = DemographicColumns[2:]

// ReadDemographics reads demographics.csv as customer attributes for the
// customer profile (report.Input.Customers), one profile.Customer per
// household: the household_id is the ID (the transactions' customer),
// age, a band such as "25-34" or "65+", is the AgeBand as written (the
// data's bands: 19-24, 25-34, 35-44, 45-54, 55-64, 65+), and income,
// home_ownership, marital_status, household_size, household_comp and
// kids_count are labels under those names, as written ("50-74K", "3",
// "5+"). An empty cell is no value: the household counts as unknown in
// that attribute. The data has no gender or place.
//
// A bad row is a *storedata.ParseError with its line and column: an empty
// household_id, a household given twice (storedata.ErrDuplicateID), text
// with control characters. Lenient and strict reading as elsewhere.
func ReadDemographics(r io.Reader, opts storedata.Options) iter.Seq2[profile.Customer, error] {
	return func(yield func(profile.Customer, error) bool) {
		t, err := csvtable.Open(r, opts, DemographicColumns[:1], nil)
		if err != nil {
			yield(profile.Customer{}, err)
			return
		}
		seen := map[string]int{}
		for {
			err := t.Next()
			if err == io.EOF {
				return
			}
			var c profile.Customer
			if err == nil {
				c, err = household(t, seen)
			}
			if err != nil {
				if !yield(profile.Customer{}, err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			if !yield(c, nil) {
				return
			}
		}
	}
}

// household reads the current row of demographics.csv.
func household(t *csvtable.Table, seen map[string]int) (profile.Customer, error) {
	var c profile.Customer
	id, err := t.Required("household_id")
	if err != nil {
		return c, err
	}
	if line, dup := seen[id]; dup {
		return c, t.RowErr(fmt.Errorf("%w: household %s was given on line %d", storedata.ErrDuplicateID, id, line))
	}
	seen[id] = t.Line()
	c.ID = id
	for _, col := range DemographicColumns[1:] {
		if err := csvtable.CheckText(t.Get(col)); err != nil {
			return profile.Customer{}, t.Fail(col, err)
		}
	}
	c.AgeBand = t.Get("age")
	for _, col := range demographicLabels {
		if v := t.Get(col); v != "" {
			if c.Labels == nil {
				c.Labels = make(map[string]string)
			}
			c.Labels[col] = v
		}
	}
	return c, nil
}

// demographics reads the demographics file into in.Customers when it is
// there; without it the review has no customer profile.
func (s Source) demographics(in *report.Input, errs *[]error) error {
	name := s.Demographics
	if name == "" {
		name = "demographics.csv"
	}
	if _, err := fs.Stat(s.FS, name); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	return s.read(name, func(r io.Reader, opts storedata.Options) ([]error, error) {
		return collect(ReadDemographics(r, opts), &in.Customers, opts)
	}, in, errs)
}
