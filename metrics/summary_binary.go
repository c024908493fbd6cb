package metrics

import (
	"encoding/binary"
	"hash/fnv"
	"maps"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/internal/moneywire"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// summarizerV1 is the version byte of the encoding of Summarizer.
const summarizerV1 = 1

// Bits of a customer's flags byte.
const (
	custHasFirst = 1 << iota // a first order is known
	custDays2                // bought on two or more days of the period (with RepurchaseByDays)
)

// MarshalBinary encodes everything s has accumulated, all that
// [Summarizer.Merge] needs, so that a Summarizer can be sent to another
// process and merged there. Amounts are exact (a [money.Total] each: whole
// minor units and, beside them, the exact decimal part they could not
// hold), never floats. Equal state encodes to equal bytes, whatever order
// its orders, customers and currencies came in. It never fails.
//
// The format, version 1 (integers are varints, unsigned unless said; a
// string is its length then its bytes; a total is a signed varint of its
// whole minor units, then, if its bit is set in the mask byte before the
// totals it belongs to, its exact extra part as [Totals.MarshalBinary]
// writes it: sign byte, magnitude bytes, signed exponent):
//
//   - the version byte, 1;
//   - the setup, which [Summarizer.UnmarshalBinary] checks against its
//     receiver's: the length of this part, then the period's start and
//     end (each the length and bytes of time.Time.MarshalBinary: instant
//     and UTC offset), its grain byte, its location's name, a flags byte
//     (bit 0: Options.RepurchaseByDays), the count of Options.FirstOrders
//     and, if it is not zero, an 8-byte FNV-1a digest of its customers
//     and instants in order of ID;
//   - the count of currencies, then each currency in order of code:
//     its code; its orders, guest orders and units; a mask byte and the
//     totals of gross sales, discounts, returns, shipping, tax, COGS and
//     the cost of restocked returns (bits 0 to 6);
//   - then the channels of the customers' first orders: their count and
//     the names in increasing order;
//   - then the customers in increasing order of ID: their count, then each
//     one's ID (never empty), a flags byte (bit 0: a first order is known,
//     bit 1: bought on two or more days), if the first order is known its
//     time (a signed varint of 2 × the Unix second, plus 1 when a
//     nanoseconds varint follows) and the number of its channel in the
//     list above, the count of the customer's orders in the period and,
//     with Options.RepurchaseByDays and orders in the period on one day
//     only (bit 1 not set), that civil day (a signed varint);
//   - then the groups by channel, by category and by SKU, each list as
//     its count and its groups in increasing order of key (the empty key
//     included): key, orders, units, a mask byte and the totals of gross
//     sales, discounts, returns and COGS (bits 0 to 3).
//
// Period and Options are configuration and are not restored; the setup's
// part records them so that decoding into a Summarizer set up otherwise
// fails, as Merge would. Encoding a Summarizer whose Options.FirstOrders
// is not empty sorts that map's keys to digest it.
func (s *Summarizer) MarshalBinary() ([]byte, error) {
	setup := s.appendSetup(nil)
	b := []byte{summarizerV1}
	b = binary.AppendUvarint(b, uint64(len(setup)))
	b = append(b, setup...)
	accs := slices.SortedFunc(slices.Values(s.accs), func(a, b *currencyAcc) int { return strings.Compare(a.cur.Code(), b.cur.Code()) })
	b = binary.AppendUvarint(b, uint64(len(accs)))
	for _, a := range accs {
		b = a.appendBinary(b, s.Options.RepurchaseByDays)
	}
	return b, nil
}

// appendSetup appends the setup part of the encoding: what Merge checks.
func (s *Summarizer) appendSetup(b []byte) []byte {
	p := s.Period
	b = wire.AppendTime(b, p.Start)
	b = wire.AppendTime(b, p.End)
	b = append(b, byte(p.Grain))
	b = wire.AppendString(b, p.Location().String())
	var flags byte
	if s.Options.RepurchaseByDays {
		flags |= 1
	}
	b = append(b, flags)
	fo := s.Options.FirstOrders
	b = binary.AppendUvarint(b, uint64(len(fo)))
	if len(fo) > 0 {
		h := fnv.New64a()
		var buf []byte
		for _, id := range slices.Sorted(maps.Keys(fo)) {
			t := fo[id]
			buf = wire.AppendString(buf[:0], id)
			buf = binary.AppendVarint(buf, t.Unix())
			buf = binary.AppendVarint(buf, int64(t.Nanosecond()))
			h.Write(buf)
		}
		b = h.Sum(b)
	}
	return b
}

func (a *currencyAcc) appendBinary(b []byte, byDays bool) []byte {
	b = wire.AppendString(b, a.cur.Code())
	b = binary.AppendUvarint(b, uint64(a.orders))
	b = binary.AppendUvarint(b, uint64(a.guests))
	b = binary.AppendUvarint(b, uint64(a.units))
	b = appendTotals(b, &a.gross, &a.disc, &a.ret, &a.ship, &a.tax, &a.cogs, &a.back)

	// The channels of first orders, by name: pos holds the place in the
	// list of each channel number used, plus one.
	pos := make([]uint32, len(a.chans)+1)
	for i := range int32(a.custs.len()) {
		if c := a.custs.at(i); c.first != noFirst {
			pos[c.firstChan()] = 1
		}
	}
	var used []uint32
	for k, p := range pos {
		if p != 0 {
			used = append(used, uint32(k))
		}
	}
	slices.SortFunc(used, func(i, j uint32) int { return strings.Compare(a.chanName(i), a.chanName(j)) })
	b = binary.AppendUvarint(b, uint64(len(used)))
	for i, k := range used {
		pos[k] = uint32(i) + 1
		b = wire.AppendString(b, a.chanName(k))
	}

	var buf [custShort]byte
	order := make([]int32, a.custs.len())
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, a.custs.compare)
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, i := range order {
		c := a.custs.at(i)
		id := a.custs.id(i, &buf)
		b = binary.AppendUvarint(b, uint64(len(id)))
		b = append(b, id...)
		var flags byte
		if c.first != noFirst {
			flags |= custHasFirst
		}
		if c.days2() {
			flags |= custDays2
		}
		b = append(b, flags)
		if c.first != noFirst {
			sec, ns := c.first/1e9, c.first%1e9
			if ns < 0 {
				sec, ns = sec-1, ns+1e9
			}
			if ns == 0 {
				b = binary.AppendVarint(b, 2*sec)
			} else {
				b = binary.AppendVarint(b, 2*sec+1)
				b = binary.AppendUvarint(b, uint64(ns))
			}
			b = binary.AppendUvarint(b, uint64(pos[c.firstChan()]-1))
		}
		b = binary.AppendUvarint(b, uint64(c.orders))
		if byDays && c.orders > 0 && !c.days2() {
			b = binary.AppendVarint(b, int64(c.day))
		}
	}
	for _, gs := range [3]*groups{&a.channel, &a.category, &a.sku} {
		b = gs.appendBinary(b)
	}
	return b
}

func (gs *groups) appendBinary(b []byte) []byte {
	order := make([]int32, len(gs.g))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int { return strings.Compare(gs.g[i].key, gs.g[j].key) })
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, i := range order {
		g := &gs.g[i]
		b = wire.AppendString(b, g.key)
		b = binary.AppendUvarint(b, uint64(g.orders))
		b = binary.AppendUvarint(b, uint64(g.units))
		b = appendTotals(b, &g.gross, &g.disc, &g.ret, &g.cogs)
	}
	return b
}

// appendTotals appends a mask byte, bit i set if total i has an exact
// extra part, then each total's whole minor units and that part, each
// total in its canonical form (moneywire.Canonical), which does not
// depend on the order its amounts were added in.
func appendTotals(b []byte, ts ...*amount) []byte {
	var cs [8]money.Total
	var mask byte
	for i, t := range ts {
		cs[i] = moneywire.Canonical(t.t)
		if cs[i].Extra != nil {
			mask |= 1 << i
		}
	}
	b = append(b, mask)
	for _, c := range cs[:len(ts)] {
		b = binary.AppendVarint(b, c.Units)
		if c.Extra != nil {
			b = moneywire.AppendExtra(b, c)
		}
	}
	return b
}

// UnmarshalBinary replaces what s has accumulated with what
// [Summarizer.MarshalBinary] encoded. Set s's Period and Options as the
// encoder's were first, as before the first Add: they are not in the
// encoding, which only records them to check them.
//
// It returns an error wrapping [ErrCorrupt] for data that is not such an
// encoding, truncated or corrupt; it never panics, and allocates in
// proportion to the data's length. It returns a *[MergeError] if the
// encoding was made by a Summarizer set up otherwise (see
// [Summarizer.Merge]), and a *[ConfigError] if s.Period is empty or
// inverted. On any error s is unchanged. Like MarshalBinary, it sorts the
// keys of a non-empty Options.FirstOrders to digest them.
func (s *Summarizer) UnmarshalBinary(data []byte) error {
	if err := checkPeriod("Summarizer.Period", s.Period); err != nil {
		return err
	}
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != summarizerV1 {
		return corrupt("unknown Summarizer version")
	}
	setup := d.Bytes(d.Length())
	if d.Err() != nil {
		return d.Err()
	}
	if err := s.checkSetup(setup); err != nil {
		return err
	}
	byDays := s.Options.RepurchaseByDays
	var accs []*currencyAcc
	for range d.Length() {
		code := d.Text()
		if d.Err() != nil {
			break
		}
		c, err := money.ParseCurrency(code)
		if err != nil || c.Code() != code {
			d.Fail("bad currency")
			break
		}
		if len(accs) > 0 && accs[len(accs)-1].cur.Code() >= code {
			d.Fail("currencies out of order")
			break
		}
		accs = append(accs, decodeAcc(&d, c, byDays))
	}
	if err := d.End(); err != nil {
		return err
	}
	s.accs, s.last = accs, nil
	return nil
}

// checkSetup returns a *MergeError if setup, the setup part of an
// encoding, is not s's, or a corrupt error if it is malformed.
func (s *Summarizer) checkSetup(setup []byte) error {
	want := s.appendSetup(nil)
	if string(setup) == string(want) {
		return nil
	}
	// Say what differs.
	d := wire.NewDecoder(setup, corrupt)
	start, end := decodeTime(&d), decodeTime(&d)
	grain := Grain(d.Byte())
	loc := d.Text()
	flags := d.Byte()
	n := d.Count()
	if n > 0 {
		d.Bytes(8)
	}
	if err := d.End(); err != nil {
		return err
	}
	if grain > Year || flags > 1 {
		return corrupt("bad setup")
	}
	bad := func(problem string) error {
		return &MergeError{Pkg: "metrics", Type: "Summarizer", Problem: "decoding an encoding made with " + problem}
	}
	p := s.Period
	switch {
	case !start.Equal(p.Start) || !end.Equal(p.End):
		return bad("another period: from " + start.String() + " to " + end.String() + ", not " + periodName(p))
	case loc != p.Location().String():
		return bad("the period in " + loc + ", not " + p.Location().String())
	case grain != p.Grain:
		return bad("the period's grain " + grain.String() + ", not " + p.Grain.String())
	case (flags == 1) != s.Options.RepurchaseByDays:
		return bad("another Options.RepurchaseByDays")
	case n != int64(len(s.Options.FirstOrders)):
		return bad("another Options.FirstOrders")
	}
	return bad("another Options.FirstOrders, or the period's times in other UTC offsets")
}

func decodeAcc(d *wire.Decoder, c money.Currency, byDays bool) *currencyAcc {
	a := newCurrencyAcc(c)
	a.orders, a.guests, a.units = d.Count(), d.Count(), d.Count()
	if a.guests > a.orders {
		d.Fail("more guest orders than orders")
	}
	decodeTotals(d, 0, &a.gross, &a.disc, &a.ret, &a.ship, &a.tax, &a.cogs, &a.back)

	var chans []string // by their number in the data
	var nums []uint32  // their numbers in a
	for range d.Length() {
		n := d.Text()
		if d.Err() != nil {
			return a
		}
		if len(chans) > 0 && chans[len(chans)-1] >= n {
			d.Fail("channels out of order")
			return a
		}
		chans = append(chans, n)
		nums = append(nums, a.chanNum(n))
	}

	// The IDs are read in place and copied by a.custs: what is allocated
	// is in proportion to what was read, however many currencies the data
	// claims. The records are allocated ahead for at most 4096 customers
	// (a customer's encoding is at least 4 bytes), then as they come.
	n := d.Length()
	a.custs.grow(min(n, d.Len()/4, 4096))
	var prev []byte
	for range n {
		raw := d.Bytes(d.Length())
		if d.Err() != nil {
			return a
		}
		if len(raw) == 0 || (a.custs.len() > 0 && string(prev) >= string(raw)) {
			d.Fail("customers out of order")
			return a
		}
		prev = raw
		cs := custState{first: noFirst}
		flags := d.Byte()
		if flags&^(custHasFirst|custDays2) != 0 {
			d.Fail("bad customer flags")
			return a
		}
		if flags&custHasFirst != 0 {
			v := d.Varint()
			sec, ns := v>>1, int64(0)
			if v&1 != 0 {
				u := d.Uvarint()
				if u == 0 || u >= 1e9 {
					d.Fail("bad nanoseconds")
					return a
				}
				ns = int64(u)
			}
			first, ok1 := intmath.Mul64(sec, 1e9)
			first, ok2 := intmath.Add64(first, ns)
			if !ok1 || !ok2 || first == noFirst {
				d.Fail("first order out of range")
				return a
			}
			cs.first = first
			k := d.Uvarint()
			if d.Err() == nil && k >= uint64(len(chans)) {
				d.Fail("bad channel number")
				return a
			}
			if d.Err() == nil {
				cs.ch = nums[k]
			}
		}
		cs.orders = d.Count()
		switch {
		case byDays && cs.orders > 1 && flags&custDays2 != 0:
			cs.setDays2()
		case byDays && cs.orders > 0 && flags&custDays2 == 0:
			day := d.Varint()
			if day != int64(int32(day)) {
				d.Fail("day out of range")
				return a
			}
			cs.day = int32(day)
		case flags&custDays2 != 0:
			d.Fail("bad customer flags")
			return a
		}
		if d.Err() != nil {
			return a
		}
		i, _ := a.custs.index(raw) // new, being greater than the last
		*a.custs.at(i) = cs
	}
	for _, gs := range [3]*groups{&a.channel, &a.category, &a.sku} {
		gs.decode(d)
	}
	return a
}

func (gs *groups) decode(d *wire.Decoder) {
	n := d.Length()
	for range n {
		key := d.Text()
		if d.Err() != nil {
			return
		}
		if len(gs.g) > 0 && gs.g[len(gs.g)-1].key >= key {
			d.Fail("groups out of order")
			return
		}
		g := groupAcc{key: key, orders: d.Count(), units: d.Count()}
		decodeTotals(d, 1<<3, &g.gross, &g.disc, &g.ret, &g.cogs) // a group's COGS may be negative (restocked returns)
		if d.Err() != nil {
			return
		}
		gs.g = append(gs.g, g)
	}
	if len(gs.g) > 0 {
		gs.idx = make(map[string]int32, len(gs.g))
		for i := range gs.g {
			gs.idx[gs.g[i].key] = int32(i)
		}
	}
}

// decodeTotals reads what appendTotals wrote into ts; the totals whose
// bit is not in signed must not be negative.
func decodeTotals(d *wire.Decoder, signed byte, ts ...*amount) {
	mask := d.Byte()
	if mask>>len(ts) != 0 {
		d.Fail("bad total mask")
		return
	}
	for i, t := range ts {
		t.t = money.Total{Units: d.Varint()}
		if mask&(1<<i) != 0 {
			t.t.Extra = moneywire.DecodeExtra(d)
			if t.t.Extra != nil && !moneywire.IsCanonical(t.t) {
				d.Fail("total not in its canonical form")
			}
		}
		if d.Err() == nil && signed&(1<<i) == 0 && t.t.Decimal().Sign() < 0 {
			d.Fail("negative total")
		}
	}
}
