package profile

import (
	"encoding/binary"
	"errors"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"maps"
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
	b = wire.AppendString(b, code)
	b = t.total.append(b)
	dims := slices.Sorted(maps.Keys(t.dims))
	b = binary.AppendUvarint(b, uint64(len(dims)))
	for _, d := range dims {
		b = wire.AppendString(b, d)
		vs := slices.Sorted(maps.Keys(t.dims[d]))
		b = binary.AppendUvarint(b, uint64(len(vs)))
		for _, v := range vs {
			b = wire.AppendString(b, v)
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
	d := decoder{wire.NewDecoder(data, corrupt)}
	if v := d.Byte(); d.Err() == nil && v != tableV1 {
		return corrupt("unknown Table version")
	}
	x := Table{Bands: t.Bands}
	if code := d.Text(); code != "" && d.Err() == nil {
		c, err := money.ParseCurrency(code)
		if err != nil {
			return corrupt("currency: " + err.Error())
		}
		x.cur = c
	}
	x.total = d.cell()
	n := d.Length()
	for range n {
		dim := d.Text()
		if d.Err() != nil {
			break
		}
		if _, dup := x.dims[dim]; dup {
			d.Fail("duplicate dimension")
			break
		}
		if x.dims == nil {
			x.dims = make(map[string]map[string]*cell)
		}
		vs := make(map[string]*cell)
		x.dims[dim] = vs
		var sum cell
		m := d.Length()
		for range m {
			v := d.Text()
			c := d.cell()
			if d.Err() != nil {
				break
			}
			if _, dup := vs[v]; dup || v == "" {
				d.Fail("duplicate or empty value")
				break
			}
			vs[v] = &c
			sum.buyers += c.buyers
			if sum.buyers > x.total.buyers || sum.buyers < 0 {
				d.Fail("a dimension's values have more buyers than the total")
				break
			}
		}
	}
	if err := d.End(); err != nil {
		return err
	}
	bands := t.Bands
	*t = x
	t.Bands = bands
	return nil
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
		b = wire.AppendString(b, extra)
	}
	return b
}

// total reads a money.Total: its units and its extra as a plain decimal
// string (no exponent), or "" for none.
func (d *decoder) total() money.Total {
	t := money.Total{Units: d.Varint()}
	s := d.Text()
	if d.Err() != nil || s == "" {
		return t
	}
	if len(s) > maxDecimal || strings.ContainsAny(s, "eE") {
		d.Fail("invalid decimal")
		return money.Total{}
	}
	x, err := decimal.NewFromString(s)
	if err != nil {
		d.Fail("invalid decimal")
		return money.Total{}
	}
	t.Extra = &x
	return t
}

func (d *decoder) cell() cell {
	c := cell{buyers: d.Count(), orders: d.Count(), repeaters: d.Count(), new: d.Count()}
	c.sales = d.total()
	c.value = d.total()
	if d.Err() == nil && (c.repeaters > c.buyers || c.new > c.buyers) {
		d.Fail("more repeaters or new buyers than buyers")
	}
	return c
}

// decoder reads the encoding (see wire.Decoder).
type decoder struct{ wire.Decoder }

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "profile: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }
