package storedata

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// checkFastParse fails unless the fast paths agree with the exact parsers
// on s: minorUnits with money.Currency.Parse (for currencies of 0, 2 and 3
// minor digits), smallInt with strconv.ParseInt, parseTime with time.Parse
// (and with its day cache holding the same date or another),
// and, on s as a line, records.plainText with validText and dup's
// comparison of lines with the comparison of cells.
func checkFastParse(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string) {
	t.Helper()
	for _, code := range []string{"JPY", "CNY", "KWD"} {
		c := money.MustCurrency(code)
		if v, ok := minorUnits(s, c.Digits()); ok {
			want, err := c.Parse(s)
			if err != nil || !PlainAmount(s) {
				t.Fatalf("minorUnits(%q, %d) = %d, but Parse fails (%v) or it is not a plain amount", s, c.Digits(), v, err)
			}
			if got := c.FromMinor(v); !got.Equal(want) {
				t.Fatalf("minorUnits(%q, %d) = %v, Parse %v", s, c.Digits(), got, want)
			}
		}
	}
	if v, ok := smallInt(s); ok {
		if want, err := strconv.ParseInt(s, 10, 64); err != nil || want != v {
			t.Fatalf("smallInt(%q) = %d, ParseInt %d, %v", s, v, want, err)
		}
	}
	if sec, nsec, off, ok := parseTime(s); ok {
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatalf("parseTime(%q) = %d.%09d, but time.Parse fails: %v", s, sec, nsec, err)
		}
		if got := time.Unix(sec, nsec); !got.Equal(want) {
			t.Fatalf("parseTime(%q) = %v, time.Parse %v", s, got, want)
		}
		if _, wantOff := want.Zone(); off != wantOff {
			t.Fatalf("parseTime(%q): offset %d, time.Parse %d", s, off, wantOff)
		}
	}
	// With the cache holding the date of s (from another time of that
	// date) or another date, parseTime gives the same.
	sec, nsec, off, ok := parseTime(s)
	for _, prime := range []string{"2025-11-11T00:00:00Z", s[:min(len(s), 10)] + "T23:59:59+08:00"} {
		var c dayCache
		c.parseTime(prime)
		if sec2, nsec2, off2, ok2 := c.parseTime(s); sec2 != sec || nsec2 != nsec || off2 != off || ok2 != ok {
			t.Fatalf("parseTime(%q) after %q = %d, %d, %d, %v; without the cache %d, %d, %d, %v", s, prime, sec2, nsec2, off2, ok2, sec, nsec, off, ok)
		}
	}
	// table.fastMoney and table.fastTime give what table.money and
	// table.timestamp give, the first time and from their memos.
	for _, code := range []string{"JPY", "CNY", "KWD"} {
		c := money.MustCurrency(code)
		tb := &table{rec: []string{s}}
		tb.cur.code, tb.cur.c, tb.cur.digits, tb.cur.zero = code, c, c.Digits(), c.Zero()
		for range 2 {
			if got, ok := tb.fastMoney(s, true); ok {
				if want, err := tb.money(0, c, true); err != nil || !got.Equal(want) {
					t.Fatalf("fastMoney(%q) in %s = %v; money %v, %v", s, code, got, want, err)
				}
			}
		}
	}
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatalf("%v", err)
	}
	tb := &table{rec: []string{s}, opts: Options{Location: sh}}
	if len(s) >= 25 {
		tb.fastTime(s[:10]+"T00:00:00"+s[19:], false) // the same date and offset
	}
	for range 2 {
		if got, off, ok := tb.fastTime(s, true); ok {
			want, err := tb.timestamp(0, true)
			if err != nil || !got.Equal(want) || got.Location() != want.Location() {
				t.Fatalf("fastTime(%q) = %v; timestamp %v, %v", s, got, want, err)
			}
			if w, werr := time.Parse(time.RFC3339Nano, s); s != "" && (werr != nil || w.Sub(got) != 0 || func() bool { _, o := w.Zone(); return o != off }()) {
				t.Fatalf("fastTime(%q): offset %d; time.Parse %v, %v", s, off, w, werr)
			}
		}
	}
	// The line checks, on s and on s after a line with the same fields.
	r := newRecords(strings.NewReader(s + "\n"))
	rec, err := r.Read()
	if err != nil {
		return // not one record: FuzzRecords compares the records themselves
	}
	if r.plainText() {
		for i, f := range rec {
			if err := validText(f); err != nil {
				t.Fatalf("%q: plainText says every field is text, but field %d is not: %v", s, i+1, err)
			}
		}
	}
	if r.plain && validText(s) == nil && !r.plainText() && !strings.ContainsAny(s, "\t\r") {
		t.Fatalf("%q: plainText rejects a line of valid text without a tab or a carriage return", s)
	}
}

func TestFastParse(t *testing.T) {
	for _, s := range []string{
		"59.90", "-5", "12", "0", "-0", "0.5", "0.05", "1.234", "007", ".5", "39.", "+5", "1e3", "12,30", "NaN", "",
		"999999999999999999", "9999999999999999.99", "99999999999999999.9", "-9223372036854775808",
		"2025-11-11T20:00:00+08:00", "2025-11-11T20:00:00Z", "2025-11-11T20:00:00.5-03:30", "2025-11-11T20:00:00.123456789Z",
		"2025-11-11T20:00:00.1234567891Z", "2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z", "2025-11-11T24:00:00Z",
		"2025-11-11T23:59:60Z", "2025-11-11T20:00:00+24:00", "2025-11-11T20:00:00-00:00", "0000-01-01T00:00:00Z",
		"9999-12-31T23:59:59.999999999-23:59", "1600-03-01T00:00:00Z", "1900-02-28T12:00:00+01:00", "2025-11-11t20:00:00Z",
		"2025-11-11T20:00:00z", "2025-11-11 20:00:00Z", "2025-1-11T20:00:00Z", "2025-11-11T20:00:00.1234Z", "2025-11-11T20:00:00-08:00",
		"2025-11-11T20:00:00\x00\x00\x00\x00\x00\x00", "2025-11-11T20:00:00+08:60", "1000-12-31T23:00:00-08:00", "9998-12-31T23:00:00-08:00",
		"59.901", "123456789012345", "1234567890123456", "12345678.90", "-0.00",
		"a,b,茶", "a\tb", "\u0085", "\u00a0é", "\xc2", "\xff", "x\x7f", "\x1b[31m",
	} {
		checkFastParse(t, s)
	}
}

// FuzzFastParse compares the fast paths with the exact parsers on any
// text (see checkFastParse).
func FuzzFastParse(f *testing.F) {
	for _, s := range []string{"59.90", "-5", "2025-11-11T20:00:00+08:00", "2024-02-29T23:59:59.25Z", "a,茶,\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkFastParse(t, s) })
}

// TestFastParseDrawn draws cells from the forms the fast paths take and
// from near misses, which random bytes rarely hit.
func TestFastParseDrawn(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		digits := func(label string, min, max int) string {
			return rapid.StringMatching(fmt.Sprintf("[0-9]{%d,%d}", min, max)).Draw(t, label)
		}
		var s string
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0: // an amount or an integer
			s = rapid.SampledFrom([]string{"", "-", "+"}).Draw(t, "sign") + digits("whole", 0, 20)
			if rapid.Bool().Draw(t, "point") {
				s += "." + digits("frac", 0, 5)
			}
		case 1: // a time
			s = fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", rapid.IntRange(0, 9999).Draw(t, "year"), rapid.IntRange(0, 13).Draw(t, "month"),
				rapid.IntRange(0, 32).Draw(t, "day"), rapid.IntRange(0, 24).Draw(t, "hour"), rapid.IntRange(0, 60).Draw(t, "min"), rapid.IntRange(0, 60).Draw(t, "sec"))
			if rapid.Bool().Draw(t, "fraction") {
				s += "." + digits("nanos", 0, 11)
			}
			s += rapid.SampledFrom([]string{"Z", "z", "+08:00", "-03:30", "+23:59", "+24:00", "-00:00", "+0800", "+08:60", ""}).Draw(t, "zone")
		default: // a line of cells
			parts := rapid.SliceOf(rapid.SampledFrom([]string{"a", ",", "茶", "\t", "\r", "\x00", "\x1b", "\x7f", "\u0080", "\u009f", "\u00a0", "é", "\xc2", "\xff", "\xe8\x8c", "\U0001F600", "12345678"})).Draw(t, "parts")
			s = strings.Join(parts, "")
		}
		checkFastParse(t, s)
	})
}

// TestDupLines: a row repeats the row before it, by dup, exactly when
// encoding/csv reads the same fields from both, whether either line has
// quotes or not.
func TestDupLines(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cell := rapid.SampledFrom([]string{"", "a", "b", `"a"`, `"a,b"`, `""`, `"x""y"`, "茶", `"茶"`})
		row := func(label string) string {
			return strings.Join(rapid.SliceOfN(cell, 3, 3).Draw(t, label), ",")
		}
		lines := []string{row("first"), row("second"), row("third")}
		data := "h1,h2,h3\n" + strings.Join(lines, "\n") + "\n"
		tb, err := open(strings.NewReader(data), Options{}, kindOrderLines, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		cr := csv.NewReader(strings.NewReader(data))
		var prev []string
		for i := range lines {
			if err := tb.next(); err != nil {
				t.Fatalf("line %q: %v", lines[i], err)
			}
			want, err := cr.Read()
			if i == 0 {
				want, err = cr.Read() // the header
			}
			if err != nil {
				t.Fatal(err)
			}
			got := tb.dup()
			if same := prev != nil && strings.Join(prev, "\x00") == strings.Join(want, "\x00"); got != same {
				t.Fatalf("%q: dup says %v after %q, want %v", data, got, prev, same)
			}
			prev = want
		}
	})
}

// BenchmarkSplit splits the lines of 1M order lines, as the readers do.
func BenchmarkSplit(b *testing.B) {
	data := benchOrderLines(b, 1_000_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := newRecords(bytes.NewReader(data))
		r.views = true
		for {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec) != len(OrderLineColumns) || !r.plainText() {
				b.Fatalf("%q", rec)
			}
		}
	}
	b.ReportMetric(1e6*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// TestTimestampYears: a time whose year in the store's zone is outside
// 1000–9999 is an error, also when the year written is inside it; the
// fast path skips the check only for years 1001–9998.
func TestTimestampYears(t *testing.T) {
	const head = "user_id,time,name\n"
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		at   string
		loc  *time.Location
		want bool // read
	}{
		{"1000-01-01T00:30:00+01:00", time.UTC, false}, // 0999-12-31 in UTC
		{"1000-01-01T00:30:00Z", time.UTC, true},
		{"1000-01-01T00:30:00Z", shanghai, true},
		{"1001-01-01T00:30:00+23:00", time.UTC, true},  // 1000-12-31 in UTC
		{"9999-12-31T23:30:00-01:00", time.UTC, false}, // 10000-01-01 in UTC
		{"9999-12-31T20:00:00Z", shanghai, false},      // 10000-01-01 in Shanghai
		{"9998-12-31T23:30:00-01:00", time.UTC, true},  // 9999-01-01 in UTC
		{"9999-12-31T15:59:59Z", shanghai, true},
	} {
		events, errs := Collect(ReadEvents(strings.NewReader(head+"u1,"+tc.at+",view\n"), Options{Location: tc.loc}))
		if got := len(events) == 1 && len(errs) == 0; got != tc.want {
			t.Errorf("%s in %v: read %v (%v), want %v", tc.at, tc.loc, got, errs, tc.want)
		}
	}
}

// TestClockSeconds: the clock read eight bytes at once is the clock read
// digit by digit, for every clock and for clocks with any one byte
// changed to any other.
func TestClockSeconds(t *testing.T) {
	slow := func(b [8]byte) (int64, bool) {
		s := string(b[:])
		if s[2] != ':' || s[5] != ':' {
			return 0, false
		}
		h, ok1 := digits2(s[0:2])
		m, ok2 := digits2(s[3:5])
		sec, ok3 := digits2(s[6:8])
		if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || sec > 59 {
			return 0, false
		}
		return int64(h*3600 + m*60 + sec), true
	}
	check := func(b [8]byte) {
		gotV, gotOK := clockSeconds(b)
		wantV, wantOK := slow(b)
		if gotOK != wantOK || gotOK && gotV != wantV {
			t.Fatalf("clockSeconds(%q) = %d, %v; want %d, %v", b[:], gotV, gotOK, wantV, wantOK)
		}
	}
	for sec := range 24 * 3600 {
		var b [8]byte
		copy(b[:], fmt.Sprintf("%02d:%02d:%02d", sec/3600, sec/60%60, sec%60))
		check(b)
		if sec%97 == 0 {
			for i := range b {
				for c := range 256 {
					bb := b
					bb[i] = byte(c)
					check(bb)
				}
			}
		}
	}
}
