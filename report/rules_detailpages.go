package report

import "github.com/shopmetrics/shopmetrics/metrics"

// detailPageFell reports each SKU whose detail page converted
// significantly fewer of its viewers to the cart than in the previous
// period, over at least DetailFallViewers viewers: a change to the page,
// its price or its stock that cost sales. In the order of
// DetailPages.Down, largest fall first.
func (t Thresholds) detailPageFell(r *Review) []Finding {
	if r.DetailPages == nil {
		return nil
	}
	var out []Finding
	for _, p := range r.DetailPages.Down {
		if p.Current.Viewers < t.DetailFallViewers {
			continue
		}
		subject := p.SKU
		if p.Name != "" {
			subject = p.Name + " (" + p.SKU + ")"
		}
		cur, prev := metrics.RatioValue(p.Current.ViewToCart), metrics.RatioValue(p.Previous.ViewToCart)
		out = append(out, Finding{
			Section: SectionProducts, Severity: Warning,
			Title: Say("The detail page of %s added to cart %s of its %s viewers, against %s in the previous period (%s).",
				"%s的详情页加购率为%s（访客%s人），上期为%s（%s）。",
				DataArg(subject), ValueArg(cur), ValueArg(metrics.CountValue(p.Current.Viewers)), ValueArg(prev),
				PointsArg(metrics.NewRatio(p.ViewToCart.Delta, 1))),
			Evidence: []Evidence{
				{Key: "view_to_cart", Subject: p.SKU, Value: cur},
				{Key: "view_to_cart_prev", Subject: p.SKU, Value: prev},
				{Key: "viewers", Subject: p.SKU, Value: metrics.CountValue(p.Current.Viewers)},
			},
			Recommendation: Say("Check what changed on the page of %s since the previous period (pictures, description, price, stock, reviews) and restore what converted; test a new version against the old one before keeping it.",
				"检查%s详情页自上期以来的变化（主图、描述、价格、库存、评价），恢复转化好的内容；新版本先与旧版本做对比测试再上线。", DataArg(subject)),
			Stake: metrics.Undefined(metrics.UnitMoney), Watch: "view_to_cart", CheckBy: CheckDate(r.Period, false),
		})
	}
	return out
}
