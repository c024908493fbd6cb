package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// firedRules returns the IDs of the rules that fired on r, in order.
func firedRules(r *Review, th Thresholds) []string {
	Evaluate(r, DefaultRules(th))
	var ids []string
	for _, f := range r.Findings {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestRulesEmptyReview(t *testing.T) {
	// A review with every section missing has no evidence: no rule fires.
	r := &Review{}
	if got := firedRules(r, Thresholds{}); len(got) != 0 {
		t.Errorf("rules fired on an empty review: %v", got)
	}
}

func TestRulesHandReview(t *testing.T) {
	// handReview is built so that every default rule fires once; see the
	// comments in each case of TestRuleThresholds for the numbers.
	want := []string{"cac_outpacing_ltv", "funnel_step_loss", "kpi_improved", "ltv_cac_low", "promotion_verdict",
		"repurchase_falling", "return_outliers", "service_sla", "slow_stock", "stockout_a", "target_missed"}
	if diff := cmp.Diff(want, firedRules(handReview(), Thresholds{})); diff != "" {
		t.Errorf("fired rules (-want +got):\n%s", diff)
	}
}

func TestRulesSeverityOrder(t *testing.T) {
	r := handReview()
	Evaluate(r, DefaultRules(Thresholds{}))
	for i := 1; i < len(r.Findings); i++ {
		if r.Findings[i].Severity > r.Findings[i-1].Severity {
			t.Fatalf("finding %d (%s) is more severe than finding %d", i, r.Findings[i].Rule, i-1)
		}
	}
	for _, f := range r.Findings {
		if f.Title.Text.EN == "" || f.Title.Text.ZH == "" || f.Recommendation.Text.EN == "" || f.Recommendation.Text.ZH == "" {
			t.Errorf("%s: a text is missing in one language: %+v", f.Rule, f)
		}
		if len(f.Evidence) == 0 {
			t.Errorf("%s: no evidence", f.Rule)
		}
	}
}

func TestRuleThresholds(t *testing.T) {
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	tests := []struct {
		name   string
		review *Review
		th     Thresholds
		want   []string
		reason string
	}{
		{
			name: "funnel at threshold",
			review: &Review{Traffic: &Traffic{Funnel: []Step{
				{Name: "a", Users: 100},
				{Name: "b", Users: 40, StepConversion: metrics.CountRatio(40, 100), UsualDropOff: metrics.NewRatio(0.55, 1)},
			}}},
			want:   nil,
			reason: "drop-off 60% is exactly 5 points above 55%: not more than the default",
		},
		{
			name: "funnel above threshold",
			review: &Review{Traffic: &Traffic{Funnel: []Step{
				{Name: "a", Users: 100},
				{Name: "b", Users: 39, StepConversion: metrics.CountRatio(39, 100), UsualDropOff: metrics.NewRatio(0.55, 1)},
			}}},
			want:   []string{"funnel_step_loss"},
			reason: "drop-off 61% is 6 points above 55%",
		},
		{
			name: "funnel with a looser threshold",
			review: &Review{Traffic: &Traffic{Funnel: []Step{
				{Name: "a", Users: 100},
				{Name: "b", Users: 39, StepConversion: metrics.CountRatio(39, 100), UsualDropOff: metrics.NewRatio(0.55, 1)},
			}}},
			th:     Thresholds{FunnelExcessLoss: 0.10},
			want:   nil,
			reason: "6 points is within a 10-point allowance",
		},
		{
			name: "funnel without usual drop-off",
			review: &Review{Traffic: &Traffic{Funnel: []Step{
				{Name: "a", Users: 100},
				{Name: "b", Users: 1, StepConversion: metrics.CountRatio(1, 100)},
			}}},
			want:   nil,
			reason: "no previous period: nothing to compare with",
		},
		{
			name: "ltv/cac exactly 3",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("ltv_cac", metrics.HigherIsBetter, multiple(metrics.NewRatio(300, 100)), metrics.Value{}, metrics.Value{}, metrics.Value{}),
			}}},
			want:   nil,
			reason: "3 is healthy (≥ 3)",
		},
		{
			name: "ltv/cac undefined",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("ltv_cac", metrics.HigherIsBetter, multiple(metrics.NewRatio(300, 0)), metrics.Value{}, metrics.Value{}, metrics.Value{}),
			}}},
			want:   nil,
			reason: "no CAC: undefined, not zero",
		},
		{
			name: "cac rising slower than ltv",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("cac", metrics.LowerIsBetter, cny("55"), cny("50"), metrics.Value{}, metrics.Value{}),
				testKPI("ltv", metrics.HigherIsBetter, cny("180"), cny("150"), metrics.Value{}, metrics.Value{}),
			}}},
			want:   nil,
			reason: "CAC +10% against LTV +20%",
		},
		{
			name: "cac rising faster than ltv",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("cac", metrics.LowerIsBetter, cny("65"), cny("50"), metrics.Value{}, metrics.Value{}),
				testKPI("ltv", metrics.HigherIsBetter, cny("180"), cny("150"), metrics.Value{}, metrics.Value{}),
				testKPI("new_customers", metrics.HigherIsBetter, metrics.CountValue(100), metrics.CountValue(130), metrics.Value{}, metrics.Value{}),
			}}},
			want:   []string{"cac_outpacing_ltv"},
			reason: "CAC +30% against LTV +20%, on 100 and 130 new customers: z = ln 1.3 / √(1/100 + 1/130) = 1.97",
		},
		{
			name: "cac rising faster than ltv within noise",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("cac", metrics.LowerIsBetter, cny("65"), cny("50"), metrics.Value{}, metrics.Value{}),
				testKPI("ltv", metrics.HigherIsBetter, cny("180"), cny("150"), metrics.Value{}, metrics.Value{}),
				testKPI("new_customers", metrics.HigherIsBetter, metrics.CountValue(40), metrics.CountValue(52), metrics.Value{}, metrics.Value{}),
			}}},
			want:   nil,
			reason: "the same rise on 40 and 52 new customers: z = 1.25, within chance",
		},
		{
			name: "cac rising faster than ltv under a stricter test",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("cac", metrics.LowerIsBetter, cny("65"), cny("50"), metrics.Value{}, metrics.Value{}),
				testKPI("ltv", metrics.HigherIsBetter, cny("180"), cny("150"), metrics.Value{}, metrics.Value{}),
				testKPI("new_customers", metrics.HigherIsBetter, metrics.CountValue(100), metrics.CountValue(130), metrics.Value{}, metrics.Value{}),
			}}},
			th:     Thresholds{WarningZ: 2.58},
			want:   nil,
			reason: "z = 1.97 is beyond chance at 5 %, not at the 1 % a WarningZ of 2.58 asks",
		},
		{
			name: "cac rising without new customers",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("cac", metrics.LowerIsBetter, cny("65"), cny("50"), metrics.Value{}, metrics.Value{}),
				testKPI("ltv", metrics.HigherIsBetter, cny("180"), cny("150"), metrics.Value{}, metrics.Value{}),
			}}},
			want:   nil,
			reason: "no count to test the rise on: silent, as for any undefined number",
		},
		{
			name: "promotion that pays",
			review: &Review{Promotions: &Promotions{Items: []PromotionResult{{Name: "p", ROI: metrics.NewRatio(20, 100), NetROI: metrics.NewRatio(-5, 100),
				ROILow: metrics.RatioValue(metrics.NewRatio(3, 100)), ROIHigh: metrics.RatioValue(metrics.NewRatio(40, 100))}}}},
			want:   []string{"promotion_verdict"},
			reason: "the whole ROI interval is above zero: it paid, a strength, and the verdict is the interval's",
		},
		{
			name:   "slow stock share at limit",
			review: &Review{Products: &Products{SlowShare: metrics.NewRatio(20, 100)}},
			want:   nil,
			reason: "20% is the limit, not above it",
		},
		{
			name:   "slow stock share custom",
			review: &Review{Products: &Products{SlowShare: metrics.NewRatio(20, 100)}},
			th:     Thresholds{MaxSlowShare: 0.1},
			want:   []string{"slow_stock"},
			reason: "20% is above a 10% limit",
		},
		{
			name: "repurchase down 4%",
			review: &Review{Customers: &Customers{KPIs: []KPI{
				testKPI("repurchase_rate", metrics.HigherIsBetter, metrics.RatioValue(metrics.CountRatio(192, 1000)), metrics.RatioValue(metrics.CountRatio(200, 1000)), metrics.Value{}, metrics.Value{}),
			}}},
			want:   nil,
			reason: "19.2% against 20% is a 4% fall, within the default 5%",
		},
		{
			name: "repurchase down beyond chance",
			review: &Review{Customers: &Customers{KPIs: []KPI{
				testKPI("repurchase_rate", metrics.HigherIsBetter, metrics.RatioValue(metrics.CountRatio(150, 1000)), metrics.RatioValue(metrics.CountRatio(200, 1000)), metrics.Value{}, metrics.Value{}),
			}}},
			want:   []string{"repurchase_falling"},
			reason: "15% against 20% of 1,000 buyers each: z = −0.05 / √(0.175 × 0.825 × 0.002) = −2.94",
		},
		{
			name: "repurchase down within chance",
			review: &Review{Customers: &Customers{KPIs: []KPI{
				testKPI("repurchase_rate", metrics.HigherIsBetter, metrics.RatioValue(metrics.CountRatio(205, 261)), metrics.RatioValue(metrics.CountRatio(205, 244)), metrics.Value{}, metrics.Value{}),
			}}},
			want:   nil,
			reason: "the Complete Journey slice's October: 205 of 261 against 205 of 244, −5.5 pp, z = −1.57",
		},
		{
			name: "sla at target",
			review: &Review{Service: &Service{SLA: time.Hour, KPIs: []KPI{
				testKPI("within_sla", metrics.HigherIsBetter, metrics.RatioValue(metrics.CountRatio(90, 100)), metrics.Value{}, metrics.Value{}, metrics.Value{}),
			}}},
			want:   nil,
			reason: "90% meets the default 90% threshold",
		},
		{
			name: "sla below the threshold",
			review: &Review{Service: &Service{SLA: time.Hour, KPIs: []KPI{
				testKPI("within_sla", metrics.HigherIsBetter, metrics.RatioValue(metrics.CountRatio(89, 100)), metrics.Value{}, metrics.Value{}, metrics.Value{}),
			}}},
			want:   []string{"service_sla"},
			reason: "89% is below the default 90% threshold",
		},
		{
			name: "lower-is-better target met",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("cac", metrics.LowerIsBetter, cny("50"), metrics.Value{}, metrics.Value{}, cny("55")),
			}}},
			want:   []string{"target_beaten"},
			reason: "CAC under its target is good: a strength, not target_missed",
		},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, firedRules(tt.review, tt.th)); diff != "" {
			t.Errorf("%s (-want +got):\n%s\n%s", tt.name, diff, tt.reason)
		}
	}
}

func TestKPIChanges(t *testing.T) {
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	k := testKPI("net_sales", metrics.HigherIsBetter, cny("120"), cny("100"), cny("0"), cny("150"))
	// (120 − 100) / 100 = 0.2; last year zero: undefined; 120 / 150 = 0.8.
	if v, ok := k.ChangePrev.Value(); !ok || v != 0.2 {
		t.Errorf("ChangePrev = %v, %v; want 0.2", v, ok)
	}
	if k.ChangeYear.Defined() {
		t.Errorf("ChangeYear against zero is defined: %v", k.ChangeYear)
	}
	if v, ok := k.Attainment.Value(); !ok || v != 0.8 {
		t.Errorf("Attainment = %v, %v; want 0.8", v, ok)
	}
	// Mixed kinds never compare: an amount for a count KPI is an error.
	if _, err := NewKPI(metrics.KPI{Key: "x", Unit: metrics.UnitCount}, metrics.CountValue(1), cny("1"), metrics.Value{}, metrics.Value{}); err == nil {
		t.Error("a count compared with money: no error")
	}
}

// testKPI returns the KPI key with the unit of its first defined value,
// failing the test run on an error of NewKPI.
func testKPI(key string, dir metrics.Direction, cur, prev, year, target metrics.Value) KPI {
	unit := metrics.UnitMoney
	for _, v := range []metrics.Value{target, year, prev, cur} {
		if v.Defined() {
			unit = v.Unit()
		}
	}
	k, err := NewKPI(metrics.KPI{Key: key, Unit: unit, Direction: dir}, cur, prev, year, target)
	if err != nil {
		panic(err)
	}
	return k
}

// TestPromotionVerdictSeverity checks that a promotion finding's severity
// follows the verdict of the ROI interval (issue 17 item 2): the demo's
// 满300减40 had ROI −25.8 % in [−119.7 %, +68.0 %] and was called
// "unprofitable" with a critical "do not repeat"; it is inconclusive.
func TestPromotionVerdictSeverity(t *testing.T) {
	pct := func(v float64) metrics.Value { return metrics.RatioValue(metrics.NewRatio(v, 100)) }
	pull := metrics.MoneyValue(money.MustNew("14537.08", "CNY"))
	na := metrics.Undefined(metrics.UnitMoney)
	tests := []struct {
		name, reason string
		lo, hi       metrics.Value
		net          metrics.Ratio // the net ROI, after side effects
		want         []Severity
		caveat       string // the net ROI's sentence in the title, if any
	}{
		{"满300减40", "the interval contains zero: information, not a loss", pct(-119.7), pct(68.0), metrics.NewRatio(-305, 1000), []Severity{Info}, ""},
		{"满300减40 net up", "the interval contains zero: information, whatever the net ROI", pct(-119.7), pct(68.0), metrics.NewRatio(305, 1000), []Severity{Info}, ""},
		{"618", "ROI −84.3 % in [−102.5 %, −66.1 %]: does not pay, critical", pct(-102.5), pct(-66.1), metrics.NewRatio(-305, 1000), []Severity{Critical}, ""},
		{"pays", "wholly above zero: a strength (of severity info)", pct(3), pct(40), metrics.NewRatio(305, 1000), []Severity{Info}, ""},
		{"pays, net undefined", "wholly above zero, no net ROI: a strength", pct(3), pct(40), metrics.NewRatio(1, 0), []Severity{Info}, ""},
		{"pays, loses in all", "wholly above zero but a net ROI below (Complete Journey's Type B campaign 9): still a strength, which says so", pct(3), pct(40), metrics.NewRatio(-11399, 1000), []Severity{Info},
			" Its net ROI after the side effects measured (pull-forward; not measured: cannibalization, halo) is %s, the other way, but a point estimate without an interval: the verdict rests on the interval."},
		{"双12", "wholly below zero but a net ROI above (the demo's 12.12, whose post-window holds other campaigns): still critical, and says so", pct(-88.8), pct(-42.3), metrics.NewRatio(363, 1000), []Severity{Critical},
			" Its net ROI after the side effects measured (pull-forward; not measured: cannibalization, halo) is %s, the other way, but a point estimate without an interval: the verdict rests on the interval."},
		{"no interval", "not estimated: inconclusive", metrics.Undefined(metrics.UnitRatio), metrics.Undefined(metrics.UnitRatio), metrics.NewRatio(-305, 1000), []Severity{Info}, ""},
	}
	for _, tt := range tests {
		r := &Review{Promotions: &Promotions{Items: []PromotionResult{{Name: tt.name, ROI: metrics.NewRatio(-258, 1000), NetROI: tt.net, ROILow: tt.lo, ROIHigh: tt.hi,
			Cannibalization: na, Halo: na, PullForward: pull}}}}
		var got []Severity
		var kinds []Kind
		fs := promotionVerdict(r)
		for _, f := range fs {
			got = append(got, f.Severity)
			kinds = append(kinds, f.Kind)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.name, tt.reason, diff)
		}
		if strength := len(kinds) == 1 && kinds[0] == Strength; strength != strings.HasPrefix(tt.name, "pays") {
			t.Errorf("%s: kinds %v", tt.name, kinds)
		}
		if len(fs) != 1 {
			continue
		}
		title, args := fs[0].Title.Text.EN, fs[0].Title.Args
		if i := strings.Index(title, " Its net ROI"); (i >= 0) != (tt.caveat != "") || i >= 0 && title[i:] != tt.caveat {
			t.Errorf("%s: title %q, want the caveat %q", tt.name, title, tt.caveat)
		} else if i >= 0 && !cmp.Equal(args[len(args)-1], ValueArg(metrics.RatioValue(tt.net)), cmp.AllowUnexported(metrics.Value{}, metrics.Ratio{})) {
			t.Errorf("%s: the caveat's argument %+v, want the net ROI", tt.name, args[len(args)-1])
		}
		if zh := fs[0].Title.Text.ZH; strings.Count(zh, "%s") != len(args) || strings.Count(title, "%s")+strings.Count(title, "%q") != len(args) {
			t.Errorf("%s: %d arguments for %q / %q", tt.name, len(args), title, zh)
		}
		var keys []string
		for _, e := range fs[0].Evidence {
			keys = append(keys, e.Key)
		}
		if want := []string{"roi", "roi_low", "roi_high", "net_roi", "incremental", "pull_forward"}; !slices.Equal(keys[:min(len(keys), 6)], want) {
			t.Errorf("%s: evidence %v, want %v first (the side effects measured, not the others)", tt.name, keys, want)
		}
	}
}

// TestReturnAdviceFitsGoods is issue 17 item 9: the full-year review
// advised fixing size guides for a snack. Size guides are for worn goods;
// a snack returned for size/fit needs its pack size stated, a cable its
// dimensions and compatibility.
func TestReturnAdviceFitsGoods(t *testing.T) {
	outlier := func(sku, cat, reason string) ReturnOutlier {
		return ReturnOutlier{SKU: sku, Category: cat, Reason: reason, Rate: metrics.CountRatio(8, 20), CategoryRate: metrics.CountRatio(1, 20)}
	}
	r := &Review{Service: &Service{Outliers: []ReturnOutlier{
		outlier("SN-1", "snacks", "size_fit"), outlier("AP-1", "apparel", "size_fit"), outlier("EL-1", "electronics", "size_fit"),
		outlier("AP-2", "apparel", "size_fit"), outlier("SN-2", "snacks", "changed_mind"), outlier("SN-3", "Snacks", "damaged"),
	}}}
	type row struct{ Title, Advice string }
	var got []row
	for _, f := range returnOutliers(r) {
		args := make([]any, len(f.Title.Args))
		for i, a := range f.Title.Args {
			args[i] = a.Text
		}
		got = append(got, row{fmt.Sprintf(f.Title.Text.EN, args...), f.Recommendation.Text.EN})
	}
	want := []row{
		{`Returns for "size_fit" stand out in snacks on these SKUs: SN-1.`, "State the pack size, net weight and count plainly in the title and first image of these product pages."},
		{`Returns for "size_fit" stand out in apparel on these SKUs: AP-1, AP-2.`, "Fix the size guides and add measurements and fit notes to these product pages."},
		{`Returns for "size_fit" stand out in electronics on these SKUs: EL-1.`, "State the dimensions and what these products fit (models, sizes, compatibility) on their pages."},
		{`Returns for "damaged" stand out in Snacks on these SKUs: SN-3.`, "Review the packaging, sealing and stock rotation (shelf life) of these SKUs."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("return findings (-want +got):\n%s", diff)
	}
}
