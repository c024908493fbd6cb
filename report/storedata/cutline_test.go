package storedata

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
)

// cutLineRef is [cutLine] byte by byte, written from its contract: the
// model the fast versions are tested against.
func cutLineRef(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool) {
	nl = bytes.IndexByte(b, '\n')
	if nl < 0 {
		return -1, 0, 0, false
	}
	e := nl
	if e > 0 && b[e-1] == '\r' {
		e--
	}
	n, last := 0, len(ends)-1
	hiFrom, hiTo = e, 0
	for i, c := range b[:e] {
		switch {
		case c == '"' || c < 0x20 || c == 0x7f:
			return nl, 0, 0, false
		case c == ',':
			if n == last {
				return nl, 0, 0, false
			}
			ends[n] = int32(i)
			n++
		case c >= 0x80:
			hiFrom, hiTo = min(hiFrom, i), i+1
		}
	}
	if n != last {
		return nl, 0, 0, false
	}
	ends[last] = int32(e)
	return nl, hiFrom, hiTo, true
}

// cut is what a cutLine gives, with only what its contract specifies:
// ends and the span of high bytes only when OK.
type cut struct {
	NL           int
	OK           bool
	HiFrom, HiTo int
	Ends         []int32
}

// tb is what the checks need of a test: *testing.T, *testing.B or
// *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

// canary fills the ends past len(ends), to catch writes there.
const canary = -0x5a5a5a5a

// cutWith runs f on b with n ends, and fails t if f writes past them.
func cutWith(t tb, f func([]byte, []int32) (int, int, int, bool), b []byte, n int) cut {
	t.Helper()
	return cutInto(t, f, b, make([]int32, n+8), n)
}

// cutInto is cutWith with buf (n+8 long at least) for the ends and
// canaries: what it returns holds buf.
func cutInto(t tb, f func([]byte, []int32) (int, int, int, bool), b []byte, buf []int32, n int) cut {
	t.Helper()
	buf = buf[:n+8]
	for i := range buf {
		buf[i] = canary
	}
	nl, hiFrom, hiTo, ok := f(b, buf[:n:n])
	for j, v := range buf[n:] {
		if v != canary {
			t.Fatalf("cutLine(%q) with %d ends wrote ends[%d] = %d", b, n, n+j, v)
		}
	}
	if !ok {
		return cut{NL: nl}
	}
	return cut{NL: nl, OK: true, HiFrom: hiFrom, HiTo: hiTo, Ends: buf[:n]}
}

// equal reports whether two cuts are the same (cmp.Equal, only faster).
func (c cut) equal(d cut) bool {
	return c.NL == d.NL && c.OK == d.OK && c.HiFrom == d.HiFrom && c.HiTo == d.HiTo && slices.Equal(c.Ends, d.Ends)
}

// cutImpl is an implementation of [cutLine], by name.
type cutImpl struct {
	name string
	f    func([]byte, []int32) (int, int, int, bool)
}

// cutImpls are the implementations under test: cutLine, the generic
// one, and each assembly one this processor can run (archCutImpls).
var cutImpls = append([]cutImpl{
	{"cutLine", cutLine},
	{"cutLineGeneric", cutLineGeneric},
}, archCutImpls...)

// checkCut fails t unless every implementation cuts b with n ends as the
// reference does.
func checkCut(t tb, b []byte, n int) {
	t.Helper()
	var wantBuf, gotBuf [64]int32
	var want, got cut
	if n+8 <= len(wantBuf) {
		want = cutInto(t, cutLineRef, b, wantBuf[:], n)
	} else {
		want = cutWith(t, cutLineRef, b, n)
	}
	for _, c := range cutImpls {
		if n+8 <= len(gotBuf) {
			got = cutInto(t, c.f, b, gotBuf[:], n)
		} else {
			got = cutWith(t, c.f, b, n)
		}
		if !want.equal(got) {
			t.Fatalf("%s(%q) with %d ends: (-want +got)\n%s", c.name, b, n, cmp.Diff(want, got))
		}
	}
}

// commasIn returns the number of commas in b before its first newline.
func commasIn(b []byte) int {
	if nl := bytes.IndexByte(b, '\n'); nl >= 0 {
		b = b[:nl]
	}
	return bytes.Count(b, []byte{','})
}

// demoLine is an order line of the demo store (that of
// BenchmarkCutCells): 274 bytes, 24 cells, Chinese in one of them.
const demoLine = "O00000001-000,C0001421-000,2024-01-01T10:31:12+08:00,search,paid,CNY,0.00,0.00,0.00,,2024-01-01T10:32:11+08:00," +
	"2024-01-01T17:12:57+08:00,2024-01-02T07:09:39+08:00,2024-01-04T10:32:11+08:00,JD Logistics,Zhejiang,BT-0002,氨基酸洗面奶 经典款,beauty,3,97.90,0.00,37.88,"

func TestCutLine(t *testing.T) {
	long := strings.Repeat("abcdefg,", 600) + "end" // 4803 bytes, 601 cells
	tests := []struct {
		name, reason string
		b            string
		ends         int
		want         cut
	}{
		{name: "empty", reason: "no newline", b: "", ends: 1, want: cut{NL: -1}},
		{name: "no newline", reason: "a line is ok only with its newline", b: "a,b", ends: 2, want: cut{NL: -1}},
		{name: "empty line", b: "\n", ends: 1, want: cut{NL: 0, OK: true, HiFrom: 0, Ends: []int32{0}}},
		{name: "empty CRLF line", b: "\r\nx", ends: 1, want: cut{NL: 1, OK: true, HiFrom: 0, Ends: []int32{0}}},
		{name: "plain", b: "ab,c,\nx,y\n", ends: 3, want: cut{NL: 5, OK: true, HiFrom: 5, Ends: []int32{2, 4, 5}}},
		{name: "CRLF", reason: "the '\\r' before the newline is not content", b: "ab,c,\r\n", ends: 3,
			want: cut{NL: 6, OK: true, HiFrom: 5, Ends: []int32{2, 4, 5}}},
		{name: "CR mid-line", reason: "a control byte", b: "ab\r,c,\n", ends: 3, want: cut{NL: 6}},
		{name: "two CRs", reason: "only the last is the line end's", b: "ab,c,\r\r\n", ends: 3, want: cut{NL: 7}},
		{name: "CR alone", reason: "no newline", b: "ab,c,\r", ends: 3, want: cut{NL: -1}},
		{name: "quote", b: `a,"b",c` + "\n", ends: 3, want: cut{NL: 7}},
		{name: "NUL", b: "a,\x00,c\n", ends: 3, want: cut{NL: 5}},
		{name: "tab", b: "a,\t,c\n", ends: 3, want: cut{NL: 5}},
		{name: "DEL", b: "a,\x7f,c\n", ends: 3, want: cut{NL: 5}},
		{name: "bad after newline", reason: "the next line's bytes do not count", b: "a,b\n\"\x00\x7f,,,\r", ends: 2,
			want: cut{NL: 3, OK: true, HiFrom: 3, Ends: []int32{1, 3}}},
		{name: "too many commas", b: "a,b,c\n", ends: 2, want: cut{NL: 5}},
		{name: "too few commas", b: "a,b,c\n", ends: 4, want: cut{NL: 5}},
		{name: "only commas", b: ",,,\n", ends: 4, want: cut{NL: 3, OK: true, HiFrom: 3, Ends: []int32{0, 1, 2, 3}}},
		{name: "non-ASCII first", b: "\xe4\xb8\xad,b\n", ends: 2, want: cut{NL: 5, OK: true, HiFrom: 0, HiTo: 3, Ends: []int32{3, 5}}},
		{name: "non-ASCII last", b: "a,\xe4\xb8\xad\r\n", ends: 2, want: cut{NL: 6, OK: true, HiFrom: 2, HiTo: 5, Ends: []int32{1, 5}}},
		{name: "non-ASCII apart", b: "\xff" + strings.Repeat("a", 100) + "\x80\n", ends: 1,
			want: cut{NL: 102, OK: true, HiFrom: 0, HiTo: 102, Ends: []int32{102}}},
		{name: "non-ASCII after newline", b: "a\n\xff", ends: 1, want: cut{NL: 1, OK: true, HiFrom: 1, Ends: []int32{1}}},
		{name: "demo", reason: "24 cells, Chinese in cell 17", b: demoLine + "\n" + demoLine, ends: 24,
			want: cut{NL: 274, OK: true, HiFrom: 219, HiTo: 247, Ends: []int32{ // by Python's enumerate
				13, 26, 52, 59, 64, 68, 73, 78, 83, 84, 110, 136, 162, 188, 201, 210, 218, 247, 254, 256, 262, 267, 273, 274,
			}}},
		{name: "long", reason: "over 4096 bytes", b: long + "\n", ends: 601, want: cut{NL: 4803, OK: true, HiFrom: 4803,
			Ends: func() []int32 {
				e := make([]int32, 601)
				for i := range 600 {
					e[i] = int32(8*i + 7)
				}
				e[600] = 4803
				return e
			}()}},
		{name: "long, too many commas", b: long + ",\n", ends: 601, want: cut{NL: 4804}},
		{name: "long, no newline", b: long + "\x00" + long, ends: 601, want: cut{NL: -1}},
		{name: "long, newline after a bad byte", b: long + "\x00" + long + "\n", ends: 601, want: cut{NL: 9607}},
		{name: "CRLF across 64 bytes", reason: "the '\\r' ends a block, the '\\n' starts the next",
			b: strings.Repeat("a", 63) + "\r\n", ends: 1, want: cut{NL: 64, OK: true, HiFrom: 63, Ends: []int32{63}}},
		{name: "CR at 63, no newline after", b: strings.Repeat("a", 63) + "\rb\n", ends: 1, want: cut{NL: 65}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range cutImpls {
				if got := cutWith(t, c.f, []byte(tt.b), tt.ends); !cmp.Equal(tt.want, got) {
					t.Errorf("%s: %s (-want +got)\n%s", c.name, tt.reason, cmp.Diff(tt.want, got))
				}
			}
			checkCut(t, []byte(tt.b), tt.ends)
		})
	}
}

// TestCutLineEveryPlace puts each special byte at each place of lines of
// 0 to 200 bytes (with and without a newline, with and without a next
// line) and compares every implementation with the reference, with the
// right number of ends and with one more and one less.
func TestCutLineEveryPlace(t *testing.T) {
	specials := []byte{',', '\n', '\r', '"', 0x00, 0x1f, 0x7f, 0x80, 0xff}
	filler := []byte("ab,cdefgh,ijk,lmnopq,rst,uvw,xyz,")
	buf := make([]byte, 0, 256)
	for n := range 201 {
		for _, next := range []string{"", "\n", "\n,,\"\x00\xff\r", "\r\n"} {
			for p := range n {
				for _, s := range specials {
					buf = buf[:0]
					for i := range n {
						buf = append(buf, filler[i%len(filler)])
					}
					buf[p] = s
					buf = append(buf, next...)
					k := commasIn(buf)
					for _, ends := range []int{k + 1, k, k + 2} {
						if ends >= 1 {
							checkCut(t, buf, ends)
						}
					}
				}
			}
		}
	}
}

func TestCutLineRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := rapid.SliceOfN(rapid.SampledFrom([]byte{',', 'a', '\n', '\r', '"', 0xe4, 0x00}), 0, 300).Draw(t, "b")
		ends := commasIn(b) + 1 + rapid.IntRange(-1, 1).Draw(t, "more ends")
		checkCut(t, b, max(ends, 1))
	})
}

func FuzzCutLine(f *testing.F) {
	f.Add([]byte(demoLine+"\n"+demoLine+"\n"), 0)
	f.Add([]byte(demoLine+"\r\n"), 1)
	f.Add([]byte("a,b"), 0)
	f.Fuzz(func(t *testing.T, b []byte, more int) {
		if len(b) >= 1<<20 {
			return
		}
		checkCut(t, b, max(commasIn(b)+1+more%3, 1))
	})
}

// BenchmarkCutLine cuts the demo order line (that of BenchmarkCutCells,
// with its newline) out of a buffer of 256 of them, one line an op, as
// the readers would: b is the rest of the buffer.
func BenchmarkCutLine(b *testing.B) {
	buf := []byte(strings.Repeat(demoLine+"\n", 256))
	for _, c := range cutImpls {
		b.Run(c.name, func(b *testing.B) {
			var ends [nOrderCols]int32
			b.SetBytes(int64(len(demoLine) + 1))
			off := 0
			cpu0 := cputime.Used()
			for b.Loop() {
				nl, _, _, ok := c.f(buf[off:], ends[:])
				if !ok {
					b.Fatal("not cut")
				}
				if off += nl + 1; off == len(buf) {
					off = 0
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/line")
			if cpu := cputime.Used() - cpu0; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/line")
			}
		})
	}
}

// TestCutLineCommaBlocks tries lines dense in commas, as many as 64 in a
// 64-byte block, so that the cutters that store several commas at once
// (cutLineAVX2 stores eight) meet every count of commas a block can have,
// every start of the line relative to the 32- and 64-byte halves and
// blocks, and every number of ends from one to two more than the
// line's cells: too few ends, with room or not for eight at once, is a
// bad line that must not be written past.
func TestCutLineCommaBlocks(t *testing.T) {
	patterns := map[string]func(i int) byte{
		"all commas":   func(int) byte { return ',' },
		"every second": func(i int) byte { return ",a"[i%2] },
		"every ninth":  func(i int) byte { return ",abcdefgh"[i%9] },
		"runs":         func(i int) byte { return ",,,,,,,,,x\xe4y"[i%12] },
	}
	for name, pattern := range patterns {
		for _, n := range []int{0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129, 200} {
			for _, end := range []string{"\n", "\r\n", ""} {
				for start := range 64 {
					// start bytes of a first cell put the commas at every
					// place relative to the blocks.
					b := []byte(strings.Repeat("z", start))
					for i := range n {
						b = append(b, pattern(start+i))
					}
					b = append(b, end...)
					k := commasIn(b)
					for ends := 1; ends <= k+2; ends++ {
						checkCut(t, b, ends)
					}
				}
			}
		}
		if t.Failed() {
			t.Fatalf("pattern %s", name)
		}
	}
}
