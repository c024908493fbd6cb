package render

// detailPagesNames are the display names of the detail-page conversion part of the products section; [names] holds them.
var detailPagesNames = map[string]name{
	"detail_pages":       {"Detail-page conversion", "详情页转化"},
	"detail_top":         {"Most viewed detail pages", "访客最多的详情页"},
	"detail_up":          {"Pages whose view-to-cart rate rose significantly against last period", "加购率较上期显著上升的详情页"},
	"detail_down":        {"Pages whose view-to-cart rate fell significantly against last period", "加购率较上期显著下降的详情页"},
	"detail_none":        {"No page's view-to-cart changed significantly.", "没有详情页的加购率发生显著变化。"},
	"detail_compared":    {"%s pages compared (at least %s viewers in both periods); significance by Benjamini–Hochberg at a 5%% false-discovery rate.", "比较了%s个详情页（两期访客均不少于%s人）；显著性按Benjamini–Hochberg法控制5%%的错误发现率。"},
	"detail_def":         {"Viewers: distinct users who viewed the SKU's page. Carters: viewers who added it to the cart within 7 days after a view; buyers: those of them who bought it within 7 days of that view. View-to-cart = carters / viewers; view-to-purchase = buyers / viewers. Change in percentage points with Newcombe's 95% interval; relative change with the 95% interval of the rate ratio.", "访客：浏览该商品详情页的去重用户。加购人数：浏览后7天内加购该商品的访客；买家：其中在该次浏览后7天内购买的用户。加购率 = 加购人数 / 访客数；详情页支付转化率 = 买家数 / 访客数。变化以百分点计，附95%置信区间（混合得分法）；相对变化附比率的95%置信区间。"},
	"detail_no_purchase": {"Purchases do not name products here, so purchase rates are not available.", "购买事件未注明商品，无法计算支付转化率。"},
	"page_views":         {"Page views", "浏览量"},
	"viewers":            {"Viewers", "访客数"},
	"carters":            {"Added to cart", "加购人数"},
	"detail_buyers":      {"Buyers", "支付买家数"},
	"view_to_cart":       {"View-to-cart", "加购率"},
	"view_to_cart_prev":  {"View-to-cart, previous period", "上期加购率"},
	"view_to_purchase":   {"View-to-purchase", "详情页支付转化率"},
	"detail_range":       {"%s to %s", "%s至%s"},
	"detail_low":         {"95% low", "95%下限"},
	"detail_high":        {"95% high", "95%上限"},
	"detail_q":           {"Adjusted p (BH)", "校正后p值（BH）"},
	"change_pp":          {"Change", "变化"},
	"relative_change":    {"Relative change", "相对变化"},
}
