package supplier

import (
	"cmp"
	"math"
	"slices"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// Stockout is a stock-out that began while a PO line of the SKU was late:
// one per stock-out and supplier (see the package documentation).
type Stockout struct {
	SKU   string
	Start inventory.Day // the first stock-out day
	// Days is the number of consecutive stock-out days from Start, or,
	// for a stock-out under way on [Ledger.CountFrom], from that day on:
	// the days it counts, as Supplier.StockoutDays does.
	Days     int64
	Supplier string
	// PO, Promised and DaysLate are those of the supplier's late line
	// promised most recently: DaysLate = Start − Promised, at least 1.
	PO       string
	Promised inventory.Day
	DaysLate int64
	// Arrived is the day the line arrived: completed, or its last
	// delivery when it was short-shipped (Short). HasArrived is always
	// true for a line known by its receipts; it is kept for encodings
	// of other sources.
	Arrived    inventory.Day
	HasArrived bool
	Short      bool // the line's ordered units never all came
}

// closing returns the day a line stops being late for stock-outs: its
// arrival, or its last delivery when it was short-shipped.
func (x *line) closing() (day inventory.Day, short bool) {
	if a, ok := x.arrival(); ok {
		return a, false
	}
	last := x.deliveries[0].day
	for _, d := range x.deliveries[1:] {
		last = max(last, d.day)
	}
	return last, true
}

// arrival returns the day the line arrived: the delivery that brought the
// units received to the ordered quantity, or the last delivery when the
// quantity is unknown; false when the ordered units never all came.
func (x *line) arrival() (inventory.Day, bool) {
	ds := slices.SortedFunc(slices.Values(x.deliveries), func(a, b delivery) int { return cmp.Compare(a.day, b.day) })
	if x.qty == 0 {
		return ds[len(ds)-1].day, true
	}
	var n int64
	for _, d := range ds {
		n += d.units
		if n >= x.qty {
			return d.day, true
		}
	}
	return 0, false
}

// Stockouts returns the stock-outs attributed to late PO lines, one per
// stock-out and supplier, by start day, SKU and supplier: those that
// last to [Ledger.CountFrom] or after, each from its first day.
func (l *Ledger) Stockouts() []Stockout {
	type lateLine struct {
		supplier, po string
		promised     inventory.Day
		arrived      inventory.Day
		short        bool
	}
	bySKU := map[string][]lateLine{}
	l.each(func(k lineKey, x *line) {
		if x.promised == none || l.out[k.sku] == nil {
			return
		}
		a, short := x.closing()
		if a <= x.promised {
			return // never late
		}
		bySKU[k.sku] = append(bySKU[k.sku], lateLine{k.supplier, k.po, x.promised, a, short})
	})
	var out []Stockout
	for _, sku := range sortedKeys(l.out) {
		lines := bySKU[sku]
		if len(lines) == 0 {
			continue
		}
		// Latest promise first, so that each supplier's first match is
		// the late line that should have restocked the SKU.
		slices.SortStableFunc(lines, func(a, b lateLine) int {
			if c := cmp.Compare(b.promised, a.promised); c != 0 {
				return c
			}
			if c := cmp.Compare(a.supplier, b.supplier); c != 0 {
				return c
			}
			return cmp.Compare(a.po, b.po)
		})
		set := l.out[sku]
		for _, d := range sortedDays(set) {
			if _, ok := set[d-1]; ok {
				continue // not the first day of its stock-out
			}
			n := int64(1)
			for {
				if _, ok := set[d+inventory.Day(n)]; !ok {
					break
				}
				n++
			}
			from := l.from()
			if d+inventory.Day(n) <= from {
				continue // over before CountFrom
			}
			counted := n - max(0, int64(from)-int64(d))
			seen := map[string]bool{}
			for _, x := range lines {
				if seen[x.supplier] || !(x.promised < d) || x.arrived < d {
					continue
				}
				seen[x.supplier] = true
				out = append(out, Stockout{SKU: sku, Start: d, Days: counted, Supplier: x.supplier, PO: x.po, Promised: x.promised,
					DaysLate: int64(d - x.promised), Arrived: x.arrived, HasArrived: true, Short: x.short})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Stockout) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.SKU, b.SKU); c != 0 {
			return c
		}
		return cmp.Compare(a.Supplier, b.Supplier)
	})
	return out
}

// lateBySupplier counts the attributed stock-outs per supplier.
func (l *Ledger) lateBySupplier() map[string]int64 {
	n := map[string]int64{}
	for _, s := range l.Stockouts() {
		n[s.Supplier]++
	}
	return n
}

// from returns the day of CountFrom, or the first day there is.
func (l *Ledger) from() inventory.Day {
	if l.CountFrom.IsZero() {
		return math.MinInt32
	}
	return inventory.DayOf(l.CountFrom)
}
