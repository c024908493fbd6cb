package render

// suppliersNames are the display names of the suppliers part of the products section; [names] holds them.
var suppliersNames = map[string]name{
	"suppliers":              {"Suppliers", "供应商"},
	"supplier":               {"Supplier", "供应商"},
	"supplier_pos":           {"POs", "采购单数"},
	"supplier_receipts":      {"Receipts", "到货次数"},
	"lead_time_mean":         {"Mean lead time", "平均交货周期"},
	"lead_time_sd":           {"Lead time SD", "交货周期标准差"},
	"lead_time_median":       {"Median lead time", "交货周期中位数"},
	"lead_time_p90":          {"Lead time P90", "交货周期P90"},
	"supplier_on_time":       {"On-time receipts", "准时交货率"},
	"fill_rate":              {"Fill rate", "订单满足率"},
	"eventual_fill":          {"Eventual fill", "最终满足率"},
	"supplier_stockout_days": {"Stock-out days of its SKUs", "所供SKU缺货天数"},
	"late_stockouts":         {"Stock-outs during a late PO", "采购单逾期期间的缺货"},
	"stockout_start":         {"Out of stock from", "缺货开始"},
	"stockout_length":        {"Days out", "缺货天数"},
	"po_id":                  {"PO", "采购单"},
	"promised_day":           {"Promised", "承诺到货日"},
	"days_late":              {"Days late", "逾期天数"},
	"safety_stock_measured":  {"Safety stock with measured lead times", "按实测交货周期计算的安全库存"},
	"fixed_lead_safety":      {"Safety stock, lead time fixed", "安全库存（交货周期固定）"},
	"safety_stock":           {"Safety stock, lead time varying", "安全库存（交货周期波动）"},
	// Notes; the formats take counts (%s) in this order.
	"late_stockouts_more": {"%s stock-outs attributed in all; the longest are listed.", "共%s次缺货可归因于逾期采购单，下表列出持续最长的几次。"},
	"measured_lead_note": {"%s of the %s SKUs on the reorder list use their supplier's lead time measured over the %s days to the period's end, mean L and standard deviation σL: safety stock = z × √(L × σd² + d² × σL²) (d, σd: mean and standard deviation of daily demand). The others use the catalogue's lead time, or 7 days, with no variability: z × σd × √L.",
		"补货清单的%[2]s个SKU中，有%[1]s个使用其供应商在统计期末前%[3]s天内的实测交货周期（均值L、标准差σL）：安全库存 = z × √(L × σd² + d² × σL²)（d、σd为日需求的均值和标准差）。其余SKU使用商品目录中的交货周期（或7天），不计波动：z × σd × √L。"},
	"suppliers_def": {"From the receipts of the period that name their supplier and purchase order. Lead time = received − ordered, per receipt, in days (a PO delivered in parts counts each delivery); SD is the sample standard deviation; median and P90 by linear interpolation. On-time = receipts by the promised day / receipts with a promise. Fill rate = units received by the promised day, at most those ordered, / units ordered; eventual fill counts every unit received. A stock-out (a SKU-day with nothing on hand) is attributed to a supplier when it began while one of its POs of the SKU was past its promised day and not yet complete.",
		"依据统计期内注明供应商和采购单的到货记录。交货周期 = 到货日 − 下单日，按每次到货计（分批到货的采购单每批各计一次）；标准差为样本标准差；中位数和P90按线性插值。准时交货率 = 承诺日前（含）到货的次数 / 有承诺日的到货次数。订单满足率 = 承诺日前到货的件数（不超过订购件数）/ 订购件数；最终满足率计入所有到货。缺货（某SKU某日库存为零）开始时，若该SKU有某供应商的采购单已过承诺日且未到齐，则归因于该供应商。"},
	"supplier_bad_receipts": {"Receipts with a bad purchase order (an order day after the receipt or the promise, a quantity out of range, a receipt that contradicts its PO line)", "采购单信息有误的到货记录（下单日晚于到货日或承诺日、数量越界、与同一采购单行矛盾）"},
	"receipts_no_supplier":  {"Receipts without a supplier", "未注明供应商的到货记录"},
}
