package storedata

import (
	"errors"
	"regexp"

	"github.com/shopmetrics/shopmetrics/report"
)

// Tally returns the rows of file that errs (the errors of one reader)
// rejected, for [report.Input]'s Rejected: their number ([Rejected]) and
// their number by reason, so that the review's data-quality note says how
// many rows were rejected and why, by [Reason]; each error counts its
// [ParseError.Rows]. read is the number of
// data rows the reader read, rejected or not, or 0 when unknown. Errors
// that are not *ParseError values reject no row and are not counted.
func Tally(file string, read int64, errs []error) report.Rejected {
	r := report.Rejected{File: file, Read: read}
	for _, err := range errs {
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Rows == 0 {
			continue
		}
		if r.Reasons == nil {
			r.Reasons = make(map[string]int64)
		}
		r.Rows += int64(pe.Rows)
		r.Reasons[Reason(err)] += int64(pe.Rows)
	}
	return r
}

// values matches what a message quotes from a row: quoted text and words
// that hold a digit (IDs, numbers, dates).
var values = regexp.MustCompile(`"[^"]*"|'[^']*'|[^\s,;:()]*[0-9][^\s,;:()]*`)

// valueFree returns msg with the values it quotes replaced by "…", so that
// rows rejected for the same reason count together.
func valueFree(msg string) string { return values.ReplaceAllString(msg, "…") }
