package report

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// TestCampaignsCostUnknown: a CRM campaign whose cost is not known (the
// zero Money) is measured as the same campaign at a cost of 0, but with
// its Cost nil (null in JSON), no gain and no ROI, and a note naming it;
// the other campaign keeps its cost and figures. With every cost unknown
// the ledger takes the review's currency from the orders.
func TestCampaignsCostUnknown(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{CRM: true})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	build := func(cost func(i int, c campaign.Campaign) money.Money) *Review {
		cs := slices.Clone(s.Campaigns)
		for i := range cs {
			cs[i].Cost = cost(i, cs[i])
		}
		in := Input{Orders: slices.Values(s.Orders), Campaigns: cs, CampaignTargets: s.CampaignTargets, Redemptions: s.Redemptions}
		r, err := Build(in, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		if r.Campaigns == nil || len(r.Campaigns.Items) != 2 {
			t.Fatalf("campaigns part %+v, want the demo's two campaigns", r.Campaigns)
		}
		return r
	}
	first := s.Campaigns[0].ID
	zero := build(func(i int, c campaign.Campaign) money.Money {
		if c.ID == first {
			return c.Cost.Currency().Zero()
		}
		return c.Cost
	})
	unknown := build(func(i int, c campaign.Campaign) money.Money {
		if c.ID == first {
			return money.Money{}
		}
		return c.Cost
	})
	none := build(func(int, campaign.Campaign) money.Money { return money.Money{} })

	u, ur := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio)
	for i, z := range zero.Campaigns.Items {
		want := z
		if z.ID == first {
			want.Cost = nil
			want.Gain, want.GainLow, want.GainHigh, want.ROI, want.ROILow, want.ROIHigh = u, u, u, ur, ur, ur
			if want.Verdict == "pays" {
				want.Verdict = "inconclusive"
			}
		}
		if d := cmp.Diff(want, unknown.Campaigns.Items[i]); d != "" {
			t.Errorf("%s: (-cost 0 without gain +cost unknown):\n%s", z.ID, d)
		}
		if z.ID != first && (unknown.Campaigns.Items[i].Cost == nil || !unknown.Campaigns.Items[i].Cost.IsPositive()) {
			t.Errorf("%s: cost %v, want the demo's", z.ID, unknown.Campaigns.Items[i].Cost)
		}
	}
	notes := func(r *Review) []string {
		var out []string
		for _, n := range keyed(r.NotesOf(SectionPromotions), "campaign_uncosted") {
			out = append(out, n.Reason)
		}
		return out
	}
	names := []string{zero.Campaigns.Items[0].Name, zero.Campaigns.Items[1].Name}
	firstName := names[slices.IndexFunc(zero.Campaigns.Items, func(c CampaignResult) bool { return c.ID == first })]
	for _, tc := range []struct {
		name string
		r    *Review
		want []string
	}{
		{"cost 0", zero, nil},
		{"first unknown", unknown, []string{firstName}},
		{"all unknown", none, []string{strings.Join(names, ", ")}},
	} {
		if d := cmp.Diff(tc.want, notes(tc.r)); d != "" {
			t.Errorf("%s: campaign_uncosted notes (-want +got):\n%s", tc.name, d)
		}
	}
	// Every cost unknown: the same measurement, in the orders' currency.
	for i, x := range none.Campaigns.Items {
		y := unknown.Campaigns.Items[i]
		if y.ID != first {
			continue
		}
		if d := cmp.Diff(y, x); d != "" {
			t.Errorf("%s with every cost unknown (-one unknown +all unknown):\n%s", x.ID, d)
		}
	}
	data, err := json.Marshal(unknown.Campaigns.Items)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), `"cost":null`); n != 1 {
		t.Errorf(`JSON has %d "cost":null, want 1: %s`, n, data)
	}
}

// TestCampaignVerdictCostUnknown: a randomised campaign that does not pay whatever
// its unknown cost (the whole incremental-profit interval below zero) is
// a critical finding whose title gives the incremental gross profit and
// its interval, not the undefined gain, and whose stake is the lost
// profit; one with a known cost keeps the gain's wording.
func TestCampaignVerdictCostUnknown(t *testing.T) {
	cny := money.MustCurrency("CNY")
	mv := func(minor int64) metrics.Value { return metrics.MoneyValue(cny.FromMinor(minor)) }
	u, ur := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio)
	cost := cny.FromMinor(1000)
	r := &Review{Period: metrics.MonthOf(2025, time.December, time.UTC), Campaigns: &Campaigns{Items: []CampaignResult{
		{ID: "u", Name: "Unknown", Randomised: true, IncrementalProfit: mv(-5000), ProfitLow: mv(-9000), ProfitHigh: mv(-1000),
			Gain: u, GainLow: u, GainHigh: u, ROI: ur, ROILow: ur, ROIHigh: ur, Verdict: "does_not_pay"},
		{ID: "k", Name: "Known", Randomised: true, Cost: &cost, IncrementalProfit: mv(-5000), ProfitLow: mv(-9000), ProfitHigh: mv(-1000),
			Gain: mv(-6000), GainLow: mv(-10000), GainHigh: mv(-2000), ROI: ur, ROILow: ur, ROIHigh: ur, Verdict: "does_not_pay"},
	}}}
	fs := campaignVerdict(r)
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2", len(fs))
	}
	type view struct {
		Severity Severity
		Format   string          // the English title's format
		Values   []metrics.Value // its value arguments
		Stake    metrics.Value
	}
	var got []view
	for _, f := range fs {
		v := view{Severity: f.Severity, Format: f.Title.Text.EN, Stake: f.Stake}
		for _, a := range f.Title.Args {
			if a.Kind == ArgValue {
				v.Values = append(v.Values, a.Value)
			}
		}
		got = append(got, v)
	}
	want := []view{
		{Critical, "CRM campaign %q did not pay: its incremental gross profit is %s, and the whole interval (%s to %s) is below zero before its cost, which is not recorded.",
			[]metrics.Value{mv(-5000), mv(-9000), mv(-1000)}, mv(5000)},
		{Critical, "CRM campaign %q did not pay: its incremental gross profit less its cost is %s, and the whole interval (%s to %s) is below zero.",
			[]metrics.Value{mv(-6000), mv(-10000), mv(-2000)}, mv(6000)},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
