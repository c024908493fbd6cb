package storedata

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"io"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// records reads CSV records exactly as an encoding/csv Reader with
// FieldsPerRecord = -1 and ReuseRecord does: RFC 4180 quoting without
// lazy quotes, empty lines skipped, \r\n read as \n, a \r before the end
// of the input dropped, the same *csv.ParseError (ErrBareQuote, ErrQuote)
// with the same lines and columns, and an error of the underlying reader
// returned with the record read before it. TestRecords and FuzzRecords
// compare the two.
//
// It is several times as fast, for a narrower job: a line without a
// double quote, the common line, is split on its commas eight bytes at a
// time, in the same pass that tells whether the line is all printable
// ASCII (see [records.plainText]), with one string allocation (none with
// views), and only a line with a quote goes through the field-by-field
// parse. (A reader whose errors depend on the sizes of the
// reads, such as a timeout, may fail at another line than under
// encoding/csv, whose buffer is smaller.)
type records struct {
	rd  io.Reader
	in  []byte // in[at:end] is read and not yet taken
	at  int
	end int
	err error // of rd, returned once in[at:end] is taken
	// cut has the lines ahead in in cut into cells, for a fast path
	// (see [records.nextCut]).
	cut cutAhead

	lines int // lines read
	start int // the line of the last record
	rec   []string
	buf   []byte // the fields of a record with quotes, unquoted, back to back
	ends  []int  // the end of each field in buf
	long  []byte // a line longer than the buffer (in)
	// line is the last record's line without its newline when it has no
	// quote (plain), valid until the next Read; ctl and high have the
	// high bit of each of its bytes below 0x20 or equal to 0x7f (ctl) and
	// above 0x7f (high) set at its position in a word (see split).
	line      []byte
	plain     bool
	ctl, high uint64
	// hiFrom and hiTo bound the words of line that have a byte above
	// 0x7f: line[hiFrom:hiTo] holds every such byte, and only ASCII
	// bytes are outside it.
	hiFrom, hiTo int
	// views makes the fields point into the reader's buffers instead of
	// a new string per record: they are valid until the next Read, and
	// a caller keeps what it needs with a [strcache].
	views bool
	// keep, when set, is called before the bytes of the buffer move (see
	// fill): a fast path that holds views of lines it has taken, which
	// stay where they are until then, copies them there.
	keep func()
}

// recordsBuffer is the size of a records' buffer: the longest line it
// reads without a copy.
const recordsBuffer = 256 << 10

func newRecords(r io.Reader) *records { return newRecordsSize(r, recordsBuffer) }

// newRecordsSize returns records with a buffer of size bytes.
func newRecordsSize(r io.Reader, size int) *records {
	return &records{rd: r, in: make([]byte, size)}
}

// readSlice reads up to and including the first \n as
// bufio.Reader.ReadSlice does, with errBufferFull for a buffer full
// without a \n.
func (r *records) readSlice() (line []byte, err error) {
	s := 0 // where to look for the \n: not in what was looked at before
	for {
		if i := bytes.IndexByte(r.in[r.at+s:r.end], '\n'); i >= 0 {
			i += s
			line = r.in[r.at : r.at+i+1]
			r.at += i + 1
			return line, nil
		}
		if r.err != nil {
			line = r.in[r.at:r.end]
			r.at = r.end
			err, r.err = r.err, nil
			return line, err
		}
		if r.end-r.at >= len(r.in) {
			line = r.in
			r.at = r.end
			return line, errBufferFull
		}
		s = r.end - r.at
		r.fill()
	}
}

// errBufferFull says that a line goes on past the buffer.
var errBufferFull = errors.New("storedata: buffer full")

// fill moves the unread bytes to the start of the buffer and reads more,
// as bufio.Reader.fill does: up to 100 reads that return nothing, then
// io.ErrNoProgress.
func (r *records) fill() {
	if r.at > 0 {
		if r.keep != nil {
			r.keep()
		}
		copy(r.in, r.in[r.at:r.end])
		r.end -= r.at
		r.at = 0
		r.cut.moved()
	}
	for range 100 {
		n, err := r.rd.Read(r.in[r.end:])
		if n < 0 || n > len(r.in)-r.end {
			r.err = errNegativeRead
			return
		}
		r.end += n
		if err != nil {
			r.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	r.err = io.ErrNoProgress
}

// errNegativeRead is the error of a reader that says it read a negative
// number of bytes, or more than it was given.
var errNegativeRead = errors.New("storedata: the reader returned an impossible count")

// readLine reads one line, with its \n if it has one. As encoding/csv: a
// line cut short by the end of the input comes without an error (and a
// \r at its end is dropped), and \r\n becomes \n. The line is valid until
// the next read.
func (r *records) readLine() ([]byte, error) {
	line, err := r.readSlice()
	if err == errBufferFull {
		r.long = append(r.long[:0], line...)
		for err == errBufferFull {
			line, err = r.readSlice()
			r.long = append(r.long, line...)
		}
		line = r.long
	}
	n := len(line)
	if n > 0 && err == io.EOF {
		err = nil
		if line[n-1] == '\r' {
			line = line[:n-1]
		}
	}
	r.lines++
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, err
}

// lenNL returns 1 if b ends with \n, else 0.
func lenNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// Read returns the next record, valid until the next call, or io.EOF at
// the end. A record that cannot be parsed comes with a *csv.ParseError,
// and with the fields read before the fault; a record read before an
// error of the underlying reader comes with that error. Reading may go on
// after either.
func (r *records) Read() ([]string, error) {
	line, err := r.nextLine()
	if err == io.EOF {
		return nil, err
	}
	return r.record(line, err)
}

// nextLine reads the next line that is not empty, with its \n if it has
// one, and the error that came with it: the first step of Read, which
// [records.record] completes. It returns io.EOF at the end.
func (r *records) nextLine() ([]byte, error) {
	for {
		line, err := r.readLine()
		if err == nil && len(line) == lenNL(line) {
			continue // an empty line
		}
		if err != io.EOF {
			r.start = r.lines
		}
		return line, err
	}
}

// record returns the record that starts with line, which nextLine
// returned with errRead, as Read does.
func (r *records) record(line []byte, err error) ([]string, error) {
	if bytes.IndexByte(line, '"') < 0 {
		r.plain = true
		return r.split(line[:len(line)-lenNL(line)]), err
	}
	r.plain = false
	return r.parse(line, err)
}

// Masks for the bytes of a 64-bit word.
const (
	lsb   = 0x0101010101010101 // the low bit of each byte
	msb   = 0x8080808080808080 // the high bit of each byte
	low7  = ^uint64(msb)       // the low seven bits of each byte
	comma = ',' * lsb
	quote = '"' * lsb
)

// zeros returns the high bit of each byte of x that is zero, and no
// other bit (no carry crosses from byte to byte).
func zeros(x uint64) uint64 { return ^((x&low7 + low7) | x) & msb }

// split returns the fields of a line without quotes, eight bytes at a
// time, and records the kinds of byte it has in r.ctl and r.high.
func (r *records) split(line []byte) []string {
	s := r.str(line)
	r.line = line
	r.rec = r.rec[:0]
	var ctl, high uint64
	r.hiFrom, r.hiTo = len(line), 0
	j, i := 0, 0
	for ; i < len(line); i += 8 {
		var x, valid uint64 = 0, ^uint64(0)
		if n := len(line) - i; n >= 8 {
			x = binary.LittleEndian.Uint64(line[i:])
		} else if cap(line)-i >= 8 {
			// The last bytes: read the word, with what follows the
			// line in the buffer, and keep the line's bytes.
			x = binary.LittleEndian.Uint64(line[i : i+8 : i+8])
			valid = 1<<(8*n) - 1
		} else {
			var w [8]byte
			copy(w[:], line[i:])
			x = binary.LittleEndian.Uint64(w[:])
			valid = 1<<(8*n) - 1
		}
		low := x & low7
		ctl |= (^(low + 0x60*lsb | x) | (low+lsb)&^x) & valid // below 0x20; 0x7f
		if h := x & valid & msb; h != 0 {
			high |= h
			r.hiFrom, r.hiTo = min(r.hiFrom, i), min(i+8, len(line))
		}
		for m := zeros(x^comma) & valid; m != 0; m &= m - 1 {
			k := i + bits.TrailingZeros64(m)>>3
			r.rec = append(r.rec, s[j:k])
			j = k + 1
		}
	}
	r.ctl, r.high = ctl&msb, high&msb
	return append(r.rec, s[j:])
}

// plainText reports whether the last record is a line without quotes
// whose every byte is printable ASCII, or that is valid UTF-8 with no
// control character (C0, DEL or C1): then every field of it passes
// [validText].
func (r *records) plainText() bool {
	switch {
	case !r.plain || r.ctl != 0:
		return false
	case r.high == 0:
		return true
	}
	// Only the words with a byte above 0x7f: a sequence of UTF-8 starts
	// and ends with such a byte, and ASCII is valid around it.
	return utf8Text(r.line[r.hiFrom:r.hiTo])
}

// utf8Text reports whether b, which has no C0 control character or DEL,
// is valid UTF-8 without a C1 control character.
func utf8Text(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	// The C1 controls U+0080 to U+009F are C2 80 to C2 9F.
	for {
		i := bytes.IndexByte(b, 0xc2)
		if i < 0 {
			return true
		}
		if i+1 < len(b) && b[i+1] <= 0x9f {
			return false
		}
		b = b[i+1:]
	}
}

// parse parses a record that starts with line, which has a double quote,
// reading more lines while a quoted field goes on; errRead is the error
// that came with line.
func (r *records) parse(line []byte, errRead error) ([]string, error) {
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	var err error
	col := 1          // the byte position on the current line, from 1
	lineNo := r.lines // the current line, not counting an empty last one
	bad := func(lineNo, col int, e error) error {
		return &csv.ParseError{StartLine: r.start, Line: lineNo, Column: col, Err: e}
	}
fields:
	for {
		if len(line) == 0 || line[0] != '"' {
			// An unquoted field: up to the next comma or the line end,
			// without quotes.
			i := bytes.IndexByte(line, ',')
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lenNL(field)]
			}
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				err = bad(r.lines, col+j, csv.ErrBareQuote)
				break fields
			}
			r.buf = append(r.buf, field...)
			r.ends = append(r.ends, len(r.buf))
			if i < 0 {
				break fields
			}
			line = line[i+1:]
			col += i + 1
			continue
		}
		// A quoted field: up to a quote followed by a comma or the line
		// end; "" is a quote; it may go on over several lines.
		line = line[1:]
		col++
		for {
			if i := bytes.IndexByte(line, '"'); i >= 0 {
				r.buf = append(r.buf, line[:i]...)
				line = line[i+1:]
				col += i + 1
				switch {
				case len(line) > 0 && line[0] == '"':
					r.buf = append(r.buf, '"')
					line = line[1:]
					col++
				case len(line) > 0 && line[0] == ',':
					line = line[1:]
					col++
					r.ends = append(r.ends, len(r.buf))
					continue fields
				case len(line) == lenNL(line):
					r.ends = append(r.ends, len(r.buf))
					break fields
				default:
					err = bad(r.lines, col-1, csv.ErrQuote)
					break fields
				}
				continue
			}
			if len(line) > 0 {
				// The field goes on past the end of this line.
				r.buf = append(r.buf, line...)
				if errRead != nil {
					break fields
				}
				col += len(line)
				line, errRead = r.readLine()
				if len(line) > 0 {
					lineNo++
					col = 1
				}
				if errRead == io.EOF {
					errRead = nil
				}
				continue
			}
			// The input ended (or failed) inside the quotes.
			if errRead == nil {
				err = bad(lineNo, col, csv.ErrQuote)
				break fields
			}
			r.ends = append(r.ends, len(r.buf))
			break fields
		}
	}
	if err == nil {
		err = errRead
	}
	s := r.str(r.buf)
	r.rec = r.rec[:0]
	j := 0
	for _, e := range r.ends {
		r.rec = append(r.rec, s[j:e])
		j = e
	}
	return r.rec, err
}

// ahead returns the input buffered after the last record, without reading
// more: a look at the lines to come, valid until the next Read.
func (r *records) ahead() []byte { return r.in[r.at:r.end] }

// Line returns the line on which the last record read starts.
func (r *records) Line() int { return r.start }

// str returns b as a string: a copy, or with views a string over b.
func (r *records) str(b []byte) string {
	if r.views && len(b) > 0 {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}
