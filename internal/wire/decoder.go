package wire

import (
	"encoding/binary"
	"math"
)

// AppendString appends s to b as its length (a uvarint) and its bytes,
// as [Decoder.Text] reads it.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Decoder reads an encoding. After the first problem it reads zeros and
// empty strings and keeps the problem, so a caller decodes to the end and
// checks [Decoder.End] once. The zero Decoder reads nothing and fails
// with a plain error; use [NewDecoder].
type Decoder struct {
	b       []byte
	err     error
	corrupt func(what string) error
}

// NewDecoder returns a Decoder of b whose problems are corrupt(what), such
// as corrupt("truncated").
func NewDecoder(b []byte, corrupt func(what string) error) Decoder {
	return Decoder{b: b, corrupt: corrupt}
}

// Fail records a problem (the first one counts) and stops reading.
func (d *Decoder) Fail(what string) {
	if d.err == nil {
		if d.corrupt != nil {
			d.err = d.corrupt(what)
		} else {
			d.err = &plainError{what}
		}
	}
	d.b = nil
}

type plainError struct{ what string }

func (e *plainError) Error() string { return "wire: corrupt binary data: " + e.what }

// Err returns the first problem, or nil.
func (d *Decoder) Err() error { return d.err }

// Len returns the number of bytes not yet read.
func (d *Decoder) Len() int { return len(d.b) }

// Byte reads one byte.
func (d *Decoder) Byte() byte {
	if len(d.b) == 0 {
		d.Fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// Bool reads a byte that must be 0 or 1.
func (d *Decoder) Bool() bool {
	switch d.Byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.Fail("flag out of range")
	return false
}

// Uvarint reads an unsigned varint, written in its shortest form (as
// binary.AppendUvarint writes it): a longer form of the same number is an
// error, so that every number has one encoding and an encoding that
// decodes re-encodes to the same bytes.
func (d *Decoder) Uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 || n > 1 && d.b[n-1] == 0 {
		d.Fail("truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Varint reads a signed varint, in its shortest form (see Uvarint).
func (d *Decoder) Varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 || n > 1 && d.b[n-1] == 0 {
		d.Fail("truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Count reads a count written as a uvarint, at most math.MaxInt64.
func (d *Decoder) Count() int64 {
	v := d.Uvarint()
	if v > math.MaxInt64 {
		d.Fail("count out of range")
		return 0
	}
	return int64(v)
}

// Length reads a number of items each at least one byte long, or of
// bytes: more than the bytes left is a problem, so that a corrupt length
// never makes a caller allocate beyond the encoding's size.
func (d *Decoder) Length() int {
	v := d.Uvarint()
	if v > uint64(len(d.b)) {
		d.Fail("length beyond the data")
		return 0
	}
	return int(v)
}

// Bytes reads n bytes; the slice aliases the encoding.
func (d *Decoder) Bytes(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.Fail("truncated")
		return nil
	}
	p := d.b[:n:n]
	d.b = d.b[n:]
	return p
}

// Uint64 reads 8 bytes, big-endian (binary.BigEndian.AppendUint64's);
// 0 after a problem.
func (d *Decoder) Uint64() uint64 {
	p := d.Bytes(8)
	if len(p) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(p)
}

// Text reads a string written by [AppendString].
func (d *Decoder) Text() string {
	return string(d.Bytes(d.Length()))
}

// End returns the first problem, or one for bytes left over.
func (d *Decoder) End() error {
	if d.err == nil && len(d.b) > 0 {
		d.Fail("trailing bytes")
	}
	return d.err
}
