package storedata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// ErrEventsOnce is wrapped by [Source.Err]'s error when a stream of
// events.csv read with [Options].EventsOnce finds the file other than
// [DirContext] took it to be: a row it rejects, an event earlier than the
// one before it, an event without a session ID in a file with a
// session_id column (or no event at all in it), an event at a time a
// batch cannot hold, or a UTC offset other than the orders'. The stream
// stops there, and the review that read it is not the review of the
// files: read the directory again without EventsOnce, whose first reading
// of events.csv finds and reports what this one met.
var ErrEventsOnce = errors.New("events.csv cannot be read once only (Options.EventsOnce)")

// onceEvents is what [DirContext] took events.csv to be when it did not
// read it ahead (Options.EventsOnce): each stream of the file checks its
// events against it, with a [onceCheck] of its own.
type onceEvents struct {
	// loc is the zone given (Options.Location), whose offset every
	// timestamp must carry at its instant; nil: every timestamp must
	// carry off, the one offset of the orders.
	loc *time.Location
	off int
	// session: the file has a session_id column, so every event must
	// have a session ID, and the file an event.
	session bool
	// stat is the file's size and modification time when Dir read its
	// header: a stream that opens another file, or whose file changes
	// while it reads it, fails (see [onceEvents.unchanged]), as a stream
	// of a file Dir read ahead fails when its row count differs.
	stat fileStat
}

// fileStat is what tells a file's versions apart: its size and
// modification time. A rewrite of the same size within the file
// system's clock tick is not told apart.
type fileStat struct {
	size int64
	mod  time.Time
}

func statOf(f *os.File) (fileStat, error) {
	st, err := f.Stat()
	if err != nil {
		return fileStat{}, err
	}
	return fileStat{size: st.Size(), mod: st.ModTime()}, nil
}

func (s fileStat) String() string {
	return fmt.Sprintf("%d bytes modified at %s", s.size, s.mod.UTC().Format(time.RFC3339Nano))
}

// onceErr returns err, a finding of the stream of f, or, when f is no
// longer the file Dir read the header of, the error that says so: a
// change that brought a bad row is a change, not a file that cannot be
// read once.
func onceErr(o *onceEvents, f *os.File, err error) error {
	if changed := o.unchanged(f); changed != nil {
		return changed
	}
	return err
}

// unchanged returns an error if f, the file of a stream, is not the file
// Dir read the header of: another size or modification time.
func (o *onceEvents) unchanged(f *os.File) error {
	st, err := statOf(f)
	if err != nil {
		return fmt.Errorf("storedata: %w", err)
	}
	if st.size != o.stat.size || !st.mod.Equal(o.stat.mod) {
		return fmt.Errorf("storedata: %s: %s when the directory was read, %s now: the file changed while the review read it", fileEvents, o.stat, st)
	}
	return nil
}

// onceCheck checks the events of one reading of events.csv against what
// Dir took the file to be (see ErrEventsOnce). Its first finding is err;
// the stream stops there.
type onceCheck struct {
	want onceEvents
	// The instant of the last event, in Unix seconds and nanoseconds.
	prevSec, prevNsec int64
	zone              zoneOffsets // of want.loc
	err               error
}

// newOnceCheck returns the check of a reading, before its first event.
func newOnceCheck(want *onceEvents) *onceCheck {
	return &onceCheck{want: *want, prevSec: BatchMinUnix - 1, zone: newZoneOffsets(want.loc)}
}

// fail records the first finding, on line of the file.
func (c *onceCheck) fail(line int, format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf("storedata: %s:%d: %s: %w", fileEvents, line, fmt.Sprintf(format, args...), ErrEventsOnce)
	}
}

// at checks the time of the event on line, the instant sec, nsec written
// with the UTC offset off.
func (c *onceCheck) at(line int, sec, nsec int64, off int) {
	if sec < BatchMinUnix || sec >= BatchMaxUnix {
		c.fail(line, "a time that a batch cannot hold (before 1678 or after 2261)")
	}
	if sec < c.prevSec || sec == c.prevSec && nsec < c.prevNsec {
		c.fail(line, "an event earlier than the one before it")
	}
	c.prevSec, c.prevNsec = sec, nsec
	want := c.want.off
	if c.want.loc != nil {
		want = c.zone.at(sec)
	}
	if off != want {
		c.fail(line, "a UTC offset of %s where the store's zone has %s", formatOffset(off), formatOffset(want))
	}
}

// session checks that the event on line has a session ID, has when the
// file has a session_id column.
func (c *onceCheck) session(line int, has bool) {
	if c.want.session && !has {
		c.fail(line, "an event without a session ID, where the file has a %s column", funnel.PropSession)
	}
}

// end checks a whole reading of rows rows.
func (c *onceCheck) end(rows int64) {
	if c.want.session && rows == 0 {
		c.fail(1, "no event, where the file has a %s column", funnel.PropSession)
	}
}

// rejected records a row the reading rejected, with its error.
func (c *onceCheck) rejected(err error) {
	if c.err == nil {
		c.err = fmt.Errorf("%w: %w", err, ErrEventsOnce)
	}
}

// eventsHeader reads the header of the events file at path as the first
// reading would, under ctx, returning whether it has a session_id
// column, the file's size and modification time, and the header's error, as Dir's reading of the file would
// return it: a failure of the file or ctx's end is no *ParseError but
// the error of the reading, as [scan] returns it. ok is false for an
// absent file.
func eventsHeader(ctx context.Context, path string, opts Options) (ok, session bool, st fileStat, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, false, st, nil
	}
	if err != nil {
		return false, false, st, err
	}
	defer f.Close()
	if st, err = statOf(f); err != nil {
		return true, false, st, fmt.Errorf("storedata: reading %s: %w", opts.File, err)
	}
	r := meter(ctx, f, opts.File, nil)
	t, err := open(r, opts, kindEvents, requiredEventCols, nil)
	if r.err != nil {
		return true, false, st, fmt.Errorf("storedata: reading %s: %w", opts.File, r.err)
	}
	if err != nil {
		return true, false, st, err
	}
	return true, t.c(funnel.PropSession) >= 0, st, nil
}

// checkOnce reads the events file f, the stream's, whole from its start,
// as Dir's reading ahead does (see [eventScan]), and returns an error
// wrapping ErrEventsOnce
// when it is not as opts.once takes it, or the error of the reading
// (ctx's end among them). A stream of the file read with EventsOnce
// calls it when its caller stops it before the end: the stream checked
// only the events it read, and the rest of the file could make the
// events it yielded, and the Source, other than without EventsOnce (an
// event out of time order makes the stream sort every event first; one
// without a session ID makes Source.Sessions the gap rule). opts are the
// stream's: their Location is the store's zone, the one given or the
// fixed zone of the orders' offset.
func checkOnce(ctx context.Context, f *os.File, opts Options) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("storedata: reading %s: %w", opts.File, err)
	}
	r := meter(ctx, f, opts.File, nil)
	want := opts.once
	offs := &offsets{loc: opts.Location}
	opts.obs, opts.once = &observer{offsets: offs}, nil
	ev := newEventScan()
	for _, err := range ev.read(r, opts) {
		if r.err != nil {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: %w", err, ErrEventsOnce)
		}
	}
	if err := r.finish(); err != nil {
		return fmt.Errorf("storedata: reading %s: %w", opts.File, err)
	}
	c := &onceCheck{want: *want}
	switch {
	case ev.unsorted > 0:
		c.fail(ev.unsorted, "an event earlier than the one before it")
	case offs.nMismatch > 0:
		c.fail(offs.mismatch.line, "a UTC offset of %s where the store's zone has %s", formatOffset(offs.mismatch.off), formatOffset(offs.locMismatch))
	case ev.unbatched > 0:
		c.fail(1, "%d events at times that a batch cannot hold (before 1678 or after 2261)", ev.unbatched)
	case want.session && ev.noSession: // the stream yielded an event: the file has one
		c.fail(1, "events without a session ID, where the file has a %s column", funnel.PropSession)
	}
	return c.err
}
