package loyalty

import (
	"errors"
	"strconv"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// ErrCorrupt is the category of the errors of [Tracker.UnmarshalBinary]
// for data that [Tracker.MarshalBinary] did not write.
var ErrCorrupt = errors.New("loyalty: corrupt binary data")

// RecordError is one problem of one member or points entry. It wraps
// metrics.ErrInvalid.
type RecordError struct {
	Record     string // "member" or "entry"
	Index      int    // the record's index in its slice or input order, from 0; -1 when unknown
	CustomerID string
	Field      string // the offending field, such as "Points"
	Problem    string // what is wrong, such as "redeems 500 points, balance 120"
}

// Error returns "loyalty: entry 3 of customer "c1": Points: problem".
func (e *RecordError) Error() string {
	s := "loyalty: " + e.Record
	if e.Index >= 0 {
		s += " " + strconv.Itoa(e.Index)
	}
	s += " of customer " + strconv.Quote(e.CustomerID) + ": "
	if e.Field != "" {
		s += e.Field + ": "
	}
	return s + e.Problem
}

// Unwrap returns metrics.ErrInvalid.
func (e *RecordError) Unwrap() error { return metrics.ErrInvalid }
