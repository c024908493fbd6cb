package report

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
)

// TestCampaignsOn checks which CRM campaigns ran on a competitor's
// promotion days, read in the period's time zone: a window is its days
// from its first to the day of its last moment.
func TestCampaignsOn(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2025, time.December, d, 0, 0, 0, 0, sh) }
	r := &Review{Period: metrics.MonthOf(2025, time.December, sh), Campaigns: &Campaigns{Items: []CampaignResult{
		{ID: "vip", Name: "VIP", Window: metrics.Period{Start: day(15), End: day(29)}},
		{ID: "sms", Window: metrics.Period{Start: day(18), End: day(18).Add(time.Hour)}}, // one hour of the 18th
		{ID: "late", Name: "Late", Window: metrics.Period{Start: day(20), End: day(31)}},
		{ID: "empty", Name: "Empty", Window: metrics.Period{Start: day(19), End: day(19)}},
	}}}
	for _, tt := range []struct {
		days  []string
		names []string
		all   bool
	}{
		{[]string{"2025-12-18", "2025-12-19"}, []string{"VIP", "sms"}, true},
		{[]string{"2025-12-14", "2025-12-18"}, []string{"VIP", "sms"}, false},
		{[]string{"2025-12-29"}, []string{"Late"}, true}, // VIP's window ends at midnight of the 29th
		{[]string{"2025-12-01"}, nil, false},
	} {
		names, all := campaignsOn(r, tt.days)
		if diff := cmp.Diff(tt.names, names); diff != "" || all != tt.all {
			t.Errorf("%v: all %v, want %v; names (-want +got):\n%s", tt.days, all, tt.all, diff)
		}
	}
	if names, all := campaignsOn(&Review{Period: r.Period}, []string{"2025-12-18"}); names != nil || all {
		t.Errorf("no campaigns: %v, %v", names, all)
	}
}

// TestCompetitorPromotionsOneCampaign: one CRM campaign on a
// competitor's promotion days is 'our CRM campaign', not 'campaigns'.
func TestCompetitorPromotionsOneCampaign(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, time.December, d, 0, 0, 0, 0, time.UTC) }
	r := &Review{Period: metrics.MonthOf(2025, time.December, time.UTC),
		Market: &Market{Summary: market.Summary{Promotions: []market.PromotionDays{
			{Competitor: "PDD", Days: []string{"2025-12-18", "2025-12-19"}, Alone: []string{"2025-12-18", "2025-12-19"}},
			{Competitor: "TM", Days: []string{"2025-12-18"}, Alone: []string{"2025-12-18"}},
		}}},
		Campaigns: &Campaigns{Items: []CampaignResult{{ID: "vip", Name: "VIP", Window: metrics.Period{Start: day(15), End: day(29)}}}}}
	var got []Message
	for _, f := range competitorPromotionsAlone(r) {
		got = append(got, f.Title)
	}
	vip := DataArg("VIP")
	want := []Message{
		Say("%s ran promotions on %s days of the period (%s), none of them a promotion day of ours; our CRM campaign %s ran on all of them, for its targeted customers only.",
			"%s在本期有%s天促销（%s），均不在我方促销日内；我方CRM活动%s在这些日期进行，但只面向其目标客户。",
			DataArg("PDD"), ValueArg(metrics.CountValue(2)), DataArg("2025-12-18, 2025-12-19"), vip),
		Say("%s ran promotions on %s day of the period (%s), not a promotion day of ours; our CRM campaign %s ran on it, for its targeted customers only.",
			"%s在本期有%s天促销（%s），不在我方促销日内；我方CRM活动%s在当天进行，但只面向其目标客户。",
			DataArg("TM"), ValueArg(metrics.CountValue(1)), DataArg("2025-12-18"), vip),
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b metrics.Value) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
}
