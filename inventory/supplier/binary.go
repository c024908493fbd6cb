package supplier

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/inventory"
)

// ErrCorrupt is wrapped by the errors of [Ledger.UnmarshalBinary] for data
// that [Ledger.MarshalBinary] did not write.
var ErrCorrupt = errors.New("supplier: corrupt binary data")

// ledgerV1 is the version byte of the encoding.
const ledgerV1 = 1

// MarshalBinary encodes l: a version byte, the count of receipts without a
// supplier, the PO lines (supplier, PO, SKU, order and promised day,
// ordered quantity, deliveries), the lines without a PO ID, and the
// stock-out days by SKU. It never fails.
func (l *Ledger) MarshalBinary() ([]byte, error) {
	b := []byte{ledgerV1}
	b = binary.AppendUvarint(b, uint64(l.unnamed))
	keys := l.keys()
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendLine(b, k, l.lines[k])
	}
	b = binary.AppendUvarint(b, uint64(len(l.loose)))
	for i := range l.loose {
		b = appendLine(b, l.loose[i].key, &l.loose[i].l)
	}
	skus := sortedKeys(l.out)
	b = binary.AppendUvarint(b, uint64(len(skus)))
	for _, sku := range skus {
		b = appendString(b, sku)
		days := sortedDays(l.out[sku])
		b = binary.AppendUvarint(b, uint64(len(days)))
		for _, d := range days {
			b = binary.AppendVarint(b, int64(d))
		}
	}
	return b, nil
}

func appendLine(b []byte, k lineKey, x *line) []byte {
	b = appendString(b, k.supplier)
	b = appendString(b, k.po)
	b = appendString(b, k.sku)
	b = binary.AppendVarint(b, int64(x.ordered))
	b = binary.AppendVarint(b, int64(x.promised))
	b = binary.AppendUvarint(b, uint64(x.qty))
	b = binary.AppendUvarint(b, uint64(len(x.deliveries)))
	for _, d := range x.deliveries {
		b = binary.AppendVarint(b, int64(d.day))
		b = binary.AppendUvarint(b, uint64(d.units))
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// UnmarshalBinary replaces l with the Ledger encoded by
// [Ledger.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves l unchanged, for anything else: an unknown version, truncated
// data, or records that [Ledger.Add] would have refused.
func (l *Ledger) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != ledgerV1 {
		return corrupt("unknown Ledger version")
	}
	var x Ledger
	x.unnamed = d.count()
	n := d.length()
	for i := 0; i < n && d.err == nil; i++ {
		k, y := d.line()
		if d.err != nil {
			break
		}
		if k.po == "" {
			d.fail("PO line without a PO ID")
			break
		}
		if x.lines == nil {
			x.lines = make(map[lineKey]*line)
		}
		if _, dup := x.lines[k]; dup {
			d.fail("duplicate PO line")
			break
		}
		x.lines[k] = y
	}
	n = d.length()
	for i := 0; i < n && d.err == nil; i++ {
		k, y := d.line()
		if d.err != nil {
			break
		}
		if k.po != "" || len(y.deliveries) != 1 {
			d.fail("bad line without a PO ID")
			break
		}
		x.loose = append(x.loose, looseLine{k, *y})
	}
	n = d.length()
	for i := 0; i < n && d.err == nil; i++ {
		sku := d.string()
		if _, dup := x.out[sku]; dup && d.err == nil {
			d.fail("duplicate SKU")
		}
		m := d.length()
		if m == 0 && d.err == nil {
			d.fail("SKU without stock-out days")
		}
		for j := 0; j < m && d.err == nil; j++ {
			day := d.day()
			if _, dup := x.out[sku][day]; dup && d.err == nil {
				d.fail("duplicate stock-out day")
			}
			if d.err == nil {
				x.addStockout(sku, day)
			}
		}
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing data")
	}
	if d.err != nil {
		return d.err
	}
	*l = x
	return nil
}

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "supplier: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

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

// day reads a day; none is allowed only where noneOK.
func (d *decoder) rawDay() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong day")
		return 0
	}
	d.b = d.b[n:]
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.fail("day out of range")
		return 0
	}
	return v
}

func (d *decoder) day() inventory.Day {
	v := d.rawDay()
	if inventory.Day(v) == none {
		d.fail("unknown day where one is needed")
	}
	return inventory.Day(v)
}

// line reads a PO line and checks it as [Ledger.Add] checks receipts.
func (d *decoder) line() (lineKey, *line) {
	k := lineKey{supplier: d.string(), po: d.string(), sku: d.string()}
	x := &line{ordered: inventory.Day(d.rawDay()), promised: inventory.Day(d.rawDay()), qty: d.count()}
	n := d.length()
	if n == 0 && d.err == nil {
		d.fail("PO line without deliveries")
	}
	if k.supplier == "" && d.err == nil {
		d.fail("PO line without a supplier")
	}
	if x.ordered != none && x.promised != none && x.ordered > x.promised && d.err == nil {
		d.fail("order day after the promised day")
	}
	for i := 0; i < n && d.err == nil; i++ {
		dl := delivery{day: d.day(), units: d.count()}
		if d.err != nil {
			break
		}
		if dl.units <= 0 {
			d.fail("delivery without units")
			break
		}
		if x.ordered != none && x.ordered > dl.day {
			d.fail("order day after a delivery")
			break
		}
		sum, ok := intmath.Add64(x.received, dl.units)
		if !ok {
			d.fail("units overflow")
			break
		}
		x.received = sum
		x.deliveries = append(x.deliveries, dl)
	}
	return k, x
}
