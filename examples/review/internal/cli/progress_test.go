package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/width"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/report"
)

func TestProgressText(t *testing.T) {
	tests := []struct {
		name, reason string
		p            report.Progress
		want         string
	}{
		{"read", "bytes of a file in MB, the brief's example", report.Progress{Phase: report.PhaseRead, File: "order_lines.csv", Done: 167_400_000, Total: 371_000_000}, "reading order_lines.csv  45%  167 of 371 MB"},
		{"read kB", "a file under 10 MB counts kB", report.Progress{Phase: report.PhaseRead, File: "events.csv", Done: 5_000, Total: 9_999_999}, "reading events.csv  0%  5 of 9,999 kB"},
		{"read B", "a small file counts bytes", report.Progress{Phase: report.PhaseRead, File: "spend.csv", Done: 9_999, Total: 9_999}, "reading spend.csv  100%  9,999 of 9,999 B"},
		{"read GB", "10 GB and more counts GB", report.Progress{Phase: report.PhaseRead, File: "events.csv", Done: 12_000_000_000, Total: 24_000_000_000}, "reading events.csv  50%  12 of 24 GB"},
		{"read unknown", "a size not known: bytes so far", report.Progress{Phase: report.PhaseRead, File: "events.csv", Done: 1234, Total: -1}, "reading events.csv  1,234 B"},
		{"orders", "percent floored, thousands separated", report.Progress{Phase: report.PhaseOrders, Done: 450_000, Total: 1_000_000}, "orders  45%  450,000 of 1,000,000"},
		{"events unknown", "Total -1: the count alone", report.Progress{Phase: report.PhaseEvents, Done: 1_234_567, Total: -1}, "events  1,234,567"},
		{"snapshots none", "Total 0: no percent", report.Progress{Phase: report.PhaseSnapshots, Total: 0}, "snapshots  0 of 0"},
		{"sections", "sections count without percent", report.Progress{Phase: report.PhaseSections, Done: 7, Total: 20}, "sections  7 of 20"},
		{"over", "Done past Total stays at 100%", report.Progress{Phase: report.PhaseOrders, Done: 11, Total: 10}, "orders  100%  11 of 10"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, progressText(tt.p)); diff != "" {
			t.Errorf("%s (%s): (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", -1234567: "-1,234,567", 100_000: "100,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.Int64().Draw(t, "n")
		s := thousands(n)
		if got := strings.ReplaceAll(s, ",", ""); got != strconv.FormatInt(n, 10) {
			t.Fatalf("thousands(%d) = %q: without commas %q", n, s, got)
		}
		for _, g := range strings.Split(strings.TrimPrefix(s, "-"), ",")[1:] {
			if len(g) != 3 {
				t.Fatalf("thousands(%d) = %q: a group of %d digits", n, s, len(g))
			}
		}
	})
}

// columnsOf counts the terminal columns of s as fit does.
func columnsOf(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func TestFit(t *testing.T) {
	for _, tt := range []struct {
		s    string
		cols int
		want string
	}{
		{"orders  45%", 80, "orders  45%"},
		{"orders  45%", 6, "orders"},
		{"reading 订单.csv", 10, "reading 订"}, // 订 is two columns: 8 + 2
		{"reading 订单.csv", 11, "reading 订"}, // 单 would need 12
		{"abc", 0, ""},
	} {
		if got := fit(tt.s, tt.cols); got != tt.want {
			t.Errorf("fit(%q, %d) = %q, want %q", tt.s, tt.cols, got, tt.want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.String().Draw(t, "s")
		cols := rapid.IntRange(0, 100).Draw(t, "cols")
		got := fit(s, cols)
		if !strings.HasPrefix(s, got) || columnsOf(got) > cols {
			t.Fatalf("fit(%q, %d) = %q: not a prefix of at most %d columns", s, cols, got, cols)
		}
		if _, size := utf8.DecodeRuneInString(s[len(got):]); got != s && columnsOf(s[:len(got)+size]) <= cols {
			t.Fatalf("fit(%q, %d) = %q: cut a character that fits", s, cols, got)
		}
	})
}

// fakeClock is a clock that tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// TestProgressLine drives a line that draws (as on a terminal whose size
// is unknown: 80 columns) on a buffer, with a clock moved by hand.
func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	// fd: a descriptor that is no terminal, so GetSize fails: 80 columns.
	l := &progressLine{w: &buf, clock: clock.now, start: clock.t, fd: 1 << 20}
	orders := func(done int64) report.Progress {
		return report.Progress{Phase: report.PhaseOrders, Done: done, Total: 1000}
	}
	steps := []struct {
		what string
		do   func()
		want string // what the step writes
	}{
		{"before the delay", func() { clock.advance(progressDelay / 2); l.report(orders(0)) }, ""},
		{"after the delay", func() { clock.advance(progressDelay); l.report(orders(10)) }, "\rorders  1%  10 of 1,000\x1b[K"},
		{"too soon", func() { clock.advance(redrawEvery - time.Millisecond); l.report(orders(20)) }, ""},
		{"in time", func() { clock.advance(time.Millisecond); l.report(orders(30)) }, "\rorders  3%  30 of 1,000\x1b[K"},
		{"a message", func() { l.Write([]byte("note\n")) }, "\r\x1b[Knote\n"},
		{"a message with no line", func() { l.Write([]byte("more\n")) }, "more\n"},
		{"long name", func() {
			clock.advance(redrawEvery)
			l.report(report.Progress{Phase: report.PhaseRead, File: strings.Repeat("x", 100) + ".csv", Done: 1, Total: 2})
		}, "\rreading " + strings.Repeat("x", 79-len("reading ")) + "\x1b[K"},
		{"end", func() { l.erase() }, "\r\x1b[K"},
		{"end again", func() { l.erase() }, ""},
	}
	for _, s := range steps {
		buf.Reset()
		s.do()
		if diff := cmp.Diff(s.want, buf.String()); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", s.what, diff)
		}
	}
}

// TestProgressLineNoTerminal: a buffer, a file and -quiet draw nothing,
// and messages pass through unchanged.
func TestProgressLineNoTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	for name, l := range map[string]*progressLine{
		"buffer": newProgressLine(&buf, false),
		"file":   newProgressLine(f, false),
		"quiet":  newProgressLine(os.Stderr, true),
	} {
		if l.fd >= 0 {
			t.Errorf("%s: draws on fd %d", name, l.fd)
		}
		l.start = l.start.Add(-time.Hour) // the work has lasted
		l.report(report.Progress{Phase: report.PhaseOrders, Done: 1, Total: 2})
		if l.drawn {
			t.Errorf("%s: drew the line", name)
		}
	}
	l := newProgressLine(&buf, false)
	l.start = l.start.Add(-time.Hour)
	l.report(report.Progress{Phase: report.PhaseOrders, Done: 1, Total: 2})
	if _, err := l.Write([]byte("message\n")); err != nil {
		t.Fatal(err)
	}
	l.erase()
	if got := buf.String(); got != "message\n" {
		t.Errorf("a buffer's stderr got %q, want only the message", got)
	}
}
