package detail

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"time"
)

// ErrCorrupt is the category of the errors of [Counter.UnmarshalBinary]
// for data that [Counter.MarshalBinary] did not write.
var ErrCorrupt = errors.New("detail: corrupt binary data")

// counterV1 is the version byte of the encoding.
const counterV1 = 1

// MarshalBinary encodes c: a version byte, the configuration, whether a
// purchase named a SKU, each SKU with its view count, each user with the
// time of their last event, then the state of each pair of user and SKU
// in order of user and SKU. It never fails.
func (c *Counter) MarshalBinary() ([]byte, error) {
	c.init()
	b := []byte{counterV1}
	for _, s := range [...]string{c.cfg.View, c.cfg.Cart, c.cfg.Purchase} {
		b = appendString(b, s)
	}
	b = binary.AppendVarint(b, int64(c.cfg.Window))
	if c.purchases {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(c.skus)))
	for i, s := range c.skus {
		b = appendString(b, s)
		b = binary.AppendUvarint(b, uint64(c.counts[i].views))
	}
	b = binary.AppendUvarint(b, uint64(len(c.users)))
	for i, u := range c.users {
		b = appendString(b, u)
		b = binary.AppendVarint(b, c.last[i])
	}
	keys := make([]uint64, 0, len(c.pairIndex))
	for k := range c.pairIndex {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		p := c.pairs[c.pairIndex[k]]
		b = binary.AppendUvarint(b, k>>32)
		b = binary.AppendUvarint(b, uint64(uint32(k)))
		b = append(b, p.level)
		for _, t := range [...]int64{p.view, p.cartView, p.cartAt, p.buyAt} {
			b = binary.AppendVarint(b, t)
		}
	}
	return b, nil
}

// UnmarshalBinary replaces c with the Counter encoded by
// [Counter.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves c unchanged, for anything else.
func (c *Counter) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != counterV1 {
		return corrupt("unknown Counter version")
	}
	var cfg Config
	cfg.View, cfg.Cart, cfg.Purchase = d.string(), d.string(), d.string()
	cfg.Window = time.Duration(d.varint())
	if d.err == nil && (cfg.withDefaults() != cfg || cfg.Validate() != nil) {
		d.fail("invalid configuration")
	}
	x := &Counter{cfg: cfg, set: true}
	x.init()
	switch d.byte() {
	case 0:
	case 1:
		x.purchases = true
	default:
		d.fail("invalid purchases flag")
	}
	n := d.length()
	for range n {
		s := d.string()
		views := d.count()
		if _, dup := x.skuIndex[s]; (dup || s == "") && d.err == nil {
			d.fail("duplicate or empty SKU")
		}
		if d.err != nil {
			break
		}
		x.skuIndex[s] = int32(len(x.skus))
		x.skus = append(x.skus, s)
		x.counts = append(x.counts, counts{views: views})
	}
	n = d.length()
	for range n {
		u := d.string()
		t := d.varint()
		if _, dup := x.userIndex[u]; dup && d.err == nil {
			d.fail("duplicate user")
		}
		if d.err != nil {
			break
		}
		x.userIndex[u] = int32(len(x.users))
		x.users = append(x.users, u)
		x.last = append(x.last, t)
	}
	n = d.length()
	prev := int64(-1)
	for range n {
		ui, si := d.uvarint(), d.uvarint()
		p := pair{level: d.byte(), view: d.varint(), cartView: d.varint(), cartAt: d.varint(), buyAt: d.varint()}
		if d.err != nil {
			break
		}
		if ui >= uint64(len(x.users)) || si >= uint64(len(x.skus)) {
			d.fail("pair out of range")
			break
		}
		key := ui<<32 | si
		if int64(key) <= prev {
			d.fail("pairs out of order")
			break
		}
		prev = int64(key)
		if p.level > 3 || (p.level >= 1) != (p.view != none) || (p.level >= 2) != (p.cartView != none) {
			d.fail("invalid pair state")
			break
		}
		x.pairIndex[key] = int32(len(x.pairs))
		x.pairs = append(x.pairs, p)
		cn := &x.counts[si]
		x.reach(&pair{}, cn, p.level)
		if cn.viewers > cn.views {
			d.fail("more viewers than views")
			break
		}
	}
	if d.err == nil && !x.purchases {
		for i := range x.counts {
			if x.counts[i].buyers > 0 {
				d.fail("buyers without purchases")
				break
			}
		}
	}
	if err := d.end(); err != nil {
		return err
	}
	*c = *x
	return nil
}

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "detail: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads the encoding; after the first problem it reads zeros and
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

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
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

func (d *decoder) string() string {
	n := d.length()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// end returns the first problem, or one for bytes left over.
func (d *decoder) end() error {
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	return d.err
}
