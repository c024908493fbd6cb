package report

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// strengthsOf returns "rule:kpi" of the strengths of r, in order.
func strengthsOf(r *Review, th Thresholds) []string {
	Evaluate(r, DefaultRules(th))
	var out []string
	for _, f := range r.Findings {
		if f.Kind == Strength {
			key := ""
			if len(f.Evidence) > 0 {
				key = f.Evidence[0].Key
			}
			out = append(out, f.Rule+":"+key)
		}
	}
	return out
}

func TestStrengths(t *testing.T) {
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	rate := func(n, d int64) metrics.Value { return metrics.RatioValue(metrics.CountRatio(n, d)) }
	count := metrics.CountValue
	none := metrics.Value{}
	tests := []struct {
		name   string
		review *Review
		th     Thresholds
		want   []string
		reason string
	}{
		{
			name: "conversion up beyond chance",
			review: &Review{Traffic: &Traffic{KPIs: []KPI{
				testKPI("conversion_rate", metrics.HigherIsBetter, rate(1200, 10000), rate(1000, 10000), none, none)}}},
			want: []string{"kpi_improved:conversion_rate"},
			// 12 % against 10 % of 10,000 visitors: pooled 11 %, se =
			// √(0.11 × 0.89 × 2/10,000) = 0.00442, z = 0.02 / 0.00442 = 4.52.
			reason: "z = 4.52 ≥ 1.96",
		},
		{
			name: "conversion up within noise",
			review: &Review{Traffic: &Traffic{KPIs: []KPI{
				testKPI("conversion_rate", metrics.HigherIsBetter, rate(725, 6790), rate(745, 7236), none, none)}}},
			want: nil,
			// The demo's December: 10.7 % against 10.3 %, +0.4 pp; z = 0.77.
			reason: "noise is not praised: z = 0.77 < 1.96",
		},
		{
			name: "conversion down significantly",
			review: &Review{Traffic: &Traffic{KPIs: []KPI{
				testKPI("conversion_rate", metrics.HigherIsBetter, rate(1000, 10000), rate(1200, 10000), none, none)}}},
			want:   nil,
			reason: "a significant fall is no strength",
		},
		{
			name: "CAC down beyond chance",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("new_customers", metrics.HigherIsBetter, count(1000), count(1000), none, none),
				testKPI("cac", metrics.LowerIsBetter, cny("40"), cny("50"), none, none)}}},
			want: []string{"kpi_improved:cac"},
			// ln(0.8) / √(2/1000) = −0.2231 / 0.04472 = −4.99.
			reason: "z = −4.99 for a lower-is-better KPI",
		},
		{
			name: "CAC down within noise",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("new_customers", metrics.HigherIsBetter, count(267), count(282), none, none),
				testKPI("cac", metrics.LowerIsBetter, cny("47.65"), cny("50.64"), none, none)}}},
			want: nil,
			// The demo's December: CAC −5.9 % on 267 and 282 new customers:
			// ln(0.941) / √(1/267 + 1/282) = −0.71.
			reason: "noise is not praised: |z| = 0.71",
		},
		{
			name: "CAC down without new-customer counts",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("cac", metrics.LowerIsBetter, cny("10"), cny("50"), none, none)}}},
			want:   nil,
			reason: "no test without the counts: not praised",
		},
		{
			name: "orders up beyond chance",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("orders", metrics.HigherIsBetter, count(1100), count(1000), none, none)}}},
			want:   []string{"kpi_improved:orders"},
			reason: "(1100 − 1000) / √2100 = 2.18",
		},
		{
			name: "orders up within noise",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("orders", metrics.HigherIsBetter, count(1050), count(1000), none, none)}}},
			want:   nil,
			reason: "50 / √2050 = 1.10",
		},
		{
			name: "net sales up: no test",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("net_sales", metrics.HigherIsBetter, cny("200000"), cny("100000"), none, none)}}},
			want:   nil,
			reason: "an amount has no test here: never praised for a change",
		},
		{
			name: "return rate down beyond chance",
			review: &Review{Service: &Service{KPIs: []KPI{
				testKPI("return_rate_units", metrics.LowerIsBetter, rate(300, 10000), rate(500, 10000), none, none)}}},
			want:   []string{"kpi_improved:return_rate_units"},
			reason: "3 % against 5 % of 10,000 units: z = −7.2",
		},
		{
			name: "within SLA up, stricter guard",
			review: &Review{Service: &Service{KPIs: []KPI{
				testKPI("within_sla", metrics.HigherIsBetter, rate(92, 100), rate(82, 100), none, none)}}},
			th:     Thresholds{StrengthZ: 3},
			want:   nil,
			reason: "z = 2.07 passes 1.96 but not a StrengthZ of 3",
		},
		{
			name: "within SLA up, default guard",
			review: &Review{Service: &Service{KPIs: []KPI{
				testKPI("within_sla", metrics.HigherIsBetter, rate(92, 100), rate(82, 100), none, none)}}},
			want:   []string{"kpi_improved:within_sla"},
			reason: "z = 2.07",
		},
		{
			name: "sales above target",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("net_sales", metrics.HigherIsBetter, cny("105000"), none, none, cny("100000"))}}},
			want:   []string{"target_beaten:net_sales"},
			reason: "105 % of target",
		},
		{
			name: "sales just below target",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("net_sales", metrics.HigherIsBetter, cny("99999"), none, none, cny("100000"))}}},
			want:   nil,
			reason: "99.999 % is not met (and not missed by the 95 % rule either)",
		},
		{
			name: "rate on target",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("conversion_rate", metrics.HigherIsBetter, rate(10, 100), none, none, rate(10, 100))}}},
			want:   []string{"target_beaten:conversion_rate"},
			reason: "0 pp from target: met",
		},
		{
			name: "orders up on last year, down on the previous period",
			review: &Review{Overview: &Overview{KPIs: []KPI{
				testKPI("orders", metrics.HigherIsBetter, count(1163), count(1261), count(843), none)}}},
			want: []string{"kpi_improved:orders"},
			// The demo's December: against November (1,261) z = −98/√2424
			// = −1.99, a fall; against December 2024 (843) z = 320/√2006
			// = 7.14: praised once, on last year.
			reason: "同比 z = 7.14 ≥ 1.96, 环比 a fall",
		},
		{
			name: "conversion up on last year within noise",
			review: &Review{Traffic: &Traffic{KPIs: []KPI{
				testKPI("conversion_rate", metrics.HigherIsBetter, rate(725, 6790), none, rate(700, 6700), none)}}},
			want:   nil,
			reason: "10.68 % against 10.45 %: z = 0.43 < 1.96",
		},
		{
			name: "promotion that pays",
			review: &Review{Promotions: &Promotions{Items: []PromotionResult{{Name: "双12", ROI: metrics.NewRatio(20, 100),
				ROILow: metrics.RatioValue(metrics.NewRatio(3, 100)), ROIHigh: metrics.RatioValue(metrics.NewRatio(40, 100)),
				Profit: metrics.MoneyValue(money.MustNew("1200", "CNY"))}}}},
			want:   []string{"promotion_verdict:roi"},
			reason: "the whole interval is above zero",
		},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, strengthsOf(tt.review, tt.th)); diff != "" {
			t.Errorf("%s (-want +got):\n%s\n%s", tt.name, diff, tt.reason)
		}
	}
}

func TestStrengthShape(t *testing.T) {
	// A strength is of severity info, has no stake and states its test.
	r := &Review{Traffic: &Traffic{KPIs: []KPI{testKPI("conversion_rate", metrics.HigherIsBetter,
		metrics.RatioValue(metrics.CountRatio(1200, 10000)), metrics.RatioValue(metrics.CountRatio(1000, 10000)), metrics.Value{}, metrics.Value{})}}}
	Evaluate(r, DefaultRules(Thresholds{}))
	if len(r.Findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(r.Findings))
	}
	f := r.Findings[0]
	if f.Kind != Strength || f.Severity != Info || f.Stake.Defined() || f.Section != SectionTraffic {
		t.Errorf("kind %v, severity %v, stake %v, section %v; want a strength, info, no stake, traffic", f.Kind, f.Severity, f.Stake, f.Section)
	}
	z := f.Evidence[2]
	if z.Key != "z_score" || z.Of != "two_proportion_test" {
		t.Errorf("evidence %+v does not state the test", z)
	}
	if v, _ := z.Value.Float(); v != 4.52 {
		t.Errorf("z = %v, want 4.52", v)
	}
}

func TestZStatistics(t *testing.T) {
	// Reference values computed by hand (see each line).
	z, ok := proportionZ(metrics.RatioValue(metrics.CountRatio(1200, 10000)), metrics.RatioValue(metrics.CountRatio(1000, 10000)))
	// pooled 0.11: 0.02 / √(0.11 × 0.89 × 0.0002) = 4.5199
	if !ok || math.Abs(z-4.5199) > 1e-4 {
		t.Errorf("proportionZ = %v, %v; want 4.5199", z, ok)
	}
	if _, ok := proportionZ(metrics.RatioValue(metrics.NewRatio(0.5, 1)), metrics.RatioValue(metrics.CountRatio(1, 2))); ok {
		t.Error("proportionZ tested a rate that is not of counts")
	}
	if _, ok := proportionZ(metrics.RatioValue(metrics.CountRatio(0, 10)), metrics.RatioValue(metrics.CountRatio(0, 10))); ok {
		t.Error("proportionZ tested two zero rates (no variance)")
	}
	z, ok = poissonZ(metrics.CountValue(1100), metrics.CountValue(1000))
	if !ok || math.Abs(z-100/math.Sqrt(2100)) > 1e-12 {
		t.Errorf("poissonZ = %v, %v", z, ok)
	}
	if _, ok := poissonZ(metrics.CountValue(0), metrics.CountValue(0)); ok {
		t.Error("poissonZ tested 0 against 0")
	}
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	z, ok = cacZ(cny("40"), cny("50"), metrics.CountValue(1000), metrics.CountValue(1000))
	if want := math.Log(0.8) / math.Sqrt(0.002); !ok || math.Abs(z-want) > 1e-12 {
		t.Errorf("cacZ = %v, %v; want %v", z, ok, want)
	}
}

// TestStrengthProperties checks on random rates and counts that a change
// and its reverse are never both praised (the tests are antisymmetric),
// that equal values are never praised, and that a strength is never an
// action.
func TestStrengthProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n1 := rapid.Int64Range(1, 100000).Draw(t, "n1")
		n0 := rapid.Int64Range(1, 100000).Draw(t, "n0")
		x1 := rapid.Int64Range(0, n1).Draw(t, "x1")
		x0 := rapid.Int64Range(0, n0).Draw(t, "x0")
		dir := metrics.Direction(rapid.IntRange(0, 1).Draw(t, "direction"))
		rate := func(x, n int64) metrics.Value { return metrics.RatioValue(metrics.CountRatio(x, n)) }
		count := metrics.CountValue
		none := metrics.Value{}
		for _, pair := range [][2]KPI{
			{testKPI("conversion_rate", dir, rate(x1, n1), rate(x0, n0), none, none), testKPI("conversion_rate", dir, rate(x0, n0), rate(x1, n1), none, none)},
			{testKPI("orders", dir, count(n1), count(n0), none, none), testKPI("orders", dir, count(n0), count(n1), none, none)},
		} {
			praised := 0
			for _, k := range pair {
				r := &Review{Overview: &Overview{KPIs: []KPI{k}}}
				Evaluate(r, DefaultRules(Thresholds{}))
				strengths := 0
				for _, f := range r.Findings {
					if f.Kind == Strength {
						strengths++
					}
				}
				praised += strengths
				if as := Actions(r.Findings); len(as) != len(r.Findings)-strengths {
					t.Fatalf("a strength became an action: %+v", as)
				}
			}
			if praised > 1 {
				t.Fatalf("%s and its reverse both praised", pair[0].Key)
			}
		}
		same := testKPI("orders", dir, count(n1), count(n1), none, none)
		r := &Review{Overview: &Overview{KPIs: []KPI{same}}}
		Evaluate(r, DefaultRules(Thresholds{}))
		if len(r.Findings) != 0 {
			t.Fatalf("no change, yet %+v", r.Findings)
		}
	})
}

// TestStrengthsDispersion: orders up 10 % (1,100 against 1,000: z = 2.18
// as Poisson counts) are praised when the period's days vary as Poisson
// counts do (φ floored at 1), and not when they vary 7.7 times as much
// (z = 2.18 / √7.7 = 0.79), the quasi-Poisson test of dispersion.
func TestStrengthsDispersion(t *testing.T) {
	days := func(orders ...int64) []Day {
		var out []Day
		for i := range 30 {
			out = append(out, Day{Orders: orders[i%len(orders)], Visitors: metrics.CountValue(10 * orders[i%len(orders)])})
		}
		return out
	}
	review := func(d []Day) *Review {
		return &Review{Overview: &Overview{Daily: d, KPIs: []KPI{
			testKPI("orders", metrics.HigherIsBetter, metrics.CountValue(1100), metrics.CountValue(1000), metrics.Value{}, metrics.Value{})}}}
	}
	// 20 and 53 in turn: mean 36.5, sample variance 16.5² × 30/29 =
	// 281.64, φ = 7.716.
	phi, ok := dispersion(&Overview{Daily: days(20, 53)}, "orders")
	if !ok || math.Abs(phi-16.5*16.5*30/29/36.5) > 1e-12 {
		t.Errorf("dispersion = %v, %v; want %v", phi, ok, 16.5*16.5*30/29/36.5)
	}
	if phi, ok := dispersion(&Overview{Daily: days(36, 37)}, "orders"); !ok || phi != 1 {
		t.Errorf("dispersion of nearly constant days = %v, %v; want 1 (the floor)", phi, ok)
	}
	if _, ok := dispersion(&Overview{Daily: days(20, 53)[:6]}, "orders"); ok {
		t.Error("dispersion of 6 days estimated")
	}
	if _, ok := dispersion(&Overview{Daily: days(20, 53)}, "new_customers"); ok {
		t.Error("dispersion of a count without a daily series estimated")
	}
	if got := strengthsOf(review(days(20, 53)), Thresholds{}); len(got) != 0 {
		t.Errorf("over-dispersed days: strengths %v, want none (z = 0.79)", got)
	}
	r := review(days(36, 37))
	if diff := cmp.Diff([]string{"kpi_improved:orders"}, strengthsOf(r, Thresholds{})); diff != "" {
		t.Errorf("Poisson-like days (-want +got):\n%s", diff)
	}
	ev := r.Findings[0].Evidence
	if len(ev) != 4 || ev[2].Of != "overdispersed_poisson_test" || ev[3].Key != "dispersion" {
		t.Errorf("evidence %+v, want the scaled test and its φ", ev)
	}
}

// TestCampaignDrivers checks that an improvement of conversion names the
// randomised campaigns whose targeted customers ordered more than their
// holdout beyond chance, with the extra buyers, and no other: an analyst
// read the demo's "conversion improved" without the VIP coupon's 154.
// Hand-made: "coupon" 260 of 1,250 against 53 of 625 (pooled z = 6.7;
// 1,250 × (0.208 − 0.0848) = 154), "noise" 110 of 1,000 against 45 of
// 500 (z = 1.2), "sms" observational.
func TestCampaignDrivers(t *testing.T) {
	camps := &Campaigns{Items: []CampaignResult{
		{Name: "coupon", Randomised: true, Response: metrics.CountRatio(260, 1250), CompareResponse: metrics.CountRatio(53, 625)},
		{Name: "noise", Randomised: true, Response: metrics.CountRatio(110, 1000), CompareResponse: metrics.CountRatio(45, 500)},
		{Name: "sms", Response: metrics.CountRatio(300, 1000), CompareResponse: metrics.CountRatio(100, 1000)},
	}}
	r := &Review{Campaigns: camps}
	got := campaignDrivers(r, 1.96)
	want := []campaignDriver{{name: "coupon", targeted: 1250, extra: 154, response: metrics.CountRatio(260, 1250), holdout: metrics.CountRatio(53, 625)}}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(campaignDriver{}), cmp.Comparer(func(a, b metrics.Ratio) bool { return a == b })); d != "" {
		t.Errorf("drivers (-want +got):\n%s", d)
	}
	for _, c := range []struct {
		key   string
		named bool
		// points is the share of the rate the campaign's extra buyers
		// account for: 154 of 10,000 visitors, +1.54 pp of the +2.0 pp.
		points metrics.Ratio
	}{
		{metrics.KeyConversionRate, true, metrics.NewRatio(154, 10000)}, // 1,300 of 10,000 against 1,100 of 10,000: z = 4.3
		{metrics.KeyOrders, true, metrics.Ratio{}},                      // orders, which the extra buyers are part of
		{metrics.KeyNewCustomers, false, metrics.Ratio{}},               // a count the coupon's responders need not be
	} {
		cur, prev := metrics.RatioValue(metrics.CountRatio(1300, 10000)), metrics.RatioValue(metrics.CountRatio(1100, 10000))
		if c.key != metrics.KeyConversionRate {
			cur, prev = metrics.CountValue(1300), metrics.CountValue(1100)
		}
		rv := &Review{Campaigns: camps, Overview: &Overview{KPIs: []KPI{testKPI(c.key, metrics.HigherIsBetter, cur, prev, metrics.Value{}, metrics.Value{})}}}
		if ids := strengthsOf(rv, Thresholds{}); len(ids) != 1 {
			t.Fatalf("%s: strengths %v, want one", c.key, ids)
		}
		f := rv.Findings[0]
		named := strings.Contains(f.Recommendation.Text.EN, "randomised campaign %q")
		if named != c.named || named && f.Recommendation.Args[3] != DataArg("coupon") {
			t.Errorf("%s: recommendation %q %+v; named %v, want %v", c.key, f.Recommendation.Text.EN, f.Recommendation.Args, named, c.named)
		}
		accounts := strings.Contains(f.Recommendation.Text.EN, "likely accounts for about %s of it")
		if want := c.points != (metrics.Ratio{}); accounts != want || want && f.Recommendation.Args[4] != PointsArg(c.points) {
			t.Errorf("%s: recommendation %q %+v; the points it accounts for given %v, want %v (%v)", c.key, f.Recommendation.Text.EN, f.Recommendation.Args, accounts, want, c.points)
		}
	}
}

// TestCampaignDriverBeyondTheRise: a randomised campaign whose extra
// buyers are more points of the rate than the whole rise is not said to
// account for "about +1.0 pp of" a +0.5 pp rise: it accounts for all of
// it, by more points than the rise. Conversion 11,500 of 100,000 against 11,000 of 100,000
// (+0.5 pp, z = 3.5); "big" 3,000 of 10,000 against 1,000 of 5,000, so
// 10,000 × (0.3 − 0.2) = 1,000 extra buyers, +1.0 pp.
func TestCampaignDriverBeyondTheRise(t *testing.T) {
	camps := &Campaigns{Items: []CampaignResult{
		{Name: "big", Randomised: true, Response: metrics.CountRatio(3000, 10000), CompareResponse: metrics.CountRatio(1000, 5000)},
	}}
	cur, prev := metrics.RatioValue(metrics.CountRatio(11500, 100000)), metrics.RatioValue(metrics.CountRatio(11000, 100000))
	rv := &Review{Campaigns: camps, Overview: &Overview{KPIs: []KPI{testKPI(metrics.KeyConversionRate, metrics.HigherIsBetter, cur, prev, metrics.Value{}, metrics.Value{})}}}
	if ids := strengthsOf(rv, Thresholds{}); len(ids) != 1 {
		t.Fatalf("strengths %v, want one", ids)
	}
	rec := rv.Findings[0].Recommendation
	want := Say("Keep what drove it: the change is beyond chance (%s, z = %s; |z| ≥ %s needed)."+
		" The randomised campaign %q likely accounts for all of it (about %s, more than the change itself)"+
		": its %s targeted customers ordered in its window at a rate of %s, against %s of its holdout, about %s more buyers than without it.",
		"保持带来改善的做法：该变化超出随机波动（%s，z = %s；需|z| ≥ %s）。"+
			"随机对照的营销活动“%s”可能带来了全部变化（约%s，超过变化本身）"+
			"：其%s名目标客户在活动期内的下单率为%s，对照组为%s，约多带来%s名买家。",
		append(rec.Args[:3:3], DataArg("big"), PointsArg(metrics.NewRatio(1000, 100000)),
			ValueArg(metrics.CountValue(10000)), ValueArg(metrics.RatioValue(metrics.CountRatio(3000, 10000))),
			ValueArg(metrics.RatioValue(metrics.CountRatio(1000, 5000))), ValueArg(metrics.CountValue(1000)))...)
	if diff := cmp.Diff(want, rec, cmp.Comparer(func(a, b metrics.Ratio) bool { return a == b }), cmp.Comparer(func(a, b metrics.Value) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("recommendation (-want +got):\n%s", diff)
	}
}
