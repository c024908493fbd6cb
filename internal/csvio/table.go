package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// table reads the rows of one CSV file with a header, by column name.
type table struct {
	cr    *records
	opts  Options
	names []string       // the header
	idx   map[string]int // header name → index
	rec   []string       // the current row
	line  int            // its line number
	done  bool           // the source failed: every later next is io.EOF
	cur   struct {       // the last currency parsed, to skip the table lookup
		code string
		c    money.Currency
	}
}

// open reads the header and checks that the required columns are there.
func open(r io.Reader, opts Options, required []string) (*table, error) {
	cr := newRecords(r)
	t := &table{cr: cr, opts: opts, idx: map[string]int{}}
	head, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			err = errors.New("empty file: no header")
		}
		return nil, &ParseError{File: opts.file(), Line: 1, Err: err}
	}
	for i, h := range head {
		h = unguard(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) // a BOM from spreadsheet exports; the writers' formula guard
		t.names = append(t.names, h)
		if _, dup := t.idx[h]; dup {
			return nil, &ParseError{File: opts.file(), Line: 1, Column: i + 1, Name: h, Err: errors.New("duplicate column")}
		}
		t.idx[h] = i
	}
	var missing []string
	for _, c := range required {
		if _, ok := t.idx[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, &ParseError{File: opts.file(), Line: 1, Err: fmt.Errorf("%w: %s", ErrMissingColumn, strings.Join(missing, ", "))}
	}
	return t, nil
}

// next reads the next row. It returns io.EOF at the end, and a *ParseError
// for a row that is not valid CSV or has the wrong number of fields. An
// error of the source itself (not a CSV syntax error) is returned once and
// ends the file: reading on would only repeat it.
func (t *table) next() error {
	if t.done {
		return io.EOF
	}
	rec, err := t.cr.Read()
	if err == io.EOF {
		return err
	}
	t.rec = rec
	if err != nil {
		t.rec = nil
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			t.line = pe.StartLine
			// pe.Column is a byte position, not a field number: it goes
			// into the message, and Column stays 0.
			return &ParseError{File: t.opts.file(), Line: pe.StartLine, Err: fmt.Errorf("line %d, byte %d: %w", pe.Line, pe.Column, pe.Err)}
		}
		t.done = true
		return &ParseError{File: t.opts.file(), Line: t.line + 1, Err: err}
	}
	t.line = t.cr.Line()
	if len(rec) != len(t.names) {
		return &ParseError{File: t.opts.file(), Line: t.line, Err: fmt.Errorf("%d fields, the header has %d", len(rec), len(t.names))}
	}
	return nil
}

// c returns the index of the column name, or -1 if the file lacks it.
// Readers on a hot path resolve their columns once; the others call c for
// each cell.
func (t *table) c(name string) int {
	i, ok := t.idx[name]
	if !ok {
		return -1
	}
	return i
}

// raw returns the cell of column i, or "" if the file lacks the column.
func (t *table) raw(i int) string {
	if i < 0 {
		return ""
	}
	return t.rec[i]
}

// fail returns a *ParseError for column i of the current row.
func (t *table) fail(i int, err error) error {
	if i < 0 {
		return &ParseError{File: t.opts.file(), Line: t.line, Err: err}
	}
	return &ParseError{File: t.opts.file(), Line: t.line, Column: i + 1, Name: t.names[i], Err: err}
}

// rowErr returns a *ParseError for the current row as a whole.
func (t *table) rowErr(err error) error {
	return &ParseError{File: t.opts.file(), Line: t.line, Err: err}
}

// text returns a text cell, undoing the spreadsheet-formula guard that the
// writers add (see [guard]).
func (t *table) text(name int) string { return unguard(t.raw(name)) }

// required returns a text cell that must not be empty.
func (t *table) required(name int) (string, error) {
	s := t.text(name)
	if s == "" {
		return "", t.fail(name, errors.New("empty"))
	}
	return s, nil
}

func (t *table) currency(name int) (money.Currency, error) {
	code := t.raw(name)
	if code == t.cur.code && code != "" {
		return t.cur.c, nil
	}
	c, err := money.ParseCurrency(code)
	if err != nil {
		return c, t.fail(name, err)
	}
	t.cur.code, t.cur.c = code, c
	return c, nil
}

// money parses an amount of c; an empty cell is zero when optional.
func (t *table) money(name int, c money.Currency, optional bool) (money.Money, error) {
	s := t.raw(name)
	if s == "" && optional {
		return c.Zero(), nil
	}
	m, err := c.Parse(s)
	if err != nil {
		return m, t.fail(name, err)
	}
	return m, nil
}

func (t *table) int(name int) (int64, error) {
	v, err := strconv.ParseInt(t.raw(name), 10, 64)
	if err != nil {
		return 0, t.fail(name, errors.Unwrap(err))
	}
	return v, nil
}

func (t *table) float(name int, optional bool) (float64, error) {
	s := t.raw(name)
	if s == "" && optional {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, t.fail(name, errors.Unwrap(err))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, t.fail(name, errors.New("want a finite number"))
	}
	return v, nil
}

func (t *table) bool(name int) (bool, error) {
	switch t.raw(name) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, t.fail(name, errors.New("want true or false"))
}

// timestamp parses an RFC 3339 time with an offset and converts it to the
// store's zone; an empty cell is the zero time when optional.
func (t *table) timestamp(name int, optional bool) (time.Time, error) {
	s := t.raw(name)
	if s == "" && optional {
		return time.Time{}, nil
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return v, t.fail(name, fmt.Errorf("want an RFC 3339 time with offset, such as 2025-11-11T20:00:00+08:00"))
	}
	v = v.In(t.opts.loc())
	if y := v.Year(); y < 1000 || y > 9999 {
		return v, t.fail(name, fmt.Errorf("year %d is out of range", y))
	}
	return v, nil
}

// day parses a calendar day 2006-01-02 as the start of that day in the
// store's zone (its midnight, or the instant the clocks jump to where a
// daylight-saving change skips midnight).
func (t *table) day(name int) (time.Time, error) {
	v, err := time.Parse(time.DateOnly, t.raw(name))
	if err != nil {
		return v, t.fail(name, errors.New("want a day such as 2025-11-03"))
	}
	return metrics.DayOf(v.Year(), v.Month(), v.Day(), t.opts.loc()).Start, nil
}

// rows runs read for each row and yields its results, applying the strict
// or lenient policy to errors. read returns ok=false to yield nothing for
// a good row (a row that continues a multi-row record).
func rows[T any](r io.Reader, opts Options, required []string, read func(t *table) (T, bool, error), flush func(t *table) (T, bool, error), yield func(T, error) bool) {
	var zero T
	t, err := open(r, opts, required)
	if err != nil {
		yield(zero, err)
		return
	}
	for {
		err := t.next()
		if err == io.EOF {
			break
		}
		var v T
		ok := false
		if err == nil {
			v, ok, err = read(t)
		}
		if err != nil {
			if !yield(zero, err) || opts.Strict {
				return
			}
			continue
		}
		if ok && !yield(v, nil) {
			return
		}
	}
	if flush != nil {
		if v, ok, err := flush(t); err != nil {
			yield(zero, err)
		} else if ok {
			yield(v, nil)
		}
	}
}
