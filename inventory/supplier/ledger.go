package supplier

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/inventory"
)

// none marks an unknown day.
const none = inventory.Day(math.MinInt32)

// lineKey names a PO line: the units of one SKU on one PO of one supplier.
type lineKey struct{ supplier, po, sku string }

// delivery is one receipt of a PO line.
type delivery struct {
	day   inventory.Day
	units int64
}

// line is a PO line and its deliveries.
type line struct {
	ordered, promised inventory.Day // none when unknown
	qty               int64         // units ordered; 0 when unknown
	received          int64         // Σ units of the deliveries
	deliveries        []delivery
}

// Ledger accumulates PO lines and stock-out days (see the package
// documentation for what it measures). The zero Ledger is empty and ready
// to use. It is not safe for concurrent use.
type Ledger struct {
	// CountFrom, when set, is the first day whose stock-out days count
	// ([Supplier].StockoutDays) and whose stock-outs are listed
	// ([Ledger.Stockouts]): the stock-out days added before it only find
	// where a stock-out under way on that day began, so that a stock-out
	// carried into a period is dated, and matched to the PO lines late
	// at its start, by its first day, not by the period's. It is a
	// setting, not data: the encoding does not hold it and Merge keeps
	// the receiver's. Defaults to the zero time: every day counts.
	CountFrom time.Time

	lines map[lineKey]*line
	// loose are the receipts without a PO ID, each a PO line of its own,
	// keyed by their supplier and SKU with an empty PO.
	loose   []looseLine
	unnamed int64                                 // receipts without a supplier
	out     map[string]map[inventory.Day]struct{} // stock-out days by SKU
}

type looseLine struct {
	key lineKey
	l   line
}

// Add adds a receipt. A receipt without a supplier is only counted
// ([Ledger.Unnamed]). A bad receipt is not added and gives a
// *[RecordError] (see the package documentation).
func (l *Ledger) Add(r inventory.Receipt) error {
	if r.Supplier == "" {
		l.unnamed++
		return nil
	}
	x := line{ordered: none, promised: none, qty: r.OrderedQuantity}
	day := inventory.DayOf(r.Day)
	if !r.Ordered.IsZero() {
		x.ordered = inventory.DayOf(r.Ordered)
	}
	if !r.Promised.IsZero() {
		x.promised = inventory.DayOf(r.Promised)
	}
	fail := func(err error, detail string) error {
		return &RecordError{Supplier: r.Supplier, PO: r.PO, SKU: r.SKU, Day: day, Detail: detail, Err: err}
	}
	switch {
	case r.Quantity <= 0:
		return fail(ErrQuantity, "quantity "+strconv.FormatInt(r.Quantity, 10)+" is not positive")
	case r.OrderedQuantity < 0:
		return fail(ErrQuantity, "ordered quantity "+strconv.FormatInt(r.OrderedQuantity, 10)+" is negative")
	case x.ordered != none && x.ordered > day:
		return fail(ErrDates, "ordered on "+x.ordered.String()+", after the receipt")
	case x.ordered != none && x.promised != none && x.ordered > x.promised:
		return fail(ErrDates, "ordered on "+x.ordered.String()+", after the promised day "+x.promised.String())
	}
	d := delivery{day: day, units: r.Quantity}
	key := lineKey{r.Supplier, r.PO, r.SKU}
	x.deliveries, x.received = []delivery{d}, d.units
	if r.PO == "" {
		l.loose = append(l.loose, looseLine{key, x})
		return nil
	}
	old, ok := l.lines[key]
	if !ok {
		if l.lines == nil {
			l.lines = make(map[lineKey]*line)
		}
		l.lines[key] = &x
		return nil
	}
	if detail := conflict(old, &x); detail != "" {
		return fail(ErrConflict, detail)
	}
	sum, ok := intmath.Add64(old.received, d.units)
	if !ok {
		return fail(ErrOverflow, "units received pass the int64 range")
	}
	old.absorb(&x)
	old.received = sum
	old.deliveries = append(old.deliveries, d)
	return nil
}

// conflict describes how y's order day, promised day or ordered quantity
// contradicts x's (both known and different); "" when they agree.
func conflict(x, y *line) string {
	switch {
	case x.ordered != none && y.ordered != none && x.ordered != y.ordered:
		return "order day " + y.ordered.String() + ", the PO line's is " + x.ordered.String()
	case x.promised != none && y.promised != none && x.promised != y.promised:
		return "promised day " + y.promised.String() + ", the PO line's is " + x.promised.String()
	case x.qty != 0 && y.qty != 0 && x.qty != y.qty:
		return fmt.Sprintf("ordered quantity %d, the PO line's is %d", y.qty, x.qty)
	}
	// The days known on one side only must still be in order.
	o, p := x.ordered, x.promised
	if o == none {
		o = y.ordered
	}
	if p == none {
		p = y.promised
	}
	if o != none && p != none && o > p {
		return "ordered on " + o.String() + ", after the promised day " + p.String()
	}
	for _, d := range append(slices.Clone(x.deliveries), y.deliveries...) {
		if o != none && o > d.day {
			return "ordered on " + o.String() + ", after a receipt on " + d.day.String()
		}
	}
	return ""
}

// absorb takes the order day, promised day and ordered quantity that y
// knows and x does not.
func (x *line) absorb(y *line) {
	if x.ordered == none {
		x.ordered = y.ordered
	}
	if x.promised == none {
		x.promised = y.promised
	}
	if x.qty == 0 {
		x.qty = y.qty
	}
}

// AddSnapshot records a stock-out day of s's SKU when s has nothing on
// hand (OnHand ≤ 0); a snapshot with stock adds nothing. The same day
// given twice counts once.
func (l *Ledger) AddSnapshot(s inventory.Snapshot) {
	if s.OnHand > 0 {
		return
	}
	l.addStockout(s.SKU, inventory.DayOf(s.Day))
}

func (l *Ledger) addStockout(sku string, d inventory.Day) {
	if l.out == nil {
		l.out = make(map[string]map[inventory.Day]struct{})
	}
	days := l.out[sku]
	if days == nil {
		days = make(map[inventory.Day]struct{})
		l.out[sku] = days
	}
	days[d] = struct{}{}
}

// Unnamed returns the number of receipts added without a supplier.
func (l *Ledger) Unnamed() int64 { return l.unnamed }

// Merge adds o's receipts and stock-out days to l: the result is what
// adding o's records to l would have given. If a PO line of o contradicts
// l's (another order day, promised day or ordered quantity), Merge
// returns a *[RecordError] wrapping [ErrConflict] or [ErrOverflow] and
// leaves l unchanged. Merging a ledger with itself doubles its receipts.
func (l *Ledger) Merge(o *Ledger) error {
	keys := o.keys()
	for _, k := range keys {
		y := o.lines[k]
		x, ok := l.lines[k]
		if !ok {
			continue
		}
		if detail := conflict(x, y); detail != "" {
			return &RecordError{Supplier: k.supplier, PO: k.po, SKU: k.sku, Day: y.deliveries[0].day, Detail: detail, Err: ErrConflict}
		}
		if _, ok := intmath.Add64(x.received, y.received); !ok {
			return &RecordError{Supplier: k.supplier, PO: k.po, SKU: k.sku, Day: y.deliveries[0].day, Detail: "units received pass the int64 range", Err: ErrOverflow}
		}
	}
	loose := slices.Clone(o.loose)
	for i := range loose {
		loose[i].l.deliveries = slices.Clone(loose[i].l.deliveries)
	}
	for _, k := range keys {
		y := o.lines[k]
		if x, ok := l.lines[k]; ok {
			x.absorb(y)
			x.received += y.received
			x.deliveries = append(x.deliveries, y.deliveries...)
			continue
		}
		if l.lines == nil {
			l.lines = make(map[lineKey]*line)
		}
		c := *y
		c.deliveries = slices.Clone(y.deliveries)
		l.lines[k] = &c
	}
	l.loose = append(l.loose, loose...)
	l.unnamed += o.unnamed
	for _, sku := range sortedKeys(o.out) {
		for _, d := range sortedDays(o.out[sku]) {
			l.addStockout(sku, d)
		}
	}
	return nil
}

// keys returns the PO lines' keys in order.
func (l *Ledger) keys() []lineKey {
	ks := make([]lineKey, 0, len(l.lines))
	for k := range l.lines {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, compareKeys)
	return ks
}

func compareKeys(a, b lineKey) int {
	if c := cmp.Compare(a.supplier, b.supplier); c != 0 {
		return c
	}
	if c := cmp.Compare(a.po, b.po); c != 0 {
		return c
	}
	return cmp.Compare(a.sku, b.sku)
}

// each calls f for every PO line, the loose ones included, in a fixed
// order.
func (l *Ledger) each(f func(k lineKey, x *line)) {
	for _, k := range l.keys() {
		f(k, l.lines[k])
	}
	for i := range l.loose {
		f(l.loose[i].key, &l.loose[i].l)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func sortedDays(m map[inventory.Day]struct{}) []inventory.Day {
	ds := make([]inventory.Day, 0, len(m))
	for d := range m {
		ds = append(ds, d)
	}
	slices.Sort(ds)
	return ds
}
