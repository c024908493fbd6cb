package profile

import (
	"maps"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Buyer is what one customer did in the period, added to a [Table] under
// their attributes.
type Buyer struct {
	// Sales are the buyer's net sales in the period: the value of their
	// orders after discounts, before returns, shipping and tax.
	// Non-negative.
	Sales money.Money
	// Orders is the buyer's number of orders in the period; a buyer has
	// at least one.
	Orders int64
	// New says the buyer's first ever order is in the period.
	New bool
	// Value is the buyer's customer value; the caller says which (the
	// review passes the historical value, cumulative net sales to the
	// period's end). Zero when unknown.
	Value money.Money
}

// cell holds the sums of the buyers with one attribute value.
type cell struct {
	buyers, orders, repeaters, new int64
	sales, value                   money.Total
}

func (c *cell) add(b *Buyer) {
	c.buyers++
	c.orders += b.Orders
	if b.Orders >= 2 {
		c.repeaters++
	}
	if b.New {
		c.new++
	}
	c.sales.AddMoney(b.Sales)
	c.value.AddMoney(b.Value)
}

func (c *cell) merge(o *cell) {
	c.buyers += o.buyers
	c.orders += o.orders
	c.repeaters += o.repeaters
	c.new += o.new
	c.sales.AddTotal(o.sales)
	c.value.AddTotal(o.value)
}

func (c *cell) sub(o *cell) {
	c.buyers -= o.buyers
	c.orders -= o.orders
	c.repeaters -= o.repeaters
	c.new -= o.new
	c.sales.SubTotal(o.sales)
	c.value.SubTotal(o.value)
}

// Table accumulates buyers by attribute value. The zero Table is ready to
// use, with the default age bands; it is not safe for concurrent use.
type Table struct {
	// Bands turns ages into bands. Defaults to the zero AgeBands
	// (DefaultAgeBounds). It is configuration: MarshalBinary does not
	// encode it, and Merge keeps the receiver's.
	Bands AgeBands

	cur   money.Currency
	total cell
	dims  map[string]map[string]*cell // dimension → known value → sums
}

// Add adds one buyer b with attributes c (the zero Customer when the
// buyer has no customer record: unknown in every dimension). Each buyer
// must be added once. Add returns a *money.MismatchError, and adds
// nothing, when b's amounts are in another currency than those added
// before. It panics if t.Bands is not valid ([AgeBands.Valid]).
func (t *Table) Add(c Customer, b Buyer) error {
	if !t.Bands.Valid() {
		panic("profile: age bands not strictly increasing and positive")
	}
	for _, m := range [...]money.Money{b.Sales, b.Value} {
		if m.IsZero() && m.Currency().IsZero() {
			continue
		}
		if t.cur.IsZero() {
			t.cur = m.Currency()
		} else if m.Currency() != t.cur {
			return &money.MismatchError{A: t.cur.Zero(), B: m}
		}
	}
	t.total.add(&b)
	c.attributes(t.Bands, func(dim, value string) {
		if t.dims == nil {
			t.dims = make(map[string]map[string]*cell)
		}
		d := t.dims[dim]
		if d == nil {
			d = make(map[string]*cell)
			t.dims[dim] = d
		}
		x := d[value]
		if x == nil {
			x = &cell{}
			d[value] = x
		}
		x.add(&b)
	})
	return nil
}

// Merge adds the buyers of o to t, as if they had been added to t. The
// buyers of t and o must be distinct customers. It returns a
// *money.MismatchError, and changes nothing, when their currencies differ.
func (t *Table) Merge(o *Table) error {
	if !o.cur.IsZero() {
		if t.cur.IsZero() {
			t.cur = o.cur
		} else if t.cur != o.cur {
			return &money.MismatchError{A: t.cur.Zero(), B: o.cur.Zero()}
		}
	}
	t.total.merge(&o.total)
	for dim, vs := range o.dims {
		if t.dims == nil {
			t.dims = make(map[string]map[string]*cell)
		}
		d := t.dims[dim]
		if d == nil {
			d = make(map[string]*cell)
			t.dims[dim] = d
		}
		for v, x := range vs {
			y := d[v]
			if y == nil {
				y = &cell{}
				d[v] = y
			}
			y.merge(x)
		}
	}
	return nil
}

// Currency returns the currency of the amounts added; the zero Currency
// before any.
func (t *Table) Currency() money.Currency { return t.cur }

// Buyers returns the number of buyers added.
func (t *Table) Buyers() int64 { return t.total.buyers }

// Dimensions returns the dimensions with at least one known value: the
// standard ones in their order, then the labels sorted.
func (t *Table) Dimensions() []string {
	var out []string
	for _, d := range standard {
		if len(t.dims[d]) > 0 {
			out = append(out, d)
		}
	}
	var labels []string
	for d := range t.dims {
		if !slices.Contains(standard, d) {
			labels = append(labels, d)
		}
	}
	slices.Sort(labels)
	return append(out, labels...)
}

// Total returns the row of all buyers, under the value "" (its shares are
// 100 %, or undefined without buyers or sales; its Shift is undefined).
func (t *Table) Total() Row {
	return t.row("", &t.total, 1)
}

// Rows returns the rows of dimension dim: its known values by sales,
// largest first (ties by value), then the [Unknown] row when any buyer
// lacks the attribute. With max > 0 and more known values than max−1,
// the values past the first max−1 are folded into one [Other] row before
// the unknown one, so at most max rows and the unknown row are returned.
// The rows' shares add up to 100 %. A dimension never seen gives the
// unknown row alone (every buyer), or nothing without buyers.
func (t *Table) Rows(dim string, max int) []Row {
	type kv struct {
		v string
		c cell
	}
	d := t.dims[dim]
	known := make([]kv, 0, len(d)+2)
	unknown := t.total
	for _, v := range slices.Sorted(maps.Keys(d)) {
		known = append(known, kv{v, *d[v]})
		unknown.sub(d[v])
	}
	slices.SortStableFunc(known, func(a, b kv) int { return -a.c.sales.Cmp(b.c.sales) })
	if max > 0 && len(known) > max {
		other := kv{v: Other}
		for _, x := range known[max-1:] {
			other.c.merge(&x.c)
		}
		known = append(known[:max-1], other)
	}
	if unknown.buyers > 0 {
		known = append(known, kv{Unknown, unknown})
	}
	tests := int64(len(known))
	rows := make([]Row, len(known))
	for i := range known {
		rows[i] = t.row(known[i].v, &known[i].c, tests)
	}
	return rows
}
