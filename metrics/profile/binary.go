package profile

import (
	"encoding/binary"
	"errors"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// ErrCorrupt is the category of the errors of [Table.UnmarshalBinary] for
// data that [Table.MarshalBinary] did not write.
var ErrCorrupt = errors.New("profile: corrupt binary data")

// tableV1 is the version byte of the encoding.
const tableV1 = 1

// maxDecimal is the longest decimal string an encoding may hold: the
// fractional minor units of a total, never a long number.
const maxDecimal = 400

// MarshalBinary encodes t: a version byte, the currency code, the sums of
// all buyers, then each dimension with the sums of each of its values,
// sorted. It never fails. Bands, configuration, is not encoded.
func (t *Table) MarshalBinary() ([]byte, error) {
	b := []byte{tableV1}
	code := ""
	if !t.cur.IsZero() {
		code = t.cur.Code()
	}
	b = appendString(b, code)
	b = t.total.append(b)
	dims := slices.Sorted(maps.Keys(t.dims))
	b = binary.AppendUvarint(b, uint64(len(dims)))
	for _, d := range dims {
		b = appendString(b, d)
		vs := slices.Sorted(maps.Keys(t.dims[d]))
		b = binary.AppendUvarint(b, uint64(len(vs)))
		for _, v := range vs {
			b = appendString(b, v)
			b = t.dims[d][v].append(b)
		}
	}
	return b, nil
}

// UnmarshalBinary replaces t's sums with those encoded by
// [Table.MarshalBinary], keeping t.Bands. It returns an error wrapping
// [ErrCorrupt], and leaves t unchanged, for anything else, including sums
// that no buyers could give (more repeaters or new buyers than buyers, a
// dimension's values with more buyers than the total).
func (t *Table) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != tableV1 {
		return corrupt("unknown Table version")
	}
	x := Table{Bands: t.Bands}
	if code := d.string(); code != "" && d.err == nil {
		c, err := money.ParseCurrency(code)
		if err != nil {
			return corrupt("currency: " + err.Error())
		}
		x.cur = c
	}
	x.total = d.cell()
	n := d.length()
	for range n {
		dim := d.string()
		if d.err != nil {
			break
		}
		if _, dup := x.dims[dim]; dup {
			d.fail("duplicate dimension")
			break
		}
		if x.dims == nil {
			x.dims = make(map[string]map[string]*cell)
		}
		vs := make(map[string]*cell)
		x.dims[dim] = vs
		var sum cell
		m := d.length()
		for range m {
			v := d.string()
			c := d.cell()
			if d.err != nil {
				break
			}
			if _, dup := vs[v]; dup || v == "" {
				d.fail("duplicate or empty value")
				break
			}
			vs[v] = &c
			sum.buyers += c.buyers
			if sum.buyers > x.total.buyers || sum.buyers < 0 {
				d.fail("a dimension's values have more buyers than the total")
				break
			}
		}
	}
	if err := d.end(); err != nil {
		return err
	}
	bands := t.Bands
	*t = x
	t.Bands = bands
	return nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (c *cell) append(b []byte) []byte {
	for _, n := range [...]int64{c.buyers, c.orders, c.repeaters, c.new} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	for _, t := range [...]money.Total{c.sales, c.value} {
		b = binary.AppendVarint(b, t.Units)
		extra := ""
		if t.Extra != nil {
			extra = t.Extra.String()
		}
		b = appendString(b, extra)
	}
	return b
}

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

// length reads a number of items or bytes, each at least one byte long.
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

// total reads a money.Total: its units and its extra as a plain decimal
// string (no exponent), or "" for none.
func (d *decoder) total() money.Total {
	t := money.Total{Units: d.varint()}
	s := d.string()
	if d.err != nil || s == "" {
		return t
	}
	if len(s) > maxDecimal || strings.ContainsAny(s, "eE") {
		d.fail("invalid decimal")
		return money.Total{}
	}
	x, err := decimal.NewFromString(s)
	if err != nil {
		d.fail("invalid decimal")
		return money.Total{}
	}
	t.Extra = &x
	return t
}

func (d *decoder) cell() cell {
	c := cell{buyers: d.count(), orders: d.count(), repeaters: d.count(), new: d.count()}
	c.sales = d.total()
	c.value = d.total()
	if d.err == nil && (c.repeaters > c.buyers || c.new > c.buyers) {
		d.fail("more repeaters or new buyers than buyers")
	}
	return c
}

func (d *decoder) end() error {
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	return d.err
}

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "profile: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }
