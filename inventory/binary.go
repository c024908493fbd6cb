package inventory

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/internal/moneywire"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// salesV1 is the version byte of the encoding of Sales.
const salesV1 = 1

// corruptError is the error of UnmarshalBinary for data that is not an
// encoding MarshalBinary made; it wraps metrics.ErrCorrupt.
type corruptError struct{ what string }

func (e *corruptError) Error() string { return "inventory: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return metrics.ErrCorrupt }

func corrupt(what string) error { return &corruptError{what} }

// Price kinds: a SKU's last list price is absent, in the sales' currency,
// or in a currency of its own (written after it).
const (
	noPrice = iota
	salesPrice
	otherPrice
)

// MarshalBinary encodes everything s holds, all that [Sales.Merge] needs,
// so that a Sales can be sent to another process and merged there: every
// SKU's sales by day and its category and last list price, and the data
// problems met ([Sales.Err]). Amounts are exact (a [money.Total] each in
// its one canonical form), never floats. Sales of the same lines encode to
// the same bytes whatever order the lines came in, as long as each SKU's
// category and list price do not change (a SKU keeps the last of each,
// and the problems are kept in the order met, with the record of the first
// of a kind: both follow the order of the lines). It returns an error only
// for a problem of a kind this package does not report, which Sales never
// holds.
//
// The format, version 1 (integers are varints, unsigned unless said; a
// string is its length then its bytes; days are [Day]s):
//
//   - the version byte, 1;
//   - the currency code ("" for none);
//   - the SKUs in increasing byte order of their code: their count, then
//     each one's code, category, a price byte (0 none, 1 in the sales'
//     currency, 2 followed by its own currency code) and, with a price,
//     its amount as moneywire.AppendTotal writes a total of that value
//     (not in minor units: whole amounts in Units); then the days with sales in increasing
//     order: their count, each day (the first signed, the others as the
//     increase over the day before), its units, a mask byte (bit 0:
//     revenue, bit 1: COGS has an exact part) and the day's net revenue
//     and COGS in minor units, each the signed varint of its whole minor
//     units and, if its bit is set, its exact part as
//     moneywire.AppendExtra writes it (the total is then that part alone);
//   - the data problems in the order met: their count, then each one's
//     source, SKU, day (signed), record, order ID, count, detail and kind
//     (the index of its sentinel in the order of [Report.ProblemCounts]).
//
// The SKU's units sold are the sum of its days' and are not written. The
// encoding has no checksum: a changed byte that still makes a valid
// encoding decodes to another Sales.
func (s *Sales) MarshalBinary() ([]byte, error) {
	b := []byte{salesV1}
	b = wire.AppendString(b, currencyCode(s.cur))
	order := make([]int, len(s.skus))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return strings.Compare(s.skus[i].sku, s.skus[j].sku) })
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, i := range order {
		b = s.skus[i].appendBinary(b, s.cur)
	}
	b = binary.AppendUvarint(b, uint64(len(s.probs.list)))
	for _, p := range s.probs.list {
		k := slices.Index(problemOrder, p.Err)
		if k < 0 {
			return nil, errors.New("inventory: Sales.MarshalBinary: a problem of unknown kind: " + p.Error())
		}
		b = wire.AppendString(b, p.Source)
		b = wire.AppendString(b, p.SKU)
		b = binary.AppendVarint(b, int64(p.Day))
		b = binary.AppendUvarint(b, uint64(p.Record))
		b = wire.AppendString(b, p.OrderID)
		b = binary.AppendUvarint(b, uint64(p.Count))
		b = wire.AppendString(b, p.Detail)
		b = append(b, byte(k))
	}
	return b, nil
}

func currencyCode(c money.Currency) string {
	if c.IsZero() {
		return ""
	}
	return c.Code()
}

// canonicalDays returns k's sales by day, sorted, one entry per day, each
// with its exact revenue and COGS in minor units. It does not change k.
func (k *skuSales) canonicalDays() (days []Day, units []int64, rev, cogs []money.Total) {
	ds := k.days
	if k.unsorted {
		ds = slices.Clone(ds)
		slices.SortStableFunc(ds, func(a, b daySale) int { return int(a.day) - int(b.day) })
	}
	days = make([]Day, 0, len(ds))
	units = make([]int64, 0, len(ds))
	rev = make([]money.Total, 0, len(ds))
	cogs = make([]money.Total, 0, len(ds))
	for _, d := range ds {
		if n := len(days); n == 0 || days[n-1] != d.day {
			days = append(days, d.day)
			units = append(units, 0)
			rev = append(rev, money.Total{})
			cogs = append(cogs, money.Total{})
		}
		i := len(days) - 1
		units[i] += d.units // a part of k.units, which fits
		rev[i].Add(d.revenue)
		cogs[i].Add(d.cogs)
	}
	for _, e := range k.exact {
		// add writes a rest only beside its day's sale.
		if i, ok := slices.BinarySearch(days, e.day); ok {
			rev[i].AddDecimal(e.revenue)
			cogs[i].AddDecimal(e.cogs)
		}
	}
	return days, units, rev, cogs
}

func (k *skuSales) appendBinary(b []byte, cur money.Currency) []byte {
	b = wire.AppendString(b, k.sku)
	b = wire.AppendString(b, k.category)
	switch {
	case k.price.IsZero():
		b = append(b, noPrice)
	case k.price.Currency() == cur:
		b = append(b, salesPrice)
		b = appendDecimal(b, k.price.Decimal())
	default:
		b = append(b, otherPrice)
		b = wire.AppendString(b, currencyCode(k.price.Currency()))
		b = appendDecimal(b, k.price.Decimal())
	}
	days, units, rev, cogs := k.canonicalDays()
	b = binary.AppendUvarint(b, uint64(len(days)))
	for i, d := range days {
		if i == 0 {
			b = binary.AppendVarint(b, int64(d))
		} else {
			b = binary.AppendUvarint(b, uint64(int64(d)-int64(days[i-1])))
		}
		b = binary.AppendUvarint(b, uint64(units[i]))
		r, c := moneywire.Canonical(rev[i]), moneywire.Canonical(cogs[i])
		var mask byte
		if r.Extra != nil {
			mask |= 1
		}
		if c.Extra != nil {
			mask |= 2
		}
		b = append(b, mask)
		for _, t := range []money.Total{r, c} {
			b = binary.AppendVarint(b, t.Units)
			if t.Extra != nil {
				b = moneywire.AppendExtra(b, t)
			}
		}
	}
	return b
}

// appendDecimal appends d by value, in moneywire's canonical form.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	return moneywire.AppendTotal(b, money.Total{Extra: &d})
}

// UnmarshalBinary replaces what s holds with what [Sales.MarshalBinary]
// encoded. Sales has no setup, so any Sales may decode any encoding.
//
// It returns an error wrapping metrics.ErrCorrupt, and leaves s
// unchanged, for data that is not such an encoding, truncated or corrupt,
// or that holds what Sales never holds: a SKU listed twice or out of
// order, days out of order or out of the range of Day, a day without
// units, a SKU's units past the int64 range, a price of zero or out of
// range, a currency that is not one, a problem of an unknown kind, of no
// record count, or listed twice (its source, SKU and kind), a total not
// in its canonical form. It never panics, and allocates in proportion to
// the data's length.
func (s *Sales) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != salesV1 {
		return corrupt("unknown Sales version")
	}
	var x Sales
	x.cur = decodeCurrency(&d)
	n := d.Length()
	if d.Err() == nil && n > 0 {
		// A SKU takes at least 4 bytes: code, category, price and days.
		x.skus = make([]skuSales, 0, min(n, d.Len()/4))
		x.idx = make(map[string]int, cap(x.skus))
	}
	for i := 0; i < n && d.Err() == nil; i++ {
		k := decodeSKU(&d, x.cur)
		if d.Err() == nil && i > 0 && k.sku <= x.skus[i-1].sku {
			d.Fail("SKUs out of order")
		}
		if d.Err() != nil {
			break
		}
		x.idx[k.sku] = len(x.skus)
		x.skus = append(x.skus, k)
	}
	n = d.Length()
	for i := 0; i < n && d.Err() == nil; i++ {
		p := &DataError{Source: d.Text(), SKU: d.Text()}
		day := d.Varint()
		if d.Err() == nil && day != int64(Day(day)) {
			d.Fail("day out of range")
		}
		p.Day = Day(day)
		rec := d.Count()
		if d.Err() == nil && rec != int64(int(rec)) {
			d.Fail("record out of range")
		}
		p.Record = int(rec)
		p.OrderID = d.Text()
		count := d.Count()
		if d.Err() == nil && (count == 0 || count != int64(int(count))) {
			d.Fail("a problem's count out of range")
		}
		p.Count = int(count)
		p.Detail = d.Text()
		kind := d.Byte()
		if d.Err() != nil {
			break
		}
		if int(kind) >= len(problemOrder) {
			d.Fail("a problem of unknown kind")
			break
		}
		p.Err = problemOrder[kind]
		if _, dup := x.probs.idx[problemKey{p.Source, p.SKU, p.Err}]; dup {
			d.Fail("a problem listed twice")
			break
		}
		x.probs.addN(p)
	}
	if err := d.End(); err != nil {
		return err
	}
	*s = x
	return nil
}

func decodeCurrency(d *wire.Decoder) money.Currency {
	code := d.Text()
	if code == "" || d.Err() != nil {
		return money.Currency{}
	}
	c, err := money.ParseCurrency(code)
	if err != nil || c.Code() != code {
		d.Fail("bad currency")
	}
	return c
}

// decodeSKU reads what skuSales.appendBinary wrote.
func decodeSKU(d *wire.Decoder, cur money.Currency) skuSales {
	k := skuSales{sku: d.Text(), category: d.Text()}
	switch kind := d.Byte(); kind {
	case noPrice:
	case salesPrice, otherPrice:
		c := cur
		if kind == otherPrice {
			c = decodeCurrency(d)
			if d.Err() == nil && c == cur {
				d.Fail("a price in the sales' currency written as another")
			}
		}
		t := moneywire.DecodeTotal(d)
		if d.Err() != nil {
			return k
		}
		v := t.Decimal()
		if v.IsZero() {
			d.Fail("bad price")
			return k
		}
		p, err := c.FromDecimal(v)
		if err != nil {
			d.Fail("bad price")
			return k
		}
		k.price = p
	default:
		d.Fail("bad price kind")
		return k
	}
	n := d.Length()
	if d.Err() == nil && n > 0 {
		k.days = make([]daySale, 0, min(n, d.Len()/5)) // a day takes at least 5 bytes
	}
	var day int64
	for i := 0; i < n && d.Err() == nil; i++ {
		if i == 0 {
			day = d.Varint()
		} else {
			day += int64(d.Uvarint())
			if d.Err() == nil && day <= int64(k.days[i-1].day) {
				d.Fail("days out of order")
			}
		}
		if d.Err() == nil && day != int64(Day(day)) {
			d.Fail("day out of range")
		}
		ds := daySale{day: Day(day), units: d.Count()}
		if d.Err() == nil && ds.units == 0 {
			d.Fail("a day without units")
		}
		var ok bool
		if k.units, ok = intmath.Add64(k.units, ds.units); !ok && d.Err() == nil {
			d.Fail("a SKU's units past the int64 range")
		}
		mask := d.Byte()
		if d.Err() == nil && mask>>2 != 0 {
			d.Fail("bad total mask")
		}
		var rest exactRest
		for j, f := range []*int64{&ds.revenue, &ds.cogs} {
			v := d.Varint()
			if mask&(1<<j) == 0 {
				*f = v
				continue
			}
			if d.Err() == nil && v != 0 {
				d.Fail("total not in its canonical form")
			}
			e := moneywire.DecodeExtra(d)
			if d.Err() != nil {
				break
			}
			if !moneywire.IsCanonical(money.Total{Extra: e}) {
				d.Fail("total not in its canonical form")
				break
			}
			if j == 0 {
				rest.revenue = *e
			} else {
				rest.cogs = *e
			}
		}
		if d.Err() != nil {
			break
		}
		if mask != 0 {
			rest.day = ds.day
			k.exact = append(k.exact, rest)
		}
		k.days = append(k.days, ds)
	}
	return k
}
