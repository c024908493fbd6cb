package supplier

import (
	"cmp"
	"slices"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// Stockout is a stock-out that began while a PO line of the SKU was late:
// one per stock-out and supplier (see the package documentation).
type Stockout struct {
	SKU      string
	Start    inventory.Day // the first stock-out day
	Days     int64         // consecutive stock-out days from Start
	Supplier string
	// PO, Promised and DaysLate are those of the supplier's late line
	// promised earliest: DaysLate = Start − Promised, at least 1.
	PO       string
	Promised inventory.Day
	DaysLate int64
	// Arrived is the day the line arrived (completed), or false when it
	// had not in the data.
	Arrived    inventory.Day
	HasArrived bool
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
// stock-out and supplier, by start day, SKU and supplier.
func (l *Ledger) Stockouts() []Stockout {
	type lateLine struct {
		supplier, po string
		promised     inventory.Day
		arrived      inventory.Day
		has          bool
	}
	bySKU := map[string][]lateLine{}
	l.each(func(k lineKey, x *line) {
		if x.promised == none || l.out[k.sku] == nil {
			return
		}
		a, ok := x.arrival()
		if ok && a <= x.promised {
			return // never late
		}
		bySKU[k.sku] = append(bySKU[k.sku], lateLine{k.supplier, k.po, x.promised, a, ok})
	})
	var out []Stockout
	for _, sku := range sortedKeys(l.out) {
		lines := bySKU[sku]
		if len(lines) == 0 {
			continue
		}
		// Earliest promise first, so that each supplier's first match is
		// its most overdue line.
		slices.SortStableFunc(lines, func(a, b lateLine) int {
			if c := cmp.Compare(a.promised, b.promised); c != 0 {
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
			seen := map[string]bool{}
			for _, x := range lines {
				if seen[x.supplier] || !(x.promised < d) || x.has && x.arrived < d {
					continue
				}
				seen[x.supplier] = true
				out = append(out, Stockout{SKU: sku, Start: d, Days: n, Supplier: x.supplier, PO: x.po, Promised: x.promised,
					DaysLate: int64(d - x.promised), Arrived: x.arrived, HasArrived: x.has})
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
