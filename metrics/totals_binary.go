package metrics

import (
	"encoding/binary"
	"errors"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// ErrCorrupt is wrapped by the errors of the UnmarshalBinary methods of
// this package for data that is not an encoding they made.
var ErrCorrupt = errors.New("metrics: corrupt binary data")

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "metrics: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func corrupt(what string) error { return &corruptError{what} }

// totalsV1 is the version byte of the encoding of Totals.
const totalsV1 = 1

// maxExtraExp bounds the exponent of a decoded decimal part of a total,
// far beyond any amount (an amount's decimals are a few dozen at most),
// so that corrupt data cannot make a total costly to use.
const maxExtraExp = 1000

// MarshalBinary encodes t: a version byte, the period (its start and end
// instants, with their zones, and its grain), then, per currency in the
// order added, its code, the count of orders and the gross, discount and
// COGS totals. It never fails.
func (t *Totals) MarshalBinary() ([]byte, error) {
	b := []byte{totalsV1}
	b = wire.AppendTime(b, t.Period.Start)
	b = wire.AppendTime(b, t.Period.End)
	b = append(b, byte(t.Period.Grain))
	b = binary.AppendUvarint(b, uint64(len(t.accs)))
	// By currency code, so that equal totals encode alike whatever order
	// their currencies came in.
	accs := slices.SortedFunc(slices.Values(t.accs), func(a, b totalsAcc) int { return strings.Compare(a.cur.Code(), b.cur.Code()) })
	for i := range accs {
		a := &accs[i]
		b = wire.AppendString(b, a.cur.Code())
		b = binary.AppendUvarint(b, uint64(a.orders))
		for _, x := range [3]*money.Total{&a.gross, &a.disc, &a.cogs} {
			b = appendTotal(b, *x)
		}
	}
	return b, nil
}

// appendTotal appends x: its Units (a varint), then 0, or 1 and its Extra
// as a signed big-endian coefficient and an exponent.
func appendTotal(b []byte, x money.Total) []byte {
	b = binary.AppendVarint(b, x.Units)
	if x.Extra == nil {
		return append(b, 0)
	}
	return appendExtra(append(b, 1), x)
}

// appendExtra appends x's Extra, which is not nil: a sign byte (0
// negative, 1 zero, 2 positive), the magnitude of its coefficient
// (length and big-endian bytes) and its exponent (a signed varint).
func appendExtra(b []byte, x money.Total) []byte {
	coef := x.Extra.Coefficient()
	b = append(b, byte(coef.Sign()+1))
	mag := coef.Bytes()
	b = binary.AppendUvarint(b, uint64(len(mag)))
	b = append(b, mag...)
	return binary.AppendVarint(b, int64(x.Extra.Exponent()))
}

// UnmarshalBinary replaces t's period and totals with those encoded by
// [Totals.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves t unchanged, for anything else.
func (t *Totals) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != totalsV1 {
		return corrupt("unknown Totals version")
	}
	var x Totals
	x.Period.Start = decodeTime(&d)
	x.Period.End = decodeTime(&d)
	if g := Grain(d.Byte()); g <= Year {
		x.Period.Grain = g
	} else {
		d.Fail("bad grain")
	}
	if d.Err() == nil && !x.Period.IsZero() && !x.Period.End.After(x.Period.Start) {
		d.Fail("period end not after its start")
	}
	for range d.Length() {
		c, err := money.ParseCurrency(d.Text())
		if d.Err() != nil {
			break
		}
		if err != nil {
			d.Fail("bad currency")
			break
		}
		for i := range x.accs {
			if x.accs[i].cur == c {
				d.Fail("duplicate currency")
			}
		}
		a := totalsAcc{cur: c, orders: d.Count()}
		for _, p := range [3]*money.Total{&a.gross, &a.disc, &a.cogs} {
			*p = decodeTotal(&d)
			if d.Err() == nil && p.Decimal().Sign() < 0 {
				d.Fail("negative total") // Totals counts no negative gross, discount or cost
			}
		}
		x.accs = append(x.accs, a)
	}
	if err := d.End(); err != nil {
		return err
	}
	*t = x
	return nil
}

func decodeTime(d *wire.Decoder) time.Time {
	var t time.Time
	p := d.Bytes(d.Length())
	if d.Err() == nil {
		if err := t.UnmarshalBinary(p); err != nil {
			d.Fail("time: " + err.Error())
		}
	}
	return t
}

func decodeTotal(d *wire.Decoder) money.Total {
	x := money.Total{Units: d.Varint()}
	switch d.Byte() {
	case 0:
		return x
	case 1:
	default:
		d.Fail("bad total flag")
		return x
	}
	x.Extra = decodeExtra(d)
	return x
}

// decodeExtra reads what appendExtra wrote, or nil after a problem.
func decodeExtra(d *wire.Decoder) *decimal.Decimal {
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
	case exp < -maxExtraExp || exp > maxExtraExp:
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
