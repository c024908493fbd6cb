package storedata

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// table reads the rows of one CSV file with a header, by column name.
type table struct {
	cr       *records
	opts     Options
	enc      encoding       // of the file; cells are UTF-8 after decoding
	names    []string       // the header
	check    []int          // the columns whose text checkText checks
	prev     []byte         // the row before the current one, for dup: its line (prevLine) or its cells back to back (prevCells)
	prevEnds []int          // with prevCells, the end of each cell in prev
	prevKind int            // prevNone, prevLine or prevCells
	keeper   strcache       // for text cells
	idx      map[string]int // header name → index
	rec      []string       // the current row
	line     int            // its line number
	prevLine int            // the line of prev
	done     bool           // the source failed: every later next is io.EOF
	cur      struct {       // the last currency parsed, to skip the table lookup
		code   string
		c      money.Currency
		digits int // of its minor unit
		zero   money.Money
	}
	days dayCache // of the times parsed
	zone struct { // the zone of the last UTC offset parsed
		off int
		loc *time.Location
		// The text and offset of the last +07:00 that fastTime read
		// (parseTime read it: text is valid, or all zeros).
		text    [6]byte
		textOff int
	}
	amounts *amountMemo // of fastMoney
	size    int64       // of the input, when known before reading it (see sizeHint), else 0
}

// inputBuffer returns the size of a buffer of up to max bytes for an
// input of size bytes (0 if not known): max, or less for an input that
// it holds whole with a byte to spare, so that reading a small input
// (a fuzzer's, a test's, a small file) does not make and clear buffers
// of hundreds of kilobytes. A buffer that holds the whole input reads it
// as a larger one does.
func inputBuffer(size, max int64) int64 {
	if size <= 0 || size >= max {
		return max
	}
	return size + 64
}

// memoBits returns the log2 of the slots of a memo of up to 1<<limit
// slots for an input of size bytes (0 if not known): limit, or fewer for an
// input of fewer than 64 bytes a slot, down to 16 slots. It only spares
// a small input tables it cannot fill.
func memoBits(size int64, limit int) int {
	if size <= 0 {
		return limit
	}
	return min(max(bits.Len64(uint64(size/64)), 4), limit)
}

// What table.prev holds.
const (
	prevNone  = iota // nothing: the row before was bad, or there was none
	prevLine         // the line of a row without quotes
	prevCells        // the cells of a row with quotes, back to back
)

// open reads the header and checks that the required columns are there.
// known lists the columns whose cells [table.checkText] checks: the text
// columns the reader uses, and any other whose parse error might not
// quote the value; nil means every column. Every problem is a *FileError.
func open(r io.Reader, opts Options, kind string, required, known []string) (*table, error) {
	size := sizeHint(r)
	br := bufio.NewReaderSize(r, int(inputBuffer(size, 64<<10)))
	t := &table{opts: opts, idx: map[string]int{}, size: size}
	t.keeper.size = size
	line := 1 // the header's line, after any empty lines
	fileErr := func(col int, name string, err error) error {
		return &FileError{File: opts.file(), Line: line, Column: col, Name: name, Err: err}
	}
	enc, err := sniff(br)
	if err != nil {
		return nil, fileErr(0, "", err)
	}
	cr := newRecordsSize(br, int(inputBuffer(size, recordsBuffer)))
	if enc == encGB18030 {
		// UTF-8 takes up to twice the bytes of GB18030.
		cr = newRecordsSize(transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), int(inputBuffer(2*size, recordsBuffer)))
	}
	// The readers of the large files keep the cells they yield with
	// [table.keep]; the others take a string per row.
	cr.views = kind == kindOrderLines || kind == kindEvents
	t.cr, t.enc = cr, enc
	var rename map[string]string
	if opts.Mapping != nil {
		rename = opts.Mapping.Columns[kind]
	}
	head, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			err = ErrNoHeader
		}
		return nil, &FileError{File: opts.file(), Line: max(cr.Line(), 1), Err: err}
	}
	line = cr.Line()
	for i, h := range head {
		h = strings.Clone(h) // the header outlives the line (see records.views)
		if err := validText(h); err != nil {
			return nil, fileErr(i+1, "", err)
		}
		if enc == encGB18030 && strings.Contains(h, "\ufffd") {
			return nil, fileErr(i+1, "", fmt.Errorf("%w: %q has a byte sequence that is not GB18030 either; save the file as UTF-8", ErrText, h))
		}
		h = unguard(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) // a BOM inside quotes; the writers' formula guard
		if to, ok := rename[h]; ok {
			h = to
		}
		if known == nil && (h == "" || strings.ContainsAny(h, "\t\r\n")) {
			// Every column is read (as an event property), so every
			// column needs a name that a writer can write back.
			return nil, fileErr(i+1, "", fmt.Errorf("column name %q is empty or has a tab or a line break", h))
		}
		t.names = append(t.names, h)
		if _, dup := t.idx[h]; dup {
			return nil, fileErr(i+1, h, ErrDuplicateColumn)
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
		return nil, fileErr(0, "", fmt.Errorf("%w: %s", ErrMissingColumn, strings.Join(missing, ", ")))
	}
	if known == nil {
		for i := range t.names {
			t.check = append(t.check, i)
		}
	} else {
		for _, c := range known {
			if i, ok := t.idx[c]; ok {
				t.check = append(t.check, i)
			}
		}
	}
	return t, nil
}

// sniff looks at the start of the input for what would otherwise come out
// as a misleading header error: a UTF-16 or UTF-32 file (by its
// byte-order mark, or by NUL bytes in at least a quarter of the first
// bytes) and lines that end with a carriage return alone. It skips a
// UTF-8 byte-order mark, and tells a GB18030 (GBK) file by its first
// 64 KB (see [detectGB18030]).
func sniff(br *bufio.Reader) (encoding, error) {
	enc, err := sniffHead(br)
	if err != nil {
		return enc, err
	}
	head, err := br.Peek(sniffSize)
	// The sample is cut short of the file when it fills sniffSize, or
	// the whole of br's buffer (a source whose Len was less than it
	// held, as a file that grew after its Stat: the buffer is sized by
	// Len): a sample cut inside a character must be trimmed to its last
	// line, not read as a character of another encoding. The 3 bytes
	// are those of a byte-order mark sniffHead may have discarded.
	full := len(head) == sniffSize || errors.Is(err, bufio.ErrBufferFull) && len(head) >= br.Size()-3
	return detectGB18030(head, full), nil
}

func sniffHead(br *bufio.Reader) (encoding, error) {
	head, _ := br.Peek(4096) // an error here is the source's, and comes again with the first read
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		br.Discard(3)
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xff, 0xfe, 0, 0}):
		return encUTF8, fmt.Errorf("%w: the file is UTF-32 LE (it starts with the byte-order mark FF FE 00 00); save it as UTF-8", ErrEncoding)
	case bytes.HasPrefix(head, []byte{0, 0, 0xfe, 0xff}):
		return encUTF8, fmt.Errorf("%w: the file is UTF-32 BE (it starts with the byte-order mark 00 00 FE FF); save it as UTF-8", ErrEncoding)
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		return encUTF8, fmt.Errorf("%w: the file is UTF-16 LE (it starts with the byte-order mark FF FE); save it as UTF-8", ErrEncoding)
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return encUTF8, fmt.Errorf("%w: the file is UTF-16 BE (it starts with the byte-order mark FE FF); save it as UTF-8", ErrEncoding)
	}
	if n := bytes.Count(head, []byte{0}); n > 0 && 4*n >= len(head) {
		odd := 0
		for i := 1; i < len(head); i += 2 {
			if head[i] == 0 {
				odd++
			}
		}
		order := "BE"
		if 2*odd > n {
			order = "LE"
		}
		return encUTF8, fmt.Errorf("%w: %d of the first %d bytes are NUL: the file looks like UTF-16 %s without a byte-order mark; save it as UTF-8", ErrEncoding, n, len(head), order)
	}
	line := head
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if i := bytes.IndexByte(line, '\r'); i >= 0 && i+1 < len(line) {
		return encUTF8, fmt.Errorf("%w (the old Mac format): the first line has a carriage return at byte %d that no newline follows; save the file with LF or CRLF line endings", ErrLineEnding, i+1)
	}
	return encUTF8, nil
}

// validText returns an ErrText error if s is not valid UTF-8 or holds a
// control character other than tab, newline and carriage return: NUL,
// ESC and the other C0 controls, DEL and the C1 controls (U+0080–U+009F,
// which terminals also obey).
func validText(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			if c >= 0x80 && validUTF8Text(s[i:]) {
				return nil
			}
			return validTextSlow(s, i)
		}
	}
	return nil
}

// validUTF8Text reports whether s is valid UTF-8 without a control
// character other than tab, newline and carriage return, without
// decoding it rune by rune: the C1 controls U+0080–U+009F are the bytes
// C2 80 to C2 9F.
func validUTF8Text(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
			return false
		case c == 0xc2 && i+1 < len(s) && s[i+1] <= 0x9f:
			return false
		}
	}
	return true
}

func validTextSlow(s string, from int) error {
	for i := from; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return fmt.Errorf("%w: invalid UTF-8 (byte 0x%02X at byte %d of %q); the file must be UTF-8", ErrText, s[i], i+1, s)
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return fmt.Errorf("%w: control character U+%04X at byte %d of %q", ErrText, r, i+1, s)
		}
		i += n
	}
	return nil
}

// checkText checks the cells of the current row that the reader uses with
// [validText].
func (t *table) checkText() error {
	if t.enc == encUTF8 && t.cr.plainText() {
		return nil // every cell is valid text
	}
	for _, i := range t.check {
		if err := validText(t.rec[i]); err != nil {
			return t.fail(i, err)
		}
		if t.enc == encGB18030 && strings.Contains(t.rec[i], "\ufffd") {
			return t.fail(i, fmt.Errorf("%w: %q has a byte sequence that is not GB18030 either (the file was read as GB18030 by its start); save the file as UTF-8", ErrText, t.rec[i]))
		}
	}
	return nil
}

// next reads the next row. It returns io.EOF at the end, and a *ParseError
// for a row that is not valid CSV or has the wrong number of fields. An
// error of the source itself (not a CSV syntax error) is returned once and
// ends the file: reading on would only repeat it.
func (t *table) next() error {
	if t.done {
		return io.EOF
	}
	line, err := t.cr.nextLine()
	if err == io.EOF {
		return err
	}
	return t.take(line, err)
}

// take completes next for a line that records.nextLine returned with
// errRead.
func (t *table) take(line []byte, errRead error) error {
	rec, err := t.cr.record(line, errRead)
	if o := t.opts.obs; o != nil {
		o.rows++
	}
	t.rec = rec
	if err != nil || len(rec) != len(t.names) {
		t.prevKind = prevNone // a bad row breaks a run of repeats
	}
	if err != nil {
		t.rec = nil
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			t.line = pe.StartLine
			// pe.Column is a byte position, not a field number: it goes
			// into the message, and Column stays 0.
			return &ParseError{File: t.opts.file(), Line: pe.StartLine, Rows: 1, Err: fmt.Errorf("line %d, byte %d: %w", pe.Line, pe.Column, pe.Err)}
		}
		t.done = true
		return &ParseError{File: t.opts.file(), Line: t.line + 1, Err: err}
	}
	t.line = t.cr.Line()
	if o := t.opts.obs; o != nil {
		o.line = t.line
	}
	if len(rec) != len(t.names) {
		hint := ""
		if slices.ContainsFunc(rec, func(f string) bool { return strings.Contains(f, "\r") }) {
			hint = " (the row has a carriage return that no newline follows: are some lines ended by a carriage return alone?)"
		}
		return &ParseError{File: t.opts.file(), Line: t.line, Rows: 1, Err: fmt.Errorf("%d fields, the header has %d%s", len(rec), len(t.names), hint)}
	}
	return nil
}

// recID returns the raw cell col of a row that next rejected for its
// number of fields, when the row has that cell: the ID of the record it
// belongs to. It returns false for a row it could not split into fields.
func (t *table) recID(col int) (string, bool) {
	if t.rec == nil || col < 0 || col >= len(t.rec) || t.rec[col] == "" {
		return "", false
	}
	return t.keep(t.rec[col]), true
}

// dup reports whether the current row repeats the row before it exactly,
// and remembers the current row for the next call. Two lines without
// quotes are the same row when they are the same bytes; otherwise the
// rows are compared cell by cell.
func (t *table) dup() bool {
	var same bool
	switch {
	case t.prevKind == prevLine && t.cr.plain:
		same = bytes.Equal(t.prev, t.cr.line)
	case t.prevKind != prevNone:
		same = true
		cells := t.prev // with prevLine, split on the fly
		// From the last cell: the rows of one order share their first cells.
		for i := len(t.rec) - 1; same && i >= 0; i-- {
			var was []byte
			if t.prevKind == prevCells {
				start := 0
				if i > 0 {
					start = t.prevEnds[i-1]
				}
				was = t.prev[start:t.prevEnds[i]]
			} else {
				j := bytes.LastIndexByte(cells, ',')
				was, cells = cells[j+1:], cells[:max(j, 0)]
			}
			same = string(was) == t.rec[i]
		}
	}
	t.prev = t.prev[:0]
	if t.cr.plain {
		t.prev, t.prevKind = append(t.prev, t.cr.line...), prevLine
		return same
	}
	t.prevEnds = t.prevEnds[:0]
	for _, c := range t.rec {
		t.prev = append(t.prev, c...)
		t.prevEnds = append(t.prevEnds, len(t.prev))
	}
	t.prevKind = prevCells
	return same
}

// dupErr returns the error for a row that repeats the row before it.
func (t *table) dupErr() error {
	return &ParseError{File: t.opts.file(), Line: t.line, Rows: 1, Err: fmt.Errorf("%w: the row repeats line %d exactly, and is skipped", ErrDuplicateRow, t.prevLine)}
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

// row marks err, if it is a *ParseError without a count, as rejecting
// one row (an error of the source rejects none).
func (t *table) row(err error) error {
	var pe *ParseError
	if errors.As(err, &pe) && pe.Rows == 0 && !t.done {
		pe.Rows = 1
	}
	return err
}

// rowErr returns a *ParseError for the current row as a whole.
func (t *table) rowErr(err error) error {
	return &ParseError{File: t.opts.file(), Line: t.line, Err: err}
}

// text returns a text cell, undoing the spreadsheet-formula guard that the
// writers add (see [guard]).
func (t *table) text(name int) string { return t.keep(unguard(t.raw(name))) }

// keep returns a string equal to s that stays valid after the next row
// (see [strcache]).
func (t *table) keep(s string) string { return t.keeper.keep(s) }

// keepNew is keep for a cell that does not repeat, such as an ID that
// must be unique: it copies s without looking for an earlier copy.
func (t *table) keepNew(s string) string {
	if s == "" {
		return ""
	}
	return t.keeper.copy(s)
}

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
		_, err = money.ParseCurrency(strings.Clone(code)) // an error that keeps no view of the row
		return c, t.fail(name, err)
	}
	t.cur.code, t.cur.c, t.cur.digits, t.cur.zero = t.keep(code), c, c.Digits(), c.Zero()
	return c, nil
}

// money parses an amount of c; an empty cell is zero when optional.
func (t *table) money(name int, c money.Currency, optional bool) (money.Money, error) {
	s := t.raw(name)
	fast := c == t.cur.c && !c.IsZero()
	if s == "" && optional {
		if fast {
			return t.cur.zero, nil
		}
		return c.Zero(), nil
	}
	if fast {
		if v, ok := minorUnits(s, t.cur.digits); ok {
			return c.FromMinor(v), nil
		}
	}
	if !PlainAmount(s) {
		return money.Money{}, t.fail(name, fmt.Errorf("%q is not an amount: want digits, with a point and more digits for a fraction and a minus sign for a negative amount, such as 59.90 or -5", s))
	}
	m, err := c.Parse(s)
	if err != nil {
		_, err = c.Parse(strings.Clone(s)) // an error that keeps no view of the row
		return m, t.fail(name, err)
	}
	return m, nil
}

// PlainAmount reports whether s has the documented form of an amount: an
// optional minus sign, digits, and optionally a point followed by digits
// ("59.90", "-5", "12"; not ".5", "39.", "+5", "1e3", "NaN" or "12,30").
// Other sources of the same data (report/storedata/postgres) check their
// amounts with it too.
func PlainAmount(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	return digitsOnly(whole) && (!dot || digitsOnly(frac))
}

func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (t *table) int(name int) (int64, error) {
	s := t.raw(name)
	if v, ok := smallInt(s); ok {
		return v, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		switch {
		case s == "":
			err = errors.New("empty: want an integer")
		case errors.Is(err, strconv.ErrRange):
			err = fmt.Errorf("%q is out of range: integers go from %d to %d", s, int64(math.MinInt64), int64(math.MaxInt64))
		default:
			err = fmt.Errorf("%q is not an integer", s)
		}
		return 0, t.fail(name, err)
	}
	return v, nil
}

func (t *table) float(name int, optional bool) (float64, error) {
	s := t.raw(name)
	if s == "" && optional {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, t.fail(name, fmt.Errorf("%q is not a finite number such as 0.032", s))
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
	return false, t.fail(name, fmt.Errorf("%q: want true or false", t.raw(name)))
}

// timestamp parses an RFC 3339 time with an offset and converts it to the
// store's zone; an empty cell is the zero time when optional.
func (t *table) timestamp(name int, optional bool) (time.Time, error) {
	s := t.raw(name)
	if s == "" && optional {
		return time.Time{}, nil
	}
	var v time.Time
	if sec, nsec, off, ok := t.days.parseTime(s); ok {
		v = time.Unix(sec, nsec)
		if o := t.opts.obs; o != nil {
			o.offset(t, v.In(t.fixedZone(off)))
		}
		// The year in the store's zone is the year written or one next
		// to it (offsets are less than a day): one in 1001–9998 needs no
		// check.
		if y, _ := digits4(s[:4]); y > 1000 && y < 9999 {
			return v.In(t.opts.loc()), nil
		}
	} else {
		var err error
		if v, err = time.Parse(time.RFC3339Nano, s); err != nil {
			return v, t.fail(name, fmt.Errorf("%q is not an RFC 3339 time with offset, such as 2025-11-11T20:00:00+08:00", s))
		}
		if o := t.opts.obs; o != nil {
			o.offset(t, v)
		}
	}
	v = v.In(t.opts.loc())
	if y := v.Year(); y < 1000 || y > 9999 {
		return v, t.fail(name, fmt.Errorf("year %d is out of range", y))
	}
	return v, nil
}

// fixedZone returns a zone of the UTC offset off, in seconds east.
func (t *table) fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	if t.zone.loc == nil || t.zone.off != off {
		t.zone.off, t.zone.loc = off, time.FixedZone("", off)
	}
	return t.zone.loc
}

// day parses a calendar day 2006-01-02 as the start of that day in the
// store's zone (its midnight, or the instant the clocks jump to where a
// daylight-saving change skips midnight).
func (t *table) day(name int) (time.Time, error) {
	v, err := time.Parse(time.DateOnly, t.raw(name))
	if err != nil {
		return v, t.fail(name, fmt.Errorf("%q is not a day such as 2025-11-03", t.raw(name)))
	}
	return metrics.DayOf(v.Year(), v.Month(), v.Day(), t.opts.loc()).Start, nil
}

// rows runs read for each row and yields its results, applying the strict
// or lenient policy to errors. read returns ok=false to yield nothing for
// a good row. known lists the columns read uses (nil: all), for
// [table.checkText]. If dups is set, a row that repeats the row before it
// exactly is skipped with an ErrDuplicateRow error. Each error rejects
// one row (Rows 1).
func rows[T any](r io.Reader, opts Options, kind string, required, known []string, dups bool, read func(t *table) (T, bool, error), yield func(T, error) bool) {
	rowsFast(r, opts, kind, required, known, dups, nil, read, yield)
}

// fastRow reads a line (without its newline) on a fast path, or says
// that the exact path must (ok false) before it has changed anything.
// cut and ends are the line's cut, or nil (see [records.nextCut]).
type fastRow[T any] func(l []byte, cut *lineCut, ends []int32) (v T, ok bool)

// rowsFast is rows with a fast path: when fast is not nil and not
// opts.exact, fast(t) returns the fast path's reader of the open table,
// or nil for a file it cannot read, and that reader returns the value of
// a row from its line (without its newline), having recorded the row as
// read (see [table.enter]), or ok=false, having changed nothing, for a
// row that read (the exact path) must read. Only a reader without dups
// has one: it keeps no row before.
func rowsFast[T any](r io.Reader, opts Options, kind string, required, known []string, dups bool, fast func(t *table) fastRow[T], read func(t *table) (T, bool, error), yield func(T, error) bool) {
	var zero T
	t, err := open(r, opts, kind, required, known)
	if err != nil {
		yield(zero, err)
		return
	}
	var row fastRow[T]
	if fast != nil && !opts.exact {
		row = fast(t)
	}
	for {
		var err error
		if row != nil && !t.done {
			line, cut, ends, errRead := t.cr.nextCut()
			if errRead == io.EOF {
				break
			}
			if errRead == nil {
				if v, ok := row(line[:len(line)-lenNL(line)], cut, ends); ok {
					if !yield(v, nil) {
						return
					}
					continue
				}
			}
			err = t.take(line, errRead)
		} else if err = t.next(); err == io.EOF {
			break
		}
		var v T
		ok := false
		if err == nil {
			switch {
			case dups && t.dup():
				err = t.dupErr()
			default:
				t.prevLine = t.line
				if err = t.checkText(); err == nil {
					v, ok, err = read(t)
				}
			}
		}
		if err != nil {
			if !yield(zero, t.row(err)) || opts.Strict {
				return
			}
			continue
		}
		if ok && !yield(v, nil) {
			return
		}
	}
}

// ids remembers the IDs a file has used, and the line of each, for files
// whose IDs must be unique.
type ids map[string]int

// add records id on the current line, or returns an ErrDuplicateID error
// naming the line that used it first.
func (m ids) add(t *table, what, id string) error {
	if l, dup := m[id]; dup {
		return t.rowErr(fmt.Errorf("%w: %s %s was used on line %d", ErrDuplicateID, what, id, l))
	}
	m[id] = t.line
	return nil
}
