package cohort

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/internal/moneywire"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// ledgerV2 is the version byte of the encoding of Ledger. Version 1 held
// the Location's name without its offsets; it is refused.
const ledgerV2 = 2

// MarshalBinary encodes what l holds: a version byte; the name of its
// Location and the digest of its UTC offsets (8 bytes, big-endian, as
// SameLocation compares them); its currency code ("" for none); the cancelled, guest and
// added orders; the last day with activity; the distinct cohort keys of
// first orders (channel, promotion, main category, Key's value); then each
// customer, in byte order of their IDs (so that equal ledgers encode
// alike): the ID, the first order's ID, instant and cohort keys, and the
// days with activity, each with its orders, net sales and COGS. It never
// fails. Like a query, it moves what was added since the last query into
// l's per-customer histories, which changes l's storage but not what it
// holds. l.Key is not encoded (its values are).
func (l *Ledger) MarshalBinary() ([]byte, error) {
	l.flush()
	b := []byte{ledgerV2}
	b = appendLocation(b, l.loc())
	code := ""
	if !l.cur.IsZero() {
		code = l.cur.Code()
	}
	b = wire.AppendString(b, code)
	b = binary.AppendUvarint(b, uint64(l.cancelled))
	b = binary.AppendUvarint(b, uint64(l.guests))
	b = binary.AppendUvarint(b, uint64(l.orders))
	if l.hasDay {
		b = append(b, 1)
		b = binary.AppendVarint(b, l.lastDay)
	} else {
		b = append(b, 0)
	}
	order := make([]int, l.cs.Len())
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(l.cs.At(x).id, l.cs.At(y).id) })
	// The cohort keys, numbered in the order customers use them.
	keyOf := func(c *customer) cohortKeys {
		if c.keys == nil {
			return cohortKeys{}
		}
		return *c.keys
	}
	keyNum := map[cohortKeys]int{}
	var keys []cohortKeys
	for _, ci := range order {
		k := keyOf(l.cs.At(ci))
		if _, ok := keyNum[k]; !ok {
			keyNum[k] = len(keys)
			keys = append(keys, k)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		for _, s := range [4]string{k.channel, k.promotion, k.category, k.key} {
			b = wire.AppendString(b, s)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, ci := range order {
		c := l.cs.At(ci)
		f := l.firsts.At(int(ci))
		b = wire.AppendString(b, c.id)
		b = wire.AppendString(b, c.firstID)
		b = binary.AppendVarint(b, f.sec)
		b = binary.AppendUvarint(b, uint64(f.nsec))
		b = binary.AppendUvarint(b, uint64(keyNum[keyOf(c)]))
		days := l.daysOf(ci)
		b = binary.AppendUvarint(b, uint64(len(days)))
		prev := int64(f.day)
		for j := range days {
			d := &days[j]
			b = binary.AppendUvarint(b, uint64(int64(d.day)-prev)) // days ascend from the first
			prev = int64(d.day)
			b = binary.AppendUvarint(b, uint64(d.orders))
			net, cogs := l.dayAmounts(d)
			b = moneywire.AppendTotal(b, net)
			b = moneywire.AppendTotal(b, cogs)
		}
	}
	return b, nil
}

// UnmarshalBinary replaces what l holds with the ledger encoded by
// [Ledger.MarshalBinary], keeping l's Location if set (it must have the
// encoded name and UTC offsets) and setting it from the name if not
// (loaded with time.LoadLocation, and checked against the offsets), and
// keeping l.Key for orders added later. It returns an error wrapping
// metrics.ErrCorrupt for data that is not such an encoding, a
// *metrics.ConfigError of Ledger.Location if l's Location differs from
// the encoding's or the location cannot be loaded, and in every case
// leaves l unchanged. An encoding in time.Local (named "Local", the
// encoding process's zone) or in a zone without a name decodes only into
// a ledger whose Location is set.
func (l *Ledger) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != ledgerV2 {
		return corrupt("unknown Ledger version")
	}
	locName, locDigest := d.Text(), d.Uint64()
	var x Ledger
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
	if d.Err() != nil {
		return d.End()
	}
	loc, err := decodedLocation("Ledger.Location", l.Location, locName, locDigest)
	if err != nil {
		return err
	}
	x.Location, x.Key = loc, l.Key
	keys := make([]*cohortKeys, d.Length())
	for i := range keys {
		k := cohortKeys{channel: d.Text(), promotion: d.Text(), category: d.Text(), key: d.Text()}
		if d.Err() != nil {
			break
		}
		if _, ok := x.keys[k]; ok {
			d.Fail("duplicate cohort keys")
			break
		}
		keys[i] = x.intern(k)
	}
	n := d.Length()
	if d.Err() == nil && (int64(n) > x.orders || (n > 0) != x.hasDay) {
		d.Fail("more customers than orders, or customers without a last day")
	}
	if d.Err() == nil {
		x.idx.reserve(n)
		x.hist = make([][]dayAgg, 0, n)
	}
	var orders int64 // in the customers' days
	nextKey := 0     // the keys are numbered in the order customers use them
	prevID := ""
	for i := 0; i < n && d.Err() == nil; i++ {
		id, firstID := d.Text(), d.Text()
		sec, nsec := d.Varint(), d.Uvarint()
		kn := d.Uvarint()
		nd := d.Length()
		if d.Err() != nil {
			break
		}
		switch {
		case id == "" || (i > 0 && id <= prevID):
			d.Fail("customer IDs empty or not in ascending order")
		case nsec >= 1e9 || sec < minSec || sec > maxSec:
			d.Fail("first order's instant out of range")
		case kn >= uint64(len(keys)) || kn > uint64(nextKey):
			d.Fail("cohort keys out of range or out of order")
		case nd == 0:
			d.Fail("a customer without activity")
		}
		if d.Err() != nil {
			break
		}
		prevID = id
		if kn == uint64(nextKey) {
			nextKey++
		}
		first := x.day(time.Unix(sec, int64(nsec)))
		if first <= -maxDay || first > x.lastDay {
			d.Fail("first order's day out of range")
			break
		}
		days := make([]dayAgg, nd)
		day := first
		for j := range days {
			delta := d.Uvarint()
			if d.Err() == nil && ((j > 0 && delta == 0) || delta > uint64(x.lastDay-day)) {
				d.Fail("days out of order or after the last day")
			}
			day += int64(delta)
			b := &days[j]
			b.day = int32(day)
			o := d.Uvarint()
			if d.Err() == nil && (o > math.MaxInt64 || int64(o) > x.orders-orders) {
				d.Fail("more orders in days than in the ledger")
			}
			b.orders = int64(o)
			orders += b.orders
			net, cogs := moneywire.DecodeTotal(&d), moneywire.DecodeTotal(&d)
			b.net, b.cogs = net.Units, cogs.Units
			if net.Extra != nil || cogs.Extra != nil {
				e := extra{net: decimal.Zero, cogs: decimal.Zero}
				if net.Extra != nil {
					e.net = *net.Extra
				}
				if cogs.Extra != nil {
					e.cogs = *cogs.Extra
				}
				x.dayExtras = append(x.dayExtras, e)
				b.x = int32(len(x.dayExtras))
			}
			if d.Err() != nil {
				break
			}
		}
		if d.Err() == nil && (days[0].day != int32(first) || days[0].orders == 0) {
			d.Fail("no order on the first order's day")
		}
		if d.Err() != nil {
			break
		}
		h := x.idx.hash(id)
		s, _ := x.idx.find(id, h) // not found: the IDs ascend
		ci := x.newCustomer(s, id, h, instant{sec, int32(nsec)}, int32(first))
		c := x.cs.At(int(ci))
		c.firstID, c.keys = firstID, keys[kn]
		x.hist = append(x.hist, days)
	}
	if d.Err() == nil && orders != x.orders {
		d.Fail("the days' orders do not add up to the ledger's")
	}
	if d.Err() == nil && nextKey != len(keys) {
		d.Fail("cohort keys no customer uses")
	}
	if err := d.End(); err != nil {
		return err
	}
	*l = x
	return nil
}

// The range of first orders' instants a decoded ledger takes: Unix
// seconds a day beyond the range of day numbers either way.
const (
	minSec = -(maxDay + 1) * 86400
	maxSec = (maxDay + 1) * 86400
)

// decodedLocation returns the Location of an accumulator decoded into one
// whose Location is cur from an encoding of the location named name: cur
// if set, which must have that name, else nil (UTC) for "UTC" or the
// location loaded by name. Its error is a *metrics.ConfigError of field.
//
// "Local" names time.Local of the process that encoded, whose zone the
// bytes do not hold: time.LoadLocation("Local") would give this
// process's own, perhaps another zone, and shift every day. Decoding it
// takes a set Location (time.Local too, which the caller vouches for).
// So does a zone without a name (a fixed zone, such as the one of a time
// parsed with an offset), which no name loads.
//
// digest is the encoder's zone's civil.OffsetsDigest: the location
// decoded into, set or loaded, must have those offsets, as Merge
// compares zones by name and offsets (a fixed zone named "EST" at +8
// hours is not the EST loaded by that name).
func decodedLocation(field string, cur *time.Location, name string, digest uint64) (*time.Location, error) {
	if cur == nil && (name == "Local" || name == "") {
		what := "in time.Local, the zone of the process that encoded it, which the bytes do not name"
		if name == "" {
			what = "in a zone without a name, which no name loads"
		}
		return nil, configError(field, "the encoding is "+what+": set the Location first (to the encoder's zone)")
	}
	if cur != nil {
		if cur.String() != name {
			return nil, configError(field, cur.String()+", but the encoding is in "+name)
		}
		if civil.OffsetsDigest(cur) != digest {
			return nil, configError(field, name+" with other UTC offsets than the encoding's zone of that name")
		}
		return cur, nil
	}
	var loc *time.Location // nil for UTC
	if name != "UTC" {
		var err error
		if loc, err = time.LoadLocation(name); err != nil {
			return nil, configError(field, "the encoding is in "+name+", which cannot be loaded ("+err.Error()+"): set the Location first")
		}
	}
	if civil.OffsetsDigest(loc) != digest {
		return nil, configError(field, "the encoding is in a zone named "+name+" with other UTC offsets than the zone of that name here: set the Location first (to the encoder's zone)")
	}
	return loc, nil
}

// appendLocation appends loc's name and civil.OffsetsDigest (8 bytes,
// big-endian), which decodedLocation checks.
func appendLocation(b []byte, loc *time.Location) []byte {
	b = wire.AppendString(b, loc.String())
	return binary.BigEndian.AppendUint64(b, civil.OffsetsDigest(loc))
}
