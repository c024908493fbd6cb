package detail

import (
	"cmp"
	"encoding/binary"
	"errors"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"slices"
	"time"
)

// ErrCorrupt is the category of the errors of [Counter.UnmarshalBinary]
// for data that [Counter.MarshalBinary] did not write.
var ErrCorrupt = errors.New("detail: corrupt binary data")

// counterV2 is the version byte of the encoding. Version 1 wrote the
// users and SKUs in the order they came, so that equal counters could
// differ in bytes; it is refused.
const counterV2 = 2

// MarshalBinary encodes c: a version byte, the configuration, whether a
// purchase named a SKU, each SKU with its view count in order of SKU,
// each user with the time of their last event in order of user ID, then
// the state of each pair of user and SKU in order of user and SKU, each
// named by its rank in those orders. Equal counters give equal bytes,
// whatever the order their events came in. It fails only for a Counter
// of users by number ([Counter.AddNumbered]), whose IDs it does not hold:
// the error wraps funnel.ErrNumbered.
func (c *Counter) MarshalBinary() ([]byte, error) {
	if c.userKeys == keyNumber {
		return nil, numberedError("Counter.MarshalBinary", "users by number have no IDs to encode")
	}
	c.init()
	b := []byte{counterV2}
	for _, s := range [...]string{c.cfg.View, c.cfg.Cart, c.cfg.Purchase} {
		b = wire.AppendString(b, s)
	}
	b = binary.AppendVarint(b, int64(c.cfg.Window))
	if c.purchases {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	skus, skuRank := ranks(int32(len(c.skus)), func(i int32) string { return c.skus[i] })
	b = binary.AppendUvarint(b, uint64(len(skus)))
	for _, i := range skus {
		b = wire.AppendString(b, c.skus[i])
		b = binary.AppendUvarint(b, uint64(c.counts[i].views))
	}
	users, _ := ranks(c.users.len(), func(i int32) string { return *c.ids.at(i) })
	b = binary.AppendUvarint(b, uint64(len(users)))
	for _, i := range users {
		b = wire.AppendString(b, *c.ids.at(i))
		b = binary.AppendVarint(b, c.users.at(i).last)
	}
	// The pairs by rank of user and SKU: each user's, in order of user,
	// sorted by rank of SKU (every pair is in its user's list).
	type ranked struct {
		sku int32 // the SKU's rank
		i   int32 // the pair's number
	}
	var mine []ranked
	b = binary.AppendUvarint(b, uint64(c.pairs.len()))
	for r, ui := range users {
		mine = mine[:0]
		for j := c.users.at(ui).head; j != 0; j = c.pairs.at(j - 1).next {
			mine = append(mine, ranked{skuRank[c.pairs.at(j-1).sku], j - 1})
		}
		slices.SortFunc(mine, func(a, b ranked) int { return cmp.Compare(a.sku, b.sku) })
		for _, m := range mine {
			p := c.load(c.pairs.at(m.i))
			b = binary.AppendUvarint(b, uint64(r))
			b = binary.AppendUvarint(b, uint64(m.sku))
			b = append(b, p.level)
			for _, t := range [...]int64{p.view, p.cartView, p.cartAt, p.buyAt} {
				b = binary.AppendVarint(b, t)
			}
		}
	}
	return b, nil
}

// ranks returns the indices 0 to n − 1 in order of their ID, and the rank
// of each index in that order.
func ranks(n int32, id func(int32) string) (order, rank []int32) {
	order = make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int { return cmp.Compare(id(i), id(j)) })
	rank = make([]int32, n)
	for r, i := range order {
		rank[i] = int32(r)
	}
	return order, rank
}

// UnmarshalBinary replaces c with the Counter encoded by
// [Counter.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves c unchanged, for anything else.
func (c *Counter) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != counterV2 {
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
		if k := len(x.skus); (s == "" || k > 0 && s <= x.skus[k-1]) && d.Err() == nil {
			d.Fail("SKUs empty or out of order")
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
		if k := x.users.len(); k > 0 && u <= *x.ids.at(k - 1) && d.Err() == nil {
			d.Fail("users out of order")
		}
		if d.Err() != nil {
			break
		}
		_, slot, h := x.userIndex.find(&x.ids, u)
		x.ids.push(u)
		x.userIndex.insert(slot, h, x.users.push(user{last: t}))
	}
	n = d.Length()
	prev := int64(-1)
	for range n {
		ui, si := d.Uvarint(), d.Uvarint()
		p := state{level: d.Byte(), view: d.Varint(), cartView: d.Varint(), cartAt: d.Varint(), buyAt: d.Varint()}
		if d.Err() != nil {
			break
		}
		if ui >= uint64(x.users.len()) || si >= uint64(len(x.skus)) {
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
		u := x.users.at(int32(ui))
		x.store(x.pairs.at(x.newPair(u, int32(si))), &p)
		if u.n == maxChain+1 {
			x.makeHeavy(int32(ui), u)
		} else if u.n > maxChain+1 {
			x.heavy[key] = x.pairs.len() - 1
		}
		cn := &x.counts[si]
		x.reach(&state{}, cn, p.level)
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
	if x.users.len() > 0 {
		x.userKeys = keyID
	}
	*c = *x
	return nil
}

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "detail: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }
