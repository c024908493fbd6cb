package loyalty

import (
	"encoding/binary"
	"fmt"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// trackerV1 is the version byte of the encoding.
const trackerV1 = 1

// MarshalBinary encodes t: a version byte, the period, the point value,
// the orders' currency, then the roster, the buyers with their orders
// (their times in time order), the guest orders and the points accounts,
// each sorted by customer, so that trackers given the same records in any
// order and shards encode the same. It fails only for a PointValue that
// is not zero and has no currency, which UnmarshalBinary could not read
// back (an error wrapping money.ErrUnknownCurrency).
func (t *Tracker) MarshalBinary() ([]byte, error) {
	if t.PointValue.Currency().IsZero() && !t.PointValue.IsZero() {
		return nil, fmt.Errorf("loyalty: the point value %s has no currency: %w", t.PointValue.Amount(), money.ErrUnknownCurrency)
	}
	b := []byte{trackerV1}
	b = wire.AppendTime(b, t.Period.Start)
	b = wire.AppendTime(b, t.Period.End)
	b = appendMoney(b, t.PointValue)
	b = wire.AppendString(b, code(t.cur))
	b = binary.AppendUvarint(b, uint64(len(t.members)))
	for _, id := range slices.Sorted(maps.Keys(t.members)) {
		m := t.members[id]
		b = wire.AppendString(b, id)
		b = wire.AppendString(b, m.Level)
		b = wire.AppendTime(b, m.Joined)
		b = wire.AppendTime(b, m.Left)
	}
	b = binary.AppendUvarint(b, uint64(len(t.buyers)))
	for _, id := range slices.Sorted(maps.Keys(t.buyers)) {
		b = wire.AppendString(b, id)
		b = t.buyers[id].append(b, true)
	}
	b = t.guests.append(b, false)
	b = binary.AppendUvarint(b, uint64(len(t.accounts)))
	for _, id := range slices.Sorted(maps.Keys(t.accounts)) {
		a := t.accounts[id]
		b = wire.AppendString(b, id)
		for _, v := range a.fields() {
			b = binary.AppendVarint(b, *v)
		}
	}
	return b, nil
}

func (a *account) fields() []*int64 {
	return []*int64{&a.opening, &a.issued, &a.redeemed, &a.expired, &a.adjusted}
}

func (x *buyer) append(b []byte, times bool) []byte {
	b = binary.AppendUvarint(b, uint64(x.orders))
	b = wire.AppendString(b, x.sales.Amount())
	b = binary.AppendUvarint(b, x.sq.hi)
	b = binary.AppendUvarint(b, x.sq.lo)
	if times { // in time order, so that the encoding does not depend on the order of Adds and Merges
		for _, at := range slices.SortedFunc(slices.Values(x.times), time.Time.Compare) {
			b = wire.AppendTime(b, at)
		}
	}
	return b
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
	start, end := d.time(), d.time()
	if d.Err() == nil && !(start.IsZero() && end.IsZero()) { // the zero period of a zero Tracker
		p, err := metrics.NewPeriod(start, end)
		if err != nil {
			d.Fail("period: " + err.Error())
		}
		x.Period = p
	}
	x.PointValue = d.money()
	x.cur = d.currency()
	n := d.Length()
	for i := 0; i < n && d.Err() == nil; i++ {
		id := d.Text()
		m := Member{CustomerID: id, Level: d.Text(), Joined: d.time(), Left: d.time()}
		if d.Err() != nil {
			break
		}
		if err := x.AddMember(m); err != nil {
			d.Fail("member: " + err.Error())
		}
	}
	n = d.Length()
	for i := 0; i < n && d.Err() == nil; i++ {
		id := d.Text()
		if _, dup := x.buyers[id]; dup || id == "" {
			d.Fail("duplicate or empty buyer")
			break
		}
		b := d.buyer(x.cur, true)
		if d.Err() == nil && b.orders == 0 {
			d.Fail("buyer without orders")
		}
		if d.Err() != nil {
			break
		}
		if x.buyers == nil {
			x.buyers = make(map[string]*buyer)
		}
		x.buyers[id] = b
	}
	if g := d.buyer(x.cur, false); d.Err() == nil {
		x.guests = *g
	}
	n = d.Length()
	for i := 0; i < n && d.Err() == nil; i++ {
		id := d.Text()
		var a account
		for _, v := range a.fields() {
			*v = d.Varint()
		}
		if _, ok := a.outstanding(); d.Err() == nil && !ok {
			d.Fail("points out of range")
		}
		if _, dup := x.accounts[id]; d.Err() == nil && (dup || id == "") {
			d.Fail("duplicate or empty account")
		}
		if d.Err() != nil {
			break
		}
		if x.accounts == nil {
			x.accounts = make(map[string]*account)
		}
		x.accounts[id] = &a
	}
	if err := d.End(); err != nil {
		return err
	}
	*t = x
	return nil
}

// decoder reads the encoding (see wire.Decoder).
type decoder struct{ wire.Decoder }

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "loyalty: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func code(c money.Currency) string {
	if c.IsZero() {
		return ""
	}
	return c.Code()
}

func appendMoney(b []byte, m money.Money) []byte {
	b = wire.AppendString(b, code(m.Currency()))
	return wire.AppendString(b, m.Amount())
}

func (d *decoder) time() time.Time {
	var t time.Time
	p := d.Bytes(d.Length())
	if d.Err() == nil {
		if err := t.UnmarshalBinary(p); err != nil {
			d.Fail("time: " + err.Error())
		}
	}
	return t
}

func (d *decoder) currency() money.Currency {
	s := d.Text()
	if s == "" || d.Err() != nil {
		return money.Currency{}
	}
	c, err := money.ParseCurrency(s)
	if err != nil {
		d.Fail("currency: " + err.Error())
	}
	return c
}

func (d *decoder) money() money.Money {
	c := d.currency()
	s := d.Text()
	if d.Err() != nil {
		return money.Money{}
	}
	m, err := c.Parse(s)
	if err != nil {
		d.Fail("amount: " + err.Error())
	}
	return m
}

// buyer reads a buyer's orders in c, with their times when times is set.
func (d *decoder) buyer(c money.Currency, times bool) *buyer {
	b := &buyer{}
	v := d.Uvarint()
	if v > math.MaxInt64 {
		d.Fail("count out of range")
	}
	b.orders = int64(v)
	s := d.Text()
	if d.Err() == nil {
		m, err := c.Parse(s)
		if err != nil {
			d.Fail("amount: " + err.Error())
		}
		b.sales = m
		if m.IsNegative() {
			d.Fail("negative sales")
		}
		if b.orders == 0 { // no orders (the guests'): no amount, no currency
			if !m.IsZero() {
				d.Fail("sales without orders")
			}
			b.sales = money.Money{}
		}
	}
	b.sq = u128{d.Uvarint(), d.Uvarint()}
	if times && d.Err() == nil {
		if v > uint64(d.Len()) {
			d.Fail("orders beyond the data")
			return b
		}
		b.times = make([]time.Time, 0, v)
		for range v {
			b.times = append(b.times, d.time())
		}
	}
	return b
}
