// Package csvtable reads the CSV exports of other systems for the
// adapters under report/storedata: encoding/csv records by column name,
// each problem located with storedata's error types. (storedata's own
// faster reader reads only its own format.)
package csvtable

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// Table is an open CSV file: its header's columns and the current record.
type Table struct {
	cr    *csv.Reader
	file  string
	col   map[string]int // column name → index
	width int            // the number of fields of a record: the header's
	rec   []string
	line  int
	fatal bool // the underlying reader failed: stop in any mode
}

// Open reads the header (or, when fixed is not nil, takes fixed as the
// columns of a file without a header) and checks that the required
// columns are there. A problem of the whole file is a *storedata.FileError.
func Open(r io.Reader, opts storedata.Options, required, fixed []string) (*Table, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	t := &Table{cr: cr, file: FileName(opts), col: map[string]int{}}
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
			if err := CheckText(n); err != nil {
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

// FileName returns the name of the input in errors: opts.File, or
// "input".
func FileName(opts storedata.Options) string {
	if opts.File == "" {
		return "input"
	}
	return opts.File
}

// Location returns the store's zone: opts.Location, or UTC.
func Location(opts storedata.Options) *time.Location {
	if opts.Location == nil {
		return time.UTC
	}
	return opts.Location
}

// Next reads the next record: io.EOF at the end, a *storedata.ParseError
// for a record that is not valid CSV, has too few fields or holds text
// that is not valid UTF-8 or has a control character. After a failure of
// the underlying reader [Table.Fatal] is true.
func (t *Table) Next() error {
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
	t.line, _ = t.cr.FieldPos(0) // the line of the record; the column (1) is no error
	if len(rec) != t.width {
		return t.RowErr(fmt.Errorf("%d fields, want %d as in the header", len(rec), t.width))
	}
	for i, f := range rec {
		if err := CheckText(f); err != nil {
			return t.FailAt(i, err)
		}
	}
	return nil
}

// CheckText rejects invalid UTF-8 and control characters other than tab,
// line feed and carriage return, as storedata does.
func CheckText(s string) error {
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

// Get returns the cell of the column name, trimmed of spaces, or "" if
// the file has no such column.
func (t *Table) Get(name string) string {
	i, ok := t.col[name]
	if !ok || i >= len(t.rec) {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// Fail returns a *storedata.ParseError for the cell of column name.
func (t *Table) Fail(name string, err error) *storedata.ParseError {
	i, ok := t.col[name]
	if !ok {
		return t.RowErr(err)
	}
	return t.FailAt(i, err)
}

// FailAt returns a *storedata.ParseError for the cell of the column of
// index i (from 0).
func (t *Table) FailAt(i int, err error) *storedata.ParseError {
	name := ""
	for n, j := range t.col {
		if j == i {
			name = n
		}
	}
	return &storedata.ParseError{File: t.file, Line: t.line, Column: i + 1, Name: name, Rows: 1, Err: err}
}

// RowErr returns a *storedata.ParseError for the record as a whole.
func (t *Table) RowErr(err error) *storedata.ParseError {
	return &storedata.ParseError{File: t.file, Line: t.line, Rows: 1, Err: err}
}

// Required returns the cell of column name, or an error if it is empty.
func (t *Table) Required(name string) (string, error) {
	v := t.Get(name)
	if v == "" {
		return "", t.Fail(name, errors.New("empty"))
	}
	return v, nil
}

// File returns the file's name in errors.
func (t *Table) File() string { return t.file }

// Line returns the line on which the current record starts.
func (t *Table) Line() int { return t.line }

// Fatal reports whether the underlying reader failed: reading must stop
// in any mode.
func (t *Table) Fatal() bool { return t.fatal }

// Raw returns the cell of the column name as it is, spaces kept, or "" if
// the file has no such column.
func (t *Table) Raw(name string) string {
	i, ok := t.col[name]
	if !ok || i >= len(t.rec) {
		return ""
	}
	return t.rec[i]
}

// ColumnNumber returns the number (from 1) of the column name, 0 if the
// file has none.
func (t *Table) ColumnNumber(name string) int {
	i, ok := t.col[name]
	if !ok {
		return 0
	}
	return i + 1
}

// OpenFile opens the file name of fsys for reading, through gzip when the
// name ends in .gz, and returns it with the function that closes it.
func OpenFile(fsys fs.FS, name string) (io.Reader, func(), error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	if !strings.HasSuffix(name, ".gz") {
		return f, func() { f.Close() }, nil
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return z, func() { z.Close(); f.Close() }, nil
}

// Reread returns the values of a second, streaming read of a file whose
// first read found bad errors: open opens it, read reads it. Errors of the
// second read were reported by the first and are skipped; when their
// number differs from bad, the file changed between the reads, and
// setErr gets an error saying so (pkg names the adapter in it), as it gets
// a failure to open the file.
func Reread[T any](pkg, file string, bad int, open func() (io.Reader, func(), error), read func(io.Reader) iter.Seq2[T, error], setErr func(error)) iter.Seq[T] {
	return func(yield func(T) bool) {
		r, closeFile, err := open()
		if err != nil {
			setErr(err)
			return
		}
		defer closeFile()
		n := 0
		for v, err := range read(r) {
			if err != nil {
				n++ // reported by the first read
				continue
			}
			if !yield(v) {
				return
			}
		}
		if n != bad {
			setErr(fmt.Errorf("%s: %s: %d errors on the second read, %d on the first: the file changed", pkg, file, n, bad))
		}
	}
}
