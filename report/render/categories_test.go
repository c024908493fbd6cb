package render

import (
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// categoriesReview returns the hand review with a category part. Its
// numbers are invented but consistent: 200 buyers (50 new) and 260
// orders; apparel fell from 60 % to 45 % of buyers (two-proportion z-test
// p = 0.0022, significant), home and snacks go together.
func categoriesReview() *report.Review {
	r := handReview()
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	pts := func(x float64) metrics.Value {
		return metrics.RatioValue(metrics.NewRatio(x, 1)).In(metrics.UnitPoints)
	}
	row := func(c string, buyers, prev int64, change float64, p float64, sig bool, main int64, sales string, share, start, base float64) report.CategoryReach {
		return report.CategoryReach{Category: c, Buyers: buyers, Penetration: metrics.CountRatio(buyers, 200), Previous: metrics.CountRatio(prev, 180),
			Change: pts(change), PValue: metrics.NumberValue(p), Significant: sig, MainShare: metrics.CountRatio(main, 200),
			NetSales: cny(sales), SalesShare: metrics.NewRatio(share, 1), Start: metrics.NewRatio(start, 1), Base: metrics.NewRatio(base, 1)}
	}
	pair := func(a, b string, both, n, na, nb int64, q float64) report.CategoryPair {
		return report.CategoryPair{A: a, B: b, Both: both, Support: metrics.CountRatio(both, n), ConfidenceAB: metrics.CountRatio(both, na),
			ConfidenceBA: metrics.CountRatio(both, nb), Lift: metrics.RatioValue(metrics.NewRatio(float64(both*n), float64(na*nb))).In(metrics.UnitMultiple),
			PValue: metrics.NumberValue(q / 2), QValue: metrics.NumberValue(q)}
	}
	r.Categories = &report.Categories{Buyers: 200, Orders: 260, NewCustomers: 50, Returning: 150, Compared: true, Starts: true,
		Rows: []report.CategoryReach{
			row("apparel", 90, 108, -0.15, 0.0022, true, 80, "12000.00", 0.48, 0.44, 0.41),
			row("home", 80, 70, 0.0111, 0.82, false, 60, "7000.00", 0.28, 0.30, 0.31),
			row("snacks", 70, 60, 0.0167, 0.72, false, 50, "5000.00", 0.2, 0.22, 0.24),
			row("", 10, 9, 0, 0.99, false, 10, "1000.00", 0.04, 0.04, 0.04),
		},
		Pairs:       []report.CategoryPair{pair("home", "snacks", 45, 200, 80, 70, 0.0001)},
		BasketPairs: nil, Tested: 6, BasketTested: 3, MinBoth: 30,
	}
	return r
}

func TestCategoriesGolden(t *testing.T) {
	r := categoriesReview()
	// The rules too: apparel's significant fall is a finding; home +
	// snacks has no basket pair, so no bundle is proposed.
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			out := render(t, rd, r)
			if format != "json" && strings.Contains(out, "cat_") {
				t.Errorf("%s %s: a display-name key without a name", lang, format)
			}
			golden(t, "categories."+lang.String()+"."+format, out)
		}
	}
	var rules []string
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Rule, "category_") {
			rules = append(rules, f.Rule)
		}
	}
	if len(rules) != 1 || rules[0] != "category_penetration_fell" {
		t.Errorf("category findings %v, want category_penetration_fell alone", rules)
	}
}
