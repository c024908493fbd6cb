package fulfilment

import (
	"encoding/binary"
	"errors"
	"github.com/shopmetrics/shopmetrics/internal/wire"
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
// [Tracker.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves t unchanged, for anything else.
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
		for range n {
			k := d.Text()
			if _, dup := m[k]; dup && d.Err() == nil {
				d.Fail("duplicate group")
			}
			g := d.group()
			if d.Err() != nil {
				break
			}
			m[k] = &g
		}
	}
	if err := d.End(); err != nil {
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
// It returns an error wrapping [ErrCorrupt], and leaves l unchanged, for
// anything else.
func (l *Link) UnmarshalBinary(data []byte) error {
	d := decoder{wire.NewDecoder(data, corrupt)}
	if v := d.Byte(); d.Err() == nil && v != linkV1 {
		return corrupt("unknown Link version")
	}
	x := Link{AsOf: d.time(), orders: make(map[string]*linked)}
	n := d.Length()
	for range n {
		k := d.Text()
		flags := d.Byte()
		y := &linked{seen: flags&1 == 1, status: Status(flags >> 1), lateReturns: d.Count(), tickets: d.Count()}
		if d.Err() != nil {
			break
		}
		if flags>>1 > byte(Late) || !y.seen && y.status != NoPromise {
			d.Fail("invalid order flags")
			break
		}
		if _, dup := x.orders[k]; dup {
			d.Fail("duplicate order")
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

func (e *corruptError) Error() string { return "fulfilment: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

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
		n := d.Length()
		prev := int64(-1)
		for range n {
			m, c := d.Count(), d.Count()
			if d.Err() != nil {
				return group{}
			}
			if m <= prev || c == 0 || c > math.MaxInt64-ds.n || m > math.MaxInt64/int64(Resolution) {
				d.Fail("invalid durations")
				return group{}
			}
			prev = m
			ds.addCount(m, c)
		}
	}
	return g
}
