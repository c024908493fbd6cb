package postgres

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math"
	"time"
	"unsafe"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/spans"
)

// ReadEventBatches reads the events as [ReadEvents] does, into batches of
// events held as columns ([funnel.Events]) of up to [Options].BatchSize
// events. The batches of one reading share their dictionaries (UserIDs,
// Names, PropKeys, PropValues), so that a user has the same number in
// every batch, and their Location is opts.Location (UTC if nil). The
// property values are shared until their dictionary holds 2^20 strings;
// the next batch then starts a new one, so that session IDs, new with
// every session, do not pile up.
//
// The events of the batches, in order, are the events ReadEvents yields,
// and the errors are its errors, at the same places: a batch is yielded
// when it is full, and before each error. Row i of a batch gives back, by
// Events.Event(i), the event ReadEvents yields, but for the time's
// location. One more kind of row is rejected: an event at a time that
// ReadEvents reads but a batch cannot hold (before 1678 or after 2261) is
// a *storedata.ParseError of its time cell wrapping
// storedata.ErrBatchRange.
//
// Through the pgx driver (database/sql's "pgx"), with the columns of
// [Schema] (text, timestamptz, an integer event_no), the rows are read
// in PostgreSQL's binary format straight into the columns: a user ID,
// name or property is looked up in the dictionary by its bytes, and a
// time is the server's microseconds, so that an event without props
// makes no string. A row with props, or one the straight path does not
// take (a bad row), is read as ReadEvents reads it. Another driver, or
// columns of other types (in a view), are read through ReadEvents.
//
// With [Options].ReuseSlices the reader yields the same batch each time,
// emptied and refilled: a yielded batch is valid until the next one is
// yielded. By default each batch is a new one.
func ReadEventBatches(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[*funnel.Events, error] {
	return readEventBatches(ctx, db, opts, nil)
}

// batchPaths counts the rows each path of a batch reader took, for tests.
type batchPaths struct {
	raw, exact int // rows read straight into the columns, and as the row reader reads them
	fallback   bool
}

func readEventBatches(ctx context.Context, db *sql.DB, opts Options, paths *batchPaths) iter.Seq2[*funnel.Events, error] {
	if paths == nil {
		paths = new(batchPaths)
	}
	return func(yield func(*funnel.Events, error) bool) {
		eb := &eventBatches{opts: opts, yield: yield, paths: paths, within: spans.Of(opts.PropsWithin, storedata.BatchMinUnix, storedata.BatchMaxUnix)}
		eb.dicts.Init()
		eb.keys = [3]int32{-1, -1, -1}
		if !eb.readRaw(ctx, db) {
			paths.fallback = true
			line := 0 // ReadEvents yields an event or an error per row
			for e, err := range ReadEvents(ctx, db, opts) {
				line++
				if err != nil {
					if !eb.fail(err) {
						return
					}
					continue
				}
				if !eb.addEvent(e, nil, line) {
					return
				}
			}
		}
		if !eb.stopped {
			eb.flush()
		}
	}
}

// eventBatches is the state of ReadEventBatches.
type eventBatches struct {
	opts    Options
	yield   func(*funnel.Events, error) bool
	b       *funnel.Events // being filled; nil for none yet
	spare   *funnel.Events // with ReuseSlices, the batch to fill again
	dicts   funnel.Events  // only its dictionaries, which every batch shares
	stopped bool           // yield returned false, or strict mode stopped
	keys    [3]int32       // the numbers of the keys session_id, source, device; -1 until met
	last    int            // the events of the batch yielded last
	paths   *batchPaths
	kv      []span    // the properties of the row being read: key, value, key, …
	within  spans.Set // Options.PropsWithin: the events read whole; nil for all
}

// span is a property's key or value in a row being read: bytes from to to
// of props, or, for a key, -1-i for the i-th of the three columns (whose
// value span has from the column's index).
type span struct {
	key      int
	from, to int
}

// batch returns the batch to fill.
func (eb *eventBatches) batch() *funnel.Events {
	if eb.b != nil {
		return eb.b
	}
	if eb.dicts.PropValues.Len() >= funnel.MaxSharedValues {
		// A new dictionary of property values, as storedata's reader
		// starts one: session IDs would otherwise pile up.
		eb.dicts.PropValues = new(metrics.Dict)
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
	n := min(max(eb.last, 256), eb.opts.batchSize())
	b.User, b.Time, b.Name = make([]int32, 0, n), make([]int64, 0, n), make([]int32, 0, n)
	b.PropStart = make([]int32, 0, n+1)
	b.Init()
	eb.b = b
	return b
}

// flush yields the batch, if it holds an event. It returns false to stop.
func (eb *eventBatches) flush() bool {
	b := eb.b
	if b == nil || b.Len() == 0 {
		return true
	}
	eb.b, eb.last = nil, b.Len()
	if eb.opts.ReuseSlices {
		eb.spare = b
	}
	if !eb.yield(b, nil) {
		eb.stopped = true
		return false
	}
	return true
}

// full yields the batch if it is full. It returns false to stop.
func (eb *eventBatches) full() bool {
	if b := eb.b; b != nil && (b.Len() >= eb.opts.batchSize() || len(b.PropKey) >= 1<<30) {
		return eb.flush()
	}
	return true
}

// fail yields the batch and then err, which ends reading in strict mode
// or for an error that is not a bad row. It returns false to stop.
func (eb *eventBatches) fail(err error) bool {
	if !eb.flush() {
		return false
	}
	var pe *storedata.ParseError
	if !eb.yield(nil, err) || eb.opts.Strict || !errors.As(err, &pe) {
		eb.stopped = true
		return false
	}
	return true
}

// addEvent adds e, read as ReadEvents reads it, or reports a time a batch
// cannot hold as an error of the time cell of e's row, r when given, or
// the table's row line otherwise. It returns false to stop.
func (eb *eventBatches) addEvent(e funnel.Event, r *row, line int) bool {
	if !e.Time.IsZero() {
		sec := e.Time.Unix()
		if sec < storedata.BatchMinUnix || sec >= storedata.BatchMaxUnix {
			err := fmt.Errorf("%w: %s", storedata.ErrBatchRange, e.Time.Format(time.RFC3339Nano))
			if r != nil {
				return eb.fail(r.fail(2, err))
			}
			c := eventCols[2]
			return eb.fail(&storedata.ParseError{File: c.table, Line: line, Column: c.pos, Name: c.name, Rows: 1, Err: fmt.Errorf("event of user %q: %w", e.UserID, err)})
		}
	}
	if !e.Time.IsZero() && !eb.within.Whole(e.Time.UnixNano()) {
		e.Props = nil // checked, then left out (Options.PropsWithin)
	}
	b := eb.batch()
	if err := b.Append(e); err != nil { // not for a time checked above
		return eb.fail(fmt.Errorf("postgres: reading events: %w", err))
	}
	return eb.full()
}

// The instants a batch holds (storedata.BatchMinUnix to BatchMaxUnix) in
// PostgreSQL's binary timestamptz: microseconds since 2000-01-01 UTC.
const (
	pgEpochSec = 946684800 // 2000-01-01T00:00:00Z
	batchMinUs = (storedata.BatchMinUnix - pgEpochSec) * 1e6
	batchMaxUs = (storedata.BatchMaxUnix - pgEpochSec) * 1e6
)

// readRaw reads the events through the pgx connection under db's
// database/sql connection, in binary format. It returns false, having
// read nothing, when the driver is not pgx or the columns are not of the
// types it reads; then ReadEvents must read them.
func (eb *eventBatches) readRaw(ctx context.Context, db *sql.DB) (handled bool) {
	q := "SELECT " + selectList("", eventCols) + " FROM " + eb.opts.table("events") + " ORDER BY user_id, time, event_no"
	conn, err := db.Conn(ctx)
	if err != nil {
		eb.fail(fmt.Errorf("postgres: reading events: %w", err))
		return true
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return nil
		}
		pc := sc.Conn()
		sd, err := pc.PgConn().Prepare(ctx, "", q, nil) // unnamed: a description of the query

		if err != nil {
			handled = true
			eb.fail(fmt.Errorf("postgres: reading events: %w", err))
			return nil
		}
		if !rawEventTypes(sd.Fields) {
			return nil
		}
		handled = true
		rows, err := pc.Query(ctx, q, pgx.QueryResultFormats{pgx.BinaryFormatCode})
		if err != nil {
			eb.fail(fmt.Errorf("postgres: reading events: %w", err))
			return nil
		}
		defer rows.Close()
		fds := rows.FieldDescriptions()
		for _, fd := range fds {
			if fd.Format != pgx.BinaryFormatCode {
				rows.Close()
				eb.fail(fmt.Errorf("postgres: reading events: column %s came in text format", fd.Name))
				return nil
			}
		}
		r := newRow(eventCols, eb.opts)
		for rows.Next() {
			r.line++
			vals := rows.RawValues()
			if eb.rawEvent(vals) {
				eb.paths.raw++
				if !eb.full() {
					return nil
				}
				continue
			}
			// The row as ReadEvents reads it, for its error.
			eb.paths.exact++
			r.key = ""
			if err := r.setRaw(vals, fds); err != nil {
				if !eb.fail(r.rowErr("events", r.line, err)) {
					return nil
				}
				continue
			}
			e, err := readEvent(r)
			if err != nil {
				if !eb.fail(err) {
					return nil
				}
				continue
			}
			if !eb.addEvent(e, r, r.line) {
				return nil
			}
		}
		if err := rows.Err(); err != nil {
			eb.fail(fmt.Errorf("postgres: reading events: %w", err))
		}
		return nil
	})
	if err != nil && !eb.stopped {
		handled = true
		eb.fail(fmt.Errorf("postgres: reading events: %w", err))
	}
	return handled
}

// rawEventTypes reports whether the columns of the events query are of
// the types readRaw reads: an integer event_no, a timestamptz time,
// text or varchar for the others.
func rawEventTypes(fds []pgconn.FieldDescription) bool {
	if len(fds) != len(eventCols) {
		return false
	}
	for i, fd := range fds {
		switch i {
		case 0:
			if fd.DataTypeOID != pgtype.Int8OID && fd.DataTypeOID != pgtype.Int4OID && fd.DataTypeOID != pgtype.Int2OID {
				return false
			}
		case 2:
			if fd.DataTypeOID != pgtype.TimestamptzOID {
				return false
			}
		default:
			if fd.DataTypeOID != pgtype.TextOID && fd.DataTypeOID != pgtype.VarcharOID {
				return false
			}
		}
	}
	return true
}

// rawEvent adds the event of a row in binary format to the batch, if it
// is one the straight path takes: user ID, time and name given, text that
// ReadEvents takes, a time a batch holds, and no props. It returns false,
// having added nothing, for any other row.
func (eb *eventBatches) rawEvent(vals [][]byte) bool {
	if len(vals) != len(eventCols) {
		return false
	}
	user, name, t := vals[1], vals[3], vals[2]
	if len(user) == 0 || len(name) == 0 || len(t) != 8 || !goodText(user) || !goodText(name) {
		return false
	}
	us := int64(binary.BigEndian.Uint64(t))
	if us < batchMinUs || us >= batchMaxUs {
		return false // infinity, or what a batch does not hold
	}
	// The properties: the three columns', then those of props.
	kv := eb.kv[:0]
	for i, v := range vals[4:7] {
		if len(v) > 0 {
			if !goodText(v) {
				return false
			}
			kv = append(kv, span{key: -1 - i}, span{from: 4 + i})
		}
	}
	if p := vals[7]; p != nil {
		var ok bool
		if kv, ok = jsonProps(p, kv); !ok {
			return false
		}
	}
	ns := (us + pgEpochSec*1e6) * 1e3
	if !eb.within.Whole(ns) {
		kv = kv[:0] // checked, then left out (Options.PropsWithin)
	}
	eb.kv = kv
	b := eb.batch()
	b.User = append(b.User, b.UserIDs.IndexBytes(user))
	b.Time = append(b.Time, ns)
	b.Name = append(b.Name, b.Names.IndexBytes(name))
	for j := 0; j < len(kv); j += 2 {
		var k int32
		if c := kv[j]; c.key < 0 { // a column's
			i := -1 - c.key
			if k = eb.keys[i]; k < 0 {
				k = b.PropKeys.Index(fixedProps[i])
				eb.keys[i] = k
			}
			b.PropKey = append(b.PropKey, k)
			b.PropValue = append(b.PropValue, b.PropValues.IndexBytes(vals[kv[j+1].from]))
			continue
		}
		p := vals[7]
		b.PropKey = append(b.PropKey, b.PropKeys.IndexBytes(p[kv[j].from:kv[j].to]))
		b.PropValue = append(b.PropValue, b.PropValues.IndexBytes(p[kv[j+1].from:kv[j+1].to]))
	}
	b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
	return true
}

// goodText reports whether validText takes b, without making a string
// of it.
func goodText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c >= 0x7f {
			return validText(unsafe.String(&b[0], len(b))) == nil
		}
	}
	return true
}

// setRaw sets r's cells from a row in binary format, to what the pgx
// driver of database/sql gives for the types rawEventTypes takes.
func (r *row) setRaw(vals [][]byte, fds []pgconn.FieldDescription) error {
	for i, v := range vals {
		if v == nil {
			r.cells[i].v = nil
			continue
		}
		switch fds[i].DataTypeOID {
		case pgtype.Int8OID, pgtype.Int4OID, pgtype.Int2OID:
			switch len(v) {
			case 8:
				r.cells[i].v = int64(binary.BigEndian.Uint64(v))
			case 4:
				r.cells[i].v = int64(int32(binary.BigEndian.Uint32(v)))
			case 2:
				r.cells[i].v = int64(int16(binary.BigEndian.Uint16(v)))
			default:
				return fmt.Errorf("column %d: %d bytes for an integer", i+1, len(v))
			}
		case pgtype.TimestamptzOID:
			if len(v) != 8 {
				return fmt.Errorf("column %d: %d bytes for a timestamptz", i+1, len(v))
			}
			switch us := int64(binary.BigEndian.Uint64(v)); us {
			case math.MaxInt64:
				r.cells[i].v = "infinity"
			case math.MinInt64:
				r.cells[i].v = "-infinity"
			default: // as pgtype decodes it
				r.cells[i].v = time.Unix(pgEpochSec+us/1e6, us%1e6*1e3)
			}
		default:
			r.cells[i].v = string(v)
		}
	}
	return nil
}

// jsonProps appends to kv the spans of the non-empty properties of props,
// a JSON object of strings, if it is one the straight path takes: strings
// without escapes, text validText takes, keys decodeProps takes (no
// column's name, none given twice). It returns false for any other.
func jsonProps(p []byte, kv []span) ([]span, bool) {
	i := skipSpace(p, 0)
	if i >= len(p) || p[i] != '{' {
		return kv, false
	}
	i = skipSpace(p, i+1)
	if i < len(p) && p[i] == '}' {
		return kv, skipSpace(p, i+1) == len(p)
	}
	for {
		kf, kt, ok := jsonString(p, i)
		if !ok {
			return kv, false
		}
		i = skipSpace(p, kt+1)
		if i >= len(p) || p[i] != ':' {
			return kv, false
		}
		vf, vt, ok := jsonString(p, skipSpace(p, i+1))
		if !ok {
			return kv, false
		}
		key := p[kf:kt]
		switch string(key) {
		case "", "user_id", "time", "name":
			return kv, false
		}
		for j := 0; j < len(kv); j += 2 {
			var k []byte
			if c := kv[j]; c.key < 0 {
				k = unsafe.Slice(unsafe.StringData(fixedProps[-1-c.key]), len(fixedProps[-1-c.key]))
			} else {
				k = p[c.from:c.to]
			}
			if string(k) == string(key) {
				return kv, false
			}
		}
		if vt > vf {
			kv = append(kv, span{from: kf, to: kt}, span{from: vf, to: vt})
		}
		i = skipSpace(p, vt+1)
		if i >= len(p) {
			return kv, false
		}
		switch p[i] {
		case ',':
			i = skipSpace(p, i+1)
		case '}':
			return kv, skipSpace(p, i+1) == len(p)
		default:
			return kv, false
		}
	}
}

// jsonString returns the bytes from to to of the JSON string at p[i], if
// it has no escape, no control character and is text validText takes;
// to is the index of its closing quote.
func jsonString(p []byte, i int) (from, to int, ok bool) {
	if i >= len(p) || p[i] != '"' {
		return 0, 0, false
	}
	from = i + 1
	for to = from; to < len(p); to++ {
		switch c := p[to]; {
		case c == '"':
			return from, to, to == from || goodText(p[from:to])
		case c == '\\' || c < 0x20:
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// skipSpace returns the index of the first byte of p from i that is not
// JSON white space.
func skipSpace(p []byte, i int) int {
	for i < len(p) && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r') {
		i++
	}
	return i
}
