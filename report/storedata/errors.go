package storedata

import (
	"errors"
	"fmt"
)

// Sentinel errors, wrapped by a *[FileError] or a *[ParseError]; test with
// errors.Is.
var (
	// ErrNoHeader: the file is empty (or holds only empty lines) where a
	// header row is required. A *FileError.
	ErrNoHeader = errors.New("empty file: no header")
	// ErrMissingColumn: the header lacks a required column. A *FileError.
	ErrMissingColumn = errors.New("missing column")
	// ErrDuplicateColumn: two header cells have the same name. A *FileError.
	ErrDuplicateColumn = errors.New("duplicate column")
	// ErrEncoding: the file is not UTF-8 (UTF-16 or UTF-32, with or
	// without a byte-order mark). A *FileError.
	ErrEncoding = errors.New("not UTF-8")
	// ErrLineEnding: the lines end with a carriage return alone (the old
	// Mac format). A *FileError.
	ErrLineEnding = errors.New("lines end with a carriage return only")
	// ErrText: a text cell holds invalid UTF-8 or a control character. A
	// *ParseError for a data row, a *FileError for the header.
	ErrText = errors.New("invalid text")
	// ErrDuplicateRow: a row repeats another exactly (the row before it,
	// or, in the targets file, an earlier target). The row is skipped
	// (lenient) or ends reading (strict). A *ParseError.
	ErrDuplicateRow = errors.New("duplicate row")
	// ErrDuplicateID: an ID that must be unique (order, refund, ticket,
	// promotion, product SKU, a target's metric and period) is used again
	// by a record that is not the same. A *ParseError.
	ErrDuplicateID = errors.New("duplicate ID")
	// ErrBatchRange: a time that the row readers read (they take the
	// years 1000 to 9999) is outside the years 1678 to 2261, which a
	// batch of [ReadOrderBatches] or [ReadEventBatches] holds in Unix
	// nanoseconds. A *ParseError, rejecting the order or the event; but
	// Source.EventBatches of an events file not in time order, which
	// batches the events after sorting them, names the event's user
	// instead of its line.
	ErrBatchRange = errors.New("time outside the years 1678 to 2261 that a batch holds")
	// ErrUnknownMetric: a target names a metric that metrics.LookupKPI
	// does not know. A *ParseError.
	ErrUnknownMetric = errors.New("unknown metric")
)

// ParseError records a row that could not be read. Line is the 1-based
// line on which the row starts; Column is the 1-based field number, 0 when
// the problem is the row as a whole (an order whose rows disagree, a
// duplicate ID, a row that is not valid CSV, whose byte position is then
// in Err).
type ParseError struct {
	File   string // the file name given in Options, such as "order_lines.csv"
	Line   int
	Column int
	Name   string // the column's header name, when Column > 0
	// Rows is the number of rows of the file that this error rejects: 1
	// for a row rejected on its own (or skipped as a duplicate), n for the
	// error that rejects a record of n rows (an order, a refund), and 0
	// for an error that explains a record's rejection without being it.
	// [Rejected] adds them up.
	Rows int
	Err  error
}

func (e *ParseError) Error() string {
	return locate(e.File, e.Line, e.Column, e.Name, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// FileError records a file that cannot be read as the kind of file it was
// given as: it is empty, its header lacks a required column or repeats
// one, it is not UTF-8, or its lines end with a carriage return alone. It
// is the only error the reader yields, and no record of the file is read,
// so a caller cannot mistake it for a bad row: a FileError is not a
// *[ParseError]. An absent optional file is the caller's business (no
// reader is called).
type FileError struct {
	File   string
	Line   int // 1 for the header
	Column int // the header cell, or 0
	Name   string
	Err    error
}

func (e *FileError) Error() string {
	return locate(e.File, e.Line, e.Column, e.Name, e.Err)
}

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

func locate(file string, line, col int, name string, err error) string {
	switch {
	case col > 0 && name != "":
		return fmt.Sprintf("storedata: %s:%d: column %d (%s): %v", file, line, col, name, err)
	case col > 0:
		return fmt.Sprintf("storedata: %s:%d: column %d: %v", file, line, col, err)
	}
	return fmt.Sprintf("storedata: %s:%d: %v", file, line, err)
}

// Rejected returns the number of rows of a file that errs (the errors of
// one reader) rejected or skipped: the sum of the [ParseError.Rows]. It is
// the figure to report as "rows rejected", as the number of errors is not:
// an order of three rows with one bad row is two errors and three rows.
func Rejected(errs []error) int {
	n := 0
	for _, err := range errs {
		var pe *ParseError
		if errors.As(err, &pe) {
			n += pe.Rows
		}
	}
	return n
}

// cause returns what err wraps, without the prefix of the package that
// returned it, or err itself when it wraps nothing (errors.Unwrap would
// give nil, which printed as "<nil>").
func cause(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}
