package report

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// TestCampaignOverlaps: an observational campaign A (Dec 1–15) and a
// randomised one B (Dec 10 12:00 – Dec 20) share 5.5 days, counted as 6;
// B targeted c1 (on A's list), c2 (who first ordered before A's window:
// A's comparison), c3 (first ordered after A began: in neither group of
// A), and held out c1 and c4. A targeted c1 and c5, and c5 is in B's
// holdout. C (Dec 20–31) touches neither window.
func TestCampaignOverlaps(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2025, 12, d, h, 0, 0, 0, time.UTC) }
	camp := func(id string, from, to time.Time) campaign.Campaign {
		return campaign.Campaign{ID: id, Name: id, Window: metrics.Period{Start: from, End: to}}
	}
	res := []campaign.Result{
		{Campaign: camp("A", day(1, 0), day(16, 0))},
		{Campaign: camp("B", day(10, 12), day(21, 0)), Randomised: true},
		{Campaign: camp("C", day(21, 0), day(31, 0))},
	}
	ts := []campaign.Target{
		{Campaign: "A", Customer: "c1"}, {Campaign: "A", Customer: "c5"},
		{Campaign: "B", Customer: "c1"}, {Campaign: "B", Customer: "c2"}, {Campaign: "B", Customer: "c3"},
		{Campaign: "B", Customer: "c4", Group: campaign.Control}, {Campaign: "B", Customer: "c5", Group: campaign.Control},
		{Campaign: "C", Customer: "c1"}, {Campaign: "C", Customer: "c2"},
	}
	first := map[string]time.Time{"c1": day(1, 0).AddDate(0, -1, 0), "c2": day(1, 0).AddDate(0, -2, 0), "c3": day(5, 0), "c4": day(1, 0).AddDate(-1, 0, 0)}
	got := campaignOverlaps(res, ts, func(id string) (time.Time, bool) { at, ok := first[id]; return at, ok })
	want := map[string][]CampaignOverlap{
		// A: B targeted c1 (A's targeted) and c2 (A's comparison); c3
		// first ordered after A began.
		"A": {{With: "B", Days: 6, Targeted: 1, Compared: 1}},
		// B (randomised): A targeted c1 (B's targeted) and c5 (B's
		// holdout).
		"B": {{With: "A", Days: 6, Targeted: 1, Compared: 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("overlaps (-want +got):\n%s", diff)
	}
}

// TestCampaignOverlapsDemo: the demo's December has the observational
// "老客召回短信" and the randomised "VIP专享券" 11 days together. The
// figures were recomputed independently from the files `review -export`
// writes (python3 over campaign_targets.csv and order_lines.csv: the
// SMS's targets, and the 3,616 customers not on its list with a
// non-cancelled order before its window, against the coupon's targets;
// the coupon's 1,250 targeted and 625 held out against the SMS's
// targets).
func TestCampaignOverlapsDemo(t *testing.T) {
	s, _ := crmDemo(t)
	r, err := crmReview(s, s.Orders, s.Refunds, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]CampaignOverlap{}
	for _, x := range r.Campaigns.Items {
		got[x.Name] = x.Overlaps
	}
	want := map[string][]CampaignOverlap{
		"老客召回短信": {{With: "VIP专享券", Days: 11, Targeted: 328, Compared: 910}},
		"VIP专享券": {{With: "老客召回短信", Days: 11, Targeted: 328, Compared: 151}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the demo's overlaps (-want +got):\n%s", diff)
	}
}
