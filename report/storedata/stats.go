package storedata

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
)

// rejection is the error that rejects a record of several rows (an order,
// a refund) after the errors of its bad rows.
type rejection struct {
	what, id   string
	rows, line int
}

func (r *rejection) Error() string {
	return fmt.Sprintf("%s %s rejected: %d row(s) from line %d", r.what, r.id, r.rows, r.line)
}

// MaxErrors is the number of errors of one file that [FileStats] keeps;
// it counts them all.
const MaxErrors = 100

// FileStats counts what [Dir] read from one file, and what it rejected
// and why.
type FileStats struct {
	File     string // such as "order_lines.csv"
	Rows     int64  // data rows read (the header and empty lines not counted)
	Rejected int64  // rows rejected or skipped: the sum of the errors' [ParseError].Rows
	// Reasons counts the rejected rows by [Reason]. The rows of an order
	// (or refund) rejected whole count under the reason of its first bad
	// row.
	Reasons map[string]int64
	Errors  []error // the first MaxErrors errors, each a *ParseError
	More    int64   // the errors beyond those
	last    string  // the reason of the last error, for a record's rejection
	cause   string  // the reason of the first error of the open record
}

// Read returns the number of rows read and not rejected.
func (s *FileStats) Read() int64 { return s.Rows - s.Rejected }

// add counts one error of the file's reader.
func (s *FileStats) add(err error) {
	if len(s.Errors) < MaxErrors {
		s.Errors = append(s.Errors, err)
	} else {
		s.More++
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		return
	}
	why := Reason(err)
	var rej *rejection
	if errors.As(err, &rej) {
		why = s.cause
		if why == "" {
			why = s.last
		}
		s.cause = ""
	} else if pe.Rows == 0 && s.cause == "" {
		s.cause = why // the first error of a record that will be rejected
	}
	s.last = why
	if pe.Rows > 0 {
		s.Rejected += int64(pe.Rows)
		if s.Reasons == nil {
			s.Reasons = map[string]int64{}
		}
		s.Reasons[why] += int64(pe.Rows)
	}
}

// Reason names the kind of problem of a reader's error, to count
// rejected rows by: "duplicate row", "duplicate ID", "invalid text",
// "unknown metric", "malformed row" (not valid CSV, or the wrong number
// of fields), "empty <column>" for a required cell left empty, "bad
// <column>" for a cell that does not parse, and for a problem of the row
// as a whole its message with the values it quotes (IDs, numbers)
// replaced by "…", so that rows rejected for the same reason count
// together ("invoice … is a bad-debt adjustment, not a sale"); "bad row"
// when there is no message.
func Reason(err error) string {
	var pe *ParseError
	var ce *csv.ParseError
	switch {
	case errors.Is(err, ErrDuplicateRow):
		return "duplicate row"
	case errors.Is(err, ErrDuplicateID):
		return "duplicate ID"
	case errors.Is(err, ErrText):
		return "invalid text"
	case errors.Is(err, ErrUnknownMetric):
		return "unknown metric"
	case errors.As(err, &ce), errors.Is(err, csv.ErrQuote), errors.Is(err, csv.ErrBareQuote):
		return "malformed row"
	case !errors.As(err, &pe):
		return "bad row"
	case pe.Column > 0 && pe.Err != nil && strings.HasPrefix(pe.Err.Error(), "empty"):
		return "empty " + pe.Name
	case pe.Column > 0:
		return "bad " + pe.Name
	case pe.Err != nil && strings.Contains(pe.Err.Error(), "fields, the header has"):
		return "malformed row"
	case pe.Err != nil:
		if msg := valueFree(cause(pe.Err).Error()); msg != "" {
			return msg
		}
	}
	return "bad row"
}
