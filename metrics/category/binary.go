package category

import (
	"encoding/binary"
	"maps"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// trackerV1 is the version byte of the Tracker's encoding.
const trackerV1 = 1

// MarshalBinary encodes t: a version byte, the period (its location is
// not kept: times decode in UTC), the currency, the category names, then
// the sales, orders and basket counts per category, the buyers with
// their net sales per category and the customers' first orders. The
// Catalogue is configuration and not encoded. It never fails.
func (t *Tracker) MarshalBinary() ([]byte, error) {
	b := []byte{trackerV1}
	b = appendTime(b, t.Period.Start)
	b = appendTime(b, t.Period.End)
	b = append(b, byte(t.Period.Grain))
	code := ""
	if !t.cur.IsZero() {
		code = t.cur.Code()
	}
	b = appendString(b, code)
	b = binary.AppendUvarint(b, uint64(len(t.names)))
	for i, n := range t.names {
		b = appendString(b, n)
		if s := t.sales[i]; s.Currency().IsZero() {
			b = append(b, 0)
		} else {
			b = append(b, 1)
			b = appendString(b, s.Amount())
		}
		b = binary.AppendUvarint(b, uint64(t.inBask[i]))
	}
	b = binary.AppendUvarint(b, uint64(t.orders))
	keys := slices.Sorted(maps.Keys(t.bPairs))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.AppendUvarint(b, k>>32)
		b = binary.AppendUvarint(b, uint64(uint32(k)))
		b = binary.AppendUvarint(b, uint64(t.bPairs[k]))
	}
	ids := slices.Sorted(maps.Keys(t.buyers))
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		as := t.buyers[id]
		b = appendString(b, id)
		b = binary.AppendUvarint(b, uint64(len(as)))
		for _, a := range as {
			b = binary.AppendUvarint(b, uint64(a.cat))
			b = appendString(b, a.net.Amount())
		}
	}
	ids = slices.Sorted(maps.Keys(t.firsts))
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		f := t.firsts[id]
		b = appendString(b, id)
		b = appendTime(b, f.at)
		b = appendString(b, f.id)
		b = binary.AppendUvarint(b, uint64(len(f.split)))
		for _, p := range f.split {
			b = binary.AppendUvarint(b, uint64(p.cat))
			b = binary.AppendUvarint(b, uint64(p.micro))
		}
	}
	return b, nil
}

// UnmarshalBinary replaces t's counts and period with those encoded by
// [Tracker.MarshalBinary], keeping its Catalogue. It returns an error
// wrapping [ErrCorrupt], and leaves t unchanged, for anything else.
func (t *Tracker) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != trackerV1 {
		return corrupt("unknown Tracker version")
	}
	x := Tracker{Catalogue: t.Catalogue}
	x.Period.Start = d.time()
	x.Period.End = d.time()
	x.Period.Grain = metrics.Grain(d.byte())
	if code := d.string(); d.err == nil && code != "" {
		c, err := money.ParseCurrency(code)
		if err != nil {
			d.fail("bad currency")
		}
		x.cur = c
	}
	n := d.length()
	for range n {
		name := d.string()
		if _, dup := x.index[name]; dup {
			d.fail("duplicate category")
		}
		if d.err != nil {
			break
		}
		c := x.cat(name)
		switch d.byte() {
		case 0:
		case 1:
			x.sales[c] = d.amount(x.cur)
		default:
			d.fail("bad sales flag")
		}
		x.inBask[c] = d.count()
	}
	x.orders = d.count()
	nc := uint64(len(x.names))
	for range d.length() {
		a, b := d.uvarint(), d.uvarint()
		if d.err == nil && (a >= b || b >= nc) {
			d.fail("bad pair")
		}
		k := a<<32 | b
		if _, dup := x.bPairs[k]; dup && d.err == nil {
			d.fail("duplicate pair")
		}
		v := d.count()
		if d.err != nil {
			break
		}
		if x.bPairs == nil {
			x.bPairs = make(map[uint64]int64)
		}
		x.bPairs[k] = v
	}
	for range d.length() {
		id := d.string()
		if _, dup := x.buyers[id]; dup && d.err == nil {
			d.fail("duplicate buyer")
		}
		k := d.length()
		as := make([]amount, 0, min(k, 64))
		for j := range k {
			c := d.uvarint()
			if d.err == nil && (c >= nc || j > 0 && uint64(as[j-1].cat) >= c) {
				d.fail("bad buyer category")
			}
			m := d.amount(x.cur)
			if d.err != nil {
				break
			}
			as = append(as, amount{cat: int32(c), net: m})
		}
		if d.err != nil {
			break
		}
		if x.buyers == nil {
			x.buyers = make(map[string][]amount)
		}
		x.buyers[id] = as
	}
	for range d.length() {
		id := d.string()
		if _, dup := x.firsts[id]; dup && d.err == nil {
			d.fail("duplicate first order")
		}
		f := &first{at: d.time(), id: d.string()}
		k := d.length()
		var sum uint64
		for j := range k {
			c, m := d.uvarint(), d.uvarint()
			if d.err == nil && (c >= nc || j > 0 && uint64(f.split[j-1].cat) >= c || m == 0 || m > whole) {
				d.fail("bad first-order split")
			}
			if d.err != nil {
				break
			}
			sum += m
			f.split = append(f.split, part{cat: int32(c), micro: int64(m)})
		}
		if d.err == nil && sum != whole {
			d.fail("first-order split does not add up")
		}
		if d.err != nil {
			break
		}
		if x.firsts == nil {
			x.firsts = make(map[string]*first)
		}
		x.firsts[id] = f
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return d.err
	}
	*t = x
	return nil
}

func corrupt(msg string) error { return &corruptError{msg} }

type corruptError struct{ msg string }

func (e *corruptError) Error() string { return "category: corrupt binary data: " + e.msg }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendTime appends 0 for the zero time, else 1, the Unix seconds and
// the nanoseconds.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// decoder reads the encoding; its first problem sticks in err.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = corrupt(msg)
	}
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a non-negative int64.
func (d *decoder) count() int64 {
	v := d.uvarint()
	if v > 1<<62 {
		d.fail("count out of range")
		return 0
	}
	return int64(v)
}

// length reads a number of items, each at least one byte long.
func (d *decoder) length() int {
	v := d.uvarint()
	if d.err == nil && v > uint64(len(d.b)) {
		d.fail("length beyond the data")
	}
	if d.err != nil {
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	n := d.length()
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) amount(c money.Currency) money.Money {
	s := d.string()
	if d.err != nil {
		return money.Money{}
	}
	if c.IsZero() {
		d.fail("amount without a currency")
		return money.Money{}
	}
	m, err := c.Parse(s)
	if err != nil {
		d.fail("bad amount")
	}
	return m
}

func (d *decoder) time() time.Time {
	switch d.byte() {
	case 0:
		return time.Time{}
	case 1:
	default:
		d.fail("bad time flag")
		return time.Time{}
	}
	v, n := binary.Varint(d.b)
	if d.err != nil || n <= 0 {
		d.fail("bad time")
		return time.Time{}
	}
	d.b = d.b[n:]
	ns := d.uvarint()
	if d.err == nil && ns >= 1e9 {
		d.fail("bad nanoseconds")
	}
	if d.err != nil {
		return time.Time{}
	}
	return time.Unix(v, int64(ns)).UTC()
}
