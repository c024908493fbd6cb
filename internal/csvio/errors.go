package csvio

import (
	"errors"
	"fmt"
)

// ErrMissingColumn is wrapped by the error for a file whose header lacks a
// required column.
var ErrMissingColumn = errors.New("missing column")

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
	Err    error
}

func (e *ParseError) Error() string {
	switch {
	case e.Column > 0 && e.Name != "":
		return fmt.Sprintf("csvio: %s:%d: column %d (%s): %v", e.File, e.Line, e.Column, e.Name, e.Err)
	case e.Column > 0:
		return fmt.Sprintf("csvio: %s:%d: column %d: %v", e.File, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("csvio: %s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
