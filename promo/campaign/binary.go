package campaign

import (
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The first byte of [Ledger.MarshalBinary]'s data: it writes version 2,
// and UnmarshalBinary reads both.
const (
	encodingV1      = 1
	encodingVersion = 2 // v1 with each window's orders with a line without a unit cost
)

// MarshalBinary encodes the ledger: its campaigns (windows as UTC
// instants, a cost not known as an empty amount), its counts and every
// customer's activity (per window: orders, net sales and gross profit in
// minor units, and, since version 2, the orders with a line sold without
// a unit cost), behind a version byte. It never fails.
//
// [Ledger.UnmarshalBinary] reads version 1 too, which lacks the orders
// without a cost: it takes a window whose gross profit is its net sales,
// with orders, as one whose orders all lacked a cost, and any other as
// one whose orders had their costs.
func (l *Ledger) MarshalBinary() ([]byte, error) {
	b := []byte{encodingVersion}
	b = appendString(b, l.cur.Code())
	b = binary.AppendVarint(b, l.Cancelled)
	b = binary.AppendVarint(b, l.Guests)
	added := byte(0)
	if l.added {
		added = 1
	}
	b = append(b, added)
	b = binary.AppendUvarint(b, uint64(len(l.camps)))
	for i, c := range l.camps {
		b = appendString(b, c.ID)
		b = appendString(b, c.Name)
		b = binary.AppendVarint(b, c.Window.Start.UnixNano())
		b = binary.AppendVarint(b, c.Window.End.UnixNano())
		b = appendString(b, costAmount(c))
		ids := make([]string, 0, len(l.acts[i]))
		for id := range l.acts[i] {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		b = binary.AppendUvarint(b, uint64(len(ids)))
		for _, id := range ids {
			a := l.acts[i][id]
			b = appendString(b, id)
			before := byte(0)
			if a.Before {
				before = 1
			}
			b = append(b, before)
			for _, v := range []int64{a.Pre.Orders, a.Pre.Net, a.Pre.Profit, a.Pre.NoCost, a.In.Orders, a.In.Net, a.In.Profit, a.In.NoCost} {
				b = binary.AppendVarint(b, v)
			}
		}
	}
	return b, nil
}

// costAmount is the encoding of c's cost: its amount in the ledger's
// currency, or "" when it is not known (no known amount is empty, so the
// encoding of ledgers whose costs are all known is that of before costs
// could be unknown).
func costAmount(c Campaign) string {
	if !c.CostKnown() {
		return ""
	}
	return c.Cost.Amount()
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads MarshalBinary's data; the first problem sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrCorrupt, what)
	}
}

func (d *decoder) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint(what string) int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte(what string) byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.fail(what)
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	if v > 1 {
		d.fail(what)
	}
	return v
}

func (d *decoder) string(what string) string {
	n := d.uvarint(what)
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.fail(what)
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// count reads a length that the rest of the data, at least min bytes per
// element, can hold.
func (d *decoder) count(what string, min int) int {
	n := d.uvarint(what)
	if d.err == nil && n > uint64(len(d.b)/min) {
		d.fail(what)
		return 0
	}
	return int(n)
}

// UnmarshalBinary replaces l with the ledger encoded by
// [Ledger.MarshalBinary]. Data of another version, truncated or
// inconsistent (an unknown currency, a known cost without one, a
// customer's purchases without one, a campaign that Track refuses, a
// customer listed twice) is an error
// wrapping [ErrCorrupt], and l is then unchanged.
func (l *Ledger) UnmarshalBinary(data []byte) error {
	if len(data) == 0 || (data[0] != encodingVersion && data[0] != encodingV1) {
		return fmt.Errorf("%w: not version %d or %d", ErrCorrupt, encodingV1, encodingVersion)
	}
	v1 := data[0] == encodingV1
	d := &decoder{b: data[1:]}
	var n Ledger
	code := d.string("currency")
	n.Cancelled = d.varint("cancelled")
	n.Guests = d.varint("guests")
	added := d.byte("added") == 1
	nc := d.count("campaigns", 4)
	if d.err != nil {
		return d.err
	}
	var cur money.Currency
	if code != "" {
		var err error
		if cur, err = money.ParseCurrency(code); err != nil {
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
	}
	var cs []Campaign
	var acts []map[string]*activity
	for range nc {
		var c Campaign
		c.ID = d.string("campaign ID")
		c.Name = d.string("campaign name")
		c.Window.Start = time.Unix(0, d.varint("window start")).UTC()
		c.Window.End = time.Unix(0, d.varint("window end")).UTC()
		amt := d.string("cost")
		na := d.count("customers", 8)
		if d.err != nil {
			return d.err
		}
		switch {
		case amt == "": // not known: the zero Money
		case cur.IsZero():
			return fmt.Errorf("%w: campaign %q with a cost but without a currency", ErrCorrupt, c.ID)
		default:
			var err error
			if c.Cost, err = cur.Parse(amt); err != nil {
				return fmt.Errorf("%w: campaign %q: cost %q", ErrCorrupt, c.ID, amt)
			}
		}
		if err := c.validate(); err != nil { // a cost that Track refuses, as in fractions of a fen
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		m := make(map[string]*activity, na)
		for range na {
			id := d.string("customer")
			a := &activity{Before: d.byte("before") == 1}
			for _, t := range []*tally{&a.Pre, &a.In} {
				t.Orders, t.Net, t.Profit = d.varint("activity"), d.varint("activity"), d.varint("activity")
				switch {
				case !v1:
					t.NoCost = d.varint("activity")
				case t.Orders > 0 && t.Profit == t.Net:
					t.NoCost = t.Orders
				}
			}
			if d.err != nil {
				return d.err
			}
			for _, t := range []tally{a.Pre, a.In} {
				if t.NoCost < 0 || t.NoCost > t.Orders {
					return fmt.Errorf("%w: customer %q of campaign %q: %d orders without a cost of %d", ErrCorrupt, id, c.ID, t.NoCost, t.Orders)
				}
			}
			if cur.IsZero() && (a.Pre != tally{} || a.In != tally{}) {
				// Add gives a ledger the currency of the first order it
				// measures: sales without one are no ledger's.
				return fmt.Errorf("%w: customer %q of campaign %q bought in a ledger without a currency", ErrCorrupt, id, c.ID)
			}
			if _, dup := m[id]; dup {
				return fmt.Errorf("%w: customer %q listed twice", ErrCorrupt, id)
			}
			m[id] = a
		}
		cs = append(cs, c)
		acts = append(acts, m)
	}
	if len(d.b) != 0 {
		return fmt.Errorf("%w: %d bytes after the end", ErrCorrupt, len(d.b))
	}
	if err := n.Track(cs...); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	n.cur = cur
	n.acts = acts
	n.added = added
	*l = n
	return nil
}
