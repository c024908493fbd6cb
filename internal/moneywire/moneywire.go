// Package moneywire encodes exact money totals (money.Total) in the binary
// encodings of the module's accumulators, on the streams of package wire:
// one format for every package's MarshalBinary.
package moneywire

import (
	"encoding/binary"
	"math/big"

	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// MaxExp bounds the exponent of a decoded decimal part of a total: far
// past any currency's minor unit, and small enough that arithmetic on a
// decoded total cannot be made to take unbounded time.
const MaxExp = 1000

// Canonical returns x in the one form its value has: Units alone when the
// value is a whole number of minor units an int64 holds, else Units 0 and
// Extra the value, its coefficient without trailing zeros. Which addend
// of a total went to Extra depends on the order of the additions; the
// canonical form does not, so that equal totals encode alike.
func Canonical(x money.Total) money.Total {
	if x.Extra == nil {
		return x
	}
	v := decimal.NewFromInt(x.Units).Add(*x.Extra)
	if v.IsInteger() {
		if c := v.BigInt(); c.IsInt64() {
			return money.Total{Units: c.Int64()}
		}
	}
	coef, exp := new(big.Int).Set(v.Coefficient()), v.Exponent()
	ten, r := big.NewInt(10), new(big.Int)
	for coef.Sign() != 0 {
		q, m := new(big.Int).QuoRem(coef, ten, r)
		if m.Sign() != 0 {
			break
		}
		coef, exp = q, exp+1
	}
	e := decimal.NewFromBigInt(coef, exp)
	return money.Total{Extra: &e}
}

// IsCanonical reports whether x is in the form Canonical gives.
func IsCanonical(x money.Total) bool {
	if x.Extra == nil {
		return true
	}
	c := Canonical(x)
	return c.Extra != nil && x.Units == 0 && x.Extra.Exponent() == c.Extra.Exponent() && x.Extra.Coefficient().Cmp(c.Extra.Coefficient()) == 0
}

// AppendTotal appends x in its canonical form ([Canonical]): its Units (a
// varint), then 0, or 1 and its Extra as [AppendExtra] writes it.
func AppendTotal(b []byte, x money.Total) []byte {
	x = Canonical(x)
	b = binary.AppendVarint(b, x.Units)
	if x.Extra == nil {
		return append(b, 0)
	}
	return AppendExtra(append(b, 1), x)
}

// AppendExtra appends x's Extra, which is not nil: a sign byte (0
// negative, 1 zero, 2 positive), the magnitude of its coefficient
// (length and big-endian bytes) and its exponent (a signed varint).
func AppendExtra(b []byte, x money.Total) []byte {
	coef := x.Extra.Coefficient()
	b = append(b, byte(coef.Sign()+1))
	mag := coef.Bytes()
	b = binary.AppendUvarint(b, uint64(len(mag)))
	b = append(b, mag...)
	return binary.AppendVarint(b, int64(x.Extra.Exponent()))
}

// DecodeTotal reads what AppendTotal wrote; d holds the error of
// anything else, a total not in its canonical form included.
func DecodeTotal(d *wire.Decoder) money.Total {
	x := money.Total{Units: d.Varint()}
	switch d.Byte() {
	case 0:
		return x
	case 1:
	default:
		d.Fail("bad total flag")
		return x
	}
	x.Extra = DecodeExtra(d)
	if x.Extra != nil && !IsCanonical(x) {
		d.Fail("total not in its canonical form")
	}
	return x
}

// DecodeExtra reads what AppendExtra wrote, or returns nil after a
// problem, which d holds: a sign that disagrees with the coefficient, a
// coefficient with a leading zero byte (not the one encoding of its
// value), or an exponent past MaxExp.
func DecodeExtra(d *wire.Decoder) *decimal.Decimal {
	sign := d.Byte()
	mag := d.Bytes(d.Length())
	exp := d.Varint()
	if d.Err() != nil {
		return nil
	}
	coef := new(big.Int).SetBytes(mag)
	switch {
	case sign > 2 || (sign == 1) != (coef.Sign() == 0) || (len(mag) > 0 && mag[0] == 0):
		d.Fail("bad coefficient")
	case exp < -MaxExp || exp > MaxExp:
		d.Fail("exponent out of range")
	default:
		if sign == 0 {
			coef.Neg(coef)
		}
		e := decimal.NewFromBigInt(coef, int32(exp))
		return &e
	}
	return nil
}
