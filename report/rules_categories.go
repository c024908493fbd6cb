package report

import "github.com/shopmetrics/shopmetrics/metrics"

// bundleLift is the lowest buyer-scope lift of a category pair that the
// bundle finding acts on: buyers of one are at least 20 % more likely
// than the average buyer to buy the other.
const bundleLift = 1.2

// categoryName is the finding argument naming category c: the data, or
// the label of the uncategorised lines.
func categoryName(c string) Arg {
	if c == "" {
		return LabelArg("cat_uncategorised")
	}
	return DataArg(c)
}

// categoryPenetrationFell reports each category whose penetration
// (buyers of the category / buyers) fell against the previous period by
// a change that the two-proportion z-test finds significant after the
// Benjamini–Hochberg correction over the categories (5 %): fewer of the
// store's buyers take the category, whatever its sales did.
func categoryPenetrationFell(r *Review) []Finding {
	if r.Categories == nil || !r.Categories.Compared {
		return nil
	}
	var out []Finding
	for _, x := range r.Categories.Rows {
		d, ok := x.Change.Float()
		if !ok || !x.Significant || d >= 0 {
			continue
		}
		name := categoryName(x.Category)
		rec := Say("Find out why fewer buyers took %s: check its stock-outs, prices and placement against the previous period, and put it back in front of the buyers of the categories bought with it.",
			"排查%s渗透率下降的原因：对比上期的缺货、价格和陈列位置，并在常与其搭配购买的品类中重新推荐。", name)
		out = append(out, Finding{
			Section: SectionProducts, Severity: Warning,
			Title: Say("%s reached %s of buyers, against %s in the previous period (%s).", "%s的品类渗透率为%s，上期为%s（%s）。",
				name, ValueArg(metrics.RatioValue(x.Penetration)), ValueArg(metrics.RatioValue(x.Previous)), ValueArg(x.Change)),
			Evidence: []Evidence{
				{Key: "cat_penetration", Subject: x.Category, Value: metrics.RatioValue(x.Penetration)},
				{Key: "cat_penetration_prev", Subject: x.Category, Value: metrics.RatioValue(x.Previous)},
				{Key: "cat_change", Subject: x.Category, Value: x.Change},
			},
			Recommendation: rec,
			Stake:          metrics.Undefined(metrics.UnitMoney), Watch: metrics.KeySpendPerBuyer, CheckBy: CheckDate(r.Period, false),
		})
	}
	return out
}

// categoryBundle proposes to bundle or cross-recommend the category pair
// of the highest lift among those that pass the guard in both scopes
// (bought together by the same buyers and in the same orders, each at
// least MinBoth times and significant after the Benjamini–Hochberg
// correction), when its buyer-scope lift is at least 1.2: a pair bought
// together in the same orders is one a bundle can serve.
func categoryBundle(r *Review) []Finding {
	if r.Categories == nil {
		return nil
	}
	c := r.Categories
	for _, p := range c.Pairs {
		l, ok := p.Lift.Float()
		if !ok || l < bundleLift {
			continue
		}
		var basket *CategoryPair
		for i := range c.BasketPairs {
			if b := &c.BasketPairs[i]; b.A == p.A && b.B == p.B {
				basket = b
			}
		}
		if basket == nil {
			continue
		}
		a, b := categoryName(p.A), categoryName(p.B)
		return []Finding{{
			Section: SectionProducts, Severity: Info,
			Title: Say("Buyers of %s bought %s %s as often as the average buyer (%s of them did; %s bought both).", "购买%s的客户购买%s的概率是平均水平的%s（其中%s购买了；共%s人两者都买）。",
				a, b, ValueArg(p.Lift), ValueArg(metrics.RatioValue(p.ConfidenceAB)), ValueArg(metrics.CountValue(p.Both))),
			Evidence: []Evidence{ // of the pair the title names
				{Key: "cat_lift", Value: p.Lift},
				{Key: "cat_basket_lift", Value: basket.Lift},
				{Key: "cat_co_buyers", Value: metrics.CountValue(p.Both)},
			},
			Recommendation: Say("Bundle %s with %s or recommend each on the other's product and cart pages, and compare the pair's orders next period.",
				"将%s与%s组合销售，或在彼此的商品页和购物车页相互推荐，下期对比两者同单购买的订单数。", a, b),
			Stake: metrics.Undefined(metrics.UnitMoney), Watch: metrics.KeyUnitsPerOrder, CheckBy: CheckDate(r.Period, false),
		}}
	}
	return nil
}
