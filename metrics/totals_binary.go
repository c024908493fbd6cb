package metrics

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/moneywire"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics/money"
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
			b = moneywire.AppendTotal(b, *x)
		}
	}
	return b, nil
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
			*p = moneywire.DecodeTotal(&d)
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
