package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// TestPromotionPostWindowCampaigns: the demo's CRM campaigns run in the
// fortnight after its 12.12 promotion, so the promotion's pull-forward,
// measured on those days, would be the campaigns' lift (it read
// +CN¥26,904 and turned a net ROI of −65.6 % into +36.3 %): it is not
// measured, the promotion names them, a note says why, and the net ROI
// is n/a. Without the campaigns the pull-forward is measured.
func TestPromotionPostWindowCampaigns(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews its December twice")
	}
	s := sample.Generate(sample.Config{CRM: true})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	in := Input{Orders: slices.Values(s.Orders), Promotions: s.Promotions}
	alone, err := Build(in, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	in.Campaigns, in.CampaignTargets, in.Redemptions = s.Campaigns, s.CampaignTargets, s.Redemptions
	with, err := Build(in, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	if alone.Promotions == nil || len(alone.Promotions.Items) == 0 || with.Promotions == nil || len(with.Promotions.Items) != len(alone.Promotions.Items) {
		t.Fatalf("promotions %+v and %+v: want December's promotion in both", alone.Promotions, with.Promotions)
	}
	var names []string
	for _, c := range s.Campaigns {
		if c.Window.Start.Before(dec.End) && c.Window.End.After(dec.Start) {
			names = append(names, c.Label())
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		t.Fatal("the demo has no campaign in December: the test proves nothing")
	}
	a, w := alone.Promotions.Items[0], with.Promotions.Items[0]
	if !a.PullForward.Defined() || len(a.PostOverlaps) != 0 {
		t.Errorf("without campaigns: pull-forward %v, overlaps %q; want it measured", a.PullForward, a.PostOverlaps)
	}
	if w.PullForward.Defined() {
		t.Errorf("with campaigns in the post-window: pull-forward %v, want it not measured", w.PullForward)
	}
	if diff := cmp.Diff(names, w.PostOverlaps); diff != "" {
		t.Errorf("post-window overlaps (-want +got):\n%s", diff)
	}
	// Nothing else measured (a store-wide promotion has no halo and no
	// cannibalization group): the net ROI is n/a, not the ROI again.
	if !w.Cannibalization.Defined() && !w.Halo.Defined() && (w.NetROI.Defined() || !w.ROI.Defined()) {
		t.Errorf("net ROI %v, ROI %v with no side effect measured, want n/a and a ROI", w.NetROI, w.ROI)
	}
	notes := notesKeyed(with, SectionPromotions, "pull_forward_overlap")
	if len(notes) != 1 {
		t.Errorf("pull_forward_overlap notes %+v, want one", notes)
	}
}

// TestPromotionPostWindowUnnamedCampaign: a CRM campaign with neither
// name nor ID outside the period (which the campaigns part does not
// check) used to fail the whole review with promo's
// "Config.Others[0].Name: an activity needs a name"; it is named by its
// place in Input.Campaigns, and leaves the pull-forward of a promotion
// whose post-window it runs in (the demo's 12.12 moved to November's
// last days, reviewed for November) not measured.
func TestPromotionPostWindowUnnamedCampaign(t *testing.T) {
	s := sample.Generate(sample.Config{})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	nov := metrics.PeriodOf(dec.Start.Add(-time.Nanosecond), metrics.Month)
	if len(s.Promotions) == 0 {
		t.Fatal("the demo has no promotion: the test proves nothing")
	}
	late := s.Promotions[len(s.Promotions)-1]
	late.ID, late.Window = "late", metrics.Period{Start: nov.End.AddDate(0, 0, -3), End: nov.End}
	crm := metrics.Period{Start: nov.End.AddDate(0, 0, 2), End: nov.End.AddDate(0, 0, 5)}
	in := Input{Orders: slices.Values(s.Orders), Promotions: []promo.Promotion{late},
		Campaigns: []campaign.Campaign{{ID: "n", Name: "named", Window: nov}, {Window: crm}}}
	r, err := Build(in, Config{Period: nov})
	if err != nil {
		t.Fatalf("a campaign without a name outside the period: %v", err)
	}
	if r.Promotions == nil || len(r.Promotions.Items) != 1 {
		t.Fatalf("promotions %+v, want the one of November's last days measured", r.Promotions)
	}
	x := r.Promotions.Items[0]
	if diff := cmp.Diff([]string{"Campaigns[1]"}, x.PostOverlaps); diff != "" || x.PullForward.Defined() {
		t.Errorf("pull-forward %v; post-window overlaps (-want +got):\n%s", x.PullForward, diff)
	}
}
