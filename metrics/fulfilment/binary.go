package fulfilment

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"time"
)

// ErrCorrupt is the category of the errors of UnmarshalBinary for data
// that [Tracker.MarshalBinary] or [Link.MarshalBinary] did not write.
var ErrCorrupt = errors.New("fulfilment: corrupt binary data")

// The version bytes of the encodings.
const (
	trackerV1 = 1
	linkV1    = 1
)

// MarshalBinary encodes t: a version byte, AsOf, then the figures of the
// total, of each carrier and of each region, durations as counts per
// minute. It never fails.
func (t *Tracker) MarshalBinary() ([]byte, error) {
	b := []byte{trackerV1}
	b = appendTime(b, t.AsOf)
	b = t.total.append(b)
	for _, m := range [...]map[string]*group{t.carriers, t.regions} {
		keys := sortedKeys(m)
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			b = appendString(b, k)
			b = m[k].append(b)
		}
	}
	return b, nil
}

// UnmarshalBinary replaces t with the Tracker encoded by
// [Tracker.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves t unchanged, for anything else.
func (t *Tracker) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != trackerV1 {
		return corrupt("unknown Tracker version")
	}
	var x Tracker
	x.AsOf = d.time()
	x.total = d.group()
	x.carriers, x.regions = make(map[string]*group), make(map[string]*group)
	for _, m := range [...]map[string]*group{x.carriers, x.regions} {
		n := d.length()
		for range n {
			k := d.string()
			if _, dup := m[k]; dup && d.err == nil {
				d.err = corrupt("duplicate group")
			}
			g := d.group()
			if d.err != nil {
				break
			}
			m[k] = &g
		}
	}
	if err := d.end(); err != nil {
		return err
	}
	*t = x
	return nil
}

func (g *group) append(b []byte) []byte {
	for _, n := range g.counts() {
		b = binary.AppendUvarint(b, uint64(*n))
	}
	for _, ds := range [...]*Durations{&g.ship, &g.deliver, &g.door} {
		ms := ds.minutes()
		b = binary.AppendUvarint(b, uint64(len(ms)))
		for _, m := range ms {
			b = binary.AppendUvarint(b, uint64(m))
			b = binary.AppendUvarint(b, uint64(ds.counts[m]))
		}
	}
	return b
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
	b = appendTime(b, l.AsOf)
	keys := sortedKeys(l.orders)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		x := l.orders[k]
		b = appendString(b, k)
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
// It returns an error wrapping [ErrCorrupt], and leaves l unchanged, for
// anything else.
func (l *Link) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != linkV1 {
		return corrupt("unknown Link version")
	}
	x := Link{AsOf: d.time(), orders: make(map[string]*linked)}
	n := d.length()
	for range n {
		k := d.string()
		flags := d.byte()
		y := &linked{seen: flags&1 == 1, status: Status(flags >> 1), lateReturns: d.count(), tickets: d.count()}
		if d.err != nil {
			break
		}
		if flags>>1 > byte(Late) || !y.seen && y.status != NoPromise {
			d.err = corrupt("invalid order flags")
			break
		}
		if _, dup := x.orders[k]; dup {
			d.err = corrupt("duplicate order")
			break
		}
		x.orders[k] = y
	}
	if err := d.end(); err != nil {
		return err
	}
	*l = x
	return nil
}

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "fulfilment: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func appendTime(b []byte, t time.Time) []byte {
	tb, err := t.MarshalBinary()
	if err != nil { // a zone offset that is not whole minutes: keep the instant in UTC
		tb, _ = t.UTC().MarshalBinary()
	}
	b = binary.AppendUvarint(b, uint64(len(tb)))
	return append(b, tb...)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// decoder reads the encodings; after the first problem it reads zeros and
// keeps the problem in err.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = corrupt(what)
	}
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a count, at most math.MaxInt64.
func (d *decoder) count() int64 {
	v := d.uvarint()
	if v > math.MaxInt64 {
		d.fail("count out of range")
		return 0
	}
	return int64(v)
}

// length reads a number of items, each at least one byte long.
func (d *decoder) length() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		d.fail("length beyond the data")
		return 0
	}
	return int(v)
}

func (d *decoder) bytes() []byte {
	n := d.length()
	p := d.b[:n]
	d.b = d.b[n:]
	return p
}

func (d *decoder) string() string { return string(d.bytes()) }

func (d *decoder) time() time.Time {
	var t time.Time
	p := d.bytes()
	if d.err == nil {
		if err := t.UnmarshalBinary(p); err != nil {
			d.fail("time: " + err.Error())
		}
	}
	return t
}

func (d *decoder) group() group {
	var g group
	for _, n := range g.counts() {
		*n = d.count()
	}
	for _, ds := range [...]*Durations{&g.ship, &g.deliver, &g.door} {
		n := d.length()
		prev := int64(-1)
		for range n {
			m, c := d.count(), d.count()
			if d.err != nil {
				return group{}
			}
			if m <= prev || c == 0 || c > math.MaxInt64-ds.n || m > math.MaxInt64/int64(Resolution) {
				d.fail("invalid durations")
				return group{}
			}
			prev = m
			ds.addCount(m, c)
		}
	}
	return g
}

// end returns the first problem, or one for bytes left over.
func (d *decoder) end() error {
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	return d.err
}
