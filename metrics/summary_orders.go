package metrics

import (
	"errors"
	"iter"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// SummarizeOrders is [Summarize] over the orders of a batch: it gives
// exactly what Summarize gives for the orders b.Order(0), b.Order(1), …,
// with the same refunds and options, through [Summarizer.AddOrders]. A nil
// b or refunds sequence is empty.
//
// Like Summarize, it returns an errors.Join of the *[ValidationError]
// values of every order or refund it could not count, and no summaries if
// there are any, and a *[ConfigError] of "Summarize(p)", reading no input,
// if p is neither the zero Period nor a period that ends after it starts.
// It returns the *[BatchError]s of [Orders.Validate], reading no refund,
// if b is malformed.
func SummarizeOrders(p Period, b *Orders, refunds iter.Seq[Refund], opts Options) ([]Summary, error) {
	if err := checkPeriod("Summarize(p)", p); err != nil {
		return nil, err
	}
	if b != nil {
		if err := b.Validate(); err != nil {
			return nil, err
		}
	}
	s := Summarizer{Period: p, Options: opts}
	var errs []error
	if b != nil {
		if err := s.addOrders(b); err != nil {
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = append(errs, j.Unwrap()...) // one error per order, as Summarize gives them
			} else {
				errs = append(errs, err)
			}
		}
	}
	// Refunds are matched as Summarize matches them: to the last order
	// of their ID.
	pending, byOrder := periodRefunds(p, refunds)
	row := make([]int, len(pending))
	for i := range row {
		row[i] = -1
	}
	if byOrder != nil && b != nil {
		for i := range b.Len() {
			for _, k := range byOrder[string(b.IDs.Bytes(i))] {
				row[k] = i
			}
		}
	}
	for k, r := range pending {
		var o Order
		if row[k] >= 0 {
			o = b.Order(row[k])
		}
		if err := s.AddRefund(r, o); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s.Result(), nil
}

// AddOrders adds every order of batch b: the result, errors included, is
// exactly that of [Summarizer.Add] on b.Order(i) for each i in turn.
//
// It works on the batch's columns: the state of each customer, channel,
// SKU and category is found through the batch's dictionary numbers
// (looked up once per dictionary entry, for every batch that shares the
// dictionary) and the amounts are added in int64 minor units. An order
// whose amounts minor units cannot hold (an entry of an [Amounts]' Exact
// that is not zero in its order's currency), whose products overflow, or
// that is invalid, goes through Add itself.
//
// An order that cannot be counted does not stop the batch: AddOrders adds
// every other order, as [Summarize] does, and returns an errors.Join of
// the *[ValidationError] of each order it could not count, in batch
// order, or nil. It returns a *[ConfigError], and adds nothing, if
// s.Period is empty or inverted (see [Summarizer]), and the
// *[BatchError]s of [Orders.Validate], adding nothing, if b is malformed.
func (s *Summarizer) AddOrders(b *Orders) error {
	if err := checkPeriod("Summarizer.Period", s.Period); err != nil {
		return err
	}
	if err := b.Validate(); err != nil {
		return err
	}
	return s.addOrders(b)
}

// addOrders is AddOrders on a valid batch, with a valid Period.
func (s *Summarizer) addOrders(b *Orders) error {
	n := b.Len()
	if n == 0 {
		return nil
	}
	start, end := periodNanos(s.Period)
	slow := exactOrders(b)
	st := batchAccs{accs: make([]*batchAcc, len(b.Currencies))}
	var errs []error
	for i := range n {
		if len(slow) > 0 && int(slow[0]) == i {
			slow = slow[1:]
		} else if b.Status[i] == Cancelled || s.addRow(b, i, start, end, &st) {
			continue
		}
		if err := s.Add(b.Order(i)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// batchAccs holds, for one batch, the accumulator of each of its
// currency codes and its remaps for the batch's dictionaries.
type batchAccs struct {
	accs []*batchAcc // by currency code; nil until needed
}

type batchAcc struct {
	a                           *currencyAcc
	cust, channel, category, sk *DictMap[int32] // 1 + the index of number k's record or group; 0: not looked up yet
}

func (st *batchAccs) get(s *Summarizer, b *Orders, code uint8) *batchAcc {
	if x := st.accs[code]; x != nil {
		return x
	}
	a := s.acc(b.Currencies[code])
	if a.custs.len() == 0 && len(b.Currencies) == 1 && b.CustomerIDs != nil {
		// One currency: its customers are at most the dictionary's.
		a.custs.grow(b.CustomerIDs.Len())
	}
	x := &batchAcc{a: a, cust: a.custMap.Of(b.CustomerIDs), channel: a.chMap.Of(b.Channels),
		category: a.catMap.Of(b.Categories), sk: a.skuMap.Of(b.SKUs)}
	st.accs[code] = x
	return x
}

// addRow adds order i of b, not cancelled, as Add would, and reports
// whether it could; if not, it has changed nothing and Add must take the
// order (to count it exactly, or to report why it cannot).
func (s *Summarizer) addRow(b *Orders, i int, start, end int64, st *batchAccs) bool {
	t := b.Placed[i]
	if t == NoTime || t == math.MaxInt64 {
		return false // time.Time's comparisons decide
	}
	if t >= end {
		return true // after the period: ignored
	}
	code := b.Currency[i]
	if int(code) >= len(b.Currencies) || b.Currencies[code].IsZero() {
		return false
	}
	x := st.get(s, b, code)
	a := x.a
	k := customerNumber(b, i)
	if t < start { // before the period: only the customer's first order
		if k >= 0 {
			c := a.custs.at(s.customerOf(a, x.cust, k))
			a.see(c, t, str(b.Channels, b.Channel[i]))
		}
		return true
	}
	ls, le := b.Lines(i)
	lm := s.lines[:0]
	for j := ls; j < le; j++ {
		m, ok := minorLine(b.Quantity[j], b.UnitPrice.Minor[j], b.LineDiscount.Minor[j], b.UnitCost.Minor[j])
		if !ok {
			s.lines = lm
			return false
		}
		lm = append(lm, m)
	}
	s.lines = lm
	od, sh, tx := b.Discount.Minor[i], b.Shipping.Minor[i], b.Tax.Minor[i]
	if sh < 0 || tx < 0 || !shareMinor(od, lm) {
		return false
	}
	lg := s.groups[:0]
	for j := ls; j < le; j++ {
		lg = append(lg, lineGroup{q: b.Quantity[j],
			sku: a.sku.of(x.sk, b.SKU[j]),
			cat: a.category.of(x.category, b.Category[j])})
	}
	s.groups = lg
	a.addMinor(a.channel.of(x.channel, b.Channel[i]), od, sh, tx, lm, lg)
	if k < 0 {
		a.guests++
		return true
	}
	c := a.custs.at(s.customerOf(a, x.cust, k))
	s.countBuyer(a, c, time.Unix(0, t), str(b.Channels, b.Channel[i]))
	return true
}

// customerOf returns the number in a.custs of customer number k of m's
// dictionary, creating the record on first sight. The ID is looked up in
// a.custs once per number of m's dictionary, as the dictionary's own
// string (no string is built), and a.custs copies its bytes only for a
// new customer.
func (s *Summarizer) customerOf(a *currencyAcc, m *DictMap[int32], k int32) int32 {
	if v := m.Values[k]; v != 0 {
		return v - 1
	}
	v := a.customerIndex(m.Dict.String(k), s.Options.FirstOrders)
	m.Values[k] = v + 1
	return v
}

// periodNanos returns p's bounds in Unix ns, clamped to the int64 range:
// for t strictly inside that range, t < start and t >= end are
// p.Start.After(t) and !p.End.After(t). The zero Period gives the whole
// range.
func periodNanos(p Period) (start, end int64) {
	if p.IsZero() {
		return math.MinInt64, math.MaxInt64
	}
	return clampNanos(p.Start), clampNanos(p.End)
}

func clampNanos(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// exactOrders returns, sorted, the orders of b that have an amount held in
// an Exact map that is not zero minor units of the order's currency (with
// Minor 0 beside it): those the integer path cannot read.
func exactOrders(b *Orders) []int32 {
	var out []int32
	add := func(a *Amounts, line bool) {
		for r, m := range a.Exact {
			if r < 0 || r >= len(a.Minor) {
				continue // not a row of the batch
			}
			if m == (money.Money{}) && a.Minor[r] == 0 {
				continue // the zero Money: 0 in any currency, no order to look for
			}
			i := r
			if line {
				// The order whose lines hold row r.
				i = sort.Search(b.Len(), func(k int) bool { return int(b.LineStart[k+1]) > r })
			}
			if i >= b.Len() {
				continue // not a row of the batch
			}
			if v, ok := m.MinorIn(b.CurrencyOf(i)); !ok || v != 0 || a.Minor[r] != 0 {
				out = append(out, int32(i))
			}
		}
	}
	add(&b.Discount, false)
	add(&b.Shipping, false)
	add(&b.Tax, false)
	add(&b.UnitPrice, true)
	add(&b.LineDiscount, true)
	add(&b.UnitCost, true)
	slices.Sort(out)
	return slices.Compact(out)
}

// of returns the index of the group of number k (-1: the empty string)
// of m's dictionary, creating the group on first sight.
func (gs *groups) of(m *DictMap[int32], k int32) int32 {
	if k < 0 {
		if gs.empty == 0 {
			gs.empty = gs.index("") + 1
		}
		return gs.empty - 1
	}
	if v := m.Values[k]; v != 0 {
		return v - 1
	}
	v := gs.index(m.Dict.String(k))
	m.Values[k] = v + 1
	return v
}

// customerNumber returns order i's customer number, or -1 for a guest:
// -1 in the column, or a number whose ID is "" (a reader that numbers
// every cell gives the empty cell a number), as Order gives CustomerID "".
func customerNumber(b *Orders, i int) int32 {
	k := b.Customer[i]
	if k >= 0 && b.CustomerIDs.String(k) == "" {
		return -1
	}
	return k
}
