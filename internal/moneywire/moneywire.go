// Package moneywire encodes exact money totals (money.Total) in the binary
// encodings of the module's accumulators, on the streams of package wire:
// one format for every package's MarshalBinary. The format itself is
// package wire's exact numbers ([wire.AppendExact]), which package money
// writes too, below this package.
package moneywire

import (
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// MaxExp bounds the exponent of a decoded decimal part of a total: far
// past any currency's minor unit, and small enough that arithmetic on a
// decoded total cannot be made to take unbounded time.
const MaxExp = wire.MaxExp

// Canonical returns x in the one form its value has: Units alone when the
// value is a whole number of minor units an int64 holds, else Units 0 and
// Extra the value, its coefficient without trailing zeros. Which addend
// of a total went to Extra depends on the order of the additions; the
// canonical form does not, so that equal totals encode alike.
func Canonical(x money.Total) money.Total {
	u, e := wire.CanonicalExact(x.Units, x.Extra)
	return money.Total{Units: u, Extra: e}
}

// IsCanonical reports whether x is in the form Canonical gives.
func IsCanonical(x money.Total) bool { return wire.IsCanonicalExact(x.Units, x.Extra) }

// AppendTotal appends x in its canonical form ([Canonical]): its Units (a
// varint), then 0, or 1 and its Extra as [AppendExtra] writes it. It is
// [wire.AppendExact], the form package money writes its Sum's totals in.
func AppendTotal(b []byte, x money.Total) []byte { return wire.AppendExact(b, x.Units, x.Extra) }

// AppendExtra appends x's Extra, which is not nil: a sign byte (0
// negative, 1 zero, 2 positive), the magnitude of its coefficient
// (length and big-endian bytes) and its exponent (a signed varint).
func AppendExtra(b []byte, x money.Total) []byte { return wire.AppendDecimal(b, *x.Extra) }

// DecodeTotal reads what AppendTotal wrote; d holds the error of
// anything else, a total not in its canonical form included.
func DecodeTotal(d *wire.Decoder) money.Total {
	u, e := d.Exact()
	return money.Total{Units: u, Extra: e}
}

// DecodeExtra reads what AppendExtra wrote, or returns nil after a
// problem, which d holds: a sign that disagrees with the coefficient, a
// coefficient with a leading zero byte (not the one encoding of its
// value), or an exponent past MaxExp.
func DecodeExtra(d *wire.Decoder) *decimal.Decimal { return d.Decimal() }
