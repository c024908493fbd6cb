package storedata

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"iter"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/prefetch"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// ReadEventBatches reads the events file as [ReadEvents] does, into
// batches of events held as columns ([funnel.Events]) of up to
// [Options].BatchSize events: the fast path of the funnel and of the
// review. The batches of one reading share their dictionaries (UserIDs,
// Names, PropKeys, PropValues), so that a user has the same number in
// every batch, and their Location is the store's zone
// ([Options].Location, UTC if nil). The property values are shared until
// their dictionary holds 2^20 strings; the next batch then starts a new
// one: values such as session IDs, new with every session, would
// otherwise keep every session of the file in memory. An analysis that
// remembers values by number keeps a map per PropValues dictionary (see
// metrics.Remap).
//
// The events of the batches, in order, are the events ReadEvents yields,
// and the errors are its errors, at the same places: a batch is yielded
// when it is full, and before each error. Row i of a batch gives back, by
// Events.Event(i), the event ReadEvents yields, but for the time's
// location (Location, the same instant). One more kind of row is
// rejected: an event at a time that ReadEvents reads but a batch cannot
// hold (before 1678 or after 2261) is a *[ParseError] of its time cell
// wrapping [ErrBatchRange].
//
// The common line (the writer's columns, no quotes, the usual form of
// times) is read straight into the columns: the user ID's bytes are
// looked up in the dictionary without a string being made, and the
// numbers of the property cells are remembered by their bytes, which
// repeat from event to event of a session.
//
// With [Options].PropsWithin, the events outside all of its periods are
// in the batches without their properties.
//
// With [Options].ReuseSlices the reader yields the same batch each time,
// emptied and refilled: a yielded batch is valid until the next one is
// yielded. By default each batch is a new one.
func ReadEventBatches(r io.Reader, opts Options) iter.Seq2[*funnel.Events, error] {
	return func(yield func(*funnel.Events, error) bool) {
		eb := &eventBatches{opts: opts, size: opts.batchSize(), yield: yield, fileSize: sizeHint(r), within: spansOf(opts.PropsWithin)}
		eb.dicts.Init()
		eb.users.d, eb.values.d = eb.dicts.UserIDs, eb.dicts.PropValues
		var slab slab[funnel.Prop]
		exact := eventRow(opts, &slab)
		read := func(t *table) (bool, bool, error) {
			e, ok, err := exact(t)
			defer slab.reuse()
			if err != nil || !ok {
				return false, ok, err
			}
			ns, ok := batchNanos(e.Time)
			if !ok {
				col := t.c("time")
				return false, false, t.fail(col, fmt.Errorf("%w: %s", ErrBatchRange, e.Time.Format(time.RFC3339Nano)))
			}
			eb.add(&e, ns)
			return true, true, nil
		}
		rowsFast(r, opts, kindEvents, requiredEventCols, nil, false, eb.fast, read, eb.row)
		if !eb.stopped {
			eb.flush()
		}
	}
}

// eventBatches is the state of ReadEventBatches: the batch being filled,
// and the caches of the fast path.
type eventBatches struct {
	opts            Options
	size            int
	yield           func(*funnel.Events, error) bool
	b               *funnel.Events // being filled; nil for none yet
	spare           *funnel.Events // with ReuseSlices, the batch to fill again
	dicts           funnel.Events  // only its dictionaries, which every batch shares
	stopped         bool           // yield returned false
	last, lastProps int            // the events and properties of the batch yielded last
	fileSize        int64          // the size of the file, 0 if not known

	users   numCache            // the numbers of user IDs
	values  numCache            // of property values
	names   [64]numEntry        // of event names, by their cell
	props   *[1 << 12]propEntry // the numbers of property cells, by their span
	kv      []int32             // the block that propEntry.kv are cut from
	spans   []byte              // the block that propEntry.span are copied to
	keys    []int32             // the number + 1 of the key of each column, once looked up; 0: not yet
	touched int                 // the cut of lines ahead whose users touch loaded (cutAhead.seq)
	// userNum and userSlot are, for each line of the cut that touch
	// saw, the number + 1 of its user if eb.users told it then (else
	// 0), and its user's slot in eb.users: the fast path reads the
	// number, or looks the user up by its slot, without hashing it
	// again.
	userNum  [cutLines]int32
	userSlot [cutLines]uint32
	sink     uint32 // what prefetch.Lines loaded, so that its loads are not dropped

	within nsSpans // Options.PropsWithin: the events read whole; nil for all
	// bare: the last event of the fast path was read without its
	// properties (outside within), so that touch does not load the
	// values of the lines ahead, likely outside too in a file in time
	// order.
	bare bool
}

type numEntry struct {
	s string
	n int32
}

// propEntry remembers the property cells of a row: span, the bytes of
// every property cell with the commas between them, and kv, the numbers
// of each non-empty cell's key and value.
type propEntry struct {
	span string
	kv   []int32
}

// row is the yield of rowsFast: v is true for an event added to the
// batch.
func (eb *eventBatches) row(_ bool, err error) bool {
	if err != nil {
		if !eb.flush() {
			return false
		}
		if !eb.yield(nil, err) {
			eb.stopped = true
			return false
		}
		return true
	}
	if b := eb.b; b.Len() >= eb.size || len(b.PropKey) >= 1<<30 {
		return eb.flush()
	}
	return true
}

// flush yields the batch, if it holds an event. It returns false to stop.
func (eb *eventBatches) flush() bool {
	b := eb.b
	if b == nil || b.Len() == 0 {
		return true
	}
	eb.b, eb.last, eb.lastProps = nil, b.Len(), len(b.PropKey)
	if eb.opts.ReuseSlices {
		eb.spare = b
	}
	if !eb.yield(b, nil) {
		eb.stopped = true
		return false
	}
	return true
}

// batch returns the batch to fill.
func (eb *eventBatches) batch() *funnel.Events {
	if eb.b != nil {
		return eb.b
	}
	if eb.dicts.PropValues.Len() >= eb.maxValues() {
		// A new dictionary of values; the caches hold the old one's numbers.
		eb.dicts.PropValues = renewedValues(eb.maxValues())
		eb.values = numCache{d: eb.dicts.PropValues}
		eb.props = nil
	}
	if b := eb.spare; b != nil {
		b.Reset()
		b.PropValues = eb.dicts.PropValues
		b.Init()
		eb.b = b
		return b
	}
	d := &eb.dicts
	b := &funnel.Events{UserIDs: d.UserIDs, Names: d.Names, PropKeys: d.PropKeys, PropValues: d.PropValues, Location: eb.opts.loc()}
	// Room for as many events and properties as the last batch had.
	n := min(max(eb.last, 256), eb.size)
	b.User, b.Time, b.Name = make([]int32, 0, n), make([]int64, 0, n), make([]int32, 0, n)
	b.PropKey, b.PropValue = make([]int32, 0, eb.lastProps), make([]int32, 0, eb.lastProps)
	b.PropStart = make([]int32, 0, n+1)
	b.Init()
	eb.b = b
	return b
}

// renewedValues returns the dictionary of property values that replaces
// one that holds n, the most a reading shares. The old one filled up, so
// the new one is likely to: it is made whole at once, not grown by
// doubling, each doubling moving every string to a new table (on 40M
// events of 11.9M sessions, a dozen dictionaries of 2^20 values each).
func renewedValues(n int) *metrics.Dict {
	d := new(metrics.Dict)
	d.Grow(n)
	return d
}

// maxValues is the number of property values after which the reading
// starts a new PropValues dictionary: funnel.MaxSharedValues, or a test's.
func (eb *eventBatches) maxValues() int {
	if eb.opts.values > 0 {
		return eb.opts.values
	}
	return funnel.MaxSharedValues
}

// add adds e, at ns, read by the exact path.
func (eb *eventBatches) add(e *funnel.Event, ns int64) {
	b := eb.batch()
	b.User = append(b.User, b.UserIDs.Index(e.UserID))
	b.Time = append(b.Time, ns)
	b.Name = append(b.Name, b.Names.Index(e.Name))
	if !eb.within.Whole(ns) {
		b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
		return
	}
	for _, p := range e.Props {
		b.PropKey = append(b.PropKey, b.PropKeys.Index(p.Key))
		b.PropValue = append(b.PropValue, b.PropValues.Index(p.Value))
	}
	b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
}

// fast returns the fast path of ReadEventBatches, for the lines that
// [fastEvents] reads, less those at a time a batch does not hold: it
// reads them into the batch.
func (eb *eventBatches) fast(t *table) fastRow[bool] {
	if t.enc != encUTF8 || len(t.names) < 3 || t.names[0] != "user_id" || t.names[1] != "time" || t.names[2] != "name" {
		return nil
	}
	t.cr.cut.setWidth(len(t.names))
	eb.last, eb.lastProps = eventsFirstBatch(eb.size, eb.fileSize, t.cr.ahead(), len(t.names)-3)
	session := t.c(funnel.PropSession)
	return func(l []byte, cut *lineCut, ends []int32) (bool, bool) {
		if len(l) == 0 || len(l) > 1<<30 || cut == nil {
			return false, false
		}
		hiFrom, hiTo, ok := int(cut.hiFrom), int(cut.hiTo), cut.ok
		if !ok || hiFrom < hiTo && !utf8Text(l[hiFrom:hiTo]) {
			return false, false
		}
		c := &t.cr.cut
		if c.seq != eb.touched {
			eb.touch(t)
		}
		s := unsafe.String(&l[0], len(l))
		user, when, name := s[:ends[0]], s[ends[0]+1:ends[1]], s[ends[1]+1:ends[2]]
		if user == "" || name == "" || user[0] == '\'' || name[0] == '\'' {
			return false, false
		}
		if guardedProps(s, ends) {
			return false, false
		}
		sec, nsec, off, ok := t.fastUnix(when)
		if !ok {
			return false, false
		}
		ns, ok := secNanos(sec, int(nsec))
		if !ok {
			return false, false
		}
		// The row is read: from here on, as the exact path does.
		t.enter()
		if ob := t.opts.obs; ob != nil {
			if ob.offsets != nil {
				ob.offsets.add(t.opts.file(), t.line, time.Unix(sec, nsec).In(t.fixedZone(off)))
			}
			if c := ob.once; c != nil { // observer.offset and session, from the parts of the time
				c.at(t.line, sec, nsec, off)
				c.session(t.line, session >= 0 && cell(s, ends, session) != "")
			}
		}
		b := eb.batch()
		b.User = append(b.User, eb.user(c, cut, l[:ends[0]]))
		b.Time = append(b.Time, ns)
		b.Name = append(b.Name, eb.name(t, name))
		eb.bare = !eb.within.Whole(ns)
		if base := ends[2] + 1; !eb.bare && len(ends) > 3 && int(ends[len(ends)-1]-base) > len(ends)-4 {
			kv := eb.propNums(t, s[base:], ends, base)
			for j := 0; j < len(kv); j += 2 {
				b.PropKey = append(b.PropKey, kv[j])
				b.PropValue = append(b.PropValue, kv[j+1])
			}
		}
		b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
		return true, true
	}
}

// touch loads the slots of the dictionaries where the lines cut ahead
// find their users, and the values of their property cells when the
// cells are not in eb.props (a session's first event: its new session
// ID), so that the cache misses of the lookups that eb.users and
// eb.values do not answer overlap (see metrics.Dict.Touch). A user or a
// value that eb.users or eb.values holds (the user of a session going
// on, the event's source and device), or the same as the line before's,
// is not touched: its lookup reads the small cache, not the
// dictionary, and loading the dictionary's memory for it was a hash and
// two waits for memory for nothing (on issue 19's 40M events, most of
// Touch's 4.2 s). touch keeps what it found of each line's user
// (eb.userNum, eb.userSlot), so that the fast path does not hash the
// user again; it loads the users' slots of eb.users all at once before
// it reads them.
func (eb *eventBatches) touch(t *table) {
	c := &t.cr.cut
	eb.touched = c.seq
	var users, values [cutLines][]byte
	n, m := 0, 0
	// The users' slots in eb.users, loaded all at once before they are
	// read: the cache, 128 KiB, is mostly out of the processor's nearest
	// caches.
	var ps [cutLines]unsafe.Pointer
	slots := eb.users.table()
	for j := range c.lines[:c.n] {
		l := &c.lines[j]
		eb.userNum[j] = 0
		if !l.ok {
			continue // its ends are not told
		}
		if u := t.cr.in[l.start : l.start+c.ends[j*c.width]]; len(u) > 0 {
			k := eb.users.slot(u)
			eb.userSlot[j], ps[n] = k, unsafe.Pointer(&slots[k])
			n++
		}
	}
	eb.sink += prefetch.Lines(ps[:n])
	n = 0
	var lastUser []byte
	lastJ := -1
	for j := range c.lines[:c.n] {
		l := &c.lines[j]
		if !l.ok {
			continue
		}
		line, ends := t.cr.in[l.start:l.next], c.ends[j*c.width:(j+1)*c.width]
		if u := line[:ends[0]]; len(u) == 0 {
			// Not the fast path's: its user is empty.
		} else if lastJ >= 0 && eb.userSlot[j] == eb.userSlot[lastJ] && string(u) == string(lastUser) {
			// The slots first: most lines are another user's than the
			// line before's, and of the same length (a comparison of
			// the bytes, a call, for nothing).
			eb.userNum[j] = eb.userNum[lastJ]
		} else {
			lastUser, lastJ = u, j
			num, held := eb.users.peek(eb.userSlot[j], u)
			eb.userNum[j] = num
			if !held {
				users[n] = u
				n++
			}
		}
		if len(ends) < 4 || eb.props == nil || eb.bare || m+len(ends)-3 > len(values) {
			continue
		}
		span := line[ends[2]+1 : ends[len(ends)-1]]
		if len(span) == 0 {
			continue
		}
		if e := &eb.props[cacheSlot(unsafe.String(&span[0], len(span)))&(1<<12-1)]; e.span == string(span) {
			continue
		}
		for i := 3; i < len(ends); i++ {
			if v := line[ends[i-1]+1 : ends[i]]; len(v) > 0 && !eb.values.holds(v) {
				values[m] = v
				m++
			}
		}
	}
	eb.dicts.UserIDs.Touch(users[:n])
	eb.dicts.PropValues.Touch(values[:m])
}

// user returns the number of the user u of the line that the cut c gave
// last, cut: by what touch found, if it saw the line.
func (eb *eventBatches) user(c *cutAhead, cut *lineCut, u []byte) int32 {
	if j := c.i - 1; j >= 0 && j < c.n && cut == &c.lines[j] && len(u) > 0 {
		if n := eb.userNum[j]; n != 0 {
			return n - 1
		}
		return eb.users.indexAt(eb.userSlot[j], u)
	}
	return eb.users.index(u)
}

// name returns the number of the event name of the cell s, renamed by
// the mapping.
func (eb *eventBatches) name(t *table, s string) int32 {
	e := &eb.names[cacheSlot(s)&(uint64(len(eb.names))-1)]
	if len(e.s) == len(s) && sameShort(e.s, s) {
		return e.n
	}
	name := t.keep(s)
	e.s = name
	if m := t.opts.Mapping; m != nil {
		if step, ok := m.Events[name]; ok {
			name = step
		}
	}
	e.n = eb.dicts.Names.Index(name)
	return e.n
}

// sameShort reports whether a and b, of the same length, are equal: of
// 8 to 16 bytes, an event's name, by two words each, inlined, where a
// comparison of strings calls the runtime.
func sameShort(a, b string) bool {
	n := len(a)
	if n < 8 || n > 16 || len(b) != n {
		return a == b
	}
	x, y := unsafe.Slice(unsafe.StringData(a), n), unsafe.Slice(unsafe.StringData(b), n)
	le := binary.LittleEndian
	return le.Uint64(x) == le.Uint64(y) && le.Uint64(x[n-8:]) == le.Uint64(y[n-8:])
}

// propNums returns the numbers of the keys and values of the non-empty
// property cells of a row, span, the row's bytes from its fourth cell on
// (at base in the row), whose cells end at ends.
func (eb *eventBatches) propNums(t *table, span string, ends []int32, base int32) []int32 {
	if eb.props == nil {
		eb.props = new([1 << 12]propEntry)
	}
	e := &eb.props[cacheSlot(span)&(1<<12-1)]
	if len(e.span) == len(span) && e.span == span {
		return e.kv
	}
	n := 0
	for i := 3; i < len(ends); i++ {
		if ends[i] > ends[i-1]+1 {
			n += 2
		}
	}
	if cap(eb.kv)-len(eb.kv) < n || cap(eb.spans)-len(eb.spans) < len(span) {
		// Blocks filled again from their start, and an empty cache:
		// its entries would each keep the block they were cut from (on
		// 40M events, the old blocks that a few entries kept held 140
		// MB). No entry is left to read the old spans and numbers, and
		// the callers copy the numbers propNums returns at once, so
		// the blocks are refilled, not made again: new blocks, 2 MB
		// each time, were cleared by the allocator and faulted in page
		// by page, and made the collector run.
		eb.kv, eb.spans = eb.kv[:0], eb.spans[:0]
		if cap(eb.kv) < n {
			eb.kv = make([]int32, 0, max(propBlock/4, n))
		}
		if cap(eb.spans) < len(span) {
			eb.spans = make([]byte, 0, max(propBlock, len(span)))
		}
		clear(eb.props[:])
		e = &eb.props[cacheSlot(span)&(1<<12-1)]
	}
	kv := eb.kv[len(eb.kv) : len(eb.kv)+n : len(eb.kv)+n]
	eb.kv = eb.kv[:len(eb.kv)+n]
	j := 0
	for i := 3; i < len(ends); i++ {
		if v := span[ends[i-1]+1-base : ends[i]-base]; v != "" {
			kv[j] = eb.key(t, i)
			kv[j+1] = eb.values.index(unsafe.Slice(unsafe.StringData(v), len(v)))
			j += 2
		}
	}
	k := len(eb.spans)
	eb.spans = append(eb.spans, span...)
	e.span, e.kv = unsafe.String(&eb.spans[k], len(span)), kv
	return kv
}

// propBlock is the size in bytes of the blocks of the properties' cache
// (eventBatches.props): its spans, and a quarter as many numbers of
// their cells. A pair of blocks holds the entries of some 25,000 spans
// of five properties, six times the cache's slots, so that the cache is
// emptied about once in 25,000 misses.
const propBlock = 1 << 20

// key returns the number of the property key of column i, the column's
// name: looked up once a reading, when its first value is read, so that
// the keys are numbered in the order the rows give them.
func (eb *eventBatches) key(t *table, i int) int32 {
	if len(eb.keys) < len(t.names) {
		eb.keys = make([]int32, len(t.names))
	}
	if k := eb.keys[i]; k > 0 {
		return k - 1
	}
	k := eb.dicts.PropKeys.Index(t.names[i])
	eb.keys[i] = k + 1
	return k
}

// eventsFirstBatch returns the room to make in the first batch of a
// reading, in events and properties, for a file of fileSize bytes (0 if
// not known) whose first bytes are buf, with props property columns: as
// many events as the file holds, estimated from the lines of buf, up to
// size, each with as many properties as the lines of buf have on average
// (their non-empty cells past the first three, at most props), so that
// the columns of a batch as large as the file allows are not grown again
// and again, and a wide file of mostly empty columns is not given room
// for every column. With no size, or no whole line in buf, it returns 0,
// 0: the batch starts small.
func eventsFirstBatch(size int, fileSize int64, buf []byte, props int) (events, propsN int) {
	end := bytes.LastIndexByte(buf, '\n') + 1
	if fileSize <= 0 || end == 0 {
		return 0, 0
	}
	var lines, cells int64
	for line := range bytes.Lines(buf[:end]) {
		lines++
		n := int64(0)
		for cell := range bytes.SplitSeq(bytes.TrimRight(line, "\r\n"), []byte{','}) {
			if len(cell) > 0 {
				n++
			}
		}
		cells += min(max(n-3, 0), int64(max(props, 0)))
	}
	perLine := max(int64(end)/lines, 1)
	events = int(min(fileSize/perLine+1, int64(size)))
	perEvent := (cells + lines - 1) / lines // rounded up
	return events, int(min(int64(events)*perEvent, 1<<30))
}
