package render

// marketNames are the display names of the market section; [names] holds them.
var marketNames = map[string]name{
	"market": {"Market and competitors", "市场与竞争"},

	// Tables and columns.
	"price_indices":             {"Price index against competitors", "对竞品的价格指数"},
	"competitor":                {"Competitor", "竞争对手"},
	"market_index":              {"Price index against the market", "对市场的价格指数"},
	"price_index":               {"Price index", "价格指数"},
	"skus_compared":             {"SKUs compared", "比较的SKU数"},
	"skus_dearer":               {"We are dearer", "我方更贵"},
	"skus_cheaper":              {"We are cheaper", "我方更便宜"},
	"weighted_sales":            {"Weighting sales (before returns)", "加权销售额（未扣退款）"},
	"market_median":             {"Market (median of competitors)", "市场（竞品中位数）"},
	"price_bands":               {"Sales by price position", "按价格位置的销售"},
	"price_band":                {"Price position", "价格位置"},
	"above_market":              {"Above the market", "高于市场"},
	"near_market":               {"Up to the margin above the market", "高于市场（在阈值以内）"},
	"at_or_below_market":        {"At or below the market", "不高于市场"},
	"skus_units_fell":           {"SKUs selling fewer units", "销量下降的SKU"},
	"units_previous":            {"Units, previous period", "上期件数"},
	"units_change":              {"Units change", "件数变化"},
	"net_sales_previous":        {"Sales before returns, previous period", "上期折后销售额（未扣退款）"},
	"net_sales_change":          {"Change of sales before returns", "折后销售额变化"},
	"above_market_skus":         {"SKUs priced above the market", "高于市场价的SKU"},
	"our_price":                 {"Our price", "我方价格"},
	"market_price":              {"Market price", "市场价"},
	"promotion_days_table":      {"Promotion days", "促销日"},
	"competitor_promotion_days": {"Competitor's promotion days", "竞品促销天数"},
	"our_promotion_days":        {"Our promotion days", "我方促销天数"},
	"promotion_days_list":       {"Dates", "日期"},
	"days_n":                    {"Number of days", "天数"},
	"overlap_days":              {"With a promotion of ours", "与我方同日"},
	"alone_days":                {"Without one of ours", "我方未促销"},
	"us":                        {"Us", "我方"},
	"unpriced_skus":             {"SKUs with competitor prices that sold in neither period, so without a price of ours: %s.", "有竞品价格但两期均未售出、因而没有我方价格的SKU：%s个。"},
	"above_shown":               {"The %s largest by sales before returns, of %s.", "按折后销售额（未扣退款）列出前%s个，共%s个。"},
	"market_def": {"Competitor price: the median of the competitor's observations of the SKU in the period. Our price: the units-weighted mean list price of the SKU's order lines in the period, before discounts (the previous period's for a SKU that did not sell). Market price: the median of the competitors' prices. Price index = our price / their price × 100 (100 is parity; 110 means we are 10 %% dearer); the overall indices weight each SKU's index by our sales of it in the period after discounts and before returns (the sales columns too). Above the market: more than %[1]s above the market price; up to the margin: above it by %[1]s or less; at or below: not above it. Changes are against the previous period.",
		"竞品价格：该竞品本期对该SKU各次观测价格的中位数。我方价格：本期该SKU订单行按件数加权的平均标价（折扣前；本期未售出的取上期）。市场价：各竞品价格的中位数。价格指数 = 我方价格 / 对方价格 × 100（100为持平，110表示我方贵10%%）；总体指数按本期各SKU的我方折后销售额（未扣退款，销售额各列同此）加权。高于市场：比市场价高出%[1]s以上；高于市场（在阈值以内）：高出不超过%[1]s；不高于市场：不高于市场价。变化均为与上期相比。"},

	"units_ratio_test": {"log-ratio test of the two groups' units", "两组件数变化的对数比检验"},

	// Notes.
	"other_currency_prices": {"Competitor prices in other currencies than the review's", "非本报告币种的竞品价格"},
	"invalid_prices":        {"Invalid competitor prices", "无效的竞品价格"},
	"no_prices_in_period":   {"Price indices: no competitor price is dated in the period", "价格指数：本期没有竞品价格"},
}
