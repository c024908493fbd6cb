package storedata

import (
	"io"
	"iter"
	"math"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// eventScan is Dir's first reading of events.csv: it counts the events,
// checks their time order, notes whether every event has a session, and
// counts the events a batch cannot hold, as ranging over ReadEvents would,
// without building the events. The rows go through ReadEvents' own code:
// the file is opened with [open], and a row that the short way below does
// not take is read by [table.take], [table.checkText] and [eventRow], the
// exact path of ReadEvents, whose errors it yields. The short way takes a
// line that [cutLine] cuts into the header's cells with no quote or
// control character and valid UTF-8 (so every cell passes checkText),
// whose user and name cells are not empty (the exact path's
// table.required rejects only an empty cell: unguard never empties one)
// and whose time [table.fastUnix] reads; it looks at no other cell but
// the session's (funnel.PropSession), whose text counts only for being
// empty or not. fastUnix reads a time from the date and offset it
// remembers, and the zone given (Options.Location) is looked up once for
// a run of rows at one instant. TestEventScan, TestEventScanRapid and
// FuzzEventScan compare it with ranging over ReadEvents through scan.
//
// The rows' UTC offsets go to the observer's offsets (opts.obs) as
// ReadEvents' do, and its rows and line as well.
type eventScan struct {
	events    int64 // the events read
	unbatched int64 // of them, those a batch cannot hold (batchNanos)
	unsorted  int   // the line of the first event earlier than the one before it, or 0
	noSession bool  // some event has no session
	// The instant of the last event, in Unix seconds and nanoseconds.
	prevSec, prevNsec int64
}

// newEventScan returns an eventScan before the first event.
func newEventScan() *eventScan {
	// The zero time.Time that the loop over ReadEvents started from is
	// before every time it reads (years 1000–9999).
	return &eventScan{prevSec: math.MinInt64}
}

// add counts an event at the instant sec, nsec on line.
func (v *eventScan) add(sec, nsec int64, session bool, line int) {
	v.events++
	if v.unsorted == 0 && (sec < v.prevSec || sec == v.prevSec && nsec < v.prevNsec) {
		v.unsorted = line
	}
	v.prevSec, v.prevNsec = sec, nsec
	v.noSession = v.noSession || !session
	if sec < BatchMinUnix || sec >= BatchMaxUnix {
		v.unbatched++
	}
}

// read is the reader that [scan] ranges over: it counts the events into
// v and yields the errors of the rows it rejects, as ReadEvents yields
// them, and no value.
func (v *eventScan) read(r io.Reader, opts Options) iter.Seq2[struct{}, error] {
	return func(yield func(struct{}, error) bool) {
		var none struct{}
		t, err := open(r, opts, kindEvents, requiredEventCols, nil)
		if err != nil {
			yield(none, err)
			return
		}
		var props slab[funnel.Prop]
		exact := eventRow(opts, &props)
		var f *eventFast
		if !opts.exact && t.enc == encUTF8 {
			f = newEventFast(t, v)
		}
		for !t.done {
			var err error
			if f != nil {
				line, errRead := f.rows()
				if errRead == io.EOF {
					break
				}
				err = t.take(line, errRead)
			} else if err = t.next(); err == io.EOF {
				break
			}
			// ReadEvents' exact path (rowsFast without dups).
			if err == nil {
				t.prevLine = t.line
				if err = t.checkText(); err == nil {
					var e funnel.Event
					var ok bool
					if e, ok, err = exact(t); err == nil && ok {
						v.add(e.Time.Unix(), int64(e.Time.Nanosecond()), e.Prop(funnel.PropSession) != "", t.line)
					}
					props.reuse()
				}
			}
			if err != nil {
				if !yield(none, t.row(err)) || opts.Strict {
					return
				}
			}
		}
	}
}

// eventFast is the short way of eventScan (see there) for a file in
// UTF-8.
type eventFast struct {
	t    *table
	v    *eventScan
	ends []int32 // the cells' ends of the current line
	// The columns read.
	user, when, name, session int
	offsets                   *offsets     // the observer's, or nil
	zone                      *zoneOffsets // of the zone given, or nil
	file                      string
}

// newEventFast returns the short way of the open table t, counting into
// v: the columns are found by name, as the exact path finds them, so any
// order of them takes it (ReadEvents' fast path wants user_id, time and
// name first; the outcome is the same).
func newEventFast(t *table, v *eventScan) *eventFast {
	f := &eventFast{t: t, v: v, ends: make([]int32, len(t.names)), file: t.opts.file(),
		user: t.c("user_id"), when: t.c("time"), name: t.c("name"), session: t.c(funnel.PropSession)}
	if ob := t.opts.obs; ob != nil && ob.offsets != nil {
		f.offsets = ob.offsets
		if loc := ob.offsets.loc; loc != nil {
			z := newZoneOffsets(loc)
			f.zone = &z
		}
	}
	return f
}

// cell returns cell i of the line s cut at ends.
func cell(s string, ends []int32, i int) string {
	from := int32(0)
	if i > 0 {
		from = ends[i-1] + 1
	}
	return s[from:ends[i]]
}

// rows reads rows by the short way until one that the exact path must
// read, which it returns as records.nextLine returns it (a \r\n made a
// \n), with the error that came with it; io.EOF at the end. The lines
// are taken and cut as records.nextCut takes and cuts them.
//
// The short way reads the content of a line that [cutLine] cuts into the
// header's cells without a quote or control character, as valid UTF-8,
// when its user and name are not empty and [table.fastUnix] reads its
// time; it leaves every other row, having recorded nothing, to the exact
// path.
func (f *eventFast) rows() ([]byte, error) {
	t, cr, v, ends, offs := f.t, f.t.cr, f.v, f.ends, f.offsets
	user, when, name, session := f.user, f.when, f.name, f.session
	for {
		var l, line []byte // the line's content, and the line
		crlf := false
		nl, hiFrom, hiTo, ok := -1, 0, 0, false
		b := cr.in[cr.at:cr.end]
		if len(b) > 0 {
			nl, hiFrom, hiTo, ok = cutLine(b, ends)
		}
		if nl >= 0 {
			// A whole line in the buffer.
			cr.at += nl + 1
			cr.lines++
			crlf = nl > 0 && b[nl-1] == '\r'
			if nl == 0 || nl == 1 && crlf {
				continue // an empty line
			}
			cr.start = cr.lines
			line = b[:nl+1]
			l = b[:nl]
			if crlf {
				l = b[:nl-1]
			}
		} else {
			// No whole line ahead in the buffer: the line as nextLine
			// reads it, cut on its own.
			var err error
			if line, err = cr.nextLine(); err != nil || len(line) > 1<<30 {
				return line, err
			}
			nl, hiFrom, hiTo, ok = cutLine(line, ends)
			// nextLine made a \r\n its \n: a \r still before it is the
			// last cell's.
			ok = ok && nl == len(line)-1 && (nl == 0 || line[nl-1] != '\r')
			l = line[:max(nl, 0)]
		}
		if ok && len(l) > 0 && (hiFrom >= hiTo || utf8Text(l[hiFrom:hiTo])) {
			s := unsafe.String(&l[0], len(l))
			if cell(s, ends, user) != "" && cell(s, ends, name) != "" {
				if sec, nsec, off, ok := t.fastUnix(cell(s, ends, when)); ok {
					// The row is read: from here on, as ReadEvents'
					// fast path.
					t.enter()
					if offs != nil {
						offs.addAt(f.zone, f.file, t.line, sec, off)
					}
					v.add(sec, nsec, session >= 0 && cell(s, ends, session) != "", t.line)
					continue
				}
			}
		}
		if crlf {
			line[nl-1] = '\n'
			line = line[:nl]
		}
		return line, nil
	}
}
