package clv

import (
	"cmp"
	"encoding/binary"
	"math"

	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// grouperV1 is the version byte of the encoding of Grouper.
const grouperV1 = 1

// corruptError is the error of UnmarshalBinary for data that is not an
// encoding MarshalBinary made; it wraps metrics.ErrCorrupt.
type corruptError struct{ what string }

func (e *corruptError) Error() string { return "clv: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return metrics.ErrCorrupt }

func corrupt(what string) error { return &corruptError{what} }

// maxWhole is the largest magnitude written as a varint: every whole
// float64 up to it is exact.
const maxWhole = 1 << 53

// MarshalBinary encodes g's rows, all that [Grouper.Merge] needs, so that
// a Grouper can be sent to another process and merged there. Equal
// Groupers encode to equal bytes, whatever order their customers came in
// (a row's Weight is a float64 sum, exact for whole weights up to 2^53).
//
// The format, version 1: the version byte, 1; the count of rows (a
// uvarint); then the rows in increasing order of (X, Tx, T, Monetary), as
// [Grouper.Rows] returns them, each a flags byte and its X, Tx, T,
// Monetary and Weight: a field whose bit (0 to 4) is clear is a whole
// number of magnitude at most 2^53, written as a signed varint (−0 as
// 0); one whose bit is set is the 8 bytes of its IEEE 754 bits, little
// endian. The encoding has no checksum.
//
// It returns a *[CustomerError] (wrapping [ErrInvalidCustomer]) naming
// the row, by its index in Rows, if a field is NaN or infinite: no model
// takes such a row ([Validate] refuses it), and a NaN, never equal to
// itself, has no place in the order of the rows.
func (g *Grouper) MarshalBinary() ([]byte, error) {
	rows := g.Rows()
	b := []byte{grouperV1}
	b = binary.AppendUvarint(b, uint64(len(rows)))
	for i, r := range rows {
		fs := [5]float64{r.X, r.Tx, r.T, r.Monetary, r.Weight}
		var flags byte
		for j, v := range fs {
			if !finite(v) {
				return nil, &CustomerError{Index: i, Reason: "a non-finite value cannot be encoded"}
			}
			if !whole(v) {
				flags |= 1 << j
			}
		}
		b = append(b, flags)
		for j, v := range fs {
			if flags&(1<<j) == 0 {
				b = binary.AppendVarint(b, int64(v))
			} else {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
			}
		}
	}
	return b, nil
}

// whole reports whether v is a whole number of magnitude at most 2^53.
func whole(v float64) bool { return v == math.Trunc(v) && math.Abs(v) <= maxWhole }

// UnmarshalBinary replaces g's rows with those [Grouper.MarshalBinary]
// encoded. Groupers have no settings, so any Grouper may decode any
// encoding.
//
// It returns an error wrapping metrics.ErrCorrupt, and leaves g
// unchanged, for data that is not such an encoding, truncated or corrupt,
// or not in its one form: rows out of order or repeated, a non-finite
// field, a whole number written as float bits or a varint past 2^53. It
// never panics, and allocates in proportion to the data's length.
func (g *Grouper) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != grouperV1 {
		return corrupt("unknown Grouper version")
	}
	n := d.Length()
	x := Grouper{rows: make([]Customer, 0, min(n, d.Len()/6)), index: make(map[groupKey]int, min(n, d.Len()/6))}
	for i := 0; i < n && d.Err() == nil; i++ {
		flags := d.Byte()
		if flags>>5 != 0 {
			d.Fail("bad row flags")
			break
		}
		var fs [5]float64
		for j := range fs {
			if flags&(1<<j) == 0 {
				v := d.Varint()
				if v < -maxWhole || v > maxWhole {
					d.Fail("a whole number past 2^53")
				}
				fs[j] = float64(v)
				continue
			}
			bs := d.Bytes(8)
			if d.Err() != nil {
				break
			}
			v := math.Float64frombits(binary.LittleEndian.Uint64(bs))
			if !finite(v) || whole(v) {
				d.Fail("a non-finite value, or a whole number as float bits")
			}
			fs[j] = v
		}
		if d.Err() != nil {
			break
		}
		r := Customer{X: fs[0], Tx: fs[1], T: fs[2], Monetary: fs[3], Weight: fs[4]}
		if i > 0 {
			p := &x.rows[i-1]
			if cmp.Or(cmp.Compare(p.X, r.X), cmp.Compare(p.Tx, r.Tx), cmp.Compare(p.T, r.T), cmp.Compare(p.Monetary, r.Monetary)) >= 0 {
				d.Fail("rows out of order")
				break
			}
		}
		k, _ := keyOf(r.X, r.Tx, r.T, r.Monetary) // finite
		x.index[k] = len(x.rows)
		x.rows = append(x.rows, r)
	}
	if err := d.End(); err != nil {
		return err
	}
	if len(x.rows) == 0 {
		x = Grouper{}
	}
	*g = x
	return nil
}
