package storedata

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"pgregory.net/rapid"
)

// lenReader reports a Len of n whatever it holds (a file that grew after
// its Stat): the records' buffer is n+64 bytes, so it moves every few lines.
type lenReader struct {
	r    io.Reader
	n    int
	size int // bytes per Read, 0: any
}

func (l lenReader) Len() int { return l.n }
func (l lenReader) Read(p []byte) (int, error) {
	if l.size > 0 {
		p = p[:min(len(p), l.size)]
	}
	return l.r.Read(p)
}

type readResult struct {
	Orders []metrics.Order
	Errs   []string
}

func readOrdersAll(in io.Reader, strict, batches, exact bool) readResult {
	var r readResult
	opts := Options{File: "order_lines.csv", Strict: strict, ReuseSlices: batches, BatchSize: 3, exact: exact}
	if batches {
		for b, err := range ReadOrderBatches(in, opts) {
			if err != nil {
				r.Errs = append(r.Errs, fmt.Sprintf("%T %v", err, err))
				continue
			}
			for i := range b.Len() {
				r.Orders = append(r.Orders, b.Order(i))
			}
		}
		return r
	}
	for o, err := range ReadOrders(in, opts) {
		if err != nil {
			r.Errs = append(r.Errs, fmt.Sprintf("%T %v", err, err))
			continue
		}
		r.Orders = append(r.Orders, o)
	}
	return r
}

// FuzzSmallBuffer checks that any file read with a buffer of n+64 bytes
// (a reader whose Len is n: the buffer then moves every few lines, in
// the middle of an order, under the views the fast path keeps of a
// line) gives what the whole file gives. From an adversarial read of the
// fast path's views (ac24f53); the package's fuzz targets read inputs of
// known size, whose buffer never moves.
func FuzzSmallBuffer(f *testing.F) {
	row := "o%d,c,2025-11-11T20:00:00+08:00,search,paid,CNY,0.00,6.00,0.00,,2025-11-11T20:01:00+08:00,,,,SF,Zhejiang,A%d,茶,drinks,1,59.90,0.00,30.00,\n"
	var b strings.Builder
	b.WriteString(header)
	for i := range 12 {
		for j := range 1 + i%3 {
			fmt.Fprintf(&b, row, i, j)
		}
	}
	f.Add(b.String(), uint16(150), uint16(0))
	f.Add(strings.ReplaceAll(b.String(), "\n", "\r\n"), uint16(300), uint16(77))
	f.Add(b.String()+b.String()[len(header):len(header)+150], uint16(500), uint16(33))
	f.Fuzz(func(t *testing.T, data string, n, size uint16) {
		if sniffDiffers(data, int(n)) {
			t.Skip("the encoding sniffed from the smaller sample differs")
		}
		for _, strict := range []bool{false, true} {
			for _, batches := range []bool{false, true} {
				want := readOrdersAll(strings.NewReader(data), strict, batches, false)
				got := readOrdersAll(lenReader{strings.NewReader(data), int(n), int(size)}, strict, batches, false)
				if diff := cmp.Diff(want, got, moneyCmp); diff != "" {
					t.Fatalf("%q strict %v batches %v len %d size %d (-whole +small):\n%s", data, strict, batches, n, size, diff)
				}
			}
		}
	})
}

// TestSniffShortSample checks a reader whose Len is less than it holds
// (a file that grew after its Stat): it gets a buffer of Len+64 bytes,
// whose sample sniff took for the whole file; a sample that ended inside
// a UTF-8 character was taken for GB18030, and the whole UTF-8 file
// transcoded (an adversarial read found it; it predates this test).
func TestSniffShortSample(t *testing.T) {
	data := header + "o1,长,2025-11-11T20:00:00+08:00,search,paid,CNY,0.00,6.00,0.00,,,,,,SF,Zhejiang,A1,茶,drinks,1,59.90,0.00,30.00,\n"
	n := len(header) + 5 - 64 // the sample ends after two bytes of 长 (E9 95: a GB18030 character)
	want := readOrdersAll(strings.NewReader(data), false, false, false)
	got := readOrdersAll(lenReader{strings.NewReader(data), n, 0}, false, false, false)
	if diff := cmp.Diff(want, got, moneyCmp); diff != "" {
		t.Fatalf("(-whole +Len %d):\n%s", n, diff)
	}
}

// sniffDiffers reports whether the encoding sniffed from data read with
// a Len of n (a buffer of n+64 bytes, at least 16) differs from the one
// of the whole of data: a smaller sample may legitimately see less.
func sniffDiffers(data string, n int) bool {
	buf := max(n+64, 16)
	small := data[:min(len(data), buf, sniffSize)]
	return detectGB18030([]byte(data[:min(len(data), sniffSize)]), len(data) >= sniffSize) !=
		detectGB18030([]byte(small), len(data) >= min(buf, sniffSize))
}

// TestSmallBuffer checks that the fast path with a buffer of a few lines that moves
// mid-order (lines cut ahead, lines longer than the buffer) reads what a
// whole-file read gives.
func TestSmallBuffer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		data := header + drawOrderRows(t)
		strict := rapid.Bool().Draw(t, "strict")
		n := rapid.IntRange(1, 1500).Draw(t, "len")
		size := rapid.IntRange(0, 700).Draw(t, "read size")
		if sniffDiffers(data, n) {
			t.Skip("the encoding sniffed from the smaller sample differs")
		}
		for _, batches := range []bool{false, true} {
			want := readOrdersAll(strings.NewReader(data), strict, batches, false)
			got := readOrdersAll(lenReader{strings.NewReader(data), n, size}, strict, batches, false)
			if reflect.DeepEqual(want, got) {
				continue
			}
			if diff := cmp.Diff(want, got, moneyCmp); diff != "" {
				t.Fatalf("%q (strict %v, batches %v, len %d, size %d): (-whole +small buffer):\n%s", data, strict, batches, n, size, diff)
			}
		}
	})
}
