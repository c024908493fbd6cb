package report

import (
	"cmp"
	"errors"
	"math"
	"slices"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/inventory/supplier"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// leadTimeWindow is the window of receipts, in days up to the period's
// end, whose lead times the reorder list uses.
const leadTimeWindow = 365

// supplyShared is what the products part and the suppliers part share:
// the products part sets snaps and reorder, and reads the measured lead
// times through [builder.measuredLeadTimes].
type supplyShared struct {
	done      bool
	window    supplier.Ledger // the receipts of the lead-time window
	bad       []error         // the receipts of the window the ledger refused
	leadTimes map[string]inventory.LeadTime
	snaps     []inventory.Snapshot // the period's snapshots (and the day before), from the products part
	reorder   []inventory.Reorder  // the full reorder list, from the products part
	catalogue map[string]bool      // the SKUs of Input.Items; nil without a catalogue
}

// measuredLeadTimes returns, per SKU, the lead time measured over the
// receipts with a supplier of the leadTimeWindow days up to the period's
// end, or of the period when it is longer, (supplier.Ledger.LeadTimes, at least 5 receipts with an order day);
// nil when no receipt names a supplier.
func (b *builder) measuredLeadTimes() map[string]inventory.LeadTime {
	s := &b.supply
	if s.done {
		return s.leadTimes
	}
	s.done = true
	end := b.periods[pCur].End
	from := end.AddDate(0, 0, -leadTimeWindow)
	if start := b.periods[pCur].Start; start.Before(from) {
		from = start // a period of more than a year: the window holds it
	}
	for _, r := range b.in.Receipts {
		if r.Supplier == "" || r.Day.Before(from) || !r.Day.Before(end) || !b.receiptUsable(r) {
			continue
		}
		if err := s.window.Add(r); err != nil {
			s.bad = append(s.bad, err)
		}
	}
	if lt := s.window.LeadTimes(supplier.Config{}); len(lt) > 0 {
		s.leadTimes = lt
	}
	return s.leadTimes
}

// receiptUsable reports whether the inventory analysis uses r: a SKU and
// a positive quantity, a SKU of the catalogue (when there is one), a unit
// cost in the review's currency and not negative. The inventory analysis
// reports the others (an error under inventory.Strict, a count under
// inventory.Skip); the supplier figures leave them out too, so that a bad
// receipt left out changes no number.
func (b *builder) receiptUsable(r inventory.Receipt) bool {
	if b.supply.catalogue == nil && len(b.in.Items) > 0 {
		b.supply.catalogue = make(map[string]bool, len(b.in.Items))
		for _, it := range b.in.Items {
			b.supply.catalogue[it.SKU] = true
		}
	}
	c := r.UnitCost.Currency()
	return r.SKU != "" && r.Quantity > 0 && (b.supply.catalogue == nil || b.supply.catalogue[r.SKU]) &&
		!r.UnitCost.IsNegative() && (r.UnitCost.IsZero() && c.IsZero() || c == b.cur)
}

// suppliersPart computes [Suppliers].
type suppliersPart struct{}

func (p *suppliersPart) start(b *builder)                   {}
func (p *suppliersPart) order(b *builder, o *metrics.Order) {}

func (p *suppliersPart) finish(b *builder, r *Review) {
	b.measuredLeadTimes() // the bad receipts of the window, when the products part did not ask
	period := b.periods[pCur]
	var l supplier.Ledger
	named := false
	// The window holds the period, so its refusals are mostly the
	// period's too; but which receipt of a purchase-order line a ledger
	// refuses depends on the receipts it saw first, so a refusal of the
	// period's ledger that the window's did not make is reported as well.
	bad := b.supply.bad
	seen := make(map[string]bool, len(bad))
	for _, err := range bad {
		seen[err.Error()] = true
	}
	for _, x := range b.in.Receipts {
		if !period.Contains(x.Day) || !b.receiptUsable(x) {
			continue
		}
		named = named || x.Supplier != ""
		if err := l.Add(x); err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			bad = append(bad, err)
		}
	}
	if len(bad) > 0 {
		if !b.skip() {
			b.errs = append(b.errs, bad...)
			return
		}
		b.notes = append(b.notes, Note{Section: SectionProducts, Key: "supplier_bad_receipts", LeftOut: int64(len(bad)),
			Reason: firstErrors(bad)})
	}
	if !named {
		return
	}
	if n := l.Unnamed(); n > 0 {
		b.notes = append(b.notes, Note{Section: SectionProducts, Key: "receipts_no_supplier", LeftOut: n})
	}
	// The stock-out days of the period count; those of the previous
	// period's snapshots date the stock-outs under way when the period
	// began, which are matched to the PO lines late on their first day:
	// cut at the period's start, a SKU out of stock since before its PO
	// was due read as run out by the late PO.
	l.CountFrom = period.Start
	for _, s := range b.snaps[pPrev] {
		if s.Day.Before(period.Start) {
			l.AddSnapshot(s)
		}
	}
	for _, s := range b.supply.snaps {
		if period.Contains(s.Day) {
			l.AddSnapshot(s)
		}
	}
	out := &Suppliers{LeadTimeDays: leadTimeWindow}
	for _, s := range l.Suppliers() {
		out.Rows = append(out.Rows, SupplierRow{Supplier: s.Name, POs: s.POs, Receipts: s.Receipts, Units: s.Units,
			LeadTimeMean: s.LeadTime.Mean, LeadTimeSD: s.LeadTime.StdDev, LeadTimeMedian: s.LeadTime.Median, LeadTimeP90: s.LeadTime.P90,
			OnTime: s.OnTime, FillRate: s.FillRate, EventualFill: s.EventualFill, StockoutDays: s.StockoutDays, LateStockouts: s.LateStockouts})
	}
	loc := period.Start.Location()
	stockouts := l.Stockouts()
	out.StockoutsTotal = int64(len(stockouts))
	slices.SortStableFunc(stockouts, func(x, y supplier.Stockout) int { return cmp.Compare(y.Days, x.Days) })
	for _, s := range stockouts[:min(len(stockouts), b.cfg.TopN)] {
		out.Stockouts = append(out.Stockouts, SupplierStockout{SKU: s.SKU, Name: b.names[s.SKU], Supplier: s.Supplier, PO: s.PO,
			Start: s.Start.Date(loc), Days: s.Days, Promised: s.Promised.Date(loc), DaysLate: s.DaysLate})
	}
	out.Reordered = int64(len(b.supply.reorder))
	for _, o := range b.supply.reorder {
		if o.LeadTime != inventory.LeadTimeMeasured {
			continue
		}
		out.Measured++
		if len(out.SafetyStock) >= b.cfg.TopN {
			continue
		}
		fixed, err := inventory.SafetyStock(o.ServiceLevel, o.StdDevDaily, o.LeadTimeDays)
		if err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		lt := b.supply.leadTimes[o.SKU]
		days := func(v float64) metrics.Value { return metrics.NumberValue(v).In(metrics.UnitDays) }
		out.SafetyStock = append(out.SafetyStock, SafetyStockRow{SKU: o.SKU, Name: b.names[o.SKU], Supplier: lt.Supplier,
			LeadTimeMean: days(o.LeadTimeDays), LeadTimeSD: days(o.LeadTimeStdDevDays),
			FixedSafety: int64(math.Ceil(fixed)), SafetyStock: int64(math.Ceil(o.SafetyStock)), ReorderPoint: int64(math.Ceil(o.ReorderPoint))})
	}
	r.Suppliers = out
}

// firstErrors returns the messages of the first three of errs, joined.
func firstErrors(errs []error) string {
	return errors.Join(errs[:min(len(errs), firstIDs)]...).Error()
}
