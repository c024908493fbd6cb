package storedata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readAll reads every record with next, and each record's line with
// line, as "line: fields", and each error as "error: ...", also where a
// record comes with an error. It stops at io.EOF and, unless more is
// set, after an error that is not a *csv.ParseError.
func readAll(next func() ([]string, error), line func() int, more bool) []string {
	var out []string
	for range 10_000 {
		rec, err := next()
		if err == io.EOF {
			return out
		}
		if len(rec) > 0 {
			out = append(out, fmt.Sprintf("%d: %q", line(), rec))
		}
		if err != nil {
			out = append(out, fmt.Sprintf("error: %v", err))
			if _, ok := err.(*csv.ParseError); !ok && !more {
				return out
			}
		}
	}
	return append(out, "too many records")
}

// checkRecords fails unless records reads data exactly as encoding/csv.
func checkRecords(t *testing.T, data string) {
	t.Helper()
	cr := csv.NewReader(strings.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	want := readAll(cr.Read, func() int { l, _ := cr.FieldPos(0); return l }, false)
	r := newRecords(strings.NewReader(data))
	got := readAll(r.Read, r.Line, false)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records of %q differ from encoding/csv (-want +got):\n%s", data, diff)
	}
}

func TestRecords(t *testing.T) {
	for _, data := range []string{
		"",
		"a,b,c\n1,2,3\n",
		"a,b,c\r\n1,2,3\r\n",
		"a,b\n\n\r\n1,2\n",              // empty lines are skipped but counted
		"a,b\n1,2",                      // no newline at the end
		"a,b\n1,2\r",                    // a \r before the end of the input is dropped
		"a,b\n\r",                       // which can leave an empty line
		"a\rb,c\n",                      // a \r elsewhere is data
		",\n,,\n",                       // empty fields
		"a,b\n\"x,y\",2\n3,4\n",         // a quoted field switches to encoding/csv; line numbers go on
		"a\n\"multi\nline\"\nb\n",       // a quoted field over two lines
		"a,b\nx\"y,2\n3,4\n",            // a bare quote: encoding/csv's error, then the next record
		"a\n\"unclosed\n",               // an unterminated quote
		"h1,h2\n1,2\n\"a\"\"b\",\"\"\n", // doubled quotes
		"α,β\n中文,字段\n",
		strings.Repeat("x", 70_000) + ",y\nz\n", // a line longer than the buffer
		"a\n" + strings.Repeat("q", 70_000) + "\"\n",                                          // and one with a quote
		"a\n\"" + strings.Repeat("q", 70_000) + "\n" + strings.Repeat("r", 70_000) + "\",x\n", // a long quoted field over two long lines
		"\"a\"b,c\n1\n",     // text after a closing quote
		"\"a\"\r\n\"b\"\n",  // a quoted field at the line end, CRLF and LF
		"\"x\r\ny\",z\r\n",  // CRLF inside quotes is read as LF
		"\"\",\"\"\"\"\n",   // empty and quote-only fields
		"\"a\n\n\nb\"\n",    // empty lines inside quotes count but are kept
		"a,\"b\nc\n\n",      // unterminated over lines, then empty lines
		"x,y\"z\n1,2\n",     // a bare quote in the second field
		"\"a\"\"\n",         // a doubled quote that ends the line
		"a,\"\n",            // a quote that opens at the line end
		"\"a\",\n",          // an empty last field after a quoted one
		"\"\xff\",\xfe\"\n", // invalid UTF-8 around quotes
	} {
		checkRecords(t, data)
	}
}

// FuzzRecords checks records against encoding/csv on any input.
func FuzzRecords(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a\n\"x\ny\"\n\r\n", "a,\"b\n", "x\"y\n1\r", "\n\n,\n",
		"\"a\"b,c\n", "\"x\r\ny\",z\r\n", "\"\",\"\"\"\"\n", "a,\"b\nc\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) { checkRecords(t, data) })
}

// FuzzRecordsReadError checks records against encoding/csv on any input
// whose reader fails once, after its first k bytes, and then goes on.
func FuzzRecordsReadError(f *testing.F) {
	f.Add("a,b\n\"x\ny\",2\n", uint16(6))
	f.Add("a\n\"q\"\n3\n", uint16(3))
	f.Fuzz(func(t *testing.T, data string, k uint16) {
		at := int(k) % (len(data) + 1)
		chunks := []string{data[:at], "", data[at:]}
		bad := errors.New("transient")
		cr := csv.NewReader(&chunkReader{slices.Clone(chunks), bad})
		cr.FieldsPerRecord, cr.ReuseRecord = -1, true
		want := readAll(cr.Read, func() int { l, _ := cr.FieldPos(0); return l }, true)
		r := newRecords(&chunkReader{slices.Clone(chunks), bad})
		if diff := cmp.Diff(want, readAll(r.Read, r.Line, true)); diff != "" {
			t.Errorf("%q failing after %d bytes: (-want +got):\n%s", data, at, diff)
		}
	})
}

// chunkReader returns its chunks one Read at a time; an empty chunk is a
// Read that fails with err.
type chunkReader struct {
	chunks []string
	err    error
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	s := c.chunks[0]
	if s == "" {
		c.chunks = c.chunks[1:]
		return 0, c.err
	}
	n := copy(p, s)
	if c.chunks[0] = s[n:]; c.chunks[0] == "" {
		c.chunks = c.chunks[1:]
	}
	return n, nil
}

func TestRecordsReadError(t *testing.T) {
	// An error of the source comes with the record of the line read before
	// it (even an empty one), and reading goes on after it, with the line
	// numbers of encoding/csv, before and after a quote.
	for _, chunks := range [][]string{
		{"a,b\n1,2\n", ""},
		{"a,b\n1,2", ""},
		{"a\nbb", "", "cc\nd\n"},
		{"a\n", "", "b\n"},
		{"a\n\r", "", "\nb\n"},
		{"a\nx\"y", "", "z\n1\n"},
		{"a\n\"x\n", "", "y\"\n2\n"},
		{"a\n", "", "\"q\"\n", "", "3\n"},
	} {
		bad := errors.New("transient")
		cr := csv.NewReader(&chunkReader{slices.Clone(chunks), bad})
		cr.FieldsPerRecord, cr.ReuseRecord = -1, true
		want := readAll(cr.Read, func() int { l, _ := cr.FieldPos(0); return l }, true)
		r := newRecords(&chunkReader{slices.Clone(chunks), bad})
		got := readAll(r.Read, r.Line, true)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q: (-want +got):\n%s", chunks, diff)
		}
	}
}

// BenchmarkRecords reads the records of 1M order lines with
// encoding/csv and with records: as written (no quotes), and with every
// product name quoted ("Tea, green").
func BenchmarkRecords(b *testing.B) {
	plain := benchOrderLines(b, 1_000_000)
	quoted := bytes.ReplaceAll(plain, []byte("茶叶礼盒"), []byte(`"Tea, green"`))
	for _, in := range []struct {
		name string
		data []byte
	}{{"plain", plain}, {"quoted", quoted}} {
		for _, reader := range []string{"encoding-csv", "records"} {
			b.Run(in.name+"/"+reader, func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				for b.Loop() {
					var next func() ([]string, error)
					if reader == "records" {
						next = newRecords(bytes.NewReader(in.data)).Read
					} else {
						cr := csv.NewReader(bytes.NewReader(in.data))
						cr.FieldsPerRecord, cr.ReuseRecord = -1, true
						next = cr.Read
					}
					n := 0
					for {
						rec, err := next()
						if err == io.EOF {
							break
						}
						if err != nil {
							b.Fatal(err)
						}
						if len(rec) != len(OrderLineColumns) {
							b.Fatalf("%d fields", len(rec))
						}
						n++
					}
					if n != 1_000_001 {
						b.Fatalf("%d records, want 1,000,001", n)
					}
				}
				b.ReportMetric(1e6*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
			})
		}
	}
}
