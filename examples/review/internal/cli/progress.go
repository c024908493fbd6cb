package cli

import (
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
	"golang.org/x/text/width"

	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// progressDelay is how long the work lasts before the progress line
// appears: work shorter than that draws nothing. The tests' child process
// sets it to 0 (see TestMain).
var progressDelay = time.Second

// redrawEvery is the least time between two drawings of the progress
// line: at most ten a second.
const redrawEvery = 100 * time.Millisecond

// eraseLine returns the cursor to the start of the line and clears it.
const eraseLine = "\r\033[K"

// progressLine is the command's standard error while it works: messages
// go through it (Write), and, when stderr is a terminal and -quiet is not
// set, it draws the progress of the work (report) on one line, redrawn in
// place and erased before each message and when the work ends (erase).
// On any other stderr it only passes messages on. It is safe for
// concurrent use.
type progressLine struct {
	w     io.Writer
	clock func() time.Time // time.Now; tests set it
	start time.Time

	mu    sync.Mutex
	said  map[string]bool // the messages written
	again bool            // a message written before is not written again
	fd    int             // the terminal's file descriptor; -1: draw nothing
	drawn bool            // the line is on the terminal
	last  time.Time       // of the last drawing
}

// newProgressLine returns the progress line of stderr: one that draws
// when stderr is an *os.File on a terminal and quiet is false.
func newProgressLine(stderr io.Writer, quiet bool) *progressLine {
	l := &progressLine{w: stderr, clock: time.Now, start: time.Now(), fd: -1}
	if f, ok := stderr.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		l.fd = int(f.Fd())
	}
	return l
}

// Write erases the line if it is drawn and writes b, a message; after
// sayAgainOnce, a message written before is left out.
func (l *progressLine) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.said == nil {
		l.said = map[string]bool{}
	}
	if l.again && l.said[string(b)] {
		return len(b), nil
	}
	l.said[string(b)] = true
	l.clear()
	return l.w.Write(b)
}

// sayAgainOnce leaves out of the messages to come those written before:
// the review command's second reading of a directory (see review) finds
// again what the first found, and says only what is new.
func (l *progressLine) sayAgainOnce() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.again = true
}

// erase erases the line if it is drawn: the work has ended.
func (l *progressLine) erase() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.clear()
}

// report draws p on the line, once the work has lasted progressDelay and
// at most every redrawEvery, as wide as the terminal at most.
func (l *progressLine) report(p report.Progress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fd < 0 {
		return
	}
	now := l.clock()
	if now.Sub(l.start) < progressDelay || !l.last.IsZero() && now.Sub(l.last) < redrawEvery {
		return
	}
	cols := 80
	if w, _, err := term.GetSize(l.fd); err == nil && w > 0 {
		cols = w
	}
	// One column short of the width: a line that fills the last column
	// wraps on some terminals, and "\r" would then redraw below it.
	l.draw("\r" + fit(progressText(p), cols-1) + "\033[K")
	l.drawn = true
	l.last = now
}

// clear erases the line if it is drawn; l.mu is held.
func (l *progressLine) clear() {
	if l.drawn {
		l.draw(eraseLine)
		l.drawn = false
	}
}

// draw writes s, the line or its erasure; l.mu is held. A terminal that
// refuses it gets no more drawing: the progress line is not worth an
// error, and the messages still say theirs.
func (l *progressLine) draw(s string) {
	if _, err := io.WriteString(l.w, s); err != nil {
		l.fd = -1
		l.drawn = false
	}
}

// progressText is the line of p:
//
//	reading order_lines.csv  45%  167 of 371 MB
//	orders  45%  450,000 of 1,000,000
//	events  1,234,567                      (Total not known)
//	sections  7 of 20
func progressText(p report.Progress) string {
	var b strings.Builder
	if p.Phase == report.PhaseRead {
		b.WriteString("reading " + p.File)
	} else {
		b.WriteString(p.Phase.String())
	}
	if p.Total < 0 {
		b.WriteString("  " + thousands(p.Done))
		if p.Phase == report.PhaseRead {
			b.WriteString(" B")
		}
		return b.String()
	}
	if p.Total > 0 && p.Phase != report.PhaseSections {
		b.WriteString("  " + strconv.FormatInt(min(p.Done, p.Total)*100/p.Total, 10) + "%")
	}
	if p.Phase == report.PhaseRead {
		div, unit := byteUnit(p.Total)
		b.WriteString("  " + thousands(p.Done/div) + " of " + thousands(p.Total/div) + " " + unit)
	} else {
		b.WriteString("  " + thousands(p.Done) + " of " + thousands(p.Total))
	}
	return b.String()
}

// byteUnit returns the SI unit that writes n bytes in four digits or
// fewer (up to MB; GB beyond), and its size in bytes.
func byteUnit(n int64) (int64, string) {
	switch {
	case n < 10_000:
		return 1, "B"
	case n < 10_000_000:
		return 1_000, "kB"
	case n < 10_000_000_000:
		return 1_000_000, "MB"
	}
	return 1_000_000_000, "GB"
}

// thousands writes n with commas between groups of three digits,
// 1,234,567, as the review's English numbers are.
var thousands = render.Formatter{Lang: render.English}.Count

// fit cuts s to at most cols terminal columns, counting East Asian wide
// and fullwidth characters (a file named 订单.csv) as two.
func fit(s string, cols int) string {
	used := 0
	for i, r := range s {
		w := 1
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			w = 2
		}
		if used+w > cols {
			return s[:i]
		}
		used += w
	}
	return s
}
