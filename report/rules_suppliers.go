package report

import "github.com/shopmetrics/shopmetrics/metrics"

// minSupplierReceipts is the number of receipts with a promise a
// supplier needs in the period before supplier_late judges its on-time
// rate.
const minSupplierReceipts = 5

// supplierLate reports each supplier whose on-time rate is below
// MinSupplierOnTime, over at least minSupplierReceipts receipts with a
// promise, and to whose late purchase orders at least one of the
// period's stock-outs is attributed: the supplier to talk to, or to order
// from earlier.
func (t Thresholds) supplierLate(r *Review) []Finding {
	if r.Suppliers == nil {
		return nil
	}
	var out []Finding
	for _, s := range r.Suppliers.Rows {
		v, ok := s.OnTime.Value()
		if !ok || s.OnTime.Den() < minSupplierReceipts || v >= t.MinSupplierOnTime || s.LateStockouts == 0 {
			continue
		}
		rate := pct(s.OnTime)
		n := metrics.CountValue(s.LateStockouts)
		out = append(out, Finding{
			Section: SectionProducts, Severity: Warning,
			Title: Say("Supplier %s delivered %s of its receipts on time, and %s stock-outs began while one of its purchase orders was late.",
				"供应商%s的准时交货率仅为%s，有%s次缺货发生在其采购单逾期期间。", DataArg(s.Supplier), ValueArg(rate), ValueArg(n)),
			Evidence: []Evidence{
				{Key: "supplier_on_time", Subject: s.Supplier, Value: rate},
				{Key: "late_stockouts", Subject: s.Supplier, Value: n},
				{Key: "lead_time_mean", Subject: s.Supplier, Value: s.LeadTimeMean},
				{Key: "lead_time_sd", Subject: s.Supplier, Value: s.LeadTimeSD},
			},
			Recommendation: Say("Agree delivery dates %s can keep and review them every month; until then order its SKUs earlier, by its measured lead time and variability (the reorder list already sizes their safety stock with them), or move the stock-out prone SKUs to a faster supplier.",
				"与%s约定其能做到的交货日期并按月考核；在此之前按其实测交货周期及波动提前下单（补货清单已据此计算安全库存），或将易缺货的SKU转给更快的供应商。", DataArg(s.Supplier)),
			Stake: metrics.Undefined(metrics.UnitMoney), Watch: "stockout_rate", CheckBy: CheckDate(r.Period, true),
		})
	}
	return out
}
