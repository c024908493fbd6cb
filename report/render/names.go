package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/report"
)

// Label returns the display name of a KPI, factor, section, column or other
// key of a review in l, such as "Net sales" or "净销售额" for "net_sales".
// A key without an entry is returned unchanged, so names from data (a
// funnel step a user named) still print.
func Label(key string, l Language) string {
	if t, ok := names[key]; ok {
		return t.in(l)
	}
	return key
}

// HasLabel reports whether key has a display name in both languages.
func HasLabel(key string) bool {
	t, ok := names[key]
	return ok && t.en != "" && t.zh != ""
}

// UnmeasuredReason returns why promotion u was not measured, in
// language l: the kind of its error and, for a window the data do not
// cover, the days it needs and the days the data cover; the error's own
// text (in English) for an error of another kind.
func UnmeasuredReason(u report.Unmeasured, l Language) string {
	if u.Cause == "" || !HasLabel(u.Cause) {
		return u.Reason
	}
	s := Label(u.Cause, l)
	switch {
	case u.Need != "" && u.Have != "":
		s += colon(l) + fmt.Sprintf(Label("need_have", l), u.Need, u.Have)
	case u.Need != "":
		s += colon(l) + fmt.Sprintf(Label("need_none", l), u.Need)
	case u.Missing != "":
		s += colon(l) + u.Missing
	}
	return s
}

// NoteReason returns the reason of note n in l: the display name of a
// fixed reason given as its label key; in Chinese, the display name of
// its Cause when the error is of a known kind (the error's own text is in
// English, as Go errors are, and stays in the JSON); otherwise the
// reason as given.
//
// The notes whose reason is data say it with words of their own: the
// share of gross sales without a unit cost (margin_no_cost); the
// promotion's or campaign's name and the units or orders sold without a
// unit cost that it reads (roi_no_cost, net_roi_no_cost,
// campaign_no_cost; a note without its Count, from a review written
// before the count, says only that there were some); the promotion's
// name and the activities in its post-window (pull_forward_overlap); the
// promotion's name and why a cost of zero leaves ROI undefined
// (roi_zero_cost).
func NoteReason(n report.Note, l Language) string {
	colon := ": "
	if l == Chinese {
		colon = "："
	}
	count := func(one, many string) string {
		key := many
		if n.Count == 1 {
			key = one
		}
		return fmt.Sprintf(Label(key, l), Formatter{Lang: l}.Count(n.Count))
	}
	name := n.Reason
	switch {
	case n.Key == "margin_no_cost" || n.Key == "clv_no_cost":
		return Label("no_cost_share", l) + colon + n.Reason
	case n.Key == "roi_no_cost" && n.Count > 0:
		return name + colon + count("no_cost_unit", "no_cost_units")
	case n.Key == "net_roi_no_cost" && n.Count > 0:
		return name + colon + count("no_cost_side_unit", "no_cost_side_units")
	case n.Key == "campaign_no_cost" && n.Count > 0:
		return name + colon + count("no_cost_order", "no_cost_orders")
	case n.Key == "payback_cost_missing":
		return count("no_cost_line", "no_cost_lines")
	case n.Key == "roi_no_cost" || n.Key == "net_roi_no_cost" || n.Key == "campaign_no_cost":
		return name + colon + Label("no_cost_promo", l)
	case n.Key == "roi_zero_cost":
		return name + colon + Label("zero_cost_promo", l)
	case n.Key == "pull_forward_overlap":
		return Label("post_window_overlap", l) + colon + n.Reason
	case HasLabel(n.Reason):
		return Label(n.Reason, l)
	case l == Chinese && n.Cause != "" && HasLabel(n.Cause):
		return Label(n.Cause, l)
	}
	return n.Reason
}

// DataLabel returns the display name in l of a conventional data value: a
// traffic source (search, ads, direct, social, …), a device (mobile,
// desktop, tablet), a ticket channel (chat, email, phone) or reason, a
// category of the demo store, a carrier (SF Express, ZTO, …) or a region
// (a province in pinyin, such as Xinjiang), such as "搜索" for "search" in
// Chinese. Data
// values are English words in most exports, so in English, and for a
// value without an entry, v is returned unchanged. Add names of your own
// with the renderers' Labels.
func DataLabel(v string, l Language) string {
	if l == Chinese {
		if zh, ok := dataNames[strings.ToLower(v)]; ok {
			return zh
		}
	}
	return v
}

// dataLabel returns the display name of the data value v in l: its entry
// in labels if it has one, else [DataLabel]'s.
func dataLabel(v string, l Language, labels map[string]string) string {
	if s, ok := labels[v]; ok {
		return s
	}
	return DataLabel(v, l)
}

// Relabel returns a copy of r whose data values with a display name in l
// (traffic sources and devices, categories, carriers and regions, ticket
// reasons and channels, and those in the findings) are replaced by it,
// labels first, as the renderers of this package print them; r is not
// changed. Renderers of other packages, such as xlsx, call it so that a
// Chinese workbook names them as the Chinese page does.
func Relabel(r *report.Review, l Language, labels map[string]string) *report.Review {
	return relabel(r, l, labels)
}

// relabel returns r with the data values that have display names in l
// (traffic sources and devices, categories, carriers and regions, ticket
// reasons and channels) replaced by them, labels first; r is not changed. The layout prints the
// copy, so a value from data reaches the page through one function.
func relabel(r *report.Review, l Language, labels map[string]string) *report.Review {
	if l != Chinese && len(labels) == 0 {
		return r
	}
	dl := func(v string) string { return dataLabel(v, l, labels) }
	c := *r
	if r.Traffic != nil {
		t := *r.Traffic
		t.Sources, t.Devices = slices.Clone(t.Sources), slices.Clone(t.Devices)
		for i := range t.Sources {
			t.Sources[i].Name = dl(t.Sources[i].Name)
		}
		for i := range t.Devices {
			t.Devices[i].Name = dl(t.Devices[i].Name)
		}
		c.Traffic = &t
	}
	if r.Products != nil {
		p := *r.Products
		p.TopSellers, p.NewProducts, p.Categories = slices.Clone(p.TopSellers), slices.Clone(p.NewProducts), slices.Clone(p.Categories)
		for _, ps := range [][]report.Product{p.TopSellers, p.NewProducts} {
			for i := range ps {
				ps[i].Category = dl(ps[i].Category)
			}
		}
		for i := range p.Categories {
			p.Categories[i].Category = dl(p.Categories[i].Category)
		}
		c.Products = &p
	}
	if r.Channels != nil {
		ch := *r.Channels
		ch.Rows, ch.Groups = slices.Clone(ch.Rows), slices.Clone(ch.Groups)
		for i := range ch.Rows {
			ch.Rows[i].Channel = dl(ch.Rows[i].Channel)
			if !HasLabel("group_" + ch.Rows[i].Group) {
				ch.Rows[i].Group = dl(ch.Rows[i].Group)
			}
		}
		for i := range ch.Groups {
			g := &ch.Groups[i]
			g.Channels = slices.Clone(g.Channels)
			for j := range g.Channels {
				g.Channels[j] = dl(g.Channels[j])
			}
			if !HasLabel("group_" + g.Name) {
				g.Name = dl(g.Name)
			}
		}
		c.Channels = &ch
	}
	if r.Fulfilment != nil {
		f := *r.Fulfilment
		f.Carriers, f.Regions = slices.Clone(f.Carriers), slices.Clone(f.Regions)
		for _, gs := range [][]report.DeliveryGroup{f.Carriers, f.Regions} {
			for i := range gs {
				gs[i].Name = dl(gs[i].Name)
			}
		}
		c.Fulfilment = &f
	}
	if r.Membership != nil && len(labels) > 0 {
		m := *r.Membership
		m.Levels = slices.Clone(m.Levels)
		for i := range m.Levels {
			if v, ok := labels[m.Levels[i].Name]; ok {
				m.Levels[i].Name = v
			}
		}
		c.Membership = &m
	}
	if r.Service != nil {
		s := *r.Service
		s.Reasons, s.Channels, s.Outliers = slices.Clone(s.Reasons), slices.Clone(s.Channels), slices.Clone(s.Outliers)
		for i := range s.Reasons {
			s.Reasons[i].Name = dl(s.Reasons[i].Name)
		}
		for i := range s.Channels {
			s.Channels[i].Name = dl(s.Channels[i].Name)
		}
		for i := range s.Outliers {
			s.Outliers[i].Category = dl(s.Outliers[i].Category)
		}
		c.Service = &s
	}
	c.Categories = relabelCategories(r.Categories, dl)
	// The findings' and actions' data arguments and evidence subjects
	// (a traffic source, a category) read as in the tables; other data,
	// such as a promotion's name or a SKU, has no entry and stays as it is.
	msg := func(m report.Message) report.Message {
		m.Args = slices.Clone(m.Args)
		for i, a := range m.Args {
			if a.Kind == report.ArgData {
				m.Args[i].Text = dl(a.Text)
			}
		}
		return m
	}
	if len(r.Findings) > 0 {
		c.Findings = slices.Clone(r.Findings)
		for i := range c.Findings {
			f := &c.Findings[i]
			f.Title, f.Recommendation = msg(f.Title), msg(f.Recommendation)
			f.Evidence = slices.Clone(f.Evidence)
			for j := range f.Evidence {
				f.Evidence[j].Subject = dl(f.Evidence[j].Subject)
			}
		}
	}
	if r.Plan != nil {
		p := *r.Plan
		p.Actions = slices.Clone(p.Actions)
		for i := range p.Actions {
			p.Actions[i].Title, p.Actions[i].Recommendation = msg(p.Actions[i].Title), msg(p.Actions[i].Recommendation)
		}
		c.Plan = &p
	}
	return &c
}

// dataNames are the Chinese names of conventional data values, keyed by
// the lower-case value. It is never modified.
var dataNames = map[string]string{
	// Traffic sources.
	"search":   "搜索",
	"ads":      "广告",
	"paid":     "付费推广",
	"direct":   "直接访问",
	"social":   "社交媒体",
	"live":     "直播带货",
	"email":    "邮件",
	"referral": "外部链接",
	"organic":  "自然流量",
	"(none)":   "（无）",
	"kol":      "达人",
	"seo":      "搜索优化",
	"crm":      "会员营销",
	// Devices.
	"mobile":  "移动端",
	"desktop": "电脑端",
	"tablet":  "平板",
	"app":     "App",
	// Ticket channels (email above) and reasons.
	"chat":     "在线客服",
	"phone":    "电话",
	"product":  "商品咨询",
	"delivery": "物流配送",
	"return":   "退换货",
	"payment":  "支付",
	"account":  "账户",
	// Categories of the demo store, and common ones.
	"apparel":     "服装",
	"beauty":      "美妆",
	"electronics": "数码电子",
	"home":        "家居",
	"kitchen":     "厨房用品",
	"shoes":       "鞋靴",
	"snacks":      "零食",
	"food":        "食品",
	"books":       "图书",
	"toys":        "玩具",
	"sports":      "运动户外",
	// Carriers (快递公司), by their common English names.
	"sf express":   "顺丰速运",
	"sf":           "顺丰速运",
	"jd logistics": "京东物流",
	"zto":          "中通快递",
	"yto":          "圆通速递",
	"sto":          "申通快递",
	"yunda":        "韵达快递",
	"best express": "百世快递",
	"j&t express":  "极兔速递",
	"deppon":       "德邦快递",
	"china post":   "中国邮政",
	// Regions: the provincial divisions, in pinyin.
	"beijing":        "北京",
	"tianjin":        "天津",
	"hebei":          "河北",
	"shanxi":         "山西",
	"inner mongolia": "内蒙古",
	"liaoning":       "辽宁",
	"jilin":          "吉林",
	"heilongjiang":   "黑龙江",
	"shanghai":       "上海",
	"jiangsu":        "江苏",
	"zhejiang":       "浙江",
	"anhui":          "安徽",
	"fujian":         "福建",
	"jiangxi":        "江西",
	"shandong":       "山东",
	"henan":          "河南",
	"hubei":          "湖北",
	"hunan":          "湖南",
	"guangdong":      "广东",
	"guangxi":        "广西",
	"hainan":         "海南",
	"chongqing":      "重庆",
	"sichuan":        "四川",
	"guizhou":        "贵州",
	"yunnan":         "云南",
	"tibet":          "西藏",
	"xizang":         "西藏",
	"shaanxi":        "陕西",
	"gansu":          "甘肃",
	"qinghai":        "青海",
	"ningxia":        "宁夏",
	"xinjiang":       "新疆",
	"hong kong":      "香港",
	"macau":          "澳门",
	"taiwan":         "台湾",
}

// name is a display name in both languages.
type name struct{ en, zh string }

func (n name) in(l Language) string {
	if l == Chinese {
		return n.zh
	}
	return n.en
}

// names is the one table of display names: every KPI of metrics.KPIs and
// report.KPIs, every section, evidence key, column, chart and fixed text
// of a rendered review, in English and Chinese. Names follow shopmetrics' metric definitions;
// TestNames fails on a key without both. It is never modified. The names
// of the optional parts are in their own maps (names_*.go), joined here.
var names = joinNames(coreNames, marketNames, detailPagesNames, categoriesNames, suppliersNames, campaignsNames, profileNames, membershipNames)

// joinNames returns the union of ms; a key in two of them is a
// programming error and panics when the package initialises.
func joinNames(ms ...map[string]name) map[string]name {
	out := make(map[string]name)
	for _, m := range ms {
		for k, v := range m {
			if _, dup := out[k]; dup {
				panic("render: display name " + k + " defined twice")
			}
			out[k] = v
		}
	}
	return out
}

// coreNames are the display names of the sections of every review.
var coreNames = map[string]name{
	// Title and periods.
	"title":             {"Store operations review", "店铺运营总结"},
	"period":            {"Period", "统计周期"},
	"previous":          {"Compared with", "环比周期"},
	"year_ago":          {"Same period last year", "同比周期"},
	"year_ago_compared": {"Comparison period", "对比周期"},
	"currency":          {"Currency", "币种"},
	"omitted":           {"Left out: no %s.", "本节省略：缺少%s。"},
	"no_findings":       {"No rule fired: nothing needs attention.", "未触发任何规则：暂无需要关注的问题。"},
	"no_rows":           {"None.", "无。"},
	"evidence":          {"Evidence", "依据"},
	"recommend":         {"Recommendation", "建议"},
	"severity":          {"Severity", "级别"},
	"info":              {"info", "提示"},
	"warning":           {"warning", "警告"},
	"critical":          {"critical", "严重"},
	"largest_loss":      {"Largest loss", "流失最多的步骤"},
	"driver":            {"Main driver", "主要驱动因素"},
	"sla":               {"SLA", "响应时限"},
	"csat_n":            {"CSAT responses", "满意度评价数"},
	"slow_value":        {"Slow and dead stock at cost", "滞销及呆滞库存（成本）"},
	"slow_share":        {"Share of inventory value", "占库存金额比例"},
	"sales_trend":       {"Net sales per day and 7-day average", "每日净销售额及7日均线"},
	"pareto_chart":      {"ABC curve: share of sales by share of SKUs", "ABC曲线：SKU占比与销售额占比"},
	"promo_chart":       {"Actual vs baseline", "实际与基线对比"},
	"funnel_chart":      {"Funnel", "转化漏斗"},
	"cohort_chart":      {"Cohort retention", "同期群留存"},
	"avg7":              {"7-day average", "7日均线"},
	"actual":            {"Actual", "实际"},
	"predicted":         {"Predicted", "预测"},
	"week_n":            {"W%s", "第%s周"},
	"repeat_n":          {"%s repeat", "复购%s次"},
	"repeat_n_more":     {"%s+ repeat", "复购%s次及以上"},
	"tracking_chart":    {"Holdout weeks: cumulative purchases, actual and predicted by the chosen model", "留出期累计购买：实际与所选模型的预测"},
	"frequency_chart":   {"Holdout purchases per customer by repeat purchases before the holdout: actual (bar) and predicted (pale bar)", "按留出期前复购次数：留出期人均购买，实际（柱）与预测（浅色柱）"},
	"baseline":          {"Baseline", "基线"},
	"weekday_title":     {"Weekday pattern", "星期分布"},

	// The kinds of error of a part not computed (report.NoteCauses).
	"cause_not_converged":       {"the model's fit did not converge", "模型拟合未收敛"},
	"cause_no_customers":        {"no customers to fit", "没有可拟合的客户"},
	"cause_undefined":           {"the value is undefined", "数值无定义"},
	"cause_short_history":       {"too little history to fit, promotion days and days missing from the data not counted", "历史数据（不计促销日与数据缺失日）不足，无法拟合"},
	"cause_singular":            {"the regression has no unique fit", "回归没有唯一解"},
	"cause_pre_period_short":    {"too little data before the promotion for its baseline", "活动前数据不足，无法估计基线"},
	"cause_window_outside_data": {"the promotion's window is outside the data", "活动时间不在数据范围内"},
	"cause_no_control":          {"no usable control group", "没有可用的对照组"},
	"cause_data_ends_early":     {"the data ends before the period's last day", "数据在统计期最后一天之前结束"},
	"cause_days_missing":        {"days are missing from the data in the periods compared", "对比期间内有数据缺失的日期"},
	"cause_no_category":         {"the promoted items have no category", "促销商品没有类目"},
	"cause_no_rivals":           {"every item of the promoted items' categories is promoted", "促销商品所在类目的商品全部参与促销"},
	"cause_whole_store":         {"the promotion covers the whole store", "促销覆盖全店"},
	"cause_no_post_window":      {"the data end with the promotion's window", "数据止于促销窗口结束"},
	"cause_post_overlap":        {"other activities ran in the days after it, see the note", "其后几天有其他活动，见说明"},
	"sides_unmeasured":          {"Side effects not measured", "未测得的副作用"},
	"side_effect":               {"Side effect", "副作用"},
	"need_have":                 {"needs %s, the data cover %s", "需要 %s，数据覆盖 %s"},
	"need_none":                 {"needs %s, the data hold no order", "需要 %s，数据中没有订单"},

	// Sections.
	// Unnumbered: sectionTitle numbers the sections a review shows.
	"overview":   {"Overview", "总体概览"},
	"traffic":    {"Traffic and conversion", "流量与转化"},
	"channels":   {"Channels and marketing", "渠道与投放"},
	"products":   {"Products and inventory", "商品与库存"},
	"promotions": {"Promotions", "促销活动"},
	"customers":  {"Customers and repurchase", "客户与复购"},
	"service":    {"Customer service and returns", "客户服务与退换货"},
	"fulfilment": {"Fulfilment and logistics", "物流与履约"},
	"findings":   {"Findings and recommendations", "问题与建议"},
	"plan":       {"Plan and targets", "未来规划与目标"},

	// Missing inputs.
	"missing_orders":     {"orders", "订单数据"},
	"missing_events":     {"events", "行为事件数据"},
	"missing_inventory":  {"inventory snapshots", "库存快照"},
	"missing_promotions": {"promotions", "促销活动数据"},
	"missing_tickets":    {"tickets", "客服工单数据"},
	"missing_spend":      {"marketing spend", "营销费用数据"},

	// Column headers.
	"metric":               {"Metric", "指标"},
	"value":                {"Value", "本期"},
	"prev_value":           {"Previous", "上期"},
	"change_prev":          {"vs previous", "环比"},
	"year_value":           {"Last year", "去年同期"},
	"change_year":          {"vs last year", "同比"},
	"change_year_compared": {"vs comparison", "对比"},
	"target":               {"Target", "目标"},
	"sla_threshold":        {"Threshold (the review's; no target set)", "评估阈值（未设目标）"},
	"attainment":           {"Attainment", "达成率"},
	"factor":               {"Factor", "因素"},
	"effect":               {"Effect on sales", "对销售额的影响"},
	"name":                 {"Name", "名称"},
	"source":               {"Source", "来源"},
	"device":               {"Device", "设备"},
	"share":                {"Share", "占比"},
	"refund_value":         {"Refunded", "退款金额"},
	"step":                 {"Step", "步骤"},
	"users":                {"Users", "人数"},
	"step_conv":            {"Step conversion", "步骤转化率"},
	"overall":              {"Overall", "整体转化率"},
	"drop_off":             {"Drop-off", "流失率"},
	"usual_drop_off":       {"Usual drop-off", "往期流失率"},
	"median_time":          {"Median time", "转化时长中位数"},
	"p90_time":             {"90th pct time", "转化时长P90"},
	"sku":                  {"SKU", "SKU"},
	"product":              {"Product", "商品"},
	"category":             {"Category", "类目"},
	"units":                {"Units", "件数"},
	"class":                {"Class", "分类"},
	"margin":               {"Margin", "毛利率"},
	"gross_profit":         {"Gross profit", "毛利"},
	"on_hand":              {"On hand", "在库数量"},
	"stock_value":          {"Value at cost", "库存金额"},
	"days_supply":          {"Days of supply", "可售天数"},
	"status":               {"Status", "状态"},
	"dead":                 {"dead", "呆滞"},
	"slow":                 {"slow", "滞销"},
	"skus":                 {"SKUs", "SKU数"},
	"days_out":             {"Days out", "缺货天数"},
	"reorder_point":        {"Reorder point", "补货点"},
	"order_qty":            {"Order quantity", "建议补货量"},
	"promotion":            {"Promotion", "活动"},
	"window":               {"Window", "活动时间"},
	"incremental":          {"Incremental", "增量"},
	"lift":                 {"Lift", "提升"},
	"roi":                  {"ROI", "ROI"},
	"roi_interval":         {"ROI interval", "ROI区间"},
	"roi_low":              {"ROI, interval low", "ROI区间下限"},
	"roi_high":             {"ROI, interval high", "ROI区间上限"},
	"net_roi":              {"Net ROI", "净ROI"},
	"unmeasured":           {"Not measured", "无法评估"},
	"cannibal":             {"Cannibalization", "蚕食"},
	"halo":                 {"Halo", "光环"},
	"pull_forward":         {"Pull-forward", "提前透支"},
	"verdict":              {"Verdict", "结论"},
	"weekday":              {"Weekday", "星期"},
	"avg_sales":            {"Average net sales", "日均净销售额"},
	"index":                {"Index", "指数"},
	"cohort":               {"Cohort", "同期群"},
	"size":                 {"Size", "人数"},
	"segment":              {"Segment", "分群"},
	"reason":               {"Reason", "原因"},
	"channel":              {"Channel", "渠道"},
	"tickets_n":            {"Tickets", "工单数"},
	"sku_return_rate":      {"Return rate", "退货率"},
	"category_rate":        {"Category rate", "类目退货率"},
	"top_sellers":          {"Top sellers", "畅销商品"},
	"new_products":         {"New products", "新品表现"},
	"categories":           {"Categories", "类目毛利"},
	"inventory":            {"Inventory", "库存"},
	"slow_movers":          {"Slow movers and dead stock", "滞销品与呆滞库存"},
	"abc_xyz":              {"ABC×XYZ", "ABC×XYZ分类"},
	"class_sales":          {"Sales before returns", "折后销售额（未扣退款）"},
	"stockouts_a":          {"Stock-outs on A items", "A类商品缺货"},
	"reorder":              {"Reorder list", "补货清单"},
	"stock_parts":          {"Inventory, slow movers, stock-outs and the reorder list", "库存、滞销、缺货与补货清单"},
	"margin_no_cost":       {"Gross margin", "毛利率"},
	"no_cost_share":        {"share of gross sales without a unit cost", "无单位成本的销售额占比"},
	"roi_no_cost":          {"ROI, ROI interval, net ROI, verdict and weekend effect", "ROI、ROI区间、净ROI、结论与周末效应"},
	"net_roi_no_cost":      {"Net ROI", "净ROI"},
	"roi_zero_cost":        {"ROI, ROI interval and verdict", "ROI、ROI区间与结论"},
	"zero_cost_promo":      {"its cost is zero (no discount given, no fixed or media cost), and ROI is profit over cost", "其成本为零（无折扣、固定或媒体成本），而ROI以成本为分母"},
	"campaign_no_cost":     {"CRM campaign's incremental gross profit, gain, ROI and verdict", "精准营销活动的增量毛利、收益、ROI与结论"},
	"campaign_unvalued":    {"coupon values not recorded", "未记录金额的核销"},
	"campaign_uncosted":    {"gain and ROI of CRM campaigns whose cost is not recorded", "未记录成本的精准营销活动的收益与ROI"},
	"campaign_before_data": {"CRM campaigns whose window (or, without a holdout, the equal period before it that the comparison subtracts) starts before the data's first record, not measured", "活动窗口（无随机对照组时包括比较所扣除的、窗口之前的等长时段）早于数据第一条记录开始的精准营销活动，未评估"},
	"campaign_after_data":  {"CRM campaigns whose window ends after the data's last record, not measured", "活动窗口晚于数据最后一条记录结束的精准营销活动，未评估"},
	"campaign_in_gap":      {"CRM campaigns whose window (or, without a holdout, the equal period before it that the comparison subtracts) holds days missing from the data (see the overview), not measured", "活动窗口（无随机对照组时包括比较所扣除的、窗口之前的等长时段）内有数据缺失日期（见概览）的精准营销活动，未评估"},
	"campaign_no_targets":  {"CRM campaigns without a targeted customer in the data, not measured", "数据中没有目标客户的精准营销活动，未评估"},
	"promo_no_sales":       {"Lift, ROI interval and verdict of promotions whose promoted items sold nothing in the pre-period nor in the window: there is no lift to measure", "促销商品在基期与活动期内均无销售的促销的提升、ROI区间与结论：无提升可测"},
	"promo_no_baseline":    {"ROI interval and verdict of promotions whose promoted items sold nothing in the pre-period: the baseline is zero and the whole window counts as lift", "基期内促销商品无销售的促销的ROI区间与结论：基线为零，活动期销售全部计为提升"},
	"promo_uncosted":       {"ROI, net ROI and verdict of promotions whose fixed or media cost is not recorded", "未记录固定或媒体成本的促销活动的ROI、净ROI与结论"},
	"no_cost_unit":         {"%s unit of its items sold without a unit cost in its baseline weeks or window", "其商品在基线期与活动期内有%s件售出时无单位成本"},
	"no_cost_units":        {"%s units of its items sold without a unit cost in its baseline weeks or window", "其商品在基线期与活动期内有%s件售出时无单位成本"},
	"no_cost_side_unit":    {"%s unit sold without a unit cost on the items and days its side effects measure", "其副作用测算的商品与日期中有%s件售出时无单位成本"},
	"no_cost_side_units":   {"%s units sold without a unit cost on the items and days its side effects measure", "其副作用测算的商品与日期中有%s件售出时无单位成本"},
	"clv_no_cost":          {"Predicted CLV and LTV (they apply the gross margin)", "预测客户价值与LTV（按毛利率计算）"},
	"payback_cost_missing": {"CAC payback (it counts the customers' gross profit)", "回本周期（按客户毛利计算）"},
	"no_cost_line":         {"%s customer order line up to the period's end was sold without a unit cost", "截至统计期末客户订单中有%s条明细无单位成本"},
	"no_cost_lines":        {"%s customer order lines up to the period's end were sold without a unit cost", "截至统计期末客户订单中有%s条明细无单位成本"},
	"no_cost_order":        {"%s of the orders it compares has a line sold without a unit cost", "其对比的订单中有%s笔含无单位成本的商品"},
	"no_cost_orders":       {"%s of the orders it compares have a line sold without a unit cost", "其对比的订单中有%s笔含无单位成本的商品"},
	"no_cost_promo":        {"sales without a unit cost on a day it measures", "其测算期内有无单位成本的销售"},
	"pull_forward_overlap": {"Pull-forward", "提前透支"},
	"post_window_overlap":  {"another promotion or CRM campaign ran in the days after the promotion, whose sales would be counted as its pull-forward", "促销结束后的观察期内有其他促销或精准营销活动，其销售会被算作提前透支"},
	"no_snapshots":         {"no inventory snapshots: the stock parts need them", "没有库存快照：库存部分需要快照"},
	"no_orders":            {"no orders: the stock's sales are not known", "没有订单：库存的销售情况未知"},
	"stock_flow":           {"Turnover, days of inventory, sell-through, GMROI, lost sales, slow movers, ABC×XYZ and the reorder list", "周转、库存天数、售罄率、GMROI、缺货损失、滞销、ABC×XYZ 与补货清单"},
	"sources":              {"Traffic sources", "流量来源"},
	"devices":              {"Devices", "设备"},
	"funnel":               {"Funnel", "转化漏斗"},
	"decomposition":        {"Sales = visitors × conversion × spend per buyer", "销售额 = 访客数 × 转化率 × 客单价"},
	"cohorts":              {"Cohort retention", "同期群留存"},
	"segments":             {"RFM segments", "RFM客户分群"},
	"reasons":              {"Tickets by reason", "工单原因"},
	"ticket_channels":      {"Tickets by channel", "工单渠道"},
	"return_reasons":       {"Return reasons", "退货原因"},
	"outliers":             {"SKUs with unusual return rates (Fisher's exact test on order lines returned, Benjamini–Hochberg, false-discovery rate 5%)", "退货率异常的SKU（按退货订单行做费希尔精确检验，Benjamini–Hochberg法，错误发现率5%）"},
	"no_outliers":          {"No SKU's return rate stands out from the rest of its category: %s SKUs tested (Fisher's exact test on order lines returned, Benjamini–Hochberg, false-discovery rate 5%%).", "没有SKU的退货率明显高于同类目其他商品：共检验%s个SKU（按退货订单行做费希尔精确检验，Benjamini–Hochberg法，错误发现率5%%）。"},

	// KPIs and factors.
	"net_sales":                  {"Net sales", "净销售额"},
	"gross_sales":                {"Gross sales", "销售总额"},
	"orders":                     {"Orders", "订单数"},
	"aov":                        {"AOV", "平均订单价值"},
	"spend_per_buyer":            {"Spend per buyer", "客单价"},
	"gross_margin":               {"Gross margin", "毛利率"},
	"new_customers":              {"New customers", "新客数"},
	"cac":                        {"CAC", "获客成本"},
	"ltv":                        {"Predicted LTV of a new customer", "新客预测LTV"},
	"ltv_cac":                    {"LTV/CAC", "LTV/CAC"},
	"visitors":                   {"Visitors", "访客数"},
	"sessions":                   {"Sessions", "访问次数"},
	"bounce_rate":                {"Bounce rate", "跳出率"},
	"conversion_rate":            {"Conversion rate", "转化率"},
	"inventory_value":            {"Inventory value at cost", "库存金额（成本）"},
	"turnover":                   {"Inventory turnover", "库存周转率"},
	"dio":                        {"Days of inventory", "库存周转天数"},
	"stockout_rate":              {"Stock-out rate", "缺货率"},
	"buyers":                     {"Buyers", "购买客户数"},
	"new_buyers":                 {"New buyers", "新客数"},
	"returning_rate":             {"Returning customer rate", "老客占比"},
	"returning_customers":        {"Returning customers", "老客数"},
	"repurchase_rate":            {"Repurchase rate", "复购率"},
	"predicted_clv":              {"Predicted CLV of all customers (LTV horizon)", "全部客户预测价值（LTV口径）"},
	"predicted_clv_per_customer": {"Predicted CLV per customer", "客户人均预测价值"},
	"active_customers":           {"Active customers (P(alive) ≥ 50% under the chosen model)", "活跃客户数（所选模型下存活概率≥50%）"},
	"buyers_90d":                 {"Bought in the last 90 days", "近90天购买客户数"},
	"buyers_180d":                {"Bought in the last 180 days", "近180天购买客户数"},
	"first_response_median":      {"First response, median", "首次响应时长中位数"},
	"first_response_p90":         {"First response, 90th pct", "首次响应时长P90"},
	"within_sla":                 {"Answered within SLA", "时限内响应率"},
	"resolution_rate":            {"Resolution rate", "解决率"},
	"resolve_median":             {"Time to resolve, median", "解决时长中位数"},
	"reopen_rate":                {"Reopen rate", "重开率"},
	"csat":                       {"CSAT (4–5)", "满意度（4–5分）"},
	"avg_score":                  {"Average score", "平均评分"},
	"contacts_per_100_orders":    {"Contacts per 100 orders", "每百单咨询量"},
	"return_rate_units":          {"Return rate (units)", "退货率（件数）"},
	"return_rate_value":          {"Return rate (value)", "退货率（金额）"},

	// The rest of the KPIs of metrics.KPIs, and the parts of a review
	// that can be left out with a note.
	"discounts":                  {"Discounts", "优惠金额"},
	"returns":                    {"Returns", "退款金额"},
	"total_sales":                {"Total sales", "实收总额"},
	"cogs":                       {"COGS", "销售成本"},
	"units_per_order":            {"Units per order", "连带率"},
	"return_rate":                {"Refund rate", "退款率"},
	"marketing_spend":            {"Marketing spend", "营销费用"},
	"cac_payback_months":         {"CAC payback (months)", "回本周期（月）"},
	"not_computed":               {"Not computed", "未能计算"},
	"left_out":                   {"Left out", "未计入"},
	"rejected_rows":              {"Rows rejected while reading", "读取时拒绝的行"},
	"bad_inventory_records":      {"Inventory records with a data problem", "有数据问题的库存记录"},
	"other_currency_orders":      {"Orders in other currencies than the review's", "非本报告币种的订单"},
	"other_currency_refunds":     {"Refunds of orders in other currencies", "其他币种订单的退款"},
	"other_currency_spend":       {"Marketing spend in other currencies", "其他币种的营销费用"},
	"refunds_unknown_order":      {"Refunds of orders not in the data", "数据中没有对应订单的退款"},
	"invalid_orders":             {"Invalid orders", "无效订单"},
	"invalid_refunds":            {"Invalid refunds", "无效退款"},
	"invalid_events":             {"Invalid events", "无效事件"},
	"invalid_tickets":            {"Invalid tickets", "无效工单"},
	"inventory_negative_on_hand": {"Inventory snapshots with a negative on hand", "库存为负的库存快照"},
	"inventory_unknown_sku":      {"Inventory records of SKUs not in the catalogue", "商品目录中没有的SKU的库存记录"},
	"inventory_other_currency":   {"Inventory records in another currency", "其他币种的库存记录"},
	"inventory_out_of_order":     {"Inventory records out of day order or repeated", "日期顺序错乱或重复的库存记录"},
	"inventory_outside_period":   {"Inventory records outside the period", "统计周期以外的库存记录"},
	"inventory_after_data_end":   {"Inventory records after the data's last day (the stock is analysed up to it)", "数据截止日之后的库存记录（库存只分析到该日）"},
	"inventory_bad_quantity":     {"Inventory records with an invalid quantity", "数量无效的库存记录"},
	"inventory_bad_amount":       {"Inventory records with an invalid amount", "金额无效的库存记录"},
	"inventory_overflow":         {"Inventory records whose units overflow", "件数溢出的库存记录"},
	"customer_model":             {"Customer model", "客户模型"},
	"clv_no_spend":               {"Customers whose refunds leave no positive repeat spend, left out of the predicted CLV", "退款后复购金额非正、未计入预测价值的客户"},
	"model_choice":               {"Customer model: %s, chosen by %s (%s).", "客户模型：%s，依据%s选择（%s）。"},
	"by_holdout":                 {"holdout error", "留出期预测误差"},
	"by_bic":                     {"BIC", "BIC"},
	"holdout_rule":               {"the data span %s weeks, at least %s × the %s-week holdout: each model is fitted on the weeks before the holdout and the lowest RMSE of the per-customer holdout purchases wins", "数据跨度%s周，不少于%s×%s周留出期：各模型用留出期之前的数据拟合，按每位客户留出期购买次数的RMSE取最低者"},
	"bic_rule":                   {"the data span %s weeks, less than %s × the %s-week holdout: the lowest BIC of the fit on all the data wins", "数据跨度%s周，不足%s×%s周留出期：按全部数据拟合的BIC取最低者"},
	"candidate_rmse":             {"%s: RMSE %s, holdout purchases %s forecast vs %s actual", "%s：RMSE %s，留出期购买预测%s次、实际%s次"},
	"candidate_bic":              {"%s: BIC %s", "%s：BIC %s"},
	"candidate_left_out":         {"%s: left out (see the note)", "%s：未参与比较（见注）"},
	"active_def":                 {"Active: P(alive) ≥ %s under the chosen model.", "活跃客户：所选模型下存活概率≥%s。"},
	"active_def_recency":         {"The BG/NBD holds a customer without a repeat purchase alive by construction, so such a customer counts as active only if they bought in the last %d days.", "BG/NBD模型按构造认为未复购客户一定存活，因此这类客户仅在近%d天内购买过时计为活跃。"},
	"rfm_def":                    {"RFM segments: recency and frequency scored 1–5 by quintile among all customers; at risk, can't lose, hibernating and lost are the low recency scores. RFM ranks customers against each other; \"active\" is an absolute probability, so the two counts differ.", "RFM分群：按最近购买时间与购买频次在全部客户中的五分位打1–5分；流失风险、重要挽留客户、沉睡与流失为最近购买得分低的分群。RFM是客户间的相对排名，“活跃”是绝对概率，两者人数不必相同。"},
	"ltv_def":                    {"LTV horizon: %d months, whatever the period reviewed. The overview's LTV is the predicted gross profit of a new customer over it from acquisition (first purchase included); the predicted CLV is that of the existing customers from the period's end; both are discounted 1%% a month at the period's gross margin.", "LTV口径：%d个月，与统计周期长短无关。概览中的LTV为新客自首购起在此期间的预测毛利（含首购）；预测价值为现有客户自本期末起的预测毛利；均按每月1%%折现并按本期毛利率计算。"},
	"clv_interval":               {"Predicted CLV of all customers: %s, %s interval %s – %s (uncertainty of the model parameters, delta method; not the randomness of purchases).", "全部客户预测价值：%s，%s区间%s – %s（模型参数不确定性，delta方法；不含购买行为本身的随机性）。"},
	"notes_count":                {"%d parts of the review, each noted in its section.", "本报告有%d项，已在所在章节注明。"},
	"net_sales_to_date":          {"Net sales to date", "累计净销售额"},
	"notes_count_one":            {"%d part of the review, noted in its section.", "本报告有%d项，已在所在章节注明。"},

	// The HTML dashboard and its charts.
	"contents":       {"Contents", "目录"},
	"top_findings":   {"Top findings", "重点问题"},
	"headline":       {"Headline figures", "核心指标"},
	"more_findings":  {"All findings, and what went well, are in “%s”.", "全部问题及做得好的见“%s”。"},
	"category_chart": {"Net sales by category", "各类目净销售额"},
	"pareto_curve":   {"Cumulative share of sales", "累计销售额占比"},
	"abc_bounds":     {"A/B/C boundaries (80%, 95%)", "A/B/C分界（80%、95%）"},
	"sku_share_axis": {"Share of SKUs, best sellers first", "SKU占比（按销售额从高到低）"},
	"date":           {"Date", "日期"},
	"section":        {"Section", "章节"},
	"finding":        {"Finding", "问题"},
	"lower_better":   {"lower is better", "越低越好"},

	// Strengths, stakes and the plan's actions (issue 21).
	"what_went_well":             {"What went well", "做得好的"},
	"problems":                   {"Problems to act on", "待解决的问题"},
	"no_strengths":               {"Nothing improved beyond chance or met its target: a change is praised only when its significance test passes (|z| ≥ 1.96) or a target is met.", "本期没有超出随机波动的改善或达成的目标：只有通过显著性检验（|z| ≥ 1.96）的变化或达成的目标才列为做得好的。"},
	"no_problems":                {"No problem found.", "未发现问题。"},
	"keep":                       {"Next", "下一步"},
	"stake":                      {"Money at stake", "涉及金额"},
	"watch":                      {"KPI to watch", "跟踪指标"},
	"check_by":                   {"Check by", "复查日期"},
	"actions":                    {"Actions ranked by severity and money at stake", "按严重程度与涉及金额排序的行动计划"},
	"action":                     {"Action", "行动"},
	"why":                        {"Why", "原因"},
	"rank":                       {"#", "序号"},
	"no_actions":                 {"No action: no rule found a problem.", "无行动项：规则未发现问题。"},
	"actions_rule":               {"Ranked by severity, most severe first, then by money at stake, largest first, those whose stake cannot be measured last. The stakes are of different kinds (sales, gross profit, stock at cost, spend, liability: each says which), and amounts of two kinds do not compare. Check a stock action 30 days after the period, any other on the last day of the next period.", "先按严重程度排序，再按涉及金额从大到小排序，无法计量金额的排在最后。涉及金额的口径不同（销售额、毛利、库存成本、投放、负债，各自注明），不同口径的金额不可直接比较。库存类行动在周期结束后30天复查，其他行动在下一周期的最后一天复查。"},
	"stake_kind":                 {"Stake measures", "金额口径"},
	"stake_sales":                {"sales", "销售额"},
	"stake_gross_profit":         {"gross profit", "毛利"},
	"stake_stock_at_cost":        {"stock at cost", "库存成本"},
	"stake_spend":                {"spend", "投放"},
	"stake_liability":            {"liability", "负债"},
	"profit":                     {"Profit after costs", "扣除成本后利润"},
	"z_score":                    {"z", "z值"},
	"two_proportion_test":        {"two-proportion z-test", "双比例z检验"},
	"poisson_test":               {"Poisson test of two counts", "两个计数的泊松检验"},
	"overdispersed_poisson_test": {"Poisson test of two counts, scaled by the over-dispersion of the daily counts", "两个计数的泊松检验（按每日计数的过度离散调整）"},
	"dispersion":                 {"Dispersion φ (variance / mean of the daily counts)", "离散系数φ（每日计数的方差/均值）"},
	"campaign_extra_buyers":      {"Extra buyers of the randomised campaign", "随机对照活动带来的新增买家"},
	"log_ratio_test":             {"log-ratio test on new customers", "基于新客数的对数比检验"},
	"segment_customers":          {"Customers", "客户数"},

	// Traffic definitions (issue 17).
	"share_visitors": {"Share of visitors*", "访客占比*"},
	"share_multi":    {"* Share of visitors: a visitor can come from several sources or devices, so the shares can add up to more than 100%.", "* 访客占比：一位访客可能来自多个来源或使用多种设备，各项占比之和可能超过100%。"},
	"buyers_attr":    {"Buyers (attributed)", "成交买家（归因）"},
	"buyer_share":    {"Share of buyers", "买家占比"},
	"attr_last_non_direct": {"Each buyer is attributed to one source: the last non-direct visit within %d days before their first purchase of the period and after any earlier purchase and the %s that follow it, whose events are still its own (direct only if every visit was direct); buyer shares add up to 100%%. Conversion = attributed buyers / visitors of the source.",
		"每位买家只归因于一个来源：本期首次购买前%d天内、且在此前一次购买及其后%s（仍属该次购买的事件）之后的最后一次非直接访问的来源（仅当所有访问均为直接访问时归为直接访问）；买家占比之和为100%%。转化率 = 归因买家数 / 该来源访客数。"},
	"attr_first_touch": {"Each buyer is attributed to one source: the first visit within %d days before their first purchase of the period and after any earlier purchase and the %s that follow it, whose events are still its own; buyer shares add up to 100%%. Conversion = attributed buyers / visitors of the source.",
		"每位买家只归因于一个来源：本期首次购买前%d天内、且在此前一次购买及其后%s（仍属该次购买的事件）之后的第一次访问的来源；买家占比之和为100%%。转化率 = 归因买家数 / 该来源访客数。"},
	"conversion_def": {"Conversion rate = paying buyers (%s, non-cancelled orders) / visitors (%s). The funnel's overall rate is another rate: users whose chain of steps reaches the last step within %s of the first, whatever became of the order (cancelled orders included), over the users of the first step.",
		"转化率 = 支付买家数（%s，不含已取消订单）/ 访客数（%s）。漏斗的整体转化率是另一口径：从第一步起%s内按顺序到达最后一步的用户数（含已取消订单）/ 第一步用户数。"},
	"bounce_one_page":     {"Bounce: a session with exactly one page view and no purchase.", "跳出：仅浏览一个页面且未购买的访问。"},
	"bounce_not_engaged":  {"Bounce: a session that is not engaged (engaged: a purchase, a second page view, or 10 seconds; GA4).", "跳出：非互动访问（互动访问：有购买、浏览第二个页面或停留10秒；GA4口径）。"},
	"funnel_no_match":     {"Funnel: its steps match no event", "转化漏斗：步骤与事件名称不匹配"},
	"funnel_steps_unseen": {"Funnel: steps that match no event", "转化漏斗：未匹配到事件的步骤"},
	"bounce_no_page_view": {"Bounce rate: no page-view event", "跳出率：没有页面浏览事件"},

	// The channels section (issue 21).
	"channel_traffic":        {"Traffic and conversion by channel", "各渠道流量与转化"},
	"channel_economics":      {"Spend, new customers and return by channel", "各渠道投放、新客与回报"},
	"channel_value":          {"Value of the customers each channel acquired", "各渠道获客价值"},
	"channel_groups":         {"Paid and organic channels", "付费与自然渠道"},
	"no_channels":            {"No channel has spend, orders or visitors in the period.", "本期没有任何渠道有投放、订单或访客。"},
	"group":                  {"Group", "渠道组"},
	"group_paid_search":      {"Paid search", "付费搜索"},
	"group_organic_search":   {"Organic search", "自然搜索"},
	"group_ads":              {"Ads", "广告投放"},
	"group_social":           {"Social", "社交媒体"},
	"group_kol_live":         {"KOL and live commerce", "达人与直播带货"},
	"group_direct":           {"Direct", "直接访问"},
	"group_owned":            {"Owned (email, CRM)", "自有渠道（邮件、CRM）"},
	"kind_paid":              {"Paid", "付费"},
	"kind_organic":           {"Organic", "自然"},
	"paid_or_organic":        {"Paid or organic", "付费/自然"},
	"channels_in_group":      {"Channels", "包含渠道"},
	"first_order_revenue":    {"First-order revenue", "首单销售额"},
	"channel_revenue":        {"Revenue", "渠道销售额"},
	"roas":                   {"ROAS", "ROAS（投入产出比）"},
	"new_roas":               {"New-customer ROAS", "新客ROAS"},
	"revenue_30d":            {"Revenue per customer, first 30 days", "获客后30天人均销售额"},
	"revenue_90d":            {"Revenue per customer, first 90 days", "获客后90天人均销售额"},
	"payback":                {"CAC payback", "回本周期"},
	"payback_months":         {"CAC payback (months)", "回本周期（月）"},
	"months_n":               {"within %d months", "%d个月内"},
	"months_one":             {"within %d month", "%d个月内"},
	"payback_no_cost":        {"no cost to pay back", "无获客成本"},
	"payback_not_within":     {"not within %d months", "%d个月内未回本"},
	"payback_not_within_one": {"not within %d month", "%d个月内未回本"},
	"share_new_customers":    {"Share of new customers", "新客占比"},
	"share_revenue":          {"Share of revenue", "销售额占比"},
	"cac_chart":              {"CAC (bar) against the revenue per acquired customer in 30 days (pale bar)", "获客成本（深色）与获客后30天人均销售额（浅色）"},
	"revenue_30d_short":      {"30-day revenue", "30天销售额"},
	"acquired_revenue":       {"Revenue of acquired customers", "获客后销售额"},
	"paid_shares": {"Paid channels bring %s of the channels' visitors, %s of the new customers and %s of the revenue; organic channels the rest.",
		"付费渠道带来渠道访客的%s、新客的%s、销售额的%s；其余来自自然渠道。"},
	"channels_def_economics": {"New customers: customers whose first order ever is in the period and came through the channel. CAC = spend of the period / new customers (undefined without new customers; 0 for a channel without spend). First-order revenue: net sales of those first orders, less the period's refunds of them. Revenue: net sales of the period's orders through the channel, less the period's refunds of them; they add up to the period's net sales. ROAS = revenue / spend: it counts returning customers' orders, which the spend may not have brought. New-customer ROAS = first-order revenue / spend. New customers and revenue follow the channel recorded on each order; the buyers of the table above follow the visits (attribution), so the two tables need not agree.",
		"新客：首单在本期且经由该渠道下单的客户。获客成本 = 本期投放费用 / 新客数（无新客时无法计算；无投放的渠道为0）。首单销售额：这些首单的净销售额减去其本期退款。渠道销售额：本期经由该渠道下单的净销售额减去其本期退款，各渠道之和等于本期净销售额。ROAS = 渠道销售额 / 投放费用：其中包含老客订单，未必由投放带来。新客ROAS = 首单销售额 / 投放费用。新客与渠道销售额按订单记录的渠道计，上表的买家按访问归因计，两表不必一致。"},
	"channels_def_cohorts": {"Revenue per customer in the first 30 and 90 days: net sales less refunds per customer acquired through the channel (first order through it, in any period), over the customers acquired early enough that the whole 30 or 90 days lie in the data (up to %s); n is their number.",
		"获客后30天、90天人均销售额：经由该渠道获取的客户（首单经由该渠道，不限期间）在首单后30天、90天内的净销售额（减退款）人均值，仅计完整30天或90天都在数据内（截至%s）的客户；n为客户数。"},
	"channels_def_ltv": {"LTV/CAC: the review's LTV of a new customer (%s, predicted gross profit over %d months, the same for every channel: the customer model does not know channels) / the channel's CAC.",
		"LTV/CAC：本报告的新客LTV（%s，%d个月预测毛利，各渠道相同：客户模型不区分渠道）/ 该渠道获客成本。"},
	"channels_def_no_ltv": {"LTV/CAC: n/a, the review has no LTV of a new customer.", "LTV/CAC：无法计算，本报告没有新客LTV。"},
	"channels_def_payback": {"CAC payback: the months (of 30 days from the first order) by whose end the cumulative gross profit per acquired customer reaches the CAC, each month over the customers observed that long; within 1 month may mean on the first order itself.",
		"回本周期：每位获客客户自首单起累计毛利达到获客成本所需的月数（每月按30天计，到该月末为止），每个月只计观察期足够长的客户；1个月内回本可能即首单回本。"},
	"channels_def_groups": {"A group is paid when one of its channels has spend in the period. Visitor shares are of the channels' visitors, a visitor who came from two channels counting in both.",
		"渠道组在本期有任何投放即为付费渠道。访客占比以各渠道访客数之和为分母，来自两个渠道的访客在两个渠道都计入。"},

	"cur_coverage":                {"The data ends before the period does: its figures cover the days up to", "数据在统计期结束前截止：本期数据只统计到"},
	"forecast_product_promotions": {"The forecasts' fit keeps the days of promotions on some products only: without them too few days of history are left (the store-wide promotions' days are left out); days kept:", "预测拟合保留了仅针对部分商品的促销日：剔除后剩余的历史天数不足（全店促销日仍被剔除）；保留天数："},
	"orders_gap":                  {"Days missing from the data, taken so because no order in so long a run is very unlikely at the store's pace (the cohort months and repeat cohorts they touch show n/a; comparisons, CRM campaigns and promotions that read them are not compared or measured, see their notes; the forecast leaves them out of its history; the customer model reads them as days without orders), first to last day and days:", "数据缺失的日期（按本店的下单节奏，如此长时间无订单极不可能；所涉月份的同期群留存与所涉的复购客户组记为 n/a，读到这些日期的环比/同比、精准营销活动与促销不作对比或评估，见各自说明；预测不将其计入历史；客户价值模型将其视为无订单的日子），起止日期与天数："},
	"prev_coverage":               {"No comparison with the previous period: the data starts on", "无环比：数据起始日"},
	"prev_gap":                    {"Totals and counts are not compared with the previous period (n/a): days missing from the data in the periods compared:", "总量与计数类指标不作环比（n/a）：对比期间内数据缺失的日期："},
	"model_gap":                   {"The customer model reads days missing from the data as days without orders: its purchase rates, active customers and predicted values may read low. Days missing before the day it is taken on:", "客户价值模型将数据缺失的日期视为无订单的日子：其购买频率、活跃客户数与预测价值可能偏低。建模日之前数据缺失的日期："},
	"year_gap":                    {"Totals and counts are not compared with the same period last year (n/a): days missing from the data in the periods compared:", "总量与计数类指标不作同比（n/a）：对比期间内数据缺失的日期："},
	"year_coverage":               {"No comparison with last year: the data starts on", "无同比：数据起始日"},

	// The default funnel's steps.
	"page_view":   {"Page view", "浏览商品"},
	"add_to_cart": {"Add to cart", "加入购物车"},
	"checkout":    {"Checkout", "提交订单"},
	"purchase":    {"Purchase", "支付成功"},

	// Issue 21: what is computed and was hidden.
	"weekend_effect": {"Weekend effect", "周末效应"},
	"weekend_mean":   {"Weekend day, mean sales", "周末日均销售额"},
	"weekday_mean":   {"Weekday, mean sales", "工作日日均销售额"},
	"weekend_ratio":  {"Weekend / weekday", "周末/工作日"},
	"interval":       {"95% interval", "95%置信区间"},
	"weekend_def": {"Mean daily sales of Saturdays and Sundays over those of Monday to Friday, on the whole days of the period, as the promotion analysis counts sales: by order day, after discounts, before refunds (the weekday pattern above deducts refunds on the day they are paid, so its means differ). The verdict reads the interval (delta method on the log ratio), never the point ratio.",
		"周六、周日日均销售额与周一至周五日均销售额之比（按统计期内的整日计算），口径同促销分析：按下单日、扣除折扣、未扣退款（上方星期分布按退款日扣除退款，故均值不同）。结论只看置信区间（对数比值的delta方法），不看点估计。"},
	"weekend_diff":   {"Incremental gross profit per day, weekend − weekday", "日均增量毛利：周末−工作日"},
	"weekend_higher": {"weekends higher", "周末更高"},
	"weekend_lower":  {"weekends lower", "周末更低"},
	"no_difference":  {"no clear difference", "无明显差异"},
	"undetermined":   {"undetermined", "无法判断"},

	"pages_per_session": {"Pages per session", "每次访问浏览页数"},
	"time_to_convert":   {"Time to convert", "转化时长分布"},
	"median":            {"Median", "中位数"},
	"p90":               {"90th percentile", "P90"},
	"time_bucket":       {"Time from first visit to purchase", "首次访问至购买的时长"},
	"under_1h":          {"under 1 hour", "1小时内"},
	"1h_24h":            {"1 to 24 hours", "1至24小时"},
	"1d_7d":             {"1 to 7 days", "1至7天"},
	"over_7d":           {"7 days or more (up to the window)", "7天及以上（窗口内）"},
	"no_visit":          {"buyers without an event in the window before their purchase", "购买前窗口内无访问记录的买家"},
	"time_to_convert_def": {"Each buyer of the period counts once: the time from their first event within the %d days before their first purchase of the period, and after any earlier purchase and the %s that follow it, to that purchase (a time-lag report, with the attribution's look-back window).",
		"本期每位买家计一次：自其本期首次购买前%d天内（且在此前一次购买及其后%s之后）的首次访问至该次购买的时长（时滞报告，回溯窗口与成交来源归因相同）。"},
	"repeat_30d":       {"Repeat within 30 days (window closed in the period)", "30天复购率（本期观察期满的客户）"},
	"repeat_60d":       {"Repeat within 60 days (window closed in the period)", "60天复购率（本期观察期满的客户）"},
	"repeat_90d":       {"Repeat within 90 days (window closed in the period)", "90天复购率（本期观察期满的客户）"},
	"closed_customers": {"Window closed in the period", "本期观察期满"},
	"closed_repeaters": {"Of them ordered again", "其中再次下单"},
	"closed_rate":      {"Their repeat rate", "其复购率"},
	"repeat_rate":      {"Repeat rate", "N天复购率"},
	"repeat_title":     {"Repeat within N days of the first order", "首单后N天内复购"},
	"repeat_window":    {"Window", "窗口"},
	"within_days":      {"%d days", "%d天"},
	"acquired_by":      {"First order on or before", "首单不晚于"},
	"eligible":         {"Customers", "客户数"},
	"repeaters":        {"Ordered again", "再次下单"},
	"repeat_def": {"Customers who ordered again within N days of their first order / customers whose first order is early enough for the whole window to be observed by the period's last day, all customers in the data; a second order on the first day counts. Window closed in the period: the customers observable by the period's last day but not by the day before it, a cohort of their own; the KPIs are their rates, against those whose window closed in the previous period and in the same period last year (cohorts that share no customer: the rates of all customers a period apart share most of theirs and barely move). A cohort's rate is n/a when the data start after its first day of first orders (the period's first day less N days): its earliest \"first orders\" would include customers who had bought before the data; and when days of its first orders or of their windows are missing from the data (see the overview).",
		"首单后N天内再次下单的客户 ÷ 首单足够早、截至统计期末已完整观察N天窗口的客户（数据中的全部客户）；首单当天的第二笔订单也计入。本期观察期满：截至统计期末可完整观察、但截至本期前一天尚不能完整观察的客户，自成一组；指标取这组客户的复购率，与上期、去年同期观察期满的客户相比（各组客户互不重叠：全部客户的复购率相隔一期大部分客户相同，几乎不变）。若数据起始晚于该组客户最早的首单日（统计期首日前推N天），其复购率记为 n/a：最早的“首单”会包含数据之前已购买过的客户；其首单日期或观察窗口内有数据缺失的日期时（见概览），亦记为 n/a。"},
	"sell_through": {"Sell-through", "售罄率"},
	"gmroi":        {"GMROI", "毛利回报率"},
	"lost_sales":   {"Sales lost to stock-outs", "缺货损失销售额"},
	"aging":        {"Stock aging", "库龄"},
	"age_days":     {"Days since received", "入库天数"},
	"age_unknown":  {"unknown", "未知"},
	"stock_cost":   {"Value at cost", "成本金额"},
	"aging_def": {"Units on hand at the last snapshot, first in first out: taken to be those of the latest receipts; units no receipt accounts for are of unknown age.",
		"最后一次快照的在库件数按先进先出计：视为最近几次入库的货品；无入库记录对应的件数库龄未知。"},
	"lost_sales_title": {"Sales lost to stock-outs (estimate)", "缺货损失（估算）"},
	"lost_units":       {"Lost units", "损失件数"},
	"lost_def": {"Estimate: units and sales per in-stock day of the period × days out of stock; it assumes demand on days out of stock equals demand on days in stock, at the same prices.",
		"估算方法：统计期内有货日的日均销量与销售额 × 缺货天数；假设缺货日的需求与有货日相同、价格不变。"},
	"trend_table":      {"Sales trend", "销售趋势"},
	"week_of":          {"Week from", "周起始日"},
	"days":             {"Days", "天数"},
	"mean_per_day":     {"Mean per day", "日均"},
	"visitors_per_day": {"Visitors per day", "日均访客数"},
	"trend_weekly_def": {"A row per 7 days from the period's first day, as the period is longer than %d days; the last row may be shorter. Visitors per day is the mean of the daily visitors.",
		"统计期超过%d天，按自首日起每7天一行（最后一行可能不足7天）；日均访客数为每日访客数的平均值。"},

	// Verdicts, return reasons, segments.
	"pays":                  {"pays", "划算"},
	"does_not_pay":          {"does not pay", "不划算"},
	"appears_to_pay":        {"appears to pay", "看来划算"},
	"appears_not_to_pay":    {"appears not to pay", "看来不划算"},
	"inconclusive":          {"inconclusive", "无法判断"},
	"size_fit":              {"size/fit", "尺码不合适"},
	"not_as_described":      {"not as described", "与描述不符"},
	"damaged":               {"damaged", "商品损坏"},
	"late_delivery":         {"late delivery", "发货延迟"},
	"changed_mind":          {"changed mind", "不想要了"},
	"other":                 {"other", "其他"},
	"champions":             {"champions", "重要价值客户"},
	"loyal":                 {"loyal", "忠诚客户"},
	"potential":             {"potential loyalists", "潜力客户"},
	"new":                   {"new", "新客户"},
	"at_risk":               {"at risk", "流失风险客户"},
	"cant_lose":             {"can't lose", "重要挽留客户"},
	"whole_store":           {"whole store", "全店"},
	"no_weekend_or_weekday": {"the period has no weekend day or no weekday", "统计期内没有周末或没有工作日"},
	"hibernating":           {"hibernating", "沉睡客户"},
	"lost":                  {"lost", "已流失客户"},

	// The plan's forecasts and suggested targets.
	"next_period":        {"Next period", "下一周期"},
	"forecasts":          {"Forecast of the next period", "下一周期预测"},
	"forecast":           {"Forecast", "预测值"},
	"forecast_low":       {"Low (80 %)", "下限（80%）"},
	"forecast_high":      {"High (80 %)", "上限（80%）"},
	"backtest_mape":      {"Backtest MAPE", "回测MAPE"},
	"baseline_mape":      {"Naive MAPE", "朴素预测MAPE"},
	"interval_coverage":  {"Interval coverage", "区间覆盖率"},
	"forecast_chart":     {"Net sales per day: history and forecast", "每日净销售额：历史与预测"},
	"forecast_band":      {"80 % interval", "80%预测区间"},
	"suggested_targets":  {"Suggested targets", "建议目标"},
	"base_target":        {"Base target", "基础目标"},
	"stretch_target":     {"Stretch target", "挑战目标"},
	"forecast_net_sales": {"Forecast of net sales", "净销售额预测"},
	"forecast_orders":    {"Forecast of orders", "订单数预测"},
	"forecast_visitors":  {"Forecast of visitors", "访客数预测"},
	"forecast_method": {"Method: a robust regression on the daily history (weekday effects, a damped local trend, a year-ago term once a year of history precedes the fit; the days of the data's promotions and the days missing from the data left out of the fit, a future promotion day taking the lift of the same date a year before when that was a promotion day too) with an 80 % Gaussian interval of the period's total (Newey–West error variance). Backtest: the last periods of the same length (up to 3) without missing days, each forecast from the data before it; the naive forecast repeats the same weekdays just before the period (n/a when those read missing days).",
		"方法：对每日历史做稳健回归（星期效应、阻尼局部趋势，历史超过一年时加入去年同期项；数据中的促销日与数据缺失日不参与拟合，未来的促销日若去年同日也是促销日，则沿用去年的提升），周期合计的80%高斯预测区间（Newey–West误差方差）。回测：最近几个（至多3个）无数据缺失日的同长度周期，每个只用其之前的数据预测；朴素预测重复周期前相同星期的数值（这些日期有数据缺失时记为 n/a）。"},
	"target_rule": {"Base target = the point forecast; stretch target = halfway from it to the 80 % interval's high end (about a one-in-four chance of being reached, if the interval is right: see its backtest coverage).",
		"基础目标 = 点预测；挑战目标 = 点预测与80%区间上限的中点（若区间可靠，约四分之一的达成概率；见回测覆盖率）。"},
	"forecast_interval_missed": {"%s: the actual fell inside the forecast's 80 %% interval in only %s of %s backtest periods, so the interval, and the stretch target's odds, are not borne out.",
		"%s：回测中实际值仅在%s/%s个周期落在80%%预测区间内，预测区间及挑战目标的达成概率均未得到验证。"},
	"model_holdout_missed": {"Caveat: fitted on the weeks before the holdout, the %s forecast %s purchases in it against %s actual (%s), a larger miss than the interval above (±%s, the parameters' uncertainty) and the holdout's own randomness allow for: the predicted CLV and the LTV of a new customer may be %s too (a holdout with promotions or a season that the weeks before it did not have is one cause).",
		"注意：%s用留出期之前的数据拟合，预测留出期购买%s次，实际%s次（%s），偏差超出上述区间（±%s，仅为参数不确定性）与留出期本身的随机波动所能解释的范围：预测客户价值与新客LTV也可能%s（留出期有此前各周没有的促销或旺季是原因之一）。"},
	"campaign_overlap": {"%s: %s of its targeted and %s of its compared customers were also targeted by %s, which ran on %s of its days: its comparison includes some of that campaign's effect.",
		"%s：其目标客户中有%s位、对照客户中有%s位同时是“%s”的目标客户（两活动重叠%s天），对比结果包含该活动的部分效果。"},
	"campaign_overlap_random": {"%s: %s of its targeted and %s of its holdout customers were also targeted by %s, which ran on %s of its days: both groups include some of that campaign's effect, in about equal shares since the holdout is random, unless the two offers work on each other.",
		"%s：其目标客户中有%s位、随机对照客户中有%s位同时是“%s”的目标客户（两活动重叠%s天）：两组都包含该活动的部分效果，因对照组随机，比例大致相当，除非两项优惠相互影响。"},
	"caveat_understated": {"understated", "偏低"},
	"caveat_overstated":  {"overstated", "偏高"},
	"forecast_not_better": {"%s: the forecast's backtest error (MAPE %s) is no lower than the naive forecast's (%s).",
		"%s：预测的回测误差（MAPE %s）不低于朴素预测（%s）。"},
	// Fulfilment and logistics (issue 21).
	"time_to_ship_median":    {"Time to ship, median", "发货时长中位数"},
	"time_to_ship_p90":       {"Time to ship, 90th pct", "发货时长P90"},
	"time_to_deliver_median": {"Time to deliver, median", "运输时长中位数"},
	"time_to_deliver_p90":    {"Time to deliver, 90th pct", "运输时长P90"},
	"order_to_door_median":   {"Order to door, median", "下单到签收时长中位数"},
	"on_time_rate":           {"On-time delivery rate", "准时送达率"},
	"missing_fulfilment":     {"fulfilment data (ship and delivery times, promises)", "履约数据（发货、签收时间与承诺时效）"},
	"by_carrier":             {"By carrier", "按快递公司"},
	"by_region":              {"By region", "按地区"},
	"carrier":                {"Carrier", "快递公司"},
	"region":                 {"Region", "地区"},
	"delivered_n":            {"Delivered", "已签收"},
	"ship_median":            {"Time to ship, median", "发货时长中位数"},
	"deliver_median":         {"Time to deliver, median", "运输时长中位数"},
	"deliver_p90":            {"Time to deliver, 90th pct", "运输时长P90"},
	"late_n":                 {"Late", "延迟单数"},
	"not_given":              {"(not given)", "（未注明）"},
	"delivery_outcomes":      {"Late deliveries, returns and tickets", "延迟送达与退货、工单"},
	"delivery":               {"Delivery", "送达情况"},
	"on_time":                {"on time", "准时"},
	"late":                   {"late", "延迟"},
	"late_returns":           {"Orders returned for late delivery", "因物流慢退货的订单"},
	"late_return_rate":       {"Late-delivery return rate", "物流慢退货率"},
	"tickets_per_100":        {"Tickets per 100 orders", "每百单工单数"},
	"coverage":               {"Coverage", "数据覆盖"},
	"shipped_n":              {"With a ship time", "有发货时间"},
	"ship_from_placed":       {"Timed from placing", "按下单时间计"},
	"ship_delivered":         {"With ship and delivery times", "有发货及签收时间"},
	"promised_n":             {"With a promise", "有承诺时效"},
	"pending_n":              {"Promise not yet due", "承诺未到期"},
	"late_open":              {"Undelivered past the promise", "超时未签收"},
	"fulfilment_coverage": {"Coverage: of %s orders, %s have a ship time (%s timed from placing for want of a payment time), %s a delivery time (%s with both), %s a delivery promise; %s are not delivered with the promise not yet due at the period's end (in no rate), %s are not delivered with the promise past (counted late).",
		"数据覆盖：%s笔订单中，%s笔有发货时间（其中%s笔无支付时间、按下单时间计），%s笔有签收时间（%s笔两者皆有），%s笔有承诺时效；%s笔未签收且至期末承诺未到期（不计入准时率），%s笔未签收且已超过承诺时效（计为延迟）。"},
	"fulfilment_def": {"Time to ship = shipped − paid (− placed when the payment time is unknown); time to deliver = delivered − shipped; order to door = delivered − placed; medians and 90th percentiles of orders placed in the period, to the minute. On-time rate = delivered by the promised time / orders with a promise due; an order not delivered by the period's end whose promise has passed counts as late. Late-delivery return rate = orders with a refund whose reason is a late delivery / orders; tickets per 100 orders counts the tickets about the orders, whenever opened.",
		"发货时长 = 发货时间 − 支付时间（无支付时间时 − 下单时间）；运输时长 = 签收时间 − 发货时间；下单到签收 = 签收时间 − 下单时间；均为本期下单订单的中位数与P90，精确到分钟。准时送达率 = 在承诺时效内签收的订单 / 承诺已到期的订单；至期末未签收且已超过承诺时效的订单计为延迟。物流慢退货率 = 有退款原因为物流慢的订单 / 订单数；每百单工单数计入与这些订单相关的全部工单，不论开单时间。"},
}
