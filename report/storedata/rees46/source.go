package rees46

import (
	"errors"
	"io"
	"io/fs"
	"iter"
	"slices"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Source is a REES46 events file to review, such as 2019-Oct.csv (or
// 2019-Oct.csv.gz: a name ending in .gz is read through gzip).
type Source struct {
	FS   fs.FS  // where the file is, such as os.DirFS(dir)
	Name string // the file's name in FS
	// Options are the reading options. Options.File defaults to Name.
	Options storedata.Options
	err     error
}

// Input assembles the review's input from the file. It reads the file
// twice: once now, for the orders ([ReadOrders]; they are held in memory,
// as purchases are a small share of the events) and to find every bad
// row, and once more, streaming, when the review reads Input.Events.
//
// It returns an error for a file that cannot be opened or read as a
// REES46 file (a *storedata.FileError), for the first bad row with
// Options.Strict, and for a failure of the reader. Otherwise the bad rows'
// errors (each a *storedata.ParseError) are returned in errs and counted
// in Input.Rejected under the file's name, and the review leaves them
// out. Check [Source.Err] after the review for a failure of the second
// read.
func (s *Source) Input() (in report.Input, errs []error, err error) {
	s.err = nil
	r, closeFile, err := s.open()
	if err != nil {
		return in, nil, err
	}
	defer closeFile()
	var orders []metrics.Order
	for o, err := range ReadOrders(r, s.opts()) {
		if err != nil {
			var pe *storedata.ParseError
			if s.Options.Strict || !errors.As(err, &pe) || pe.Rows == 0 {
				return report.Input{}, errs, err
			}
			errs = append(errs, err)
			continue
		}
		orders = append(orders, o)
	}
	in.Store = "REES46"
	in.Orders = slices.Values(orders)
	if n := storedata.Rejected(errs); n > 0 {
		in.Rejected = []report.Rejected{{File: s.opts().File, Rows: int64(n)}}
	}
	bad := len(errs)
	in.Events = csvtable.Reread("rees46", s.opts().File, bad, s.open,
		func(r io.Reader) iter.Seq2[funnel.Event, error] { return ReadEvents(r, s.opts()) },
		func(err error) { s.err = err })
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
