package supplier

import (
	"math"
	"slices"

	"github.com/shopmetrics/shopmetrics/internal/quantile"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// LeadTime sums up the lead times of a supplier's receipts, in days
// (received − ordered; see the package documentation). Each value is
// undefined ([metrics.UnitDays], printed "n/a") without enough receipts.
type LeadTime struct {
	// Receipts is the number of receipts with an order day: those
	// measured.
	Receipts int64
	Mean     metrics.Value // mean lead time; undefined without receipts
	// StdDev is the sample standard deviation (divisor n − 1); undefined
	// below two receipts.
	StdDev metrics.Value
	Median metrics.Value // type-7 median, rounded half up to a day
	P90    metrics.Value // type-7 90th percentile, rounded half up to a day
}

// Supplier is what a [Ledger] measured of one supplier.
type Supplier struct {
	Name     string
	POs      int64 // distinct PO IDs; a receipt without one counts as one
	Lines    int64 // PO lines (PO × SKU)
	Receipts int64 // deliveries
	Units    int64 // units received
	SKUs     int64 // distinct SKUs delivered
	LeadTime LeadTime
	// OnTime is the on-time rate (准时交货率): receipts on or before their
	// promised day / receipts with a promised day.
	OnTime metrics.Ratio
	// FillRate (订单满足率) is Σ min(units received by the promised day,
	// units ordered) / Σ units ordered over the PO lines with a promised
	// day and an ordered quantity; in [0, 1].
	FillRate metrics.Ratio
	// EventualFill (最终满足率) is Σ min(units received, units ordered) /
	// Σ units ordered over the PO lines with an ordered quantity; in
	// [0, 1].
	EventualFill metrics.Ratio
	// StockoutDays is the number of SKU-days with nothing on hand of the
	// SKUs the supplier delivered.
	StockoutDays int64
	// LateStockouts is the number of stock-outs that began while a PO
	// line of the SKU from the supplier was late (see [Ledger.Stockouts]).
	LateStockouts int64
}

// Suppliers returns a row per supplier, by name.
func (l *Ledger) Suppliers() []Supplier {
	type acc struct {
		s                        Supplier
		pos, skus                map[string]bool
		lead                     []int64
		onTime, promised         int64
		fillNum, fillDen         int64
		eventualNum, eventualDen int64
	}
	by := map[string]*acc{}
	get := func(name string) *acc {
		a := by[name]
		if a == nil {
			a = &acc{s: Supplier{Name: name}, pos: map[string]bool{}, skus: map[string]bool{}}
			by[name] = a
		}
		return a
	}
	l.each(func(k lineKey, x *line) {
		a := get(k.supplier)
		a.s.Lines++
		if k.po == "" {
			a.s.POs++
		} else if !a.pos[k.po] {
			a.pos[k.po] = true
			a.s.POs++
		}
		a.skus[k.sku] = true
		var byPromise int64
		for _, d := range x.deliveries {
			a.s.Receipts++
			a.s.Units += d.units
			if x.ordered != none {
				a.lead = append(a.lead, int64(d.day-x.ordered))
			}
			if x.promised != none {
				a.promised++
				if d.day <= x.promised {
					a.onTime++
					byPromise += d.units
				}
			}
		}
		if x.qty > 0 {
			a.eventualNum += min(x.received, x.qty)
			a.eventualDen += x.qty
			if x.promised != none {
				a.fillNum += min(byPromise, x.qty)
				a.fillDen += x.qty
			}
		}
	})
	late := l.lateBySupplier()
	out := make([]Supplier, 0, len(by))
	for _, name := range sortedKeys(by) {
		a := by[name]
		a.s.SKUs = int64(len(a.skus))
		a.s.LeadTime = leadTime(a.lead)
		a.s.OnTime = metrics.CountRatio(a.onTime, a.promised)
		a.s.FillRate = metrics.CountRatio(a.fillNum, a.fillDen)
		a.s.EventualFill = metrics.CountRatio(a.eventualNum, a.eventualDen)
		from := l.from()
		for sku := range a.skus {
			for d := range l.out[sku] {
				if d >= from {
					a.s.StockoutDays++
				}
			}
		}
		a.s.LateStockouts = late[name]
		out = append(out, a.s)
	}
	return out
}

// leadTime sums up lead times in days.
func leadTime(xs []int64) LeadTime {
	lt := LeadTime{Receipts: int64(len(xs)), Mean: metrics.Undefined(metrics.UnitDays), StdDev: metrics.Undefined(metrics.UnitDays),
		Median: metrics.Undefined(metrics.UnitDays), P90: metrics.Undefined(metrics.UnitDays)}
	if len(xs) == 0 {
		return lt
	}
	mean, sd := meanSD(xs)
	days := func(v float64) metrics.Value { return metrics.NumberValue(v).In(metrics.UnitDays) }
	lt.Mean = days(mean)
	if len(xs) > 1 {
		lt.StdDev = days(sd)
	}
	s := slices.Sorted(slices.Values(xs))
	lt.Median, lt.P90 = days(float64(quantile.Sorted(s, 0.5))), days(float64(quantile.Sorted(s, 0.9)))
	return lt
}

// meanSD returns the mean and the sample standard deviation (0 for one
// value) of xs, in two passes: the sum of whole days is exact, so the mean
// is Σx / n rounded once.
func meanSD(xs []int64) (mean, sd float64) {
	var sum int64
	for _, x := range xs {
		sum += x // lead times are days between two int32 days: no overflow below 2^31 receipts
	}
	mean = float64(sum) / float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var m2 float64
	for _, x := range xs {
		d := float64(x) - mean
		m2 += d * d
	}
	return mean, math.Sqrt(m2 / float64(len(xs)-1))
}

// Config sets the rules of [Ledger.LeadTimes].
type Config struct {
	// MinReceipts is the number of receipts with an order day a supplier
	// needs before its lead time counts as measured. Defaults to 5.
	MinReceipts int
}

// LeadTimes returns, per SKU, the measured lead time of the supplier of
// its latest receipt (the one received last; of equal days, the supplier
// first by name), for [inventory.ReorderConfig.LeadTimes]: the
// supplier's mean and sample standard deviation over all its receipts
// with an order day, when it has at least cfg.MinReceipts of them and a
// positive mean. SKUs whose supplier has fewer are left out (the reorder
// list then uses the catalogue's lead time).
func (l *Ledger) LeadTimes(cfg Config) map[string]inventory.LeadTime {
	minN := int64(cfg.MinReceipts)
	if minN <= 0 {
		minN = 5
	}
	type last struct {
		day      inventory.Day
		supplier string
	}
	latest := map[string]last{}
	l.each(func(k lineKey, x *line) {
		for _, d := range x.deliveries {
			cur, ok := latest[k.sku]
			if !ok || d.day > cur.day || d.day == cur.day && k.supplier < cur.supplier {
				latest[k.sku] = last{d.day, k.supplier}
			}
		}
	})
	rows := map[string]Supplier{}
	for _, s := range l.Suppliers() {
		rows[s.Name] = s
	}
	out := map[string]inventory.LeadTime{}
	for sku, x := range latest {
		s := rows[x.supplier]
		mean, ok := s.LeadTime.Mean.Float()
		if s.LeadTime.Receipts < minN || !ok || mean <= 0 {
			continue
		}
		sd, _ := s.LeadTime.StdDev.Float()
		out[sku] = inventory.LeadTime{MeanDays: mean, StdDevDays: sd, Receipts: s.LeadTime.Receipts, Supplier: s.Name}
	}
	return out
}
