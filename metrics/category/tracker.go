package category

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// whole is one customer in the start and base shares: a customer is
// split over categories in millionths.
const whole = 1_000_000

// Tracker accumulates the orders of a store for the category figures of
// one period. Feed it every order, those before the period too: orders
// in the period give the buyers, sales and pairs, and every order tells
// whether its customer's first order falls in the period (new
// customers). Set Period before the first Add; the rest of the zero
// Tracker is ready. A Tracker is not safe for concurrent use: give each
// shard its own and [Tracker.Merge] them.
type Tracker struct {
	// Period is the period measured. Required.
	Period metrics.Period
	// Catalogue maps a SKU to its category (from the catalogue,
	// inventory.Item.Category); a SKU it does not name takes its line's
	// Category. It is configuration: MarshalBinary does not encode it.
	// Defaults to the lines' categories.
	Catalogue map[string]string

	cur    money.Currency
	names  []string         // dense category index → name
	index  map[string]int32 // name → dense index
	sales  []money.Money    // net line sales per category in the period; nil entries are zero
	orders int64            // non-cancelled orders in the period, guests' too
	inBask []int64          // orders of the period containing each category
	bPairs map[uint64]int64 // orders of the period containing both categories of a pair of indexes (lo<<32 | hi)
	// custs holds each customer's first order and sales, one record
	// found once an order: a map of the buyers' sales and one of the
	// first orders took four look-ups for a new buyer's order and three
	// for another's (0.25 CPU-s of the review of 1.08M orders).
	custs  map[string]*customer
	buyers int64 // the customers with sales in the period (customer.sales not nil)
}

// customer is a Tracker's record of a customer: their first order, when
// hasFirst, and, for a buyer of the period, their net sales by category
// (not nil, even for lines worth nothing).
type customer struct {
	first    first
	hasFirst bool
	sales    []amount
}

// customer returns the record of customer id, adding an empty one if
// there is none.
func (t *Tracker) customer(id string) *customer {
	c := t.custs[id]
	if c == nil {
		if t.custs == nil {
			t.custs = make(map[string]*customer)
		}
		c = &customer{}
		t.custs[id] = c
	}
	return c
}

// amount is a buyer's net sales in one category.
type amount struct {
	cat int32
	net money.Money
}

// first is a customer's first order: its time, ID and category split.
type first struct {
	at    time.Time
	id    string
	split []part
}

// part is a category's millionths of a customer.
type part struct {
	cat   int32
	micro int64
}

// cat returns the dense index of category name, adding it if new.
func (t *Tracker) cat(name string) int32 {
	if i, ok := t.index[name]; ok {
		return i
	}
	if t.index == nil {
		t.index = make(map[string]int32)
	}
	i := int32(len(t.names))
	t.names = append(t.names, name)
	t.index[name] = i
	t.sales = append(t.sales, money.Money{})
	t.inBask = append(t.inBask, 0)
	return i
}

// categoryOf returns the category of line l.
func (t *Tracker) categoryOf(l *metrics.Line) string {
	if c, ok := t.Catalogue[l.SKU]; ok && c != "" {
		return c
	}
	return l.Category
}

// Add counts order o. Cancelled orders count in nothing. It returns an
// *[OrderError] for an order without a currency (wrapping
// money.ErrUnknownCurrency), in another currency than the first order's
// or with a line in another currency than its own (wrapping
// money.ErrCurrencyMismatch), or whose order discount cannot be
// allocated to its lines (a negative line value, a discount on lines
// worth nothing), and then counts nothing of it.
func (t *Tracker) Add(o metrics.Order) error {
	if o.Status == metrics.Cancelled || len(o.Lines) == 0 {
		return nil
	}
	inPeriod := t.Period.Contains(o.PlacedAt)
	c := t.custs[o.CustomerID]
	var f *first
	if c != nil && c.hasFirst {
		f = &c.first
	}
	isFirst := o.CustomerID != "" && (f == nil || o.PlacedAt.Before(f.at) || o.PlacedAt.Equal(f.at) && o.ID < f.id)
	if !inPeriod && !isFirst {
		return nil
	}
	if o.Currency.IsZero() {
		return &OrderError{OrderID: o.ID, Err: money.ErrUnknownCurrency}
	}
	if !t.cur.IsZero() && o.Currency != t.cur {
		return &OrderError{OrderID: o.ID, Err: &money.MismatchError{A: t.cur.Zero(), B: o.Currency.Zero()}}
	}
	nets, err := lineNets(o)
	if err != nil {
		return &OrderError{OrderID: o.ID, Err: err}
	}
	cats := make([]int32, len(o.Lines))
	for i := range o.Lines {
		cats[i] = t.cat(t.categoryOf(&o.Lines[i]))
	}
	if isFirst {
		split, err := t.splitOrder(o, cats, nets)
		if err != nil {
			return &OrderError{OrderID: o.ID, Err: err}
		}
		if c == nil {
			c = t.customer(o.CustomerID)
		}
		c.first, c.hasFirst = first{at: o.PlacedAt, id: o.ID, split: split}, true
	}
	t.cur = o.Currency // the first order's: the checks above passed
	if !inPeriod {
		return nil
	}
	t.orders++
	var set []int32
	for i, c := range cats {
		t.sales[c] = addMoney(t.sales[c], nets[i], t.cur)
		if !slices.Contains(set, c) {
			set = append(set, c)
		}
	}
	slices.Sort(set)
	for i, a := range set {
		t.inBask[a]++
		for _, b := range set[i+1:] {
			if t.bPairs == nil {
				t.bPairs = make(map[uint64]int64)
			}
			t.bPairs[pairKey(a, b)]++
		}
	}
	if o.CustomerID == "" {
		return nil
	}
	if c == nil { // not so for an order of Add, whose customer has a first order
		c = t.customer(o.CustomerID)
	}
	as := c.sales
	if as == nil {
		as = []amount{} // a buyer, even of lines worth nothing
		t.buyers++
	}
	for i, k := range cats {
		as = addAmount(as, k, nets[i], t.cur)
	}
	c.sales = as
	return nil
}

// pairKey is the key of the pair of category indexes a and b.
func pairKey(a, b int32) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(uint32(b))
}

// addMoney returns a + b, a zero Money standing for zero in cur; a and b
// are in cur, the tracker's currency.
func addMoney(a, b money.Money, cur money.Currency) money.Money {
	if a.Currency().IsZero() {
		a = cur.Zero()
	}
	return oneCurrency(a.Add(b))
}

// addAmount adds net, in cur, the tracker's currency, to category c of
// as, kept sorted by category.
func addAmount(as []amount, c int32, net money.Money, cur money.Currency) []amount {
	k, found := slices.BinarySearchFunc(as, c, func(a amount, c int32) int { return int(a.cat - c) })
	if !found {
		as = slices.Insert(as, k, amount{cat: c, net: cur.Zero()})
	}
	as[k].net = oneCurrency(as[k].net.Add(net))
	return as
}

// lineNets returns the net sales of each line of o: its net value less
// its share of the order discount. The shares are amounts of o's
// currency (its zeros when there is no order discount), so that a line in
// another currency is a *money.MismatchError here: every net is in o's
// currency, which Add has checked is the tracker's.
func lineNets(o metrics.Order) ([]money.Money, error) {
	shares, err := o.DiscountShares()
	if err != nil {
		return nil, err
	}
	nets := make([]money.Money, len(o.Lines))
	for i, l := range o.Lines {
		n, err := l.Net()
		if err == nil {
			n, err = n.Sub(shares[i])
		}
		if err != nil {
			return nil, err
		}
		nets[i] = n
	}
	return nets, nil
}

// splitOrder splits one customer over the categories of o's lines, in
// millionths, by the lines' net sales, or by units when no line has
// positive net sales; negative nets weigh zero. The categories are in
// name order, which settles the ties of the largest remainders whatever
// the indexes.
func (t *Tracker) splitOrder(o metrics.Order, cats []int32, nets []money.Money) ([]part, error) {
	var keys []int32
	for _, c := range cats {
		if !slices.Contains(keys, c) {
			keys = append(keys, c)
		}
	}
	slices.SortFunc(keys, func(a, b int32) int { return strings.Compare(t.names[a], t.names[b]) })
	ws := make([]money.Money, len(keys))
	for i := range ws {
		ws[i] = o.Currency.Zero()
	}
	positive := false
	for i, c := range cats {
		if nets[i].IsPositive() {
			k := slices.Index(keys, c)
			ws[k] = oneCurrency(ws[k].Add(nets[i]))
			positive = true
		}
	}
	if !positive { // by units
		for i, c := range cats {
			k := slices.Index(keys, c)
			ws[k] = oneCurrency(ws[k].Add(o.Currency.FromMinor(max(o.Lines[i].Quantity, 1))))
		}
	}
	micro, ok := splitWhole(ws)
	if !ok {
		return nil, errors.New("category: nothing to split the order by") // cannot happen: units are positive
	}
	out := make([]part, 0, len(keys))
	for i, k := range keys {
		if micro[i] != 0 {
			out = append(out, part{cat: k, micro: micro[i]})
		}
	}
	slices.SortFunc(out, func(a, b part) int { return int(a.cat - b.cat) })
	return out, nil
}

// Merge adds the orders counted by o to t, as if t had counted them too;
// o is unchanged. A customer's first order is the earlier of the two
// trackers' (ties by order ID). It returns [ErrMismatch], and leaves t
// unchanged, if the trackers measure different periods or currencies.
func (t *Tracker) Merge(o *Tracker) error {
	if !t.Period.Start.Equal(o.Period.Start) || !t.Period.End.Equal(o.Period.End) ||
		!t.cur.IsZero() && !o.cur.IsZero() && t.cur != o.cur {
		return ErrMismatch
	}
	if t.cur.IsZero() {
		t.cur = o.cur
	}
	m := make([]int32, len(o.names)) // o's index → t's
	for i, n := range o.names {
		m[i] = t.cat(n)
	}
	for i, s := range o.sales {
		if s.Currency().IsZero() {
			continue
		}
		t.sales[m[i]] = addMoney(t.sales[m[i]], s, t.cur)
	}
	t.orders += o.orders
	for i, n := range o.inBask {
		t.inBask[m[i]] += n
	}
	for k, n := range o.bPairs {
		if t.bPairs == nil {
			t.bPairs = make(map[uint64]int64)
		}
		t.bPairs[pairKey(m[k>>32], m[uint32(k)])] += n
	}
	for id, oc := range o.custs {
		c := t.customer(id)
		if oc.sales != nil {
			mine := slices.Clone(c.sales)
			if mine == nil {
				mine = []amount{}
				t.buyers++
			}
			for _, a := range oc.sales {
				mine = addAmount(mine, m[a.cat], a.net, t.cur)
			}
			c.sales = mine
		}
		if !oc.hasFirst {
			continue
		}
		f, g := &oc.first, &c.first
		if c.hasFirst && !(f.at.Before(g.at) || f.at.Equal(g.at) && f.id < g.id) {
			continue
		}
		split := make([]part, len(f.split))
		for i, p := range f.split {
			split[i] = part{cat: m[p.cat], micro: p.micro}
		}
		slices.SortFunc(split, func(a, b part) int { return int(a.cat - b.cat) })
		c.first, c.hasFirst = first{at: f.at, id: f.id, split: split}, true
	}
	return nil
}
