package render

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/report"
)

// layoutSuppliers lays out the suppliers part of the products section:
// the table per supplier, the stock-outs attributed to late purchase
// orders, the reorder lines whose safety stock used a measured lead time,
// and the definitions; nothing when p is nil.
func layoutSuppliers(p *report.Suppliers, f Formatter) []block {
	if p == nil {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	bs := []block{heading{3, lb("suppliers")}}
	t := table{head: []string{lb("supplier"), lb("supplier_pos"), lb("supplier_receipts"), lb("units"), lb("lead_time_mean"), lb("lead_time_sd"),
		lb("lead_time_median"), lb("lead_time_p90"), lb("supplier_on_time"), lb("fill_rate"), lb("eventual_fill"), lb("supplier_stockout_days"), lb("late_stockouts")},
		right: []bool{false, true, true, true, true, true, true, true, true, true, true, true, true}}
	for _, s := range p.Rows {
		t.rows = append(t.rows, []cell{{text: s.Supplier}, {text: f.Count(s.POs)}, {text: f.Count(s.Receipts)}, {text: f.Count(s.Units)},
			{text: f.Value(s.LeadTimeMean)}, {text: f.Value(s.LeadTimeSD)}, {text: f.Value(s.LeadTimeMedian)}, {text: f.Value(s.LeadTimeP90)},
			{text: f.Percent(s.OnTime)}, {text: f.Percent(s.FillRate)}, {text: f.Percent(s.EventualFill)},
			{text: f.Count(s.StockoutDays)}, {text: f.Count(s.LateStockouts)}})
	}
	bs = append(bs, t)
	if len(p.Stockouts) > 0 {
		bs = append(bs, heading{3, lb("late_stockouts")})
		if p.StockoutsTotal > int64(len(p.Stockouts)) {
			bs = append(bs, note{fmt.Sprintf(lb("late_stockouts_more"), f.Count(p.StockoutsTotal))})
		}
		t := table{head: []string{lb("sku"), lb("name"), lb("supplier"), lb("po_id"), lb("stockout_start"), lb("stockout_length"), lb("promised_day"), lb("days_late")},
			right: []bool{false, false, false, false, false, true, false, true}}
		for _, s := range p.Stockouts {
			t.rows = append(t.rows, []cell{{text: s.SKU}, {text: s.Name}, {text: s.Supplier}, {text: s.PO}, {text: f.Date(s.Start)},
				{text: f.Count(s.Days)}, {text: f.Date(s.Promised)}, {text: f.Count(s.DaysLate)}})
		}
		bs = append(bs, t)
	}
	if p.Reordered > 0 {
		bs = append(bs, heading{3, lb("safety_stock_measured")},
			note{measuredLeadNote(p, f)})
		if len(p.SafetyStock) > 0 {
			t := table{head: []string{lb("sku"), lb("name"), lb("supplier"), lb("lead_time_mean"), lb("lead_time_sd"), lb("fixed_lead_safety"), lb("safety_stock"), lb("reorder_point")},
				right: []bool{false, false, false, true, true, true, true, true}}
			for _, s := range p.SafetyStock {
				t.rows = append(t.rows, []cell{{text: s.SKU}, {text: s.Name}, {text: s.Supplier}, {text: f.Value(s.LeadTimeMean)}, {text: f.Value(s.LeadTimeSD)},
					{text: f.Count(s.FixedSafety)}, {text: f.Count(s.SafetyStock)}, {text: f.Count(s.ReorderPoint)}})
			}
			bs = append(bs, t)
		}
	}
	return append(bs, note{lb("suppliers_def")})
}

// measuredLeadNote says how many SKUs to reorder use a measured lead time,
// and what the others use when there are others.
func measuredLeadNote(p *report.Suppliers, f Formatter) string {
	s := fmt.Sprintf(Label("measured_lead_note", f.Lang), f.Count(p.Measured), f.Count(p.Reordered), f.Count(p.LeadTimeDays))
	if p.Measured < p.Reordered {
		sep := " "
		if f.Lang == Chinese {
			sep = ""
		}
		s += sep + Label("measured_lead_others", f.Lang)
	}
	return s
}
