package wire

import (
	"encoding/binary"
	"math/big"

	"github.com/shopspring/decimal"
)

// MaxExp bounds the exponent of a decoded decimal: far past any
// currency's minor unit, and small enough that arithmetic on a decoded
// number cannot be made to take unbounded time.
const MaxExp = 1000

// An exact number is units + *extra (extra may be nil): the form of the
// module's exact running totals of minor units (money.Total), whole
// minor units in an int64 and, beside them, an exact decimal for what
// does not fit. The functions below are its one binary form, shared by
// package money (which cannot import the money wire above it) and
// internal/moneywire (which writes money.Total with them).

// CanonicalExact returns units + *extra in the one form its value has:
// units alone (extra nil) when the value is a whole number an int64
// holds, else units 0 and extra the value, its coefficient without
// trailing zeros. Which addend went to extra depends on the order of the
// additions; the canonical form does not.
func CanonicalExact(units int64, extra *decimal.Decimal) (int64, *decimal.Decimal) {
	if extra == nil {
		return units, nil
	}
	v := decimal.NewFromInt(units).Add(*extra)
	if v.IsInteger() {
		if c := v.BigInt(); c.IsInt64() {
			return c.Int64(), nil
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
	return 0, &e
}

// IsCanonicalExact reports whether units + *extra is in the form
// CanonicalExact gives.
//
// It takes time linear in extra's length: a decoder calls it on numbers
// of any size, where CanonicalExact's stripping of trailing zeros, one
// division each, would take time quadratic in their count.
func IsCanonicalExact(units int64, extra *decimal.Decimal) bool {
	if extra == nil {
		return true
	}
	coef, exp := extra.Coefficient(), extra.Exponent()
	if units != 0 || coef.Sign() == 0 {
		return false
	}
	if new(big.Int).Rem(coef, big.NewInt(10)).Sign() == 0 {
		return false // a trailing zero
	}
	if exp < 0 {
		return true // not whole: the coefficient does not end in 0
	}
	// Whole: canonical only past an int64. 10^19 is past it already.
	if exp >= 19 {
		return true
	}
	v := new(big.Int).Mul(coef, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil))
	return !v.IsInt64()
}

// AppendExact appends units + *extra in its canonical form
// ([CanonicalExact]): units (a signed varint), then 0, or 1 and extra as
// [AppendDecimal] writes it.
func AppendExact(b []byte, units int64, extra *decimal.Decimal) []byte {
	units, extra = CanonicalExact(units, extra)
	b = binary.AppendVarint(b, units)
	if extra == nil {
		return append(b, 0)
	}
	return AppendDecimal(append(b, 1), *extra)
}

// AppendDecimal appends x: a sign byte (0 negative, 1 zero, 2 positive),
// the magnitude of its coefficient (length and big-endian bytes) and its
// exponent (a signed varint).
func AppendDecimal(b []byte, x decimal.Decimal) []byte {
	coef := x.Coefficient()
	b = append(b, byte(coef.Sign()+1))
	mag := coef.Bytes()
	b = binary.AppendUvarint(b, uint64(len(mag)))
	b = append(b, mag...)
	return binary.AppendVarint(b, int64(x.Exponent()))
}

// Exact reads what [AppendExact] wrote; a number not in its canonical
// form is a problem.
func (d *Decoder) Exact() (units int64, extra *decimal.Decimal) {
	units = d.Varint()
	switch d.Byte() {
	case 0:
		return units, nil
	case 1:
	default:
		d.Fail("bad total flag")
		return units, nil
	}
	extra = d.Decimal()
	if extra != nil && !IsCanonicalExact(units, extra) {
		d.Fail("total not in its canonical form")
	}
	return units, extra
}

// Decimal reads what [AppendDecimal] wrote, or returns nil after a
// problem: a sign that disagrees with the coefficient, a coefficient with
// a leading zero byte (not the one encoding of its value), or an exponent
// past MaxExp.
func (d *Decoder) Decimal() *decimal.Decimal {
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
