package market

import (
	"encoding/binary"
	"errors"
	"github.com/shopmetrics/shopmetrics/internal/wire"
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
	b = wire.AppendTime(b, t.Period.Start)
	b = wire.AppendTime(b, t.Period.End)
	b = append(b, byte(t.Period.Grain))
	code := ""
	if !t.cur.IsZero() {
		code = t.cur.Code()
	}
	b = wire.AppendString(b, code)
	keys := slices.SortedFunc(maps.Keys(t.obs), func(x, y pair) int {
		if x.sku != y.sku {
			return compare(x.sku, y.sku)
		}
		return compare(x.competitor, y.competitor)
	})
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = wire.AppendString(b, k.sku)
		b = wire.AppendString(b, k.competitor)
		obs := slices.Clone(t.obs[k])
		slices.SortFunc(obs, func(x, y money.Money) int { return oneCurrency(x.Cmp(y)) })
		b = binary.AppendUvarint(b, uint64(len(obs)))
		for _, m := range obs {
			b = wire.AppendString(b, m.Amount())
		}
	}
	comps := slices.Sorted(maps.Keys(t.promo))
	b = binary.AppendUvarint(b, uint64(len(comps)))
	for _, c := range comps {
		b = wire.AppendString(b, c)
		b = appendDays(b, t.promo[c])
	}
	b = appendDays(b, t.ours)
	skus := slices.Sorted(maps.Keys(t.sales))
	b = binary.AppendUvarint(b, uint64(len(skus)))
	for _, sku := range skus {
		b = wire.AppendString(b, sku)
		for _, s := range t.sales[sku] {
			b = binary.AppendUvarint(b, uint64(s.units))
			b = wire.AppendString(b, s.gross.Amount())
			b = wire.AppendString(b, s.net.Amount())
		}
	}
	return b, nil
}

// UnmarshalBinary replaces t with the Tracker encoded by
// [Tracker.MarshalBinary]. It returns an error wrapping [ErrCorrupt], and
// leaves t unchanged, for anything else.
func (t *Tracker) UnmarshalBinary(data []byte) error {
	d := decoder{wire.NewDecoder(data, corrupt)}
	if v := d.Byte(); d.Err() == nil && v != trackerV1 {
		return corrupt("unknown Tracker version")
	}
	var x Tracker
	start, end, grain := d.time(), d.time(), metrics.Grain(d.Byte())
	if d.Err() == nil && (start.IsZero() != end.IsZero() || !start.IsZero() && !end.After(start) || grain > metrics.Year) {
		d.Fail("invalid period")
	}
	x.Period = metrics.Period{Start: start, End: end, Grain: grain}
	if code := d.Text(); code != "" && d.Err() == nil {
		c, err := money.ParseCurrency(code)
		if err != nil {
			d.Fail("invalid currency")
		}
		x.cur = c
	}
	amount := func(positive bool) money.Money {
		s := d.Text()
		if d.Err() != nil {
			return money.Money{}
		}
		if x.cur.IsZero() {
			d.Fail("amount without a currency")
			return money.Money{}
		}
		m, err := x.cur.Parse(s)
		if err != nil || m.IsNegative() || positive && !m.IsPositive() {
			d.Fail("invalid amount")
		}
		return m
	}
	n := d.Length()
	var prev pair
	for i := range n {
		k := pair{d.Text(), d.Text()}
		if i > 0 && (compare(k.sku, prev.sku) < 0 || k.sku == prev.sku && compare(k.competitor, prev.competitor) <= 0) || k.sku == "" || k.competitor == "" {
			d.Fail("unsorted, repeated or empty SKU and competitor")
		}
		prev = k
		m := d.Length()
		if m == 0 {
			d.Fail("no observations")
		}
		obs := make([]money.Money, 0, min(m, 1024))
		for range m {
			obs = append(obs, amount(true))
			if d.Err() != nil {
				break
			}
		}
		if d.Err() != nil {
			break
		}
		if x.obs == nil {
			x.obs = make(map[pair][]money.Money)
		}
		x.obs[k] = obs
		x.nPrice += int64(len(obs))
	}
	nc := d.Length()
	var prevC string
	for i := range nc {
		c := d.Text()
		if i > 0 && compare(c, prevC) <= 0 || c == "" {
			d.Fail("unsorted, repeated or empty competitor")
		}
		prevC = c
		days := d.days(x.Period)
		if d.Err() != nil {
			break
		}
		if len(days) == 0 {
			d.Fail("competitor without promotion days")
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
	ns := d.Length()
	var prevS string
	for i := range ns {
		sku := d.Text()
		if i > 0 && compare(sku, prevS) <= 0 {
			d.Fail("unsorted or repeated SKU")
		}
		prevS = sku
		var s [2]sales
		for k := range s {
			u := d.Count()
			s[k] = sales{units: u, gross: amount(false), net: amount(false)}
			if d.Err() == nil {
				// Both are parsed in x.cur: Cmp cannot fail.
				if c := oneCurrency(s[k].net.Cmp(s[k].gross)); c > 0 || u == 0 && !s[k].gross.IsZero() {
					d.Fail("inconsistent sales")
				}
			}
		}
		if d.Err() != nil {
			break
		}
		if x.sales == nil {
			x.sales = make(map[string]*[2]sales)
		}
		x.sales[sku] = &s
	}
	if (x.obs != nil || x.promo != nil || x.ours != nil || x.sales != nil) && x.Period.IsZero() {
		d.Fail("data without a period")
	}
	if err := d.End(); err != nil {
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

// decoder reads the encoding (see wire.Decoder).
type decoder struct{ wire.Decoder }

func corrupt(what string) error { return &corruptError{what} }

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "market: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func appendDays(b []byte, days map[string]bool) []byte {
	ds := slices.Sorted(maps.Keys(days))
	b = binary.AppendUvarint(b, uint64(len(ds)))
	for _, d := range ds {
		b = wire.AppendString(b, d)
	}
	return b
}

func (d *decoder) time() time.Time {
	s := d.Text()
	if d.Err() != nil {
		return time.Time{}
	}
	var t time.Time
	if err := t.UnmarshalBinary([]byte(s)); err != nil {
		d.Fail("invalid time")
	}
	return t
}

// days reads sorted dates of the period p.
func (d *decoder) days(p metrics.Period) map[string]bool {
	n := d.Length()
	m := make(map[string]bool, min(n, 64))
	prev := ""
	for range n {
		s := d.Text()
		if d.Err() != nil {
			return nil
		}
		day, err := time.ParseInLocation(time.DateOnly, s, p.Location())
		if err != nil || s <= prev || !p.Contains(day) && !p.Contains(day.AddDate(0, 0, 1).Add(-time.Nanosecond)) {
			d.Fail("invalid or repeated day")
			return nil
		}
		prev = s
		m[s] = true
	}
	return m
}
