package csvio

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// writer writes a header and rows, keeping the first error.
type writer struct {
	cw  *csv.Writer
	err error
}

func newWriter(w io.Writer, header []string) *writer {
	cw := csv.NewWriter(w)
	wr := &writer{cw: cw}
	h := make([]string, len(header))
	for i, c := range header {
		h[i] = guard(c) // event property keys come from data
	}
	wr.row(h)
	return wr
}

func (w *writer) row(rec []string) {
	if w.err == nil {
		w.err = w.cw.Write(rec)
	}
}

func (w *writer) close() error {
	w.cw.Flush()
	if w.err != nil {
		return w.err
	}
	return w.cw.Error()
}

// guard protects a text cell from spreadsheet formula injection: a cell
// that starts with =, +, -, @, a tab or a carriage return is written with
// a leading apostrophe, which spreadsheets show as text. A cell that
// already starts with apostrophes before such a character gets one more,
// so that [unguard] gives back exactly the original text.
func guard(s string) string {
	if needsGuard(s) {
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
func inCurrency(c money.Currency, what string, ms ...money.Money) error {
	if c.IsZero() {
		return fmt.Errorf("csvio: %s has no currency", what)
	}
	for _, m := range ms {
		if m.Currency() != c && !(m.Currency().IsZero() && m.IsZero()) {
			return fmt.Errorf("csvio: %s: amount %s is not in %s", what, m, c)
		}
	}
	return nil
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func day(t time.Time) string { return t.Format(time.DateOnly) }
