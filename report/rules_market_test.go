package report

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
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
