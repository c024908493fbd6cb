package supplier

import (
	"encoding/binary"
	"errors"
	"github.com/shopmetrics/shopmetrics/internal/wire"
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
		b = wire.AppendString(b, sku)
		days := sortedDays(l.out[sku])
		b = binary.AppendUvarint(b, uint64(len(days)))
		for _, d := range days {
			b = binary.AppendVarint(b, int64(d))
		}
	}
	return b, nil
}

func appendLine(b []byte, k lineKey, x *line) []byte {
	b = wire.AppendString(b, k.supplier)
	b = wire.AppendString(b, k.po)
	b = wire.AppendString(b, k.sku)
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

// UnmarshalBinary replaces l with the Ledger encoded by
// [Ledger.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves l unchanged, for anything else: an unknown version, truncated
// data, or records that [Ledger.Add] would have refused.
func (l *Ledger) UnmarshalBinary(data []byte) error {
	d := decoder{wire.NewDecoder(data, corrupt)}
	if v := d.Byte(); d.Err() == nil && v != ledgerV1 {
		return corrupt("unknown Ledger version")
	}
	var x Ledger
	x.unnamed = d.Count()
	n := d.Length()
	for i := 0; i < n && d.Err() == nil; i++ {
		k, y := d.line()
		if d.Err() != nil {
			break
		}
		if k.po == "" {
			d.Fail("PO line without a PO ID")
			break
		}
		if x.lines == nil {
			x.lines = make(map[lineKey]*line)
		}
		if _, dup := x.lines[k]; dup {
			d.Fail("duplicate PO line")
			break
		}
		x.lines[k] = y
	}
	n = d.Length()
	for i := 0; i < n && d.Err() == nil; i++ {
		k, y := d.line()
		if d.Err() != nil {
			break
		}
		if k.po != "" || len(y.deliveries) != 1 {
			d.Fail("bad line without a PO ID")
			break
		}
		x.loose = append(x.loose, looseLine{k, *y})
	}
	n = d.Length()
	for i := 0; i < n && d.Err() == nil; i++ {
		sku := d.Text()
		if _, dup := x.out[sku]; dup && d.Err() == nil {
			d.Fail("duplicate SKU")
		}
		m := d.Length()
		if m == 0 && d.Err() == nil {
			d.Fail("SKU without stock-out days")
		}
		for j := 0; j < m && d.Err() == nil; j++ {
			day := d.day()
			if _, dup := x.out[sku][day]; dup && d.Err() == nil {
				d.Fail("duplicate stock-out day")
			}
			if d.Err() == nil {
				x.addStockout(sku, day)
			}
		}
	}
	if d.Err() == nil && d.Len() > 0 {
		d.Fail("trailing data")
	}
	if d.Err() != nil {
		return d.Err()
	}
	*l = x
	return nil
}

// decoder reads the encoding (see wire.Decoder).
type decoder struct{ wire.Decoder }

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "supplier: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

// day reads a day; none is allowed only where noneOK.
func (d *decoder) rawDay() int64 {
	v := d.Varint()
	if d.Err() != nil {
		return 0
	}
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.Fail("day out of range")
		return 0
	}
	return v
}

func (d *decoder) day() inventory.Day {
	v := d.rawDay()
	if inventory.Day(v) == none {
		d.Fail("unknown day where one is needed")
	}
	return inventory.Day(v)
}

// line reads a PO line and checks it as [Ledger.Add] checks receipts.
func (d *decoder) line() (lineKey, *line) {
	k := lineKey{supplier: d.Text(), po: d.Text(), sku: d.Text()}
	x := &line{ordered: inventory.Day(d.rawDay()), promised: inventory.Day(d.rawDay()), qty: d.Count()}
	n := d.Length()
	if n == 0 && d.Err() == nil {
		d.Fail("PO line without deliveries")
	}
	if k.supplier == "" && d.Err() == nil {
		d.Fail("PO line without a supplier")
	}
	if x.ordered != none && x.promised != none && x.ordered > x.promised && d.Err() == nil {
		d.Fail("order day after the promised day")
	}
	for i := 0; i < n && d.Err() == nil; i++ {
		dl := delivery{day: d.day(), units: d.Count()}
		if d.Err() != nil {
			break
		}
		if dl.units <= 0 {
			d.Fail("delivery without units")
			break
		}
		if x.ordered != none && x.ordered > dl.day {
			d.Fail("order day after a delivery")
			break
		}
		sum, ok := intmath.Add64(x.received, dl.units)
		if !ok {
			d.Fail("units overflow")
			break
		}
		x.received = sum
		x.deliveries = append(x.deliveries, dl)
	}
	return k, x
}
