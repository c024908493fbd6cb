package loyalty

import (
	"encoding/binary"
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
// order and shards encode the same. It never fails.
func (t *Tracker) MarshalBinary() ([]byte, error) {
	b := []byte{trackerV1}
	b = appendTime(b, t.Period.Start)
	b = appendTime(b, t.Period.End)
	b = appendMoney(b, t.PointValue)
	b = appendString(b, code(t.cur))
	b = binary.AppendUvarint(b, uint64(len(t.members)))
	for _, id := range slices.Sorted(maps.Keys(t.members)) {
		m := t.members[id]
		b = appendString(b, id)
		b = appendString(b, m.Level)
		b = appendTime(b, m.Joined)
		b = appendTime(b, m.Left)
	}
	b = binary.AppendUvarint(b, uint64(len(t.buyers)))
	for _, id := range slices.Sorted(maps.Keys(t.buyers)) {
		b = appendString(b, id)
		b = t.buyers[id].append(b, true)
	}
	b = t.guests.append(b, false)
	b = binary.AppendUvarint(b, uint64(len(t.accounts)))
	for _, id := range slices.Sorted(maps.Keys(t.accounts)) {
		a := t.accounts[id]
		b = appendString(b, id)
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
	b = appendString(b, x.sales.Amount())
	b = binary.AppendUvarint(b, x.sq.hi)
	b = binary.AppendUvarint(b, x.sq.lo)
	if times { // in time order, so that the encoding does not depend on the order of Adds and Merges
		for _, at := range slices.SortedFunc(slices.Values(x.times), time.Time.Compare) {
			b = appendTime(b, at)
		}
	}
	return b
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
	start, end := d.time(), d.time()
	if d.err == nil {
		p, err := metrics.NewPeriod(start, end)
		if err != nil {
			d.fail("period: " + err.Error())
		}
		x.Period = p
	}
	x.PointValue = d.money()
	x.cur = d.currency()
	n := d.length()
	for i := 0; i < n && d.err == nil; i++ {
		id := d.string()
		m := Member{CustomerID: id, Level: d.string(), Joined: d.time(), Left: d.time()}
		if d.err != nil {
			break
		}
		if err := x.AddMember(m); err != nil {
			d.fail("member: " + err.Error())
		}
	}
	n = d.length()
	for i := 0; i < n && d.err == nil; i++ {
		id := d.string()
		if _, dup := x.buyers[id]; dup || id == "" {
			d.fail("duplicate or empty buyer")
			break
		}
		b := d.buyer(x.cur, true)
		if d.err == nil && b.orders == 0 {
			d.fail("buyer without orders")
		}
		if d.err != nil {
			break
		}
		if x.buyers == nil {
			x.buyers = make(map[string]*buyer)
		}
		x.buyers[id] = b
	}
	if g := d.buyer(x.cur, false); d.err == nil {
		x.guests = *g
	}
	n = d.length()
	for i := 0; i < n && d.err == nil; i++ {
		id := d.string()
		var a account
		for _, v := range a.fields() {
			*v = d.varint()
		}
		if _, ok := a.outstanding(); d.err == nil && !ok {
			d.fail("points out of range")
		}
		if _, dup := x.accounts[id]; d.err == nil && (dup || id == "") {
			d.fail("duplicate or empty account")
		}
		if d.err != nil {
			break
		}
		if x.accounts == nil {
			x.accounts = make(map[string]*account)
		}
		x.accounts[id] = &a
	}
	if err := d.end(); err != nil {
		return err
	}
	*t = x
	return nil
}

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

func appendMoney(b []byte, m money.Money) []byte {
	b = appendString(b, code(m.Currency()))
	return appendString(b, m.Amount())
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

func (d *decoder) time() time.Time {
	var t time.Time
	n := d.length()
	p := d.b[:n]
	d.b = d.b[n:]
	if d.err == nil {
		if err := t.UnmarshalBinary(p); err != nil {
			d.fail("time: " + err.Error())
		}
	}
	return t
}

func (d *decoder) currency() money.Currency {
	s := d.string()
	if s == "" || d.err != nil {
		return money.Currency{}
	}
	c, err := money.ParseCurrency(s)
	if err != nil {
		d.fail("currency: " + err.Error())
	}
	return c
}

func (d *decoder) money() money.Money {
	c := d.currency()
	s := d.string()
	if d.err != nil {
		return money.Money{}
	}
	m, err := c.Parse(s)
	if err != nil {
		d.fail("amount: " + err.Error())
	}
	return m
}

// buyer reads a buyer's orders in c, with their times when times is set.
func (d *decoder) buyer(c money.Currency, times bool) *buyer {
	b := &buyer{}
	v := d.uvarint()
	if v > math.MaxInt64 {
		d.fail("count out of range")
	}
	b.orders = int64(v)
	s := d.string()
	if d.err == nil {
		m, err := c.Parse(s)
		if err != nil {
			d.fail("amount: " + err.Error())
		}
		b.sales = m
		if m.IsNegative() {
			d.fail("negative sales")
		}
		if b.orders == 0 { // no orders (the guests'): no amount, no currency
			if !m.IsZero() {
				d.fail("sales without orders")
			}
			b.sales = money.Money{}
		}
	}
	b.sq = u128{d.uvarint(), d.uvarint()}
	if times && d.err == nil {
		if v > uint64(len(d.b)) {
			d.fail("orders beyond the data")
			return b
		}
		b.times = make([]time.Time, 0, v)
		for range v {
			b.times = append(b.times, d.time())
		}
	}
	return b
}

// end returns the first problem, or one for bytes left over.
func (d *decoder) end() error {
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	return d.err
}
