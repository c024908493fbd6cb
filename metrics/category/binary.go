package category

import (
	"encoding/binary"
	"github.com/shopmetrics/shopmetrics/internal/wire"
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
	b = wire.AppendString(b, code)
	b = binary.AppendUvarint(b, uint64(len(t.names)))
	for i, n := range t.names {
		b = wire.AppendString(b, n)
		if s := t.sales[i]; s.Currency().IsZero() {
			b = append(b, 0)
		} else {
			b = append(b, 1)
			b = wire.AppendString(b, s.Amount())
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
	var ids, firsts []string
	for id, c := range t.custs {
		if c.sales != nil {
			ids = append(ids, id)
		}
		if c.hasFirst {
			firsts = append(firsts, id)
		}
	}
	slices.Sort(ids)
	slices.Sort(firsts)
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		as := t.custs[id].sales
		b = wire.AppendString(b, id)
		b = binary.AppendUvarint(b, uint64(len(as)))
		for _, a := range as {
			b = binary.AppendUvarint(b, uint64(a.cat))
			b = wire.AppendString(b, a.net.Amount())
		}
	}
	b = binary.AppendUvarint(b, uint64(len(firsts)))
	for _, id := range firsts {
		f := &t.custs[id].first
		b = wire.AppendString(b, id)
		b = appendTime(b, f.at)
		b = wire.AppendString(b, f.id)
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
	d := decoder{wire.NewDecoder(data, corrupt)}
	if v := d.Byte(); d.Err() == nil && v != trackerV1 {
		return corrupt("unknown Tracker version")
	}
	x := Tracker{Catalogue: t.Catalogue}
	x.Period.Start = d.time()
	x.Period.End = d.time()
	x.Period.Grain = metrics.Grain(d.Byte())
	if code := d.Text(); d.Err() == nil && code != "" {
		c, err := money.ParseCurrency(code)
		if err != nil {
			d.Fail("bad currency")
		}
		x.cur = c
	}
	n := d.Length()
	for range n {
		name := d.Text()
		if _, dup := x.index[name]; dup {
			d.Fail("duplicate category")
		}
		if d.Err() != nil {
			break
		}
		c := x.cat(name)
		switch d.Byte() {
		case 0:
		case 1:
			x.sales[c] = d.amount(x.cur)
		default:
			d.Fail("bad sales flag")
		}
		x.inBask[c] = d.Count()
	}
	x.orders = d.Count()
	nc := uint64(len(x.names))
	for range d.Length() {
		a, b := d.Uvarint(), d.Uvarint()
		if d.Err() == nil && (a >= b || b >= nc) {
			d.Fail("bad pair")
		}
		k := a<<32 | b
		if _, dup := x.bPairs[k]; dup && d.Err() == nil {
			d.Fail("duplicate pair")
		}
		v := d.Count()
		if d.Err() != nil {
			break
		}
		if x.bPairs == nil {
			x.bPairs = make(map[uint64]int64)
		}
		x.bPairs[k] = v
	}
	for range d.Length() {
		id := d.Text()
		if c := x.custs[id]; c != nil && c.sales != nil && d.Err() == nil {
			d.Fail("duplicate buyer")
		}
		k := d.Length()
		as := make([]amount, 0, min(k, 64))
		for j := range k {
			c := d.Uvarint()
			if d.Err() == nil && (c >= nc || j > 0 && uint64(as[j-1].cat) >= c) {
				d.Fail("bad buyer category")
			}
			m := d.amount(x.cur)
			if d.Err() != nil {
				break
			}
			as = append(as, amount{cat: int32(c), net: m})
		}
		if d.Err() != nil {
			break
		}
		x.customer(id).sales = as
		x.buyers++
	}
	for range d.Length() {
		id := d.Text()
		if c := x.custs[id]; c != nil && c.hasFirst && d.Err() == nil {
			d.Fail("duplicate first order")
		}
		f := &first{at: d.time(), id: d.Text()}
		k := d.Length()
		var sum uint64
		for j := range k {
			c, m := d.Uvarint(), d.Uvarint()
			if d.Err() == nil && (c >= nc || j > 0 && uint64(f.split[j-1].cat) >= c || m == 0 || m > whole) {
				d.Fail("bad first-order split")
			}
			if d.Err() != nil {
				break
			}
			sum += m
			f.split = append(f.split, part{cat: int32(c), micro: int64(m)})
		}
		if d.Err() == nil && sum != whole {
			d.Fail("first-order split does not add up")
		}
		if d.Err() != nil {
			break
		}
		c := x.customer(id)
		c.first, c.hasFirst = *f, true
	}
	if d.Err() == nil && d.Len() > 0 {
		d.Fail("trailing bytes")
	}
	if d.Err() != nil {
		return d.Err()
	}
	*t = x
	return nil
}

// decoder reads the encoding (see wire.Decoder).
type decoder struct{ wire.Decoder }

func corrupt(msg string) error { return &corruptError{msg} }

type corruptError struct{ msg string }

func (e *corruptError) Error() string { return "category: corrupt binary data: " + e.msg }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

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

func (d *decoder) amount(c money.Currency) money.Money {
	s := d.Text()
	if d.Err() != nil {
		return money.Money{}
	}
	if c.IsZero() {
		d.Fail("amount without a currency")
		return money.Money{}
	}
	m, err := c.Parse(s)
	if err != nil {
		d.Fail("bad amount")
	}
	return m
}

func (d *decoder) time() time.Time {
	switch d.Byte() {
	case 0:
		return time.Time{}
	case 1:
	default:
		d.Fail("bad time flag")
		return time.Time{}
	}
	v := d.Varint()
	if d.Err() != nil {
		return time.Time{}
	}
	ns := d.Uvarint()
	if d.Err() == nil && ns >= 1e9 {
		d.Fail("bad nanoseconds")
	}
	if d.Err() != nil {
		return time.Time{}
	}
	return time.Unix(v, int64(ns)).UTC()
}
