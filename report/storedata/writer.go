package storedata

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// writer writes a header and rows, keeping the first error. Its helpers
// check each value against what the readers accept, so that a writer
// returns an error rather than write a file its reader rejects or reads
// back differently.
type writer struct {
	cw   *csv.Writer
	err  error
	prev []string // the last row written
	dups bool     // rows may repeat (events)
	kind string   // the record being written, for errors: "order"
	id   string   // its ID
}

// at names the record being written, for errors.
func (w *writer) at(kind, id string) { w.kind, w.id = kind, id }

// what names the record being written: "order o1".
func (w *writer) what() string { return fmt.Sprintf("%s %q", w.kind, w.id) }

func newWriter(w io.Writer, header []string) *writer {
	cw := csv.NewWriter(w)
	wr := &writer{cw: cw}
	h := make([]string, len(header))
	for i, c := range header {
		h[i] = guard(c) // event property keys come from data
	}
	if wr.err == nil {
		wr.err = cw.Write(h)
	}
	return wr
}

// failf records an error, unless there is one already.
func (w *writer) failf(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("storedata: "+format, args...)
	}
}

// row writes a record. A record that repeats the one before it exactly is
// an error: the readers skip such a row as a duplicate.
func (w *writer) row(rec []string) {
	if w.err != nil {
		return
	}
	if !w.dups && slices.Equal(rec, w.prev) {
		w.failf("%s: the row repeats the row before it exactly, which readers skip as a duplicate (merge the two)", w.what())
		return
	}
	w.prev = append(w.prev[:0], rec...)
	w.err = w.cw.Write(rec)
}

func (w *writer) close() error {
	w.cw.Flush()
	if w.err != nil {
		return w.err
	}
	return w.cw.Error()
}

// text returns the cell for a text value, guarded against formulas; text
// that readers reject (invalid UTF-8, control characters) is an error.
func (w *writer) text(field, s string) string {
	if err := validText(s); err != nil {
		w.failf("%s: %s: %v", w.what(), field, err)
	}
	return guard(s)
}

// required is text that must not be empty.
func (w *writer) required(field, s string) string {
	if s == "" {
		w.failf("%s: %s is empty", w.what(), field)
	}
	return w.text(field, s)
}

// time returns the cell for a time: RFC 3339 with nanoseconds, in the
// time's own offset (in UTC if the offset has seconds, which RFC 3339
// cannot write). The zero time is an empty cell if optional, else an
// error; a year outside 1000–9999 (in its zone or in UTC) is an error.
func (w *writer) time(field string, t time.Time, optional bool) string {
	if t.IsZero() {
		if !optional {
			w.failf("%s: %s: no time", w.what(), field)
		}
		return ""
	}
	if y, u := t.Year(), t.UTC().Year(); y < 1000 || y > 9999 || u < 1000 || u > 9999 {
		w.failf("%s: %s: year %d is out of range (1000 to 9999)", w.what(), field, y)
		return ""
	}
	if _, off := t.Zone(); off%60 != 0 {
		t = t.UTC()
	}
	return t.Format(time.RFC3339Nano)
}

// day returns the cell for a calendar day: the date of t in t's zone (a
// time of day is dropped). A year outside 0–9999 is an error.
func (w *writer) day(t time.Time) string {
	if y := t.Year(); y < 0 || y > 9999 {
		w.failf("%s: day: year %d is out of range (0 to 9999)", w.what(), y)
		return ""
	}
	return t.Format(time.DateOnly)
}

// currency returns the code of c; the zero Currency is an error, as every
// reader that has a currency column requires it.
func (w *writer) currency(c money.Currency) string {
	if c.IsZero() {
		w.failf("%s has no currency", w.what())
	}
	return c.Code()
}

// guard protects a text cell from spreadsheet formula injection: a cell
// that starts with =, +, -, @, a tab or a carriage return is written with
// a leading apostrophe, which spreadsheets show as text. A cell that
// already starts with apostrophes before such a character gets one more,
// so that [unguard] gives back exactly the original text. A carriage
// return before a newline is not guarded: a reader takes the pair as a
// newline (see the package documentation), which starts no formula, and
// [unguard] would leave the apostrophe before it.
func guard(s string) string {
	if needsGuard(s) && !strings.HasPrefix(strings.TrimLeft(s, "'"), "\r\n") {
		return "'" + s
	}
	return s
}

// unguard undoes [guard].
func unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsGuard(s[1:]) {
		return s[1:]
	}
	return s
}

func needsGuard(s string) bool {
	s = strings.TrimLeft(s, "'")
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

func amount(m money.Money) string { return m.Amount() }

// inCurrency checks that each amount is in c, or is the zero Money (zero in
// any currency): a file row has one currency column, and an amount of
// another currency would be read back in the row's.
func inCurrency(c money.Currency, what func() string, ms ...money.Money) error {
	if c.IsZero() {
		return fmt.Errorf("storedata: %s has no currency", what())
	}
	for _, m := range ms {
		if m.Currency() != c && !(m.Currency().IsZero() && m.IsZero()) {
			return fmt.Errorf("storedata: %s: amount %s is not in %s", what(), m, c)
		}
	}
	return nil
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
