package render

// campaignsNames are the display names of the CRM campaigns part of the promotions section; [names] holds them.
var campaignsNames = map[string]name{
	"campaigns_title":              {"CRM campaigns", "精准营销"},
	"campaign_name":                {"Campaign", "营销活动"},
	"campaign_comparison":          {"Compared with", "对照方式"},
	"campaign_holdout":             {"random holdout", "随机对照组"},
	"campaign_observational":       {"not-targeted customers (observational)", "未触达客户（观察性）"},
	"campaign_targeted":            {"Targeted", "触达人数"},
	"campaign_compared":            {"Comparison group", "对照人数"},
	"campaign_response":            {"Response rate", "响应率"},
	"campaign_compare_response":    {"Comparison response", "对照组响应率"},
	"campaign_redemption":          {"Redemption rate", "核销率"},
	"campaign_redemptions":         {"Redemptions", "核销次数"},
	"campaign_discounts":           {"Coupon discounts", "优惠券金额"},
	"campaign_revenue_per":         {"Net sales per targeted", "触达客户人均销售额"},
	"campaign_compare_revenue_per": {"Net sales per comparison customer", "对照客户人均销售额"},
	"campaign_incremental_revenue": {"Incremental net sales", "增量销售额"},
	"campaign_incremental_profit":  {"Incremental gross profit", "增量毛利"},
	"campaign_cost":                {"Cost", "活动成本"},
	"campaign_gain":                {"Gain after cost", "扣除成本后收益"},
	"campaign_gain_low":            {"Gain, low", "收益下限"},
	"campaign_gain_high":           {"Gain, high", "收益上限"},
	"campaigns_method": {"Response: targeted customers who ordered in the window. Redemption: targeted customers who redeemed a coupon. Net sales and gross profit are those of the orders placed in the window, after their refunds, whenever made (a restocked unit's cost goes back into gross profit). Incremental: (mean per targeted − mean per comparison customer) × targeted customers, with Welch's 95% interval; ROI on campaign cost = (incremental gross profit − cost) / cost (coupon discounts are in the gross profit, not in the denominator, unlike the promotions' ROI); without a control group the means are compared after subtracting each customer's purchases in the equal window before (difference in differences), so the incremental figure is not the difference of the means shown; the verdict reads the interval of incremental gross profit − cost.",
		"响应率：活动期内下单的触达客户占比。核销率：使用优惠券的触达客户占比。销售额与毛利按活动期内下单的订单计算，并扣除这些订单的退款（不论退款日期；退回入库商品的成本计回毛利）。增量：（触达客户人均 − 对照客户人均）× 触达人数，附韦尔奇（方差不等的t分布）95%区间；活动成本ROI =（增量毛利 − 成本）/ 成本（优惠券折扣已计入毛利，不计入分母，与促销的ROI不同）；无对照组时先扣除各客户活动前等长时段的购买再比较（双重差分），故增量不等于所示人均之差；结论依据“增量毛利 − 成本”的区间。"},
	"campaigns_observational_note": {"observational: no random holdout, so it is compared with the customers not targeted who had ordered before, after subtracting each group's purchases in the equal period before the campaign (difference in differences); a difference in how the groups were changing anyway is not removed.",
		"观察性结果：没有随机对照组，因此与此前下过单但未被触达的客户比较，并先扣除两组在活动前等长时期的购买（双重差分）；两组原本变化趋势的差异无法排除。"},
}
