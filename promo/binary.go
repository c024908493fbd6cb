package promo

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/internal/moneywire"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// The version bytes of the encoding of Ledger: MarshalBinary writes
// ledgerV2; UnmarshalBinary reads both.
const (
	ledgerV1 = 1
	ledgerV2 = 2 // v1 with the units sold without a unit cost
)

// corruptError is the error of UnmarshalBinary for data that is not an
// encoding MarshalBinary made; it wraps metrics.ErrCorrupt.
type corruptError struct{ what string }

func (e *corruptError) Error() string { return "promo: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return metrics.ErrCorrupt }

func corrupt(what string) error { return &corruptError{what} }

// MarshalBinary encodes everything l has accumulated, all that
// [Ledger.Merge] needs, so that a Ledger can be sent to another process
// and merged there. Amounts are exact (each a [money.Total] in its one
// canonical form), never floats. Equal state encodes to equal bytes,
// whatever order its orders came in. It never fails.
//
// The promotions' definitions do not travel in the bytes: they are the
// Ledger's setup, like its Location. The decoding Ledger must be given the
// same Location and [Ledger.Track] the same promotions, in the same order,
// before [Ledger.UnmarshalBinary], as every shard of a job is set up from
// one configuration; the encoding records the setup only to check it.
//
// The format, version 2 (integers are varints, unsigned unless said; a
// string is its length then its bytes; days are civil days since
// 1970-01-01 in the Ledger's Location):
//
//   - the version byte, 2;
//   - the setup: the length of this part, then the Location's name, an
//     8-byte FNV-1a digest of its UTC offsets at the instants Merge
//     compares, the count of tracked promotions and, for each in the
//     order tracked, its ID and an 8-byte FNV-1a digest of its whole
//     definition (name, window instants and grain, scope with its SKUs
//     and categories sorted and each once, mechanism and its parameters,
//     costs), which Merge compares too;
//   - the currency code ("" for none); the orders, lines, units and
//     cancelled orders; if there are orders, the first and last day
//     (signed);
//   - the SKUs in increasing byte order of their code: their count, then
//     each one's code and category, the count of its days from its first
//     to its last day with sales and, if not zero, that first day (signed),
//     then each of those days: its units (0 for a day without sales, and
//     nothing more), or the units, a mask byte (bits 0 to 3: gross sales,
//     discounts, net sales and cost have an exact part; bit 4: some units
//     were sold without a unit cost) and the four totals, each the signed
//     varint of its whole minor units and, if its bit is set, its exact
//     part as moneywire.AppendExtra writes it (the total is then that
//     part alone), then, if bit 4 is set, the units sold without a unit
//     cost (1 to the day's units);
//   - for each tracked promotion, in the order tracked, the days with
//     orders of its scope: their count, then each day (the first signed,
//     the others as the increase over the day before), its orders with an
//     item in scope, the orders among them that redeemed the promotion,
//     and the sales of other categories in those baskets: their count,
//     then in increasing order of category, the category, its units, its
//     net sales and cost (each as moneywire.AppendTotal writes it), and
//     its units sold without a unit cost (0 to its units).
//
// Version 1, which the Ledgers before version 2 wrote, is version 2
// without the units sold without a unit cost: no bit 4, no count after a
// basket's category. It decodes with the rule that holds for a cell of
// version 2 whose cost is zero: a SKU's day or a basket's category whose
// cost is zero sold all its units without a unit cost, one whose cost is
// not zero none (a day that mixed lines with and without costs is then
// counted as sold with them).
//
// A day without sales inside a SKU's run costs one byte, so that what
// decoding allocates (the Ledger keeps a SKU's days densely, from its
// first to its last) stays in proportion to the encoding's length. The
// encoding has no checksum: a changed byte that still makes a valid
// encoding decodes to another Ledger.
func (l *Ledger) MarshalBinary() ([]byte, error) {
	setup := l.appendSetup(nil)
	b := []byte{ledgerV2}
	b = binary.AppendUvarint(b, uint64(len(setup)))
	b = append(b, setup...)
	code := ""
	if !l.cur.IsZero() {
		code = l.cur.Code()
	}
	b = wire.AppendString(b, code)
	b = binary.AppendUvarint(b, uint64(l.orders))
	b = binary.AppendUvarint(b, uint64(l.lines))
	b = binary.AppendUvarint(b, uint64(l.units))
	b = binary.AppendUvarint(b, uint64(l.cancelled))
	if l.orders > 0 {
		b = binary.AppendVarint(b, int64(l.minDay))
		b = binary.AppendVarint(b, int64(l.maxDay))
	}

	order := make([]int32, len(l.skus))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int { return strings.Compare(l.skus[i].sku, l.skus[j].sku) })
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, i := range order {
		b = l.skus[i].appendBinary(b)
	}
	for _, t := range l.tracked {
		b = t.appendBinary(b)
	}
	return b, nil
}

// empty reports whether c holds no sales: Merge leaves such cells out.
func (c *cell) empty() bool {
	if c.units != 0 || c.gross != 0 || c.disc != 0 || c.net != 0 || c.cost != 0 {
		return false
	}
	return c.x == nil || (c.x.gross.Decimal().IsZero() && c.x.disc.Decimal().IsZero() && c.x.net.Decimal().IsZero() && c.x.cost.Decimal().IsZero())
}

func (s *skuSeries) appendBinary(b []byte) []byte {
	b = wire.AppendString(b, s.sku)
	b = wire.AppendString(b, s.category)
	lo, hi := 0, len(s.cells)
	for lo < hi && s.cells[lo].empty() {
		lo++
	}
	for hi > lo && s.cells[hi-1].empty() {
		hi--
	}
	b = binary.AppendUvarint(b, uint64(hi-lo))
	if hi == lo {
		return b
	}
	b = binary.AppendVarint(b, int64(s.first+lo))
	for k := lo; k < hi; k++ {
		c := &s.cells[k]
		if c.empty() {
			b = append(b, 0)
			continue
		}
		b = binary.AppendUvarint(b, uint64(c.units))
		var ts [4]money.Total
		ts[0], ts[1], ts[2], ts[3] = money.Total{Units: c.gross}, money.Total{Units: c.disc}, money.Total{Units: c.net}, money.Total{Units: c.cost}
		if c.x != nil {
			ts[0].AddTotal(c.x.gross)
			ts[1].AddTotal(c.x.disc)
			ts[2].AddTotal(c.x.net)
			ts[3].AddTotal(c.x.cost)
		}
		var mask byte
		for i := range ts {
			ts[i] = moneywire.Canonical(ts[i])
			if ts[i].Extra != nil {
				mask |= 1 << i
			}
		}
		if c.noCost > 0 {
			mask |= maskNoCost
		}
		b = append(b, mask)
		for i := range ts {
			b = binary.AppendVarint(b, ts[i].Units)
			if ts[i].Extra != nil {
				b = moneywire.AppendExtra(b, ts[i])
			}
		}
		if c.noCost > 0 {
			b = binary.AppendUvarint(b, uint64(c.noCost))
		}
	}
	return b
}

// maskNoCost is the bit of a cell's mask byte set when units of the cell
// were sold without a unit cost (version 2).
const maskNoCost = 1 << 4

func (t *tracker) appendBinary(b []byte) []byte {
	days := slices.Sorted(maps.Keys(t.days))
	b = binary.AppendUvarint(b, uint64(len(days)))
	for i, day := range days {
		if i == 0 {
			b = binary.AppendVarint(b, int64(day))
		} else {
			b = binary.AppendUvarint(b, uint64(day-days[i-1]))
		}
		bk := t.days[day]
		b = binary.AppendUvarint(b, uint64(bk.orders))
		b = binary.AppendUvarint(b, uint64(bk.redeemed))
		cats := slices.Sorted(maps.Keys(bk.other))
		b = binary.AppendUvarint(b, uint64(len(cats)))
		for _, cat := range cats {
			cc := bk.other[cat]
			b = wire.AppendString(b, cat)
			b = binary.AppendUvarint(b, uint64(cc.units))
			b = moneywire.AppendTotal(b, cc.net)
			b = moneywire.AppendTotal(b, cc.cost)
			b = binary.AppendUvarint(b, uint64(cc.noCost))
		}
	}
	return b
}

// appendSetup appends the setup part of the encoding: what decoding
// checks against the receiver.
func (l *Ledger) appendSetup(b []byte) []byte {
	loc := l.loc()
	b = wire.AppendString(b, loc.String())
	b = binary.BigEndian.AppendUint64(b, civil.OffsetsDigest(loc))
	b = binary.AppendUvarint(b, uint64(len(l.tracked)))
	for _, t := range l.tracked {
		b = wire.AppendString(b, t.p.ID)
		b = binary.BigEndian.AppendUint64(b, definitionDigest(t.p))
	}
	return b
}

// definitionDigest digests every field of p (CostUnknown only when set),
// amounts and the percentage by value (0.20 and 0.2 are one value), the
// window by its instants and the scope's lists of SKUs and categories as sets (sorted, each once), as
// the Ledger counts them.
func definitionDigest(p Promotion) uint64 {
	var b []byte
	b = wire.AppendString(b, p.ID)
	b = wire.AppendString(b, p.Name)
	for _, t := range []time.Time{p.Window.Start, p.Window.End} {
		b = binary.AppendVarint(b, t.Unix())
		b = binary.AppendVarint(b, int64(t.Nanosecond()))
	}
	b = append(b, byte(p.Window.Grain))
	for _, list := range [][]string{p.Scope.SKUs, p.Scope.Categories} {
		list = slices.Compact(slices.Sorted(slices.Values(list)))
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, s := range list {
			b = wire.AppendString(b, s)
		}
	}
	if p.Scope.Store {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = append(b, byte(p.Mechanism))
	b = appendDecimal(b, p.Percent)
	for _, m := range []money.Money{p.Threshold, p.Amount, p.FixedCost, p.MediaCost} {
		code := ""
		if !m.Currency().IsZero() {
			code = m.Currency().Code()
		}
		b = wire.AppendString(b, code)
		b = appendDecimal(b, m.Decimal())
	}
	b = binary.AppendVarint(b, p.BuyQty)
	b = binary.AppendVarint(b, p.GetQty)
	if p.CostUnknown {
		// Only when set: the digests of promotions whose costs are
		// known are those of the encodings made before the field.
		b = append(b, 1)
	}
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

// appendDecimal appends d by value, in moneywire's canonical form.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	return moneywire.AppendTotal(b, money.Total{Extra: &d})
}

// UnmarshalBinary replaces what l has accumulated with what
// [Ledger.MarshalBinary] encoded. Set l's Location and [Ledger.Track] the
// encoder's promotions first, in the same order, as before the first Add:
// they are not in the encoding, which only records them to check them.
// l's promotions and Location are kept; everything it had accumulated is
// replaced.
//
// It returns an error wrapping metrics.ErrCorrupt for data that is not
// such an encoding, truncated or corrupt, or that holds a state no Add
// and Merge make (SKUs or baskets without orders, a SKU without sales or
// whose run of days starts or ends without sales, days out of the
// Ledger's span or past ±2^47, a span whose first or last day has no
// sales, SKUs' units that do not add up to the Ledger's units, more days
// with sales than lines, fewer units than lines, a negative amount, more
// redemptions than orders, a total not in its canonical form, SKUs or
// days or categories out of order, units sold without a unit cost that
// do not go with the cost: a zero cost when, and only when, every unit
// was); it never panics, and allocates in
// proportion to the data's length. It returns a
// *metrics.MergeError (wrapping metrics.ErrIncompatible) if the encoding
// was made by a Ledger set up otherwise, naming what differs: the
// Location, the count of promotions, a promotion's ID at its place, or a
// promotion of the same ID defined otherwise (as [Ledger.Merge] compares
// definitions: the scope's lists as sets). On any error l is
// unchanged.
func (l *Ledger) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	v := d.Byte()
	if d.Err() == nil && v != ledgerV1 && v != ledgerV2 {
		return corrupt("unknown Ledger version")
	}
	setup := d.Bytes(d.Length())
	if d.Err() != nil {
		return d.Err()
	}
	if err := l.checkSetup(setup); err != nil {
		return err
	}
	var x Ledger
	if code := d.Text(); code != "" {
		c, err := money.ParseCurrency(code)
		if err != nil || c.Code() != code {
			d.Fail("bad currency")
		}
		x.cur = c
	}
	x.orders, x.lines, x.units, x.cancelled = d.Count(), d.Count(), d.Count(), d.Count()
	if x.orders > 0 {
		lo, hi := d.Varint(), d.Varint()
		if d.Err() == nil && (lo > hi || lo < -maxDay || hi > maxDay) {
			d.Fail("bad span of days")
		}
		x.minDay, x.maxDay = int(lo), int(hi)
	}
	if d.Err() == nil && (x.lines < x.orders || (x.orders == 0) != x.cur.IsZero() || x.units < x.lines) {
		d.Fail("counts no Add makes")
	}
	n := d.Length()
	if d.Err() == nil && n > 0 && x.orders == 0 {
		d.Fail("SKUs without orders")
	}
	var (
		units int64 // Σ units of the SKUs' days
		cells int64 // days with sales of the SKUs
	)
	if n > 0 && d.Err() == nil {
		// A SKU takes at least 5 bytes: code, category, days, first day
		// and one day's units.
		x.skus = make([]skuSeries, 0, min(n, d.Len()/5))
		x.skuIdx = make(map[string]int32, cap(x.skus))
	}
	for i := 0; i < n && d.Err() == nil; i++ {
		s := skuSeries{sku: d.Text(), category: d.Text()}
		if d.Err() == nil && i > 0 && s.sku <= x.skus[i-1].sku {
			d.Fail("SKUs out of order")
		}
		k := d.Length()
		if d.Err() == nil && k == 0 {
			d.Fail("a SKU without sales")
		}
		if k > 0 {
			first := d.Varint()
			if d.Err() == nil && (first < int64(x.minDay) || first > int64(x.maxDay) || int64(k)-1 > int64(x.maxDay)-first) {
				d.Fail("a SKU's days out of the ledger's span")
			}
			s.first = int(first)
			s.cells = make([]cell, k)
		}
		for j := 0; j < k && d.Err() == nil; j++ {
			c := &s.cells[j]
			c.units = d.Count()
			if c.units == 0 {
				if j == 0 || j == k-1 {
					d.Fail("a SKU's run of days starts or ends without sales")
				}
				continue
			}
			cells++
			var ok bool
			if units, ok = intmath.Add64(units, c.units); !ok {
				d.Fail("units past the int64 range")
			}
			decodeCell(&d, c, v)
		}
		x.skuIdx[s.sku] = int32(len(x.skus))
		x.skus = append(x.skus, s)
	}
	if d.Err() == nil && (units != x.units || cells > x.lines) {
		d.Fail("the SKUs' days do not add up to the ledger's units and lines")
	}
	if d.Err() == nil && len(x.skus) > 0 {
		// Every order has a line, so the first and last days of the
		// Ledger's span are days of sales of some SKU.
		lo, hi := x.skus[0].first, x.skus[0].first+len(x.skus[0].cells)-1
		for _, s := range x.skus[1:] {
			lo, hi = min(lo, s.first), max(hi, s.first+len(s.cells)-1)
		}
		if lo != x.minDay || hi != x.maxDay {
			d.Fail("a span of days that does not start and end with sales")
		}
	}
	x.tracked = make([]*tracker, len(l.tracked))
	for i, t := range l.tracked {
		y := &tracker{p: t.p, skus: t.skus, cats: t.cats, days: map[int]*basket{}}
		x.tracked[i] = y
		y.decode(&d, &x, v)
	}
	if err := d.End(); err != nil {
		return err
	}
	x.Location = l.Location
	*l = x
	return nil
}

// maxDay bounds the day numbers of a decoded Ledger: past the days of
// every time.Time of int64 Unix seconds (±1.07 × 10^14), and small enough
// that day arithmetic cannot overflow.
const maxDay = 1 << 47

// decodeCell reads a cell's mask, totals and, in version 2, units sold
// without a unit cost into c, whose units are set.
func decodeCell(d *wire.Decoder, c *cell, version byte) {
	mask := d.Byte()
	if mask>>4 != 0 && (version == ledgerV1 || mask>>5 != 0) {
		d.Fail("bad total mask")
		return
	}
	decodeTotals(d, c, mask)
	if d.Err() != nil {
		return
	}
	costless := c.cost == 0 && (c.x == nil || c.x.cost.Decimal().IsZero())
	switch {
	case version == ledgerV1:
		if costless {
			c.noCost = c.units
		}
	case mask&maskNoCost != 0:
		if c.noCost = d.Count(); d.Err() == nil && c.noCost == 0 {
			d.Fail("a count of units without a cost not in its canonical form")
			return
		}
	}
	if d.Err() == nil && !noCostFits(c.noCost, c.units, costless) {
		d.Fail("units without a cost no Add makes")
	}
}

// noCostFits reports whether noCost units of units sold without a unit
// cost go with a cost that is zero (costless) or not, as Add makes them:
// costs are never negative and quantities positive, so that a cost is
// zero exactly when every unit was sold without one. A state that breaks
// it would hide units without a cost, or invent them.
func noCostFits(noCost, units int64, costless bool) bool {
	return noCost >= 0 && noCost <= units && costless == (noCost == units)
}

// decodeTotals reads the four totals of a cell of the given mask into c.
func decodeTotals(d *wire.Decoder, c *cell, mask byte) {
	fields := [4]*int64{&c.gross, &c.disc, &c.net, &c.cost}
	for i, f := range fields {
		v := d.Varint()
		if mask&(1<<i) == 0 {
			if v < 0 {
				d.Fail("negative amount")
			}
			*f = v
			continue
		}
		if v != 0 {
			d.Fail("total not in its canonical form")
			return
		}
		e := moneywire.DecodeExtra(d)
		if d.Err() != nil {
			return
		}
		t := money.Total{Extra: e}
		if !moneywire.IsCanonical(t) {
			d.Fail("total not in its canonical form")
			return
		}
		if e.Sign() < 0 {
			d.Fail("negative amount")
			return
		}
		if c.x == nil {
			c.x = &cellExtra{}
		}
		*[4]*money.Total{&c.x.gross, &c.x.disc, &c.x.net, &c.x.cost}[i] = t
	}
}

// decode reads the baskets of t's promotion, of an encoding of version.
func (t *tracker) decode(d *wire.Decoder, x *Ledger, version byte) {
	n := d.Length()
	if d.Err() == nil && n > 0 && x.orders == 0 {
		d.Fail("baskets without orders")
		return
	}
	var day, orders int64
	for i := 0; i < n && d.Err() == nil; i++ {
		if i == 0 {
			day = d.Varint()
		} else {
			step := d.Uvarint()
			if d.Err() == nil && (step == 0 || step > uint64(x.maxDay)-uint64(day)) {
				d.Fail("basket days out of order or out of the ledger's span")
				return
			}
			day += int64(step)
		}
		if d.Err() == nil && (day < int64(x.minDay) || day > int64(x.maxDay)) {
			d.Fail("a basket day out of the ledger's span")
			return
		}
		b := &basket{orders: d.Count(), redeemed: d.Count(), other: map[string]*catCell{}}
		orders += b.orders
		if d.Err() == nil && (b.orders == 0 || b.redeemed > b.orders || orders > x.orders || orders < 0) {
			d.Fail("a basket's orders no Add makes")
			return
		}
		m := d.Length()
		prev := ""
		for j := 0; j < m && d.Err() == nil; j++ {
			cat := d.Text()
			if d.Err() == nil && j > 0 && cat <= prev {
				d.Fail("basket categories out of order")
				return
			}
			prev = cat
			cc := &catCell{units: d.Count()}
			cc.net = moneywire.DecodeTotal(d)
			cc.cost = moneywire.DecodeTotal(d)
			if version == ledgerV1 {
				if cc.cost.Decimal().IsZero() {
					cc.noCost = cc.units
				}
			} else {
				cc.noCost = d.Count()
			}
			if d.Err() == nil && (cc.units == 0 || cc.units > x.units || cc.net.Decimal().Sign() < 0 || cc.cost.Decimal().Sign() < 0 ||
				!noCostFits(cc.noCost, cc.units, cc.cost.Decimal().IsZero())) {
				d.Fail("a basket's category sales no Add makes")
				return
			}
			b.other[cat] = cc
		}
		t.days[int(day)] = b
	}
}

// checkSetup returns a *metrics.MergeError if setup, the setup part of an
// encoding, is not l's, or a corrupt error if it is malformed.
func (l *Ledger) checkSetup(setup []byte) error {
	want := l.appendSetup(nil)
	if string(setup) == string(want) {
		return nil
	}
	d := wire.NewDecoder(setup, corrupt)
	loc := d.Text()
	offs := d.Bytes(8)
	n := d.Length()
	type promo struct {
		id     string
		digest []byte
	}
	ps := make([]promo, 0, n)
	for range n {
		ps = append(ps, promo{d.Text(), d.Bytes(8)})
	}
	if err := d.End(); err != nil {
		return err
	}
	bad := func(problem string) error {
		return mergeError("decoding an encoding made with "+problem, nil)
	}
	here := l.loc()
	switch {
	case loc != here.String():
		return bad("Location " + loc + ", not " + here.String())
	case binary.BigEndian.Uint64(offs) != civil.OffsetsDigest(here):
		return bad("Location " + loc + " of other UTC offsets")
	case len(ps) != len(l.tracked):
		return bad(fmt.Sprintf("%d tracked promotions, not %d", len(ps), len(l.tracked)))
	}
	for i, p := range ps {
		if t := l.tracked[i]; p.id != t.p.ID {
			return bad(fmt.Sprintf("tracked promotion %d %q, not %q", i, p.id, t.p.ID))
		} else if binary.BigEndian.Uint64(p.digest) != definitionDigest(t.p) {
			return bad(fmt.Sprintf("promotion %q defined otherwise (its name, window, scope, mechanism or costs)", p.id))
		}
	}
	return corrupt("bad setup") // the same fields in other bytes
}
