package fulfilment

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// ErrCorrupt is the category of the errors of UnmarshalBinary for data
// that [Tracker.MarshalBinary], [Link.MarshalBinary] or
// [Durations.MarshalBinary] did not write. Those errors wrap
// metrics.ErrCorrupt too, the category of every accumulator's.
var ErrCorrupt = errors.New("fulfilment: corrupt binary data")

// The version bytes of the encodings.
const (
	trackerV1   = 1
	linkV1      = 1
	durationsV1 = 1
)

// MarshalBinary encodes t: a version byte, AsOf, then the figures of the
// total, of each carrier and of each region, durations as counts per
// minute. It never fails.
func (t *Tracker) MarshalBinary() ([]byte, error) {
	b := []byte{trackerV1}
	b = wire.AppendTime(b, t.AsOf)
	b = t.total.append(b)
	for _, m := range [...]map[string]*group{t.carriers, t.regions} {
		keys := sortedKeys(m)
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			b = wire.AppendString(b, k)
			b = m[k].append(b)
		}
	}
	return b, nil
}

// UnmarshalBinary replaces t with the Tracker encoded by
// [Tracker.MarshalBinary]. It returns an error wrapping [ErrCorrupt] (and
// metrics.ErrCorrupt), and leaves t unchanged, for anything else:
// another version byte, truncated data or bytes left over, a number
// written in more bytes than it needs, carriers or regions out of order
// or repeated, and figures no orders make: in a group, times to ship and
// unshipped orders, or times to the door and undelivered orders, that do
// not add up to the orders; statuses (no promise, pending, on time, late)
// that do not add up to them; more orders shipped from their placing than
// shipped, more times to deliver than shipped or delivered orders, more
// late undelivered orders than late ones, more pending and late
// undelivered orders than undelivered ones, more on-time and late
// delivered orders than delivered ones; a carrier or region of no orders,
// cancelled or not; carriers or regions whose figures do not add up to
// the total's (every order counts in its carrier, its region and the
// total); and an AsOf that time.Time.MarshalBinary would not write as it
// is (so that the decoded Tracker encodes back to the same bytes). It
// never panics.
func (t *Tracker) UnmarshalBinary(data []byte) error {
	d := decoder{wire.NewDecoder(data, corrupt)}
	if v := d.Byte(); d.Err() == nil && v != trackerV1 {
		return corrupt("unknown Tracker version")
	}
	var x Tracker
	x.AsOf = d.time()
	x.total = d.group()
	x.carriers, x.regions = make(map[string]*group), make(map[string]*group)
	for _, m := range [...]map[string]*group{x.carriers, x.regions} {
		n := d.Length()
		prev := ""
		for i := range n {
			k := d.Text()
			if i > 0 && k <= prev && d.Err() == nil {
				d.Fail("groups out of order or repeated")
			}
			prev = k
			g := d.group()
			if d.Err() != nil {
				break
			}
			m[k] = &g
		}
	}
	if d.Err() == nil {
		if problem := x.check(); problem != "" {
			d.Fail(problem)
		}
	}
	if err := d.End(); err != nil {
		return err
	}
	*t = x
	return nil
}

// check returns what no orders make in x's figures, or "".
func (t *Tracker) check() string {
	if p := t.total.check(); p != "" {
		return p
	}
	want := t.total.append(nil)
	for _, m := range [...]map[string]*group{t.carriers, t.regions} {
		var sum group
		for _, g := range m {
			if p := g.check(); p != "" {
				return p
			}
			if g.orders == 0 && g.cancelled == 0 {
				return "a carrier or region of no orders"
			}
			if !sum.mergeChecked(g) {
				return "groups past the range of the counts"
			}
		}
		if string(sum.append(nil)) != string(want) {
			return "carriers or regions that do not add up to the total"
		}
	}
	return ""
}

// check returns what no orders make in g's figures, or "".
func (g *group) check() string {
	sum := func(xs ...int64) (int64, bool) {
		var s int64
		for _, x := range xs {
			var ok bool
			if s, ok = intmath.Add64(s, x); !ok {
				return 0, false
			}
		}
		return s, true
	}
	shipped, delivered := g.ship.n, g.door.n
	a, ok1 := sum(shipped, g.unshipped)
	b, ok2 := sum(delivered, g.undelivered)
	c, ok3 := sum(g.noPromise, g.pending, g.onTime, g.late)
	e, ok4 := sum(g.pending, g.lateUndelivered)
	f, ok5 := sum(g.onTime, g.late-g.lateUndelivered)
	switch {
	case !ok1 || !ok2 || !ok3 || !ok4 || !ok5:
		return "counts past their range"
	case a != g.orders || b != g.orders:
		return "times and orders without them that do not add up to the orders"
	case c != g.orders:
		return "statuses that do not add up to the orders"
	case g.shipFromPlaced > shipped || g.deliver.n > min(shipped, delivered):
		return "more times than orders they measure"
	case g.lateUndelivered > g.late || e > g.undelivered || f > delivered:
		return "late or pending orders out of range"
	}
	return ""
}

// mergeChecked merges o into g, as merge does, and reports whether no
// count passed its range.
func (g *group) mergeChecked(o *group) bool {
	gc, oc := g.counts(), o.counts()
	for i := range gc {
		if _, ok := intmath.Add64(*gc[i], *oc[i]); !ok {
			return false
		}
	}
	for i, ds := range [...]*Durations{&g.ship, &g.deliver, &g.door} {
		os := [...]*Durations{&o.ship, &o.deliver, &o.door}[i]
		if _, ok := intmath.Add64(ds.n, os.n); !ok {
			return false
		}
	}
	g.merge(o)
	return true
}

func (g *group) append(b []byte) []byte {
	for _, n := range g.counts() {
		b = binary.AppendUvarint(b, uint64(*n))
	}
	for _, ds := range [...]*Durations{&g.ship, &g.deliver, &g.door} {
		b = ds.append(b)
	}
	return b
}

// append appends d's distinct minutes: their number, then each minute in
// increasing order and its count.
func (d *Durations) append(b []byte) []byte {
	ms := d.minutes()
	b = binary.AppendUvarint(b, uint64(len(ms)))
	for _, m := range ms {
		b = binary.AppendUvarint(b, uint64(m))
		b = binary.AppendUvarint(b, uint64(d.count(m)))
	}
	return b
}

// MarshalBinary encodes the durations d holds, so that they can be sent
// to another process and merged there; equal Durations encode alike,
// whatever order their durations came in. It never fails.
//
// The format, version 1, is the version byte, 1, then the durations as
// [Tracker.MarshalBinary] writes each of a group's (uvarints): the number
// of distinct minutes, then each minute in increasing order and the
// number of durations in it (not 0). The demo store's times to the door
// of December 2025 take 2.5 bytes per delivered order
// (BenchmarkDurationsBinary).
func (d *Durations) MarshalBinary() ([]byte, error) {
	return d.append([]byte{durationsV1}), nil
}

// UnmarshalBinary replaces the durations d holds with those
// [Durations.MarshalBinary] encoded. It returns an error wrapping
// [ErrCorrupt] (and metrics.ErrCorrupt), and leaves d unchanged, for
// anything else: another version byte than 1, truncated data or bytes
// left over, a number written in more bytes than it needs, minutes out of
// order or repeated, a minute of no duration, a minute past the range of
// time.Duration or more durations in all than an int64 counts. It never
// panics and allocates in proportion to the data's length.
func (d *Durations) UnmarshalBinary(data []byte) error {
	dec := decoder{wire.NewDecoder(data, corrupt)}
	if v := dec.Byte(); dec.Err() == nil && v != durationsV1 {
		return corrupt("unknown Durations version")
	}
	var x Durations
	dec.durations(&x)
	if err := dec.End(); err != nil {
		return err
	}
	*d = x
	return nil
}

// counts returns the counters of g, in their encoding's order.
func (g *group) counts() []*int64 {
	return []*int64{&g.orders, &g.cancelled, &g.shipFromPlaced, &g.unshipped, &g.undelivered,
		&g.onTime, &g.late, &g.pending, &g.lateUndelivered, &g.noPromise}
}

// MarshalBinary encodes l: a version byte, AsOf, then each order ID with
// whether it was added, its status and its counts. It never fails.
func (l *Link) MarshalBinary() ([]byte, error) {
	b := []byte{linkV1}
	b = wire.AppendTime(b, l.AsOf)
	keys := sortedKeys(l.orders)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		x := l.orders[k]
		b = wire.AppendString(b, k)
		flags := byte(x.status) << 1
		if x.seen {
			flags |= 1
		}
		b = append(b, flags)
		b = binary.AppendUvarint(b, uint64(x.lateReturns))
		b = binary.AppendUvarint(b, uint64(x.tickets))
	}
	return b, nil
}

// UnmarshalBinary replaces l with the Link encoded by [Link.MarshalBinary].
// It returns an error wrapping [ErrCorrupt] (and metrics.ErrCorrupt), and
// leaves l unchanged, for anything else: order IDs out of order or
// repeated, an order ID that was neither added nor referred to by a
// late-delivery refund or a ticket included, and an AsOf that
// time.Time.MarshalBinary would not write as it is. It never panics.
func (l *Link) UnmarshalBinary(data []byte) error {
	d := decoder{wire.NewDecoder(data, corrupt)}
	if v := d.Byte(); d.Err() == nil && v != linkV1 {
		return corrupt("unknown Link version")
	}
	x := Link{AsOf: d.time(), orders: make(map[string]*linked)}
	n := d.Length()
	prev := ""
	for i := range n {
		k := d.Text()
		if i > 0 && k <= prev && d.Err() == nil {
			d.Fail("orders out of order or repeated")
			break
		}
		prev = k
		flags := d.Byte()
		y := &linked{seen: flags&1 == 1, status: Status(flags >> 1), lateReturns: d.Count(), tickets: d.Count()}
		if d.Err() != nil {
			break
		}
		if flags>>1 > byte(Late) || !y.seen && y.status != NoPromise {
			d.Fail("invalid order flags")
			break
		}
		if !y.seen && y.lateReturns == 0 && y.tickets == 0 {
			d.Fail("an order of which nothing is known")
			break
		}
		x.orders[k] = y
	}
	if err := d.End(); err != nil {
		return err
	}
	*l = x
	return nil
}

// decoder reads the encoding (see wire.Decoder).
type decoder struct{ wire.Decoder }

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string   { return "fulfilment: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() []error { return []error{ErrCorrupt, metrics.ErrCorrupt} }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (d *decoder) bytes() []byte {
	return d.Bytes(d.Length())
}

func (d *decoder) time() time.Time {
	var t time.Time
	p := d.bytes()
	if d.Err() == nil {
		if err := t.UnmarshalBinary(p); err != nil {
			d.Fail("time: " + err.Error())
		} else if q, err := t.MarshalBinary(); err != nil || !bytes.Equal(p, q) {
			d.Fail("time not in its canonical form")
		}
	}
	return t
}

func (d *decoder) group() group {
	var g group
	for _, n := range g.counts() {
		*n = d.Count()
	}
	for _, ds := range [...]*Durations{&g.ship, &g.deliver, &g.door} {
		if !d.durations(ds) {
			return group{}
		}
	}
	return g
}

// durations reads what Durations.append wrote into ds, which is empty,
// and reports whether it could.
func (d *decoder) durations(ds *Durations) bool {
	n := d.Length()
	prev := int64(-1)
	for range n {
		m, c := d.Count(), d.Count()
		if d.Err() != nil {
			return false
		}
		if m <= prev || c == 0 || c > math.MaxInt64-ds.n || m > math.MaxInt64/int64(Resolution) {
			d.Fail("invalid durations")
			return false
		}
		prev = m
		ds.addCount(m, c)
	}
	return d.Err() == nil
}
