package taobao

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Source is a UserBehavior file to review, such as UserBehavior.csv (or
// UserBehavior.csv.gz: a name ending in .gz is read through gzip).
// Options.Location defaults to [China] here, as the data's days are
// China days.
type Source struct {
	FS   fs.FS  // where the file is, such as os.DirFS(dir)
	Name string // the file's name in FS
	// Options are the reading options. Options.File defaults to Name.
	Options storedata.Options
	err     error
}

// Input assembles the review's input from the file: events only, as the
// data has no prices (see the package documentation for what a review
// of it can show). It reads the file twice: once now, to find every bad
// row and to check that each user's rows are together (the published
// file is grouped by user), and once more, streaming, when the review
// reads Input.Events. The second read sorts each user's events by time
// (stable, so ties keep file order), holding one user's events at a
// time.
//
// It returns an error for a file that cannot be opened or read as a
// UserBehavior file (a *storedata.FileError), for a user whose rows are
// not together (a *storedata.ParseError at the row where the user comes
// back), for the first bad row with Options.Strict, and for a failure of
// the reader. Otherwise the bad rows' errors are returned in errs and
// counted in Input.Rejected under the file's name, and the review leaves
// them out. Check [Source.Err] after the review for a failure of the
// second read.
func (s *Source) Input() (in report.Input, errs []error, err error) {
	s.err = nil
	r, closeFile, err := s.open()
	if err != nil {
		return in, nil, err
	}
	defer closeFile()
	seen := map[string]int{} // user → the line of its first row
	prev := ""
	read(r, s.opts(), func(e funnel.Event, line int) bool {
		if e.UserID == prev {
			return true
		}
		if first, ok := seen[e.UserID]; ok {
			err = &storedata.ParseError{File: s.opts().File, Line: line, Column: 1, Name: "user_id", Rows: 1,
				Err: fmt.Errorf("%w: user %s comes back after other users (first seen on line %d); the file must be grouped by user", storedata.ErrDuplicateID, e.UserID, first)}
			return false
		}
		seen[e.UserID] = line
		prev = e.UserID
		return true
	}, func(e error) bool {
		var pe *storedata.ParseError
		if s.Options.Strict || !errors.As(e, &pe) || pe.Rows == 0 {
			err = e
			return false
		}
		errs = append(errs, e)
		return true
	})
	if err != nil {
		return report.Input{}, errs, err
	}
	in.Store = "Taobao UserBehavior"
	if n := storedata.Rejected(errs); n > 0 {
		in.Rejected = []report.Rejected{{File: s.opts().File, Rows: int64(n)}}
	}
	bad := len(errs)
	in.Events = func(yield func(funnel.Event) bool) {
		r, closeFile, err := s.open()
		if err != nil {
			s.err = err
			return
		}
		defer closeFile()
		n := 0
		var user []funnel.Event // the current user's events
		flush := func() bool {
			slices.SortStableFunc(user, func(a, b funnel.Event) int { return a.Time.Compare(b.Time) })
			for _, e := range user {
				if !yield(e) {
					return false
				}
			}
			user = user[:0]
			return true
		}
		for e, err := range ReadEvents(r, s.opts()) {
			if err != nil {
				n++ // a row rejected by the first read, counted there
				continue
			}
			if len(user) > 0 && user[0].UserID != e.UserID && !flush() {
				return
			}
			user = append(user, e)
		}
		if !flush() {
			return
		}
		if n != bad {
			s.err = fmt.Errorf("taobao: %s: %d bad rows on the second read, %d on the first: the file changed", s.opts().File, n, bad)
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
	if o.Location == nil {
		o.Location = China
	}
	return o
}

func (s *Source) open() (io.Reader, func(), error) { return csvtable.OpenFile(s.FS, s.Name) }
