package report

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

func TestCheckDate(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	dec := metrics.MonthOf(2025, time.December, loc)
	tests := []struct {
		name   string
		p      metrics.Period
		stock  bool
		want   time.Time
		reason string
	}{
		{"month", dec, false, day(2026, time.January, 31), "the last day of the next month"},
		{"month, stock", dec, true, day(2026, time.January, 30), "30 days after 31 December"},
		{"january", metrics.MonthOf(2026, time.January, loc), false, day(2026, time.February, 28), "February has 28 days in 2026"},
		{"custom 7 days", metrics.Period{Start: day(2025, time.March, 1), End: day(2025, time.March, 8)}, false, day(2025, time.March, 14), "the next 7 days end on 14 March"},
		{"zero", metrics.Period{}, false, time.Time{}, "no period: nothing to check"},
	}
	for _, tt := range tests {
		if got := CheckDate(tt.p, tt.stock); !got.Equal(tt.want) {
			t.Errorf("%s: CheckDate = %v, want %v (%s)", tt.name, got, tt.want, tt.reason)
		}
	}
}

func TestActionsRanking(t *testing.T) {
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	na := metrics.Undefined(metrics.UnitMoney)
	fs := []Finding{
		{Rule: "a", Severity: Warning, Stake: na},
		{Rule: "b", Severity: Critical, Stake: cny("100")},
		{Rule: "c", Kind: Strength, Severity: Info, Stake: na},
		{Rule: "d", Severity: Critical, Stake: na},
		{Rule: "e", Severity: Warning, Stake: cny("5000")},
		{Rule: "f", Severity: Info, Stake: na},
		{Rule: "g", Severity: Warning, Stake: cny("100")},
	}
	var got []string
	for _, a := range Actions(fs) {
		got = append(got, a.Rule)
	}
	// By severity, then measured stakes largest first, then the
	// unmeasured: critical b (measured) and d; warning e, g (5,000 and
	// 100), a; info f. The strength c is no action.
	want := []string{"b", "d", "e", "g", "a", "f"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ranking (-want +got):\n%s", diff)
	}
}

// TestActionsProperties checks on random findings that Actions keeps every
// problem exactly once, drops the strengths, and ranks by severity then
// stake.
func TestActionsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 20).Draw(t, "n")
		var fs []Finding
		problems := 0
		for i := range n {
			f := Finding{Rule: fmt.Sprint(i), Severity: Severity(rapid.IntRange(0, 2).Draw(t, "severity")), Stake: metrics.Undefined(metrics.UnitMoney)}
			if rapid.Bool().Draw(t, "strength") {
				f.Kind = Strength
			} else {
				problems++
			}
			if rapid.Bool().Draw(t, "measured") {
				f.Stake = metrics.MoneyValue(money.MustNew(fmt.Sprint(rapid.IntRange(1, 1000000).Draw(t, "fen")), "CNY").Neg().Neg())
			}
			fs = append(fs, f)
		}
		as := Actions(fs)
		if len(as) != problems {
			t.Fatalf("%d actions for %d problems", len(as), problems)
		}
		seen := map[string]bool{}
		for _, a := range as {
			if seen[a.Rule] {
				t.Fatalf("finding %s twice", a.Rule)
			}
			seen[a.Rule] = true
		}
		for _, f := range fs {
			if f.Kind == Problem && !seen[f.Rule] {
				t.Fatalf("problem %s lost", f.Rule)
			}
		}
		if !slices.IsSortedFunc(as, compareActions) {
			t.Fatalf("not ranked: %+v", as)
		}
		for i := 1; i < len(as); i++ {
			_, prev := as[i-1].Stake.Money()
			_, cur := as[i].Stake.Money()
			if as[i].Severity > as[i-1].Severity {
				t.Fatalf("action %d more severe than the one before", i)
			}
			if as[i].Severity == as[i-1].Severity && cur && !prev {
				t.Fatalf("measured action %d after an unmeasured one of its severity", i)
			}
		}
	})
}

// TestSpecificRecommendations checks that each problem's advice quotes its
// own evidence, and its stake.
func TestSpecificRecommendations(t *testing.T) {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	mny := func(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }
	na := metrics.Undefined(metrics.UnitMoney)
	tests := []struct {
		name      string
		review    *Review
		rule      string
		wantTitle []Arg
		wantRec   []Arg
		wantStake metrics.Value
		wantWatch string
		reason    string
	}{
		{
			name: "stock-out quotes the sales lost",
			review: &Review{Products: &Products{StockOutsA: []StockOut{
				{SKU: "A1", Days: 4, LostSales: cny("1200.50")}, {SKU: "A2", Days: 2, LostSales: cny("300")}}}},
			rule:      "stockout_a",
			wantTitle: []Arg{ValueArg(metrics.CountValue(2)), ValueArg(mny("1500.50"))},
			wantRec:   nil,
			wantStake: mny("1500.50"), wantWatch: "stockout_rate",
			reason: "1,200.50 + 300 lost",
		},
		{
			name:      "stock-out without an estimate",
			review:    &Review{Products: &Products{StockOutsA: []StockOut{{SKU: "A1", Days: 30}}}},
			rule:      "stockout_a",
			wantTitle: []Arg{ValueArg(metrics.CountValue(1))},
			wantStake: na, wantWatch: "stockout_rate",
			reason: "out all period: no in-stock day to estimate from, unmeasured, not zero",
		},
		{
			name: "repurchase names the customers to contact",
			review: &Review{Customers: &Customers{
				KPIs:     []KPI{testKPI("repurchase_rate", metrics.HigherIsBetter, metrics.RatioValue(metrics.CountRatio(250, 1000)), metrics.RatioValue(metrics.CountRatio(500, 1000)), metrics.Value{}, metrics.Value{})},
				Segments: []Segment{{Name: "champions", Customers: 50}, {Name: "at_risk", Customers: 443}, {Name: "cant_lose", Customers: 21}}}},
			rule:      "repurchase_falling",
			wantTitle: []Arg{ValueArg(metrics.RatioValue(metrics.CountRatio(250, 1000))), PointsArg(metrics.NewRatio(-0.25, 1))},
			wantRec:   []Arg{ValueArg(metrics.CountValue(464)), ValueArg(metrics.CountValue(443)), ValueArg(metrics.CountValue(21))},
			wantStake: na, wantWatch: "repurchase_rate",
			reason: "443 at risk + 21 can't lose",
		},
		{
			name: "missed sales target names the factor and the source",
			review: &Review{
				Overview: &Overview{
					KPIs: []KPI{testKPI("net_sales", metrics.HigherIsBetter, mny("90000"), metrics.Value{}, metrics.Value{}, mny("100000"))},
					Decomposition: &Decomposition{Factors: []Factor{
						{Key: "visitors", Previous: metrics.CountValue(7236), Current: metrics.CountValue(6790), Effect: mny("-11695.12")},
						{Key: "conversion", Previous: metrics.RatioValue(metrics.NewRatio(103, 1000)), Current: metrics.RatioValue(metrics.NewRatio(107, 1000)), Effect: mny("7434.28")},
						{Key: "spend_per_buyer", Previous: mny("249.56"), Current: mny("251.72"), Effect: mny("1582.24")}}}},
				Traffic: &Traffic{Sources: []Breakdown{
					{Name: "search", Visitors: 2189, Buyers: 225, Share: metrics.CountRatio(2189, 6790), Conversion: metrics.CountRatio(225, 2189)},
					{Name: "ads", Visitors: 1922, Buyers: 130, Share: metrics.CountRatio(1922, 6790), Conversion: metrics.CountRatio(130, 1922)},
					{Name: "tiny", Visitors: 10, Buyers: 0, Share: metrics.CountRatio(10, 6790), Conversion: metrics.CountRatio(0, 10)}}}},
			rule:      "target_missed",
			wantTitle: []Arg{LabelArg("net_sales"), ValueArg(mny("90000")), ValueArg(mny("100000")), ValueArg(metrics.RatioValue(metrics.NewRatio(90000, 100000)))},
			wantRec: []Arg{LabelArg("visitors"), ValueArg(mny("-11695.12")), ValueArg(metrics.CountValue(7236)), ValueArg(metrics.CountValue(6790)),
				DataArg("ads"), ValueArg(metrics.RatioValue(metrics.CountRatio(130, 1922)))},
			wantStake: mny("10000"), wantWatch: "net_sales",
			// ads 6.8 % against search's 10.3 %: pooled 8.6 %, z = −4.0.
			reason: "visitors pulled sales down; ads converts worst among sources with 5 % of visitors (tiny has 0.1 %), below the others beyond chance (z = −4.0); the gap is 10,000",
		},
		{
			name: "missed sales target: the worst source within noise is not named",
			review: &Review{
				Overview: &Overview{
					KPIs: []KPI{testKPI("net_sales", metrics.HigherIsBetter, mny("90000"), metrics.Value{}, metrics.Value{}, mny("100000"))},
					Decomposition: &Decomposition{Factors: []Factor{
						{Key: "visitors", Previous: metrics.CountValue(7236), Current: metrics.CountValue(6790), Effect: mny("-11695.12")}}}},
				Traffic: &Traffic{Sources: []Breakdown{
					{Name: "search", Visitors: 2189, Buyers: 225, Share: metrics.CountRatio(2189, 6790), Conversion: metrics.CountRatio(225, 2189)},
					{Name: "ads", Visitors: 1922, Buyers: 170, Share: metrics.CountRatio(1922, 6790), Conversion: metrics.CountRatio(170, 1922)}}}},
			rule:      "target_missed",
			wantTitle: []Arg{LabelArg("net_sales"), ValueArg(mny("90000")), ValueArg(mny("100000")), ValueArg(metrics.RatioValue(metrics.NewRatio(90000, 100000)))},
			wantRec:   []Arg{LabelArg("visitors"), ValueArg(mny("-11695.12")), ValueArg(metrics.CountValue(7236)), ValueArg(metrics.CountValue(6790))},
			wantStake: mny("10000"), wantWatch: "net_sales",
			// ads 8.8 % against search's 10.3 %: pooled 9.6 %, z = −1.56.
			reason: "a difference within noise (z = −1.56) names no source to fix first",
		},
		{
			name: "missed sales target, though up on the previous period",
			review: &Review{
				Overview: &Overview{
					KPIs: []KPI{testKPI("net_sales", metrics.HigherIsBetter, mny("261074.30"), metrics.Value{}, metrics.Value{}, mny("283031.35"))},
					Decomposition: &Decomposition{Change: mny("22229.80"), Factors: []Factor{
						{Key: "visitors", Previous: metrics.CountValue(8767), Current: metrics.CountValue(8134), Effect: mny("-18724.25")},
						{Key: "conversion", Previous: metrics.RatioValue(metrics.NewRatio(11, 100)), Current: metrics.RatioValue(metrics.NewRatio(131, 1000)), Effect: mny("42000")},
						{Key: "spend_per_buyer", Previous: mny("247.07"), Current: mny("245.83"), Effect: mny("-1045.95")}}}}},
			rule:      "target_missed",
			wantTitle: []Arg{LabelArg("net_sales"), ValueArg(mny("261074.30")), ValueArg(mny("283031.35")), ValueArg(metrics.RatioValue(metrics.NewRatio(261074.30, 283031.35)))},
			wantRec:   []Arg{ValueArg(mny("22229.80")), LabelArg("visitors"), ValueArg(mny("-18724.25")), ValueArg(metrics.CountValue(8767)), ValueArg(metrics.CountValue(8134))},
			wantStake: mny("21957.05"), wantWatch: "net_sales",
			reason: "the demo's December: up on November, short of its target; visitors held the growth back, they did not pull sales down",
		},
		{
			name: "LTV below CAC: spend above payback",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("cac", metrics.LowerIsBetter, mny("80"), metrics.Value{}, metrics.Value{}, metrics.Value{}),
				testKPI("ltv", metrics.HigherIsBetter, mny("60"), metrics.Value{}, metrics.Value{}, metrics.Value{}),
				testKPI("new_customers", metrics.HigherIsBetter, metrics.CountValue(250), metrics.Value{}, metrics.Value{}, metrics.Value{}),
				testKPI("ltv_cac", metrics.HigherIsBetter, multiple(metrics.NewRatio(60, 80)), metrics.Value{}, metrics.Value{}, metrics.Value{})}}},
			rule:      "ltv_cac_low",
			wantTitle: []Arg{ValueArg(multiple(metrics.NewRatio(60, 80))), ValueArg(metrics.NumberValue(3).In(metrics.UnitMultiple))},
			wantStake: mny("5000"), wantWatch: "ltv_cac",
			reason: "(80 − 60) × 250",
		},
		{
			name: "a promotion's loss",
			review: &Review{Promotions: &Promotions{Items: []PromotionResult{{Name: "618", ROI: metrics.NewRatio(-84, 100),
				ROILow: metrics.RatioValue(metrics.NewRatio(-102, 100)), ROIHigh: metrics.RatioValue(metrics.NewRatio(-66, 100)), Profit: metrics.MoneyValue(cny("-4200"))}}}},
			rule:      "promotion_verdict",
			wantTitle: []Arg{DataArg("618"), ValueArg(metrics.RatioValue(metrics.NewRatio(-84, 100))), ValueArg(metrics.RatioValue(metrics.NewRatio(-102, 100))), ValueArg(metrics.RatioValue(metrics.NewRatio(-66, 100)))},
			wantRec:   []Arg{DataArg("618")},
			wantStake: mny("4200"), wantWatch: "gross_margin",
			reason: "it lost 4,200 after its costs",
		},
		{
			name: "slow stock names the largest",
			review: &Review{Products: &Products{SlowShare: metrics.NewRatio(50, 100), SlowValue: mny("9000"),
				SlowMovers: []StockItem{{SKU: "S1", Value: cny("5000")}, {SKU: "S2", Value: cny("2000")}, {SKU: "S3", Value: cny("1000")}, {SKU: "S4", Value: cny("1000")}}}},
			rule:      "slow_stock",
			wantTitle: []Arg{ValueArg(metrics.RatioValue(metrics.NewRatio(50, 100))), ValueArg(mny("9000"))},
			wantRec:   []Arg{DataArg("S1, S2, S3")},
			wantStake: mny("9000"), wantWatch: "inventory_value",
			reason: "the three largest; the cash tied up is the stake",
		},
		{
			name: "slow stock names the largest, dead or slow",
			review: &Review{Products: &Products{SlowShare: metrics.NewRatio(50, 100), SlowValue: mny("9000"),
				SlowMovers: []StockItem{{SKU: "D1", Value: cny("5000"), Dead: true}, {SKU: "D2", Value: cny("1000"), Dead: true},
					{SKU: "S1", Value: cny("2000")}, {SKU: "S2", Value: cny("1000")}}}},
			rule:      "slow_stock",
			wantTitle: []Arg{ValueArg(metrics.RatioValue(metrics.NewRatio(50, 100))), ValueArg(mny("9000"))},
			wantRec:   []Arg{DataArg("D1, S1, D2")},
			wantStake: mny("9000"), wantWatch: "inventory_value",
			reason: "the section lists dead stock first: the demo named EL-0014 (CN¥7,199, dead) as among the largest before EL-0012 (CN¥8,853, slow)",
		},
	}
	for _, tt := range tests {
		Evaluate(tt.review, DefaultRules(Thresholds{}))
		var f *Finding
		for i := range tt.review.Findings {
			if tt.review.Findings[i].Rule == tt.rule && tt.review.Findings[i].Kind == Problem {
				f = &tt.review.Findings[i]
			}
		}
		if f == nil {
			t.Errorf("%s: %s did not fire", tt.name, tt.rule)
			continue
		}
		if diff := cmp.Diff(tt.wantTitle, f.Title.Args); diff != "" {
			t.Errorf("%s: title arguments (-want +got):\n%s\n%s", tt.name, diff, tt.reason)
		}
		if diff := cmp.Diff(tt.wantRec, f.Recommendation.Args); diff != "" {
			t.Errorf("%s: recommendation arguments (-want +got):\n%s\n%s", tt.name, diff, tt.reason)
		}
		if !f.Stake.Equal(tt.wantStake) || f.Watch != tt.wantWatch {
			t.Errorf("%s: stake %v watch %q, want %v %q (%s)", tt.name, f.Stake, f.Watch, tt.wantStake, tt.wantWatch, tt.reason)
		}
		// What each rule's stake measures; none when not measured.
		kinds := map[string]string{"stockout_a": StakeSales, "target_missed": StakeSales, "promotion_verdict": StakeGrossProfit,
			"slow_stock": StakeStockAtCost, "ltv_cac_low": StakeSpend, "repurchase_falling": ""}
		want, ok := kinds[tt.rule]
		if !f.Stake.Defined() {
			want, ok = "", true
		}
		if !ok || f.StakeKind != want {
			t.Errorf("%s: stake kind %q, want %q (listed: %v)", tt.name, f.StakeKind, want, ok)
		}
	}
}

func TestPlanActions(t *testing.T) {
	// Build creates the plan for the actions when the forecast did not,
	// keeps a plan it did create, and makes none for a review without
	// problems.
	na := metrics.Undefined(metrics.UnitMoney)
	r := &Review{Findings: []Finding{{Rule: "a", Severity: Warning, Stake: na}, {Rule: "s", Kind: Strength, Stake: na}}}
	planActions(r)
	if r.Plan == nil || len(r.Plan.Actions) != 1 || r.Plan.Actions[0].Rule != "a" {
		t.Errorf("plan %+v, want one action from rule a", r.Plan)
	}
	kept := &Plan{}
	r = &Review{Plan: kept, Findings: []Finding{{Rule: "b", Stake: na}}}
	planActions(r)
	if r.Plan != kept || len(kept.Actions) != 1 {
		t.Errorf("the forecast's plan was replaced or not filled: %+v", r.Plan)
	}
	r = &Review{Findings: []Finding{{Rule: "s", Kind: Strength, Stake: na}}}
	if planActions(r); r.Plan != nil {
		t.Errorf("a plan without actions was made: %+v", r.Plan)
	}
}

func TestOrdersShortfallFollowsSales(t *testing.T) {
	// Net sales and orders both missed: the orders finding refers to the
	// net sales plan rather than repeating it (one action, not two alike).
	mny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	none := metrics.Value{}
	r := &Review{Overview: &Overview{KPIs: []KPI{
		testKPI("net_sales", metrics.HigherIsBetter, mny("90"), none, none, mny("100")),
		testKPI("orders", metrics.HigherIsBetter, metrics.CountValue(9), none, none, metrics.CountValue(10))},
		Decomposition: &Decomposition{Factors: []Factor{{Key: "visitors", Previous: metrics.CountValue(10), Current: metrics.CountValue(9), Effect: mny("-10")}}}}}
	Evaluate(r, DefaultRules(Thresholds{}))
	if len(r.Findings) != 2 {
		t.Fatalf("%d findings, want 2", len(r.Findings))
	}
	sales, orders := r.Findings[0].Recommendation, r.Findings[1].Recommendation
	if len(sales.Args) == 0 || len(orders.Args) != 0 || sales.Text == orders.Text {
		t.Errorf("net sales advice %+v, orders advice %+v: want the factor in the first and a reference in the second", sales, orders)
	}
}
