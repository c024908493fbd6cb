package render

// membershipNames are the display names of the membership and points part of the customers section; [names] holds them.
var membershipNames = map[string]name{
	"loyalty":                       {"Membership and points", "会员与积分"},
	"loyalty_members":               {"Members at the period's end", "期末会员数"},
	"loyalty_new_members":           {"New members", "新增会员"},
	"loyalty_active_rate":           {"Active-member rate", "会员活跃度"},
	"loyalty_sales_share":           {"Members' share of sales (before returns)", "会员销售占比（未扣退款）"},
	"loyalty_buyer_share":           {"Members' share of buyers", "会员买家占比"},
	"loyalty_member_aov":            {"Member order value (before returns)", "会员平均订单金额（未扣退款）"},
	"loyalty_non_member_aov":        {"Non-member order value (before returns)", "非会员平均订单金额（未扣退款）"},
	"loyalty_member_repurchase":     {"Member repurchase rate", "会员复购率"},
	"loyalty_non_member_repurchase": {"Non-member repurchase rate", "非会员复购率"},
	"loyalty_points_issued":         {"Points issued", "积分发放"},
	"loyalty_points_redeemed":       {"Points redeemed", "积分兑换"},
	"loyalty_points_expired":        {"Points expired", "积分过期"},
	"loyalty_points_outstanding":    {"Points outstanding", "未兑换积分"},
	"loyalty_redemption_rate":       {"Redemption rate (redeemed / issued)", "积分兑换率（兑换/发放）"},
	"loyalty_liability":             {"Points liability", "积分负债"},
	"loyalty_vs":                    {"Members and non-members", "会员与非会员对比"},
	"loyalty_aov":                   {"Order value (before returns)", "平均订单金额（未扣退款）"},
	"loyalty_repurchase":            {"Repurchase rate", "复购率"},
	"loyalty_member":                {"Members", "会员"},
	"loyalty_non_member":            {"Non-members", "非会员"},
	"loyalty_difference":            {"Difference", "差异"},
	"loyalty_interval":              {"95% interval", "95%置信区间"},
	"loyalty_p":                     {"p-value", "p值"},
	"loyalty_significant":           {"significant", "显著"},
	"loyalty_not_significant":       {"not significant", "不显著"},
	"loyalty_levels":                {"By membership level", "按会员等级"},
	"loyalty_level":                 {"Level", "会员等级"},
	"loyalty_no_level":              {"(no level)", "（无等级）"},
	"loyalty_new":                   {"New", "新增"},
	"loyalty_sales":                 {"Sales (before returns)", "折后销售额（未扣退款）"},
	"loyalty_share_of_members":      {"Share of members' sales", "占会员销售额"},
	"loyalty_ledger":                {"Points ledger", "积分台账"},
	"loyalty_opening":               {"Opening balance", "期初积分"},
	"loyalty_adjusted":              {"Adjusted", "积分调整"},
	"loyalty_holders":               {"Members holding points", "持有积分人数"},
	"loyalty_point_value":           {"Value of a point", "每积分价值"},
	"loyalty_summary":               {"Members at the start: %s, of whom %s ordered as members; left in the period: %s.", "期初会员%s人，其中%s人以会员身份下单；本期退出%s人。"},
	"loyalty_def": {"Members are customers who joined the programme and have not left; a member buyer is a buyer who was a member at one of the period's orders, and their sales are order net sales (gross − discounts; refunds are not attributed). Active-member rate = members at the period's start who ordered as members in it / members at its start. Points outstanding = opening + issued − redeemed − expired ± adjusted; liability = outstanding × the value of a point. The differences are tested with Welch's t-test (AOV) and the two-proportion z-test (repurchase).",
		"会员指加入会员计划且未退出的客户；会员买家指本期至少有一笔订单下单时已是会员的买家，销售额为订单净额（原价−优惠，不计退款）。会员活跃度 = 期初会员中本期以会员身份下单的人数 / 期初会员数。未兑换积分 = 期初 + 发放 − 兑换 − 过期 ± 调整；积分负债 = 未兑换积分 × 每积分价值。差异检验：平均订单价值用韦尔奇t检验（不假定方差相等），复购率用双比例z检验。"},
}

// levelNames are the Chinese names of common membership levels, for the
// levels of a roster exported in English; [LevelName] uses them.
var levelNames = map[string]string{
	"standard": "普通会员", "regular": "普通会员", "basic": "普通会员",
	"bronze": "铜卡会员", "silver": "银卡会员", "gold": "金卡会员",
	"platinum": "铂金会员", "diamond": "钻石会员", "vip": "VIP会员",
}
