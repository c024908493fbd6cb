package xlsx

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// suppliers writes the suppliers part of the products section to sh: the
// table per supplier, the stock-outs attributed to late purchase orders,
// the reorder lines whose safety stock used a measured lead time, and the
// definitions; nothing when p is nil.
func (b *book) suppliers(sh *sheet, p *report.Suppliers) {
	if p == nil {
		return
	}
	lb := b.lb
	var rows [][]xcell
	for _, s := range p.Rows {
		rows = append(rows, []xcell{text(s.Supplier), count(s.POs), count(s.Receipts), count(s.Units),
			b.value(s.LeadTimeMean), b.value(s.LeadTimeSD), b.value(s.LeadTimeMedian), b.value(s.LeadTimeP90),
			b.ratio(s.OnTime), b.ratio(s.FillRate), b.ratio(s.EventualFill), count(s.StockoutDays), count(s.LateStockouts)})
	}
	sh.table(lb("suppliers"), []string{lb("supplier"), lb("supplier_pos"), lb("supplier_receipts"), lb("units"), lb("lead_time_mean"), lb("lead_time_sd"),
		lb("lead_time_median"), lb("lead_time_p90"), lb("supplier_on_time"), lb("fill_rate"), lb("eventual_fill"), lb("supplier_stockout_days"), lb("late_stockouts")}, rows)
	if len(p.Stockouts) > 0 {
		if p.StockoutsTotal > int64(len(p.Stockouts)) {
			sh.note(fmt.Sprintf(lb("late_stockouts_more"), fmt.Sprint(p.StockoutsTotal)))
		}
		rows = nil
		for _, s := range p.Stockouts {
			rows = append(rows, []xcell{text(s.SKU), text(s.Name), text(s.Supplier), text(s.PO), date(s.Start), count(s.Days), date(s.Promised), count(s.DaysLate)})
		}
		sh.table(lb("late_stockouts"), []string{lb("sku"), lb("name"), lb("supplier"), lb("po_id"), lb("stockout_start"), lb("stockout_length"), lb("promised_day"), lb("days_late")}, rows)
	}
	if p.Reordered > 0 {
		note := fmt.Sprintf(lb("measured_lead_note"), fmt.Sprint(p.Measured), fmt.Sprint(p.Reordered), fmt.Sprint(p.LeadTimeDays))
		if p.Measured < p.Reordered {
			sep := " "
			if b.lang == render.Chinese {
				sep = ""
			}
			note += sep + lb("measured_lead_others")
		}
		sh.note(note)
		rows = nil
		for _, s := range p.SafetyStock {
			rows = append(rows, []xcell{text(s.SKU), text(s.Name), text(s.Supplier), b.value(s.LeadTimeMean), b.value(s.LeadTimeSD),
				count(s.FixedSafety), count(s.SafetyStock), count(s.ReorderPoint)})
		}
		if len(rows) > 0 {
			sh.table(lb("safety_stock_measured"), []string{lb("sku"), lb("name"), lb("supplier"), lb("lead_time_mean"), lb("lead_time_sd"), lb("fixed_lead_safety"), lb("safety_stock"), lb("reorder_point")}, rows)
		}
	}
	sh.note(lb("suppliers_def"))
}
