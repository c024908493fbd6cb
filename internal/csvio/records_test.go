package csvio

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readAll reads every record with next, and each record's line with
// line, as "line: fields" or "error: ...", stopping after an error that
// is not a *csv.ParseError.
func readAll(next func() ([]string, error), line func() int) []string {
	var out []string
	for range 10_000 {
		rec, err := next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			out = append(out, fmt.Sprintf("error: %v", err))
			if _, ok := err.(*csv.ParseError); !ok {
				return out
			}
			continue
		}
		out = append(out, fmt.Sprintf("%d: %q", line(), rec))
	}
	return append(out, "too many records")
}

// checkRecords fails unless records reads data exactly as encoding/csv.
func checkRecords(t *testing.T, data string) {
	t.Helper()
	cr := csv.NewReader(strings.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	want := readAll(cr.Read, func() int { l, _ := cr.FieldPos(0); return l })
	r := newRecords(strings.NewReader(data))
	got := readAll(r.Read, r.Line)
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
		"a\n" + strings.Repeat("q", 70_000) + "\"\n", // and one with a quote
	} {
		checkRecords(t, data)
	}
}

// FuzzRecords checks records against encoding/csv on any input.
func FuzzRecords(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a\n\"x\ny\"\n\r\n", "a,\"b\n", "x\"y\n1\r", "\n\n,\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) { checkRecords(t, data) })
}

// errReader returns data, then err.
type errReader struct {
	data string
	err  error
}

func (e *errReader) Read(p []byte) (int, error) {
	if e.data == "" {
		return 0, e.err
	}
	n := copy(p, e.data)
	e.data = e.data[n:]
	return n, nil
}

func TestRecordsReadError(t *testing.T) {
	// An error of the source ends the reading, as with encoding/csv.
	for _, data := range []string{"a,b\n1,2\n", "a,b\n1,2", "a\n\"x\"\n"} {
		bad := fmt.Errorf("disk on fire")
		cr := csv.NewReader(&errReader{data, bad})
		cr.FieldsPerRecord = -1
		want := readAll(cr.Read, func() int { l, _ := cr.FieldPos(0); return l })
		r := newRecords(&errReader{data, bad})
		got := readAll(r.Read, r.Line)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q: (-want +got):\n%s", data, diff)
		}
	}
}

// BenchmarkRecords reads the records of 1M order lines with
// encoding/csv and with records.
func BenchmarkRecords(b *testing.B) {
	data := benchOrderLines(b, 1_000_000)
	for _, name := range []string{"encoding-csv", "records"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var next func() ([]string, error)
				if name == "records" {
					next = newRecords(bytes.NewReader(data)).Read
				} else {
					cr := csv.NewReader(bytes.NewReader(data))
					cr.FieldsPerRecord, cr.ReuseRecord = -1, true
					next = cr.Read
				}
				n := 0
				for {
					_, err := next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
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
