package report

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// TestDemoCampaigns reviews December 2025 of the demo store with its CRM
// campaigns: the part lists both, with the verdicts of the truth (the VIP
// coupon with a holdout pays, the SMS without one does not and is
// observational), and the campaign_verdict rule reports each.
func TestDemoCampaigns(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{CRM: true})
	in := Input{Orders: slices.Values(s.Orders), Campaigns: s.Campaigns, CampaignTargets: s.CampaignTargets, Redemptions: s.Redemptions}
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	r, err := Build(in, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	if r.Campaigns == nil || len(r.Campaigns.Items) != 2 {
		t.Fatalf("campaigns part %+v, want the two campaigns", r.Campaigns)
	}
	// Listed by window, whatever the order of the input.
	for i := 1; i < len(r.Campaigns.Items); i++ {
		if a, b := r.Campaigns.Items[i-1].Window, r.Campaigns.Items[i].Window; b.Start.Before(a.Start) {
			t.Errorf("campaign %d starts %v, before the one above it (%v)", i, b.Start, a.Start)
		}
	}
	in.Campaigns = slices.Clone(s.Campaigns)
	slices.Reverse(in.Campaigns)
	rev, err := Build(in, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := campaignIDs(rev), campaignIDs(r); !slices.Equal(got, want) {
		t.Errorf("campaigns given in reverse are listed %v, want %v", got, want)
	}
	want := map[string]struct {
		verdict    string
		randomised bool
		kind       Kind
		sev        Severity
	}{"crm-vip": {"pays", true, Strength, Info}, "crm-sms": {"does_not_pay", false, Problem, Warning}}
	for _, c := range r.Campaigns.Items {
		w := want[c.ID]
		if c.Verdict != w.verdict || c.Randomised != w.randomised {
			t.Errorf("%s: verdict %s, randomised %v; want %s, %v", c.ID, c.Verdict, c.Randomised, w.verdict, w.randomised)
		}
		found := false
		for _, f := range r.Findings {
			if f.Rule == "campaign_verdict" && f.Evidence[0].Subject == c.Name {
				found = f.Kind == w.kind && f.Severity == w.sev
			}
		}
		if !found {
			t.Errorf("%s: no campaign_verdict finding of kind %v, severity %v", c.ID, w.kind, w.sev)
		}
	}
}

// TestCampaignsBadRecords: a target or redemption of a campaign that is
// not in the campaigns is an error of the review, naming the record.
func TestCampaignsBadRecords(t *testing.T) {
	cny := money.MustCurrency("CNY")
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	o := metrics.Order{ID: "o1", CustomerID: "u1", PlacedAt: day(3).Add(time.Hour), Status: metrics.Paid, Currency: cny,
		Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: cny.FromMinor(1000)}}}
	// Orders of another customer before the pre-window and after the
	// window, so that the data cover what the campaign's comparison
	// reads (see TestCampaignsCoverage).
	early, late := o, o
	early.ID, early.CustomerID, early.PlacedAt = "o0", "u3", day(1).AddDate(0, 0, -20)
	late.ID, late.CustomerID, late.PlacedAt = "o2", "u3", day(20)
	orders := []metrics.Order{early, o, late}
	in := Input{Orders: slices.Values(orders),
		Campaigns:       []campaign.Campaign{{ID: "c", Window: metrics.Period{Start: day(1), End: day(10)}, Cost: cny.Zero()}},
		CampaignTargets: []campaign.Target{{Campaign: "c", Customer: "u1"}, {Campaign: "nope", Customer: "u2"}}}
	_, err := Build(in, Config{Period: metrics.MonthOf(2025, time.March, time.UTC)})
	var re *campaign.RecordError
	if !errors.Is(err, campaign.ErrUnknownCampaign) || !errors.As(err, &re) || re.Index != 1 {
		t.Errorf("err = %v, want a *campaign.RecordError of record 1 (index 1)", err)
	}
	in.CampaignTargets = in.CampaignTargets[:1]
	in.Orders = slices.Values(orders)
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.March, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Campaigns == nil || r.Campaigns.Items[0].Targeted != 1 || !r.Campaigns.Items[0].Response.Equal(metrics.CountRatio(1, 1)) {
		t.Errorf("campaigns %+v, want one target who responded", r.Campaigns)
	}
	r, err = Build(Input{Orders: slices.Values([]metrics.Order{o})}, Config{Period: metrics.MonthOf(2025, time.March, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Campaigns != nil {
		t.Error("a review without campaigns has a campaigns part")
	}
}

// campaignIDs returns the IDs of the campaigns r lists, in order.
func campaignIDs(r *Review) []string {
	var ids []string
	for _, c := range r.Campaigns.Items {
		ids = append(ids, c.ID)
	}
	return ids
}
