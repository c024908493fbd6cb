package shopify

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// This file reads a CSV export with encoding/csv and locates each problem
// with the error types of storedata. (storedata's own row reader is not
// exported; each adapter package carries this small copy.)

// table is an open CSV file: its header's columns and the current record.
type table struct {
	cr    *csv.Reader
	file  string
	col   map[string]int // column name → index
	width int            // the number of fields of a record: the header's
	rec   []string
	line  int
	fatal bool // the underlying reader failed: stop in any mode
}

// open reads the header (or, when fixed is not nil, takes fixed as the
// columns of a file without a header) and checks that the required
// columns are there. A problem of the whole file is a *storedata.FileError.
func open(r io.Reader, opts storedata.Options, required, fixed []string) (*table, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	t := &table{cr: cr, file: fileName(opts), col: map[string]int{}}
	names := fixed
	if fixed == nil {
		h, err := cr.Read()
		switch {
		case err == io.EOF:
			return nil, &storedata.FileError{File: t.file, Line: 1, Err: storedata.ErrNoHeader}
		case err != nil:
			return nil, &storedata.FileError{File: t.file, Line: 1, Err: err}
		}
		names = make([]string, len(h))
		for i, n := range h {
			if err := checkText(n); err != nil {
				return nil, &storedata.FileError{File: t.file, Line: 1, Column: i + 1, Err: err}
			}
			names[i] = strings.TrimSpace(n)
		}
	}
	t.width = len(names)
	for i, n := range names {
		if _, dup := t.col[n]; dup && n != "" {
			return nil, &storedata.FileError{File: t.file, Line: 1, Column: i + 1, Name: n, Err: storedata.ErrDuplicateColumn}
		}
		t.col[n] = i
	}
	for _, n := range required {
		if _, ok := t.col[n]; !ok {
			return nil, &storedata.FileError{File: t.file, Line: 1, Name: n, Err: fmt.Errorf("%w %q", storedata.ErrMissingColumn, n)}
		}
	}
	return t, nil
}

func fileName(opts storedata.Options) string {
	if opts.File == "" {
		return "input"
	}
	return opts.File
}

func location(opts storedata.Options) *time.Location {
	if opts.Location == nil {
		return time.UTC
	}
	return opts.Location
}

// next reads the next record: io.EOF at the end, a *storedata.ParseError
// for a record that is not valid CSV, has too few fields or holds text
// that is not valid UTF-8 or has a control character. After a failure of
// the underlying reader t.fatal is set.
func (t *table) next() error {
	rec, err := t.cr.Read()
	if err == io.EOF {
		return err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		t.line = pe.StartLine
		return &storedata.ParseError{File: t.file, Line: pe.StartLine, Rows: 1, Err: err}
	}
	if err != nil {
		t.fatal = true
		return &storedata.ParseError{File: t.file, Line: t.line + 1, Err: err}
	}
	t.rec = rec
	t.line, _ = t.cr.FieldPos(0)
	if len(rec) != t.width {
		return t.rowErr(fmt.Errorf("%d fields, want %d as in the header", len(rec), t.width))
	}
	for i, f := range rec {
		if err := checkText(f); err != nil {
			return t.failAt(i, err)
		}
	}
	return nil
}

// checkText rejects invalid UTF-8 and control characters other than tab,
// line feed and carriage return, as storedata does.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: %q is not valid UTF-8", storedata.ErrText, s)
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) {
			return fmt.Errorf("%w: %q has control character %U", storedata.ErrText, s, r)
		}
	}
	return nil
}

// get returns the cell of the column name, trimmed of spaces, or "" if
// the file has no such column.
func (t *table) get(name string) string {
	i, ok := t.col[name]
	if !ok || i >= len(t.rec) {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// fail returns a *storedata.ParseError for the cell of column name.
func (t *table) fail(name string, err error) *storedata.ParseError {
	i, ok := t.col[name]
	if !ok {
		return t.rowErr(err)
	}
	return t.failAt(i, err)
}

func (t *table) failAt(i int, err error) *storedata.ParseError {
	name := ""
	for n, j := range t.col {
		if j == i {
			name = n
		}
	}
	return &storedata.ParseError{File: t.file, Line: t.line, Column: i + 1, Name: name, Rows: 1, Err: err}
}

// rowErr returns a *storedata.ParseError for the record as a whole.
func (t *table) rowErr(err error) *storedata.ParseError {
	return &storedata.ParseError{File: t.file, Line: t.line, Rows: 1, Err: err}
}

// required returns the cell of column name, or an error if it is empty.
func (t *table) required(name string) (string, error) {
	v := t.get(name)
	if v == "" {
		return "", t.fail(name, errors.New("empty"))
	}
	return v, nil
}
