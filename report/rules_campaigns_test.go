package report

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestCampaignVerdictObservational: the campaign_verdict rule weighs an
// observational campaign (no random holdout) as such: a loss is a warning,
// not critical; loss and gain are said to appear, against the customers
// not sent it; the recommendation asks for a holdout to confirm it and
// never to keep one. A randomised campaign keeps its categorical verdicts,
// critical for a loss. Both with a known cost and with none.
func TestCampaignVerdictObservational(t *testing.T) {
	cny := money.MustCurrency("CNY")
	mv := func(minor int64) metrics.Value { return metrics.MoneyValue(cny.FromMinor(minor)) }
	cost := cny.FromMinor(50000)
	type want struct {
		kind             Kind
		sev              Severity
		titleEN, titleZH string // a phrase of the title
		recEN            string // a phrase of the recommendation
	}
	for _, tc := range []struct {
		name       string
		verdict    string
		randomised bool
		cost       *money.Money
		want       want
	}{
		{"loss, holdout", "does_not_pay", true, &cost, want{Problem, Critical, "did not pay: its incremental gross profit less its cost", "不划算", "keep a random holdout to measure the next one"}},
		{"loss, observational", "does_not_pay", false, &cost, want{Problem, Warning, "appears not to pay: against the customers not sent it (no random holdout)", "看来不划算", "to confirm the loss"}},
		{"loss before an unknown cost, holdout", "does_not_pay", true, nil, want{Problem, Critical, "did not pay: its incremental gross profit is", "不划算", "record what it costs"}},
		{"loss before an unknown cost, observational", "does_not_pay", false, nil, want{Problem, Warning, "appears not to pay: against the customers not sent it (no random holdout), its incremental gross profit is", "看来不划算", "to confirm the loss"}},
		{"gain, holdout", "pays", true, &cost, want{Strength, Info, "paid: it earned", "划算", "keeping the random holdout"}},
		{"gain, observational", "pays", false, &cost, want{Strength, Info, "appears to pay: against the customers not sent it (no random holdout)", "看来划算", "with a random holdout of the list this time to confirm the gain"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := CampaignResult{ID: "c", Name: "短信召回", Randomised: tc.randomised, Verdict: tc.verdict, Cost: tc.cost,
				IncrementalProfit: mv(-30000), ProfitLow: mv(-50000), ProfitHigh: mv(-10000),
				Gain: mv(-80000), GainLow: mv(-100000), GainHigh: mv(-60000)}
			if tc.verdict == "pays" {
				c.IncrementalProfit, c.ProfitLow, c.ProfitHigh = mv(90000), mv(70000), mv(110000)
				c.Gain, c.GainLow, c.GainHigh = mv(40000), mv(20000), mv(60000)
			}
			if tc.cost == nil {
				u := metrics.Undefined(metrics.UnitMoney)
				c.Gain, c.GainLow, c.GainHigh = u, u, u
			}
			r := &Review{Period: metrics.MonthOf(2025, time.December, time.UTC), Campaigns: &Campaigns{Items: []CampaignResult{c}}}
			fs := campaignVerdict(r)
			if len(fs) != 1 {
				t.Fatalf("%d findings, want 1", len(fs))
			}
			f := fs[0]
			got := want{f.Kind, f.Severity, tc.want.titleEN, tc.want.titleZH, tc.want.recEN}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("kind and severity (-want +got):\n%s", diff)
			}
			if !strings.Contains(f.Title.Text.EN, tc.want.titleEN) || !strings.Contains(f.Title.Text.ZH, tc.want.titleZH) {
				t.Errorf("title %q / %q, want it to contain %q / %q", f.Title.Text.EN, f.Title.Text.ZH, tc.want.titleEN, tc.want.titleZH)
			}
			if !strings.Contains(f.Recommendation.Text.EN, tc.want.recEN) {
				t.Errorf("recommendation %q, want it to contain %q", f.Recommendation.Text.EN, tc.want.recEN)
			}
			if !tc.randomised && (strings.Contains(f.Recommendation.Text.EN, "keeping the random holdout") || strings.Contains(f.Recommendation.Text.ZH, "继续保留随机对照组")) {
				t.Errorf("an observational campaign is told to keep a holdout it did not have: %q", f.Recommendation.Text.EN)
			}
		})
	}
}
