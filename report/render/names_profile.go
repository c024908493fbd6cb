package render

// profileNames are the display names of the customer profile part of the customers section; [names] holds them.
var profileNames = map[string]name{
	// Sales after discounts and before returns, and per order: the basis
	// of the profile, membership, category and market parts, which
	// attribute orders, not refunds (the overview's net sales are after
	// returns).
	"sales_before_returns": {"Sales (after discounts, before returns)", "折后销售额（未扣退款）"},
	"gender_female":        {"Female", "女"},
	"gender_male":          {"Male", "男"},
	"aov_before_returns":   {"Order value (before returns)", "平均订单金额（未扣退款）"},
	"profile":              {"Customer profile", "用户画像"},
	"profile_coverage": {"%s buyers in the period, %s of them with a customer record (%s records given); %s are new customers.",
		"本期购买客户 %s 人，其中 %s 人有用户资料（共 %s 条资料）；新客 %s 人。"},
	"profile_none":          {"No buyer of the period has a known attribute.", "本期购买客户均无已知属性。"},
	"profile_top":           {"%s of sales, %s of buyers (the largest value)", "占销售额 %s，占购买客户 %s（占比最大）"},
	"profile_new_title":     {"New customers against the base", "新客与整体客户的差异"},
	"profile_shift":         {"%s against all buyers (%s of new customers, %s of all buyers; %s)", "新客占比较全部购买客户 %s（新客 %s，全部购买客户 %s；%s）"},
	"profile_no_shift":      {"The new customers differ from the base in no attribute significantly.", "新客在各属性上与整体客户均无显著差异。"},
	"profile_sales_share":   {"Share of sales", "销售额占比"},
	"profile_buyer_share":   {"Share of buyers", "客户占比"},
	"profile_value":         {"Historical value per buyer", "人均历史价值"},
	"profile_new_share":     {"Share of new customers", "新客占比"},
	"profile_shift_col":     {"New vs all", "新客−整体"},
	"profile_significant":   {"Significant", "显著"},
	"profile_unknown":       {"unknown", "未知"},
	"invalid_customers":     {"invalid customer records", "无效的用户资料"},
	"profile_dim_age_band":  {"Age band", "年龄段"},
	"profile_dim_gender":    {"Gender", "性别"},
	"profile_dim_city":      {"City", "城市"},
	"profile_dim_region":    {"Region", "地区"},
	"profile_dim_city_tier": {"City tier", "城市等级"},
	"profile_def": {"Buyers are the customers with an order in the period; a buyer without a customer record, or without the attribute, counts as unknown, so each attribute's rows add up to all buyers and 100% of sales. " +
		"Sales are net sales in the period (after discounts, before returns); AOV is sales per order; repurchase is the share of buyers with two orders or more in the period; " +
		"historical value is each buyer's net sales from their first order to the period's end, per buyer (the customer model's predicted CLV is not kept per customer). " +
		"New vs all is the share among new customers (first ever order in the period) less the share among all buyers, in points; * marks a significant difference: " +
		"a two-sided pooled two-proportion z test of new against returning buyers, at 5% divided by the attribute's number of rows (Bonferroni), and only where each group expects at least 5 customers with and without the value.",
		"购买客户为本期有订单的客户；无用户资料或缺少该属性的客户计入“未知”，因此每个属性各行合计为全部购买客户和 100% 的销售额。" +
			"销售额为本期净销售额（扣除优惠，未扣退款）；平均订单价值 = 销售额 / 订单数；复购率为本期下单两次及以上的客户占比；" +
			"人均历史价值为每位客户从首单到本期末的累计净销售额的平均值（客户模型的预测 CLV 未按客户保存）。" +
			"“新客−整体”为新客（首单在本期）中的占比减去全部购买客户中的占比，单位为百分点；* 表示差异显著：" +
			"新客与老客的双侧合并两比例 z 检验，显著性水平为 5% 除以该属性的行数（邦费罗尼校正），且仅在每组含与不含该值的期望人数均不少于 5 时检验。"},
}
