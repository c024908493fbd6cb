package detail

import (
	"encoding/binary"
	"errors"
	"github.com/shopmetrics/shopmetrics/internal/wire"
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
		b = wire.AppendString(b, s)
	}
	b = binary.AppendVarint(b, int64(c.cfg.Window))
	if c.purchases {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(c.skus)))
	for i, s := range c.skus {
		b = wire.AppendString(b, s)
		b = binary.AppendUvarint(b, uint64(c.counts[i].views))
	}
	b = binary.AppendUvarint(b, uint64(len(c.users)))
	for i, u := range c.users {
		b = wire.AppendString(b, u)
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
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != counterV1 {
		return corrupt("unknown Counter version")
	}
	var cfg Config
	cfg.View, cfg.Cart, cfg.Purchase = d.Text(), d.Text(), d.Text()
	cfg.Window = time.Duration(d.Varint())
	if d.Err() == nil && (cfg.withDefaults() != cfg || cfg.Validate() != nil) {
		d.Fail("invalid configuration")
	}
	x := &Counter{cfg: cfg, set: true}
	x.init()
	switch d.Byte() {
	case 0:
	case 1:
		x.purchases = true
	default:
		d.Fail("invalid purchases flag")
	}
	n := d.Length()
	for range n {
		s := d.Text()
		views := d.Count()
		if _, dup := x.skuIndex[s]; (dup || s == "") && d.Err() == nil {
			d.Fail("duplicate or empty SKU")
		}
		if d.Err() != nil {
			break
		}
		x.skuIndex[s] = int32(len(x.skus))
		x.skus = append(x.skus, s)
		x.counts = append(x.counts, counts{views: views})
	}
	n = d.Length()
	for range n {
		u := d.Text()
		t := d.Varint()
		if _, dup := x.userIndex[u]; dup && d.Err() == nil {
			d.Fail("duplicate user")
		}
		if d.Err() != nil {
			break
		}
		x.userIndex[u] = int32(len(x.users))
		x.users = append(x.users, u)
		x.last = append(x.last, t)
	}
	n = d.Length()
	prev := int64(-1)
	for range n {
		ui, si := d.Uvarint(), d.Uvarint()
		p := pair{level: d.Byte(), view: d.Varint(), cartView: d.Varint(), cartAt: d.Varint(), buyAt: d.Varint()}
		if d.Err() != nil {
			break
		}
		if ui >= uint64(len(x.users)) || si >= uint64(len(x.skus)) {
			d.Fail("pair out of range")
			break
		}
		key := ui<<32 | si
		if int64(key) <= prev {
			d.Fail("pairs out of order")
			break
		}
		prev = int64(key)
		if p.level > 3 || (p.level >= 1) != (p.view != none) || (p.level >= 2) != (p.cartView != none) {
			d.Fail("invalid pair state")
			break
		}
		x.pairIndex[key] = int32(len(x.pairs))
		x.pairs = append(x.pairs, p)
		cn := &x.counts[si]
		x.reach(&pair{}, cn, p.level)
		if cn.viewers > cn.views {
			d.Fail("more viewers than views")
			break
		}
	}
	if d.Err() == nil && !x.purchases {
		for i := range x.counts {
			if x.counts[i].buyers > 0 {
				d.Fail("buyers without purchases")
				break
			}
		}
	}
	if err := d.End(); err != nil {
		return err
	}
	*c = *x
	return nil
}

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "detail: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }
