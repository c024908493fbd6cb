package shopify

import (
	"errors"
	"io"
	"io/fs"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Source is a Shopify orders export to review, such as orders_export.csv
// (or orders_export.csv.gz: a name ending in .gz is read through gzip).
type Source struct {
	FS    fs.FS  // where the file is, such as os.DirFS(dir)
	Name  string // the file's name in FS
	Store string // the store's name, for the review's title. Defaults to "Shopify store".
	// Options are the reading options. Options.File defaults to Name.
	Options storedata.Options
	err     error
}

// Input assembles the review's input from the export: the orders, and a
// refund per order with a Refunded Amount ([Order.Refund]). It reads the
// file twice: once now, for the refunds and to find every bad row, and
// once more, streaming, when the review reads Input.Orders.
//
// It returns an error for a file that cannot be opened or read as an
// orders export (a *storedata.FileError), for the first bad row with
// Options.Strict, and for a failure of the reader. Otherwise the errors
// of the rejected orders are returned in errs and counted in
// Input.Rejected under the file's name, and the review leaves those
// orders out. Check [Source.Err] after the review for a failure of the
// second read.
func (s *Source) Input() (in report.Input, errs []error, err error) {
	s.err = nil
	r, closeFile, err := s.open()
	if err != nil {
		return in, nil, err
	}
	defer closeFile()
	for o, err := range ReadOrders(r, s.opts()) {
		if err != nil {
			var pe *storedata.ParseError
			if s.Options.Strict || !errors.As(err, &pe) {
				return report.Input{}, errs, err
			}
			errs = append(errs, err)
			continue
		}
		if f, ok := o.Refund(); ok {
			in.Refunds = append(in.Refunds, f)
		}
	}
	in.Store = s.Store
	if in.Store == "" {
		in.Store = "Shopify store"
	}
	if n := storedata.Rejected(errs); n > 0 {
		in.Rejected = []report.Rejected{{File: s.opts().File, Rows: int64(n)}}
	}
	bad := len(errs)
	orders := csvtable.Reread("shopify", s.opts().File, bad, s.open,
		func(r io.Reader) iter.Seq2[Order, error] { return ReadOrders(r, s.opts()) },
		func(err error) { s.err = err })
	in.Orders = func(yield func(metrics.Order) bool) {
		for o := range orders {
			if !yield(o.Order) {
				return
			}
		}
	}
	return in, errs, nil
}

// Err returns the first error of the second read of the file, made while
// the review read Input.Events, or nil.
func (s *Source) Err() error { return s.err }

func (s *Source) opts() storedata.Options {
	o := s.Options
	if o.File == "" {
		o.File = s.Name
	}
	return o
}

func (s *Source) open() (io.Reader, func(), error) { return csvtable.OpenFile(s.FS, s.Name) }
