package money

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/internal/wire"
)

// ErrCorrupt is the category of the errors of [Sum.UnmarshalBinary] for
// data that [Sum.MarshalBinary] did not write.
var ErrCorrupt = errors.New("money: corrupt binary data")

// corruptError is the error of UnmarshalBinary; it wraps ErrCorrupt.
type corruptError struct{ what string }

func (e *corruptError) Error() string { return "money: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func corrupt(what string) error { return &corruptError{what} }

// sumV1 is the version byte of the encoding of Sum.
const sumV1 = 1

// MarshalBinary encodes everything s has accumulated, so that a Sum can
// be sent to another process and merged there ([Sum.Merge]). Equal sums
// encode to equal bytes, whatever order their amounts and currencies came
// in. It fails only for a total whose exact value, without trailing
// zeros, has an exponent beyond ±1000 (amounts scaled by a rate such as
// 10^-1000 with Money.MulRate), which the format does not hold.
//
// The format, version 1 (integers are varints; a string is its length,
// a uvarint, then its bytes):
//
//   - the version byte, 1;
//   - the count of amounts added ([Sum.Count]), unsigned;
//   - the number of totals, unsigned, then each total in increasing order
//     of its currency's code: the code ("" for the amounts without a
//     currency, so that it comes first), then the exact total of its
//     minor units, in its one canonical form: the whole minor units (a
//     signed varint) when they are the whole value and fit an int64, and
//     a 0 byte; else 0, a 1 byte and the value as an exact decimal (a sign
//     byte, 0 negative, 1 zero, 2 positive; the length and big-endian
//     bytes of its coefficient's magnitude, without trailing decimal
//     zeros; its exponent, a signed varint). A currency whose amounts
//     cancel out has a zero total and is kept, as [Sum.Totals] lists it.
//
// A one-currency Sum of whole minor units takes 9 to 27 bytes (14 for
// 10,000 order amounts of up to ¥1,000). The
// encoding has no checksum: a change to its bytes that makes another
// valid encoding (another count or total) decodes; send it over a
// channel that checks its data.
func (s *Sum) MarshalBinary() ([]byte, error) {
	var accs []*sumAcc
	s.accs(func(a *sumAcc) { accs = append(accs, a) })
	slices.SortFunc(accs, func(a, b *sumAcc) int { return strings.Compare(a.cur.Code(), b.cur.Code()) })
	b := []byte{sumV1}
	b = binary.AppendUvarint(b, uint64(s.count))
	b = binary.AppendUvarint(b, uint64(len(accs)))
	for _, a := range accs {
		if _, e := wire.CanonicalExact(a.t.Units, a.t.Extra); e != nil && (e.Exponent() < -wire.MaxExp || e.Exponent() > wire.MaxExp) {
			return nil, fmt.Errorf("money: Sum.MarshalBinary: the total of %q is %s×10^%d minor units, its exponent beyond the encoding's ±%d", a.cur.Code(), e.Coefficient(), e.Exponent(), wire.MaxExp)
		}
		b = wire.AppendString(b, a.cur.Code())
		b = wire.AppendExact(b, a.t.Units, a.t.Extra)
	}
	return b, nil
}

// UnmarshalBinary replaces what s holds with the Sum encoded by
// [Sum.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves s unchanged, for anything else: another version byte than 1,
// truncated data or bytes left over, a number written in more bytes than
// it needs, a code that is not an ISO 4217 currency (upper case), codes
// out of order or repeated, a total not in its canonical form or with an
// exponent beyond ±1000, or more totals than amounts counted (each total
// comes from at least one amount). It never panics and allocates in
// proportion to the data's length.
func (s *Sum) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != sumV1 {
		return corrupt("unknown Sum version")
	}
	x := Sum{count: d.Count()}
	n := d.Length()
	if d.Err() == nil && int64(n) > x.count {
		d.Fail("more totals than amounts")
	}
	prev := ""
	for i := 0; i < n && d.Err() == nil; i++ {
		code := d.Text()
		units, extra := d.Exact()
		if d.Err() != nil {
			break
		}
		if i > 0 && code <= prev {
			d.Fail("currencies out of order")
			break
		}
		prev = code
		t := Total{Units: units, Extra: extra}
		if code == "" {
			x.none = &sumAcc{t: t}
			continue
		}
		c, err := ParseCurrency(code)
		if err != nil {
			d.Fail("unknown currency")
			break
		}
		x.acc(c).t = t
	}
	if err := d.End(); err != nil {
		return err
	}
	*s = x
	return nil
}
