package market

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// ErrCorrupt is the category of the errors of [Tracker.UnmarshalBinary]
// for data that [Tracker.MarshalBinary] did not write.
var ErrCorrupt = errors.New("market: corrupt binary data")

// trackerV1 is the version byte of the encoding.
const trackerV1 = 1

// MarshalBinary encodes t: a version byte, the period (start, end, grain), the currency, the
// observations per SKU and competitor (sorted, so that trackers of the
// same inputs encode alike whatever their order), the promotion days and
// the sales per SKU, amounts as decimal strings. It never fails.
func (t *Tracker) MarshalBinary() ([]byte, error) {
	b := []byte{trackerV1}
	b = appendTime(b, t.Period.Start)
	b = appendTime(b, t.Period.End)
	b = append(b, byte(t.Period.Grain))
	code := ""
	if !t.cur.IsZero() {
		code = t.cur.Code()
	}
	b = appendString(b, code)
	keys := slices.SortedFunc(maps.Keys(t.obs), func(x, y pair) int {
		if x.sku != y.sku {
			return compare(x.sku, y.sku)
		}
		return compare(x.competitor, y.competitor)
	})
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendString(b, k.sku)
		b = appendString(b, k.competitor)
		obs := slices.Clone(t.obs[k])
		slices.SortFunc(obs, func(x, y money.Money) int { n, _ := x.Cmp(y); return n })
		b = binary.AppendUvarint(b, uint64(len(obs)))
		for _, m := range obs {
			b = appendString(b, m.Amount())
		}
	}
	comps := slices.Sorted(maps.Keys(t.promo))
	b = binary.AppendUvarint(b, uint64(len(comps)))
	for _, c := range comps {
		b = appendString(b, c)
		b = appendDays(b, t.promo[c])
	}
	b = appendDays(b, t.ours)
	skus := slices.Sorted(maps.Keys(t.sales))
	b = binary.AppendUvarint(b, uint64(len(skus)))
	for _, sku := range skus {
		b = appendString(b, sku)
		for _, s := range t.sales[sku] {
			b = binary.AppendUvarint(b, uint64(s.units))
			b = appendString(b, s.gross.Amount())
			b = appendString(b, s.net.Amount())
		}
	}
	return b, nil
}

// UnmarshalBinary replaces t with the Tracker encoded by
// [Tracker.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves t unchanged, for anything else.
func (t *Tracker) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != trackerV1 {
		return corrupt("unknown Tracker version")
	}
	var x Tracker
	start, end, grain := d.time(), d.time(), metrics.Grain(d.byte())
	if d.err == nil && (start.IsZero() != end.IsZero() || !start.IsZero() && !end.After(start) || grain > metrics.Year) {
		d.fail("invalid period")
	}
	x.Period = metrics.Period{Start: start, End: end, Grain: grain}
	if code := d.string(); code != "" && d.err == nil {
		c, err := money.ParseCurrency(code)
		if err != nil {
			d.fail("invalid currency")
		}
		x.cur = c
	}
	amount := func(positive bool) money.Money {
		s := d.string()
		if d.err != nil {
			return money.Money{}
		}
		if x.cur.IsZero() {
			d.fail("amount without a currency")
			return money.Money{}
		}
		m, err := x.cur.Parse(s)
		if err != nil || m.IsNegative() || positive && !m.IsPositive() {
			d.fail("invalid amount")
		}
		return m
	}
	n := d.length()
	var prev pair
	for i := range n {
		k := pair{d.string(), d.string()}
		if i > 0 && (compare(k.sku, prev.sku) < 0 || k.sku == prev.sku && compare(k.competitor, prev.competitor) <= 0) || k.sku == "" || k.competitor == "" {
			d.fail("unsorted, repeated or empty SKU and competitor")
		}
		prev = k
		m := d.length()
		if m == 0 {
			d.fail("no observations")
		}
		obs := make([]money.Money, 0, min(m, 1024))
		for range m {
			obs = append(obs, amount(true))
			if d.err != nil {
				break
			}
		}
		if d.err != nil {
			break
		}
		if x.obs == nil {
			x.obs = make(map[pair][]money.Money)
		}
		x.obs[k] = obs
		x.nPrice += int64(len(obs))
	}
	nc := d.length()
	var prevC string
	for i := range nc {
		c := d.string()
		if i > 0 && compare(c, prevC) <= 0 || c == "" {
			d.fail("unsorted, repeated or empty competitor")
		}
		prevC = c
		days := d.days(x.Period)
		if d.err != nil {
			break
		}
		if len(days) == 0 {
			d.fail("competitor without promotion days")
			break
		}
		if x.promo == nil {
			x.promo = make(map[string]map[string]bool)
		}
		x.promo[c] = days
	}
	x.ours = d.days(x.Period)
	if len(x.ours) == 0 {
		x.ours = nil
	}
	ns := d.length()
	var prevS string
	for i := range ns {
		sku := d.string()
		if i > 0 && compare(sku, prevS) <= 0 {
			d.fail("unsorted or repeated SKU")
		}
		prevS = sku
		var s [2]sales
		for k := range s {
			u := d.count()
			s[k] = sales{units: u, gross: amount(false), net: amount(false)}
			if d.err == nil {
				if c, _ := s[k].net.Cmp(s[k].gross); c > 0 || u == 0 && !s[k].gross.IsZero() {
					d.fail("inconsistent sales")
				}
			}
		}
		if d.err != nil {
			break
		}
		if x.sales == nil {
			x.sales = make(map[string]*[2]sales)
		}
		x.sales[sku] = &s
	}
	if (x.obs != nil || x.promo != nil || x.ours != nil || x.sales != nil) && x.Period.IsZero() {
		d.fail("data without a period")
	}
	if err := d.end(); err != nil {
		return err
	}
	*t = x
	return nil
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "market: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func appendTime(b []byte, t time.Time) []byte {
	tb, err := t.MarshalBinary()
	if err != nil { // a zone offset that is not whole minutes: keep the instant in UTC
		tb, _ = t.UTC().MarshalBinary()
	}
	b = binary.AppendUvarint(b, uint64(len(tb)))
	return append(b, tb...)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendDays(b []byte, days map[string]bool) []byte {
	ds := slices.Sorted(maps.Keys(days))
	b = binary.AppendUvarint(b, uint64(len(ds)))
	for _, d := range ds {
		b = appendString(b, d)
	}
	return b
}

// decoder reads the encoding; after the first problem it reads zeros and
// keeps the problem in err.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = corrupt(what)
	}
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a non-negative int64.
func (d *decoder) count() int64 {
	v := d.uvarint()
	if v > 1<<62 {
		d.fail("count out of range")
		return 0
	}
	return int64(v)
}

// length reads a number of items that each take at least one byte.
func (d *decoder) length() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		d.fail("length beyond the data")
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	n := d.length()
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) time() time.Time {
	s := d.string()
	if d.err != nil {
		return time.Time{}
	}
	var t time.Time
	if err := t.UnmarshalBinary([]byte(s)); err != nil {
		d.fail("invalid time")
	}
	return t
}

// days reads sorted dates of the period p.
func (d *decoder) days(p metrics.Period) map[string]bool {
	n := d.length()
	m := make(map[string]bool, min(n, 64))
	prev := ""
	for range n {
		s := d.string()
		if d.err != nil {
			return nil
		}
		day, err := time.ParseInLocation(time.DateOnly, s, p.Location())
		if err != nil || s <= prev || !p.Contains(day) && !p.Contains(day.AddDate(0, 0, 1).Add(-time.Nanosecond)) {
			d.fail("invalid or repeated day")
			return nil
		}
		prev = s
		m[s] = true
	}
	return m
}

func (d *decoder) end() error {
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	return d.err
}
