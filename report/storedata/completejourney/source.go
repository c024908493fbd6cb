package completejourney

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Source is a directory of Complete Journey files to review. A name
// ending in .gz is read through gzip.
type Source struct {
	FS fs.FS // such as os.DirFS(dir)
	// Transactions names the transactions file. Defaults to
	// transactions.csv.
	Transactions string
	// Campaigns and Coupons name campaign_descriptions.csv and
	// coupons.csv, which give the promotions; when the campaigns file is
	// not there, the review has no promotions. Default to those names.
	Campaigns, Coupons string
	// Demographics names demographics.csv, the households' attributes
	// for the customer profile; without the file the review has none.
	// Defaults to that name.
	Demographics string
	// Targets and Redemptions name campaigns.csv (the households sent each
	// campaign) and coupon_redemptions.csv, which with the campaigns file
	// give the CRM campaigns (report.Input.Campaigns, [ReadCRMCampaigns]);
	// when the targets file is not there, the review has none. Default
	// to those names.
	Targets, Redemptions string
	// Products names products.csv, the catalogue of [ReadProducts]: its
	// departments are the categories of the review's category part. When
	// the file is not there, the review has no categories. Defaults to
	// products.csv.
	Products string
	// Options are the reading options; File is set to each file's name.
	Options storedata.Options
}

// Input assembles the review's input: the orders of [ReadTransactions],
// the promotions of [ReadCampaigns] and the catalogue of [ReadProducts]. It holds both in memory (the
// transactions reader does anyway).
//
// It returns an error for a file that cannot be opened or read as its
// kind (a *storedata.FileError), for the first bad row with
// Options.Strict, and for a failure of a reader. Otherwise the bad rows'
// errors are returned in errs and counted per file in Input.Rejected.
func (s Source) Input() (in report.Input, errs []error, err error) {
	name := func(n, def string) string {
		if n == "" {
			return def
		}
		return n
	}
	var orders []metrics.Order
	tx := name(s.Transactions, "transactions.csv")
	if err := s.read(tx, func(r io.Reader, opts storedata.Options) ([]error, error) {
		return collect(ReadTransactions(r, opts), &orders, opts)
	}, &in, &errs); err != nil {
		return report.Input{}, errs, err
	}
	var coupons []Coupon
	camp, coup := name(s.Campaigns, "campaign_descriptions.csv"), name(s.Coupons, "coupons.csv")
	if _, err := fs.Stat(s.FS, camp); err == nil {
		if err := s.read(coup, func(r io.Reader, opts storedata.Options) ([]error, error) {
			return collect(ReadCoupons(r, opts), &coupons, opts)
		}, &in, &errs); err != nil {
			return report.Input{}, errs, err
		}
		if err := s.read(camp, func(r io.Reader, opts storedata.Options) ([]error, error) {
			return collect(ReadCampaigns(r, coupons, opts), &in.Promotions, opts)
		}, &in, &errs); err != nil {
			return report.Input{}, errs, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return report.Input{}, errs, err
	}
	if err := s.demographics(&in, &errs); err != nil {
		return report.Input{}, errs, err
	}
	if err := s.crm(&in, &errs, camp, name(s.Targets, "campaigns.csv"), name(s.Redemptions, "coupon_redemptions.csv")); err != nil {
		return report.Input{}, errs, err
	}
	prod := name(s.Products, "products.csv")
	if _, err := fs.Stat(s.FS, prod); err == nil {
		if err := s.read(prod, func(r io.Reader, opts storedata.Options) ([]error, error) {
			return collect(ReadProducts(r, opts), &in.Items, opts)
		}, &in, &errs); err != nil {
			return report.Input{}, errs, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return report.Input{}, errs, err
	}
	in.Store = "The Complete Journey"
	in.Orders = slices.Values(orders)
	return in, errs, nil
}

// collect appends the values of seq to dst and returns the errors of bad
// rows, or the error that ends reading.
func collect[T any](seq func(func(T, error) bool), dst *[]T, opts storedata.Options) (errs []error, err error) {
	for v, err := range seq {
		if err != nil {
			var pe *storedata.ParseError
			if opts.Strict || !errors.As(err, &pe) || pe.Rows == 0 {
				return errs, err
			}
			errs = append(errs, err)
			continue
		}
		*dst = append(*dst, v)
	}
	return errs, nil
}

// read opens the file name and passes it to read; it records the bad
// rows in errs and in.Rejected.
func (s Source) read(name string, read func(io.Reader, storedata.Options) ([]error, error), in *report.Input, errs *[]error) error {
	r, closeFile, err := csvtable.OpenFile(s.FS, name)
	if err != nil {
		return fmt.Errorf("completejourney: %w", err)
	}
	defer closeFile()
	opts := s.Options
	opts.File = name
	bad, err := read(r, opts)
	*errs = append(*errs, bad...)
	if n := storedata.Rejected(bad); n > 0 {
		in.Rejected = append(in.Rejected, report.Rejected{File: name, Rows: int64(n)})
	}
	return err
}
