package cohort

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// corruptError is the error of UnmarshalBinary for data that is not an
// encoding MarshalBinary made; it wraps metrics.ErrCorrupt.
type corruptError struct{ what string }

func (e *corruptError) Error() string { return "cohort: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return metrics.ErrCorrupt }

func corrupt(what string) error { return &corruptError{what} }

// activityV2 is the version byte of the encoding of Activity. Version 1
// held the Location's name without its offsets; it is refused.
const activityV2 = 2

// MarshalBinary encodes a: a version byte; the name of its Location and
// the digest of its UTC offsets (8 bytes, as [Ledger.MarshalBinary]), its
// grain and its currency code ("" for none); the cancelled, guest and
// added orders; the last day with an order; then each customer, in byte
// order of their IDs (so that equal Activities encode alike): the ID, the
// cohort period, the bitmask of the 31 periods from it and the periods
// after those. It returns a *metrics.ConfigError of Activity.Grain if the
// grain is not valid.
func (a *Activity) MarshalBinary() ([]byte, error) {
	g, err := a.grain()
	if err != nil {
		return nil, err
	}
	b := []byte{activityV2}
	b = appendLocation(b, a.loc())
	b = append(b, byte(g))
	code := ""
	if !a.cur.IsZero() {
		code = a.cur.Code()
	}
	b = wire.AppendString(b, code)
	b = binary.AppendUvarint(b, uint64(a.cancelled))
	b = binary.AppendUvarint(b, uint64(a.guests))
	b = binary.AppendUvarint(b, uint64(a.orders))
	if a.hasDay {
		b = append(b, 1)
		b = binary.AppendVarint(b, a.lastDay)
	} else {
		b = append(b, 0)
	}
	order := make([]int32, 0, a.customers)
	for i := range a.cs {
		if a.cs[i].mask != 0 {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(a.id(int(x)), a.id(int(y))) })
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, ci := range order {
		c := &a.cs[ci]
		b = wire.AppendString(b, a.id(int(ci)))
		b = binary.AppendVarint(b, int64(c.base))
		b = binary.AppendUvarint(b, uint64(c.mask&inMask))
		var over []int32
		if c.mask&farBit != 0 {
			over = a.over[ci]
		}
		b = binary.AppendUvarint(b, uint64(len(over)))
		prev := int64(c.base) + window - 1
		for _, p := range over {
			b = binary.AppendUvarint(b, uint64(int64(p)-prev))
			prev = int64(p)
		}
	}
	return b, nil
}

// UnmarshalBinary replaces what a holds with the Activity encoded by
// [Activity.MarshalBinary], keeping a's Location and Grain if they are
// set and setting them from the encoding if not (a Location by name,
// loaded with time.LoadLocation); a Location must have the encoding's
// name and UTC offsets. It returns an error wrapping metrics.ErrCorrupt
// for data that is not such an encoding, a *metrics.ConfigError of
// Activity.Location or Activity.Grain if a's differ from the encoding's
// or the location cannot be loaded, and in every case leaves a unchanged.
// An encoding in time.Local (named "Local", the encoding process's zone)
// or in a zone without a name decodes only into an Activity whose
// Location is set.
func (a *Activity) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != activityV2 {
		return corrupt("unknown Activity version")
	}
	locName, locDigest := d.Text(), d.Uint64()
	g := metrics.Grain(d.Byte())
	if d.Err() == nil && g != metrics.Day && g != metrics.Week && g != metrics.Month {
		d.Fail("bad grain")
	}
	var x Activity
	if code := d.Text(); code != "" {
		c, err := money.ParseCurrency(code)
		if err != nil {
			d.Fail("bad currency")
		}
		x.cur = c
	}
	x.cancelled, x.guests, x.orders = d.Count(), d.Count(), d.Count()
	if x.hasDay = d.Bool(); x.hasDay {
		x.lastDay = d.Varint()
		if x.lastDay <= -maxDay || x.lastDay >= maxDay {
			d.Fail("last day out of range")
		}
	}
	if d.Err() == nil && x.hasDay != (x.orders > 0) {
		d.Fail("orders without a last day, or a last day without orders")
	}
	var last int64 // the last period
	if d.Err() == nil && x.hasDay {
		last = index(x.lastDay, g)
	}
	n := d.Length()
	if d.Err() == nil && int64(n) > x.orders {
		d.Fail("more customers than orders")
	}
	x.cs = make([]actCust, 0, n)
	x.ids = make([]string, 0, n)
	x.g = g
	x.left = true
	x.idx.reserve(n)
	prevID := ""
	first := index(-maxDay+1, g) // the earliest period Add can give
	var periods int64            // the customers' active periods: at most the orders
	for i := 0; i < n && d.Err() == nil; i++ {
		id := d.Text()
		base := d.Varint()
		mask := d.Uvarint()
		k := d.Length()
		if d.Err() != nil {
			break
		}
		switch {
		case id == "" || (i > 0 && id <= prevID):
			d.Fail("customer IDs empty or not in ascending order")
		case mask&1 == 0 || mask > uint64(inMask):
			d.Fail("a customer's cohort period without an order, or a bad mask")
		case base < first || base+int64(bits.Len64(mask))-1 > last:
			d.Fail("a period out of range")
		}
		if periods += int64(bits.OnesCount64(mask)) + int64(k); d.Err() == nil && periods > x.orders {
			d.Fail("more active periods than orders")
		}
		prevID = id
		c := actCust{mask: uint32(mask), base: int32(base)}
		if k > 0 {
			over := make([]int32, 0, k)
			p := base + window - 1
			for range k {
				delta := d.Uvarint()
				if d.Err() == nil && (delta == 0 || p >= last || delta > uint64(last-p)) {
					d.Fail("a period out of range or out of order")
				}
				p += int64(delta)
				over = append(over, int32(p))
			}
			if x.over == nil {
				x.over = make(map[int32][]int32)
			}
			x.over[int32(len(x.cs))] = over
			c.mask |= farBit
		}
		if d.Err() != nil {
			break
		}
		h := x.idx.hash(id)
		s, _ := x.idx.find(id, h) // not found: the IDs ascend
		x.idx.insert(s, id, h, int32(len(x.cs)))
		x.cs = append(x.cs, c)
		x.ids = append(x.ids, id)
	}
	x.customers = len(x.cs)
	if err := d.End(); err != nil {
		return err
	}
	loc, err := decodedLocation("Activity.Location", a.Location, locName, locDigest)
	if err != nil {
		return err
	}
	if a.Grain != metrics.Custom && a.Grain != g {
		return configError("Activity.Grain", "grain "+a.Grain.String()+", but the encoding holds "+g.String()+"s")
	}
	x.Location, x.Grain = loc, g
	*a = x
	return nil
}
