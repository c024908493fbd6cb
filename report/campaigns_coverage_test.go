package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// TestCampaignsCoverage: a CRM campaign is measured only when the data
// cover what its comparison reads and it has targeted customers; the
// others get no row, no verdict and no finding, and one note for each
// reason names them, in the page's order, with their count. The data
// run from 2025-02-20 12:00 to 2025-03-31 18:00 (UTC); the review is of
// March 2025. (The Complete Journey's October 2017 had rows of
// "Targeted 0" and comparison responses over partial windows for its
// campaigns 14, 15, 17 and 18, which end after the data and have no
// targets in the slice.)
func TestCampaignsCoverage(t *testing.T) {
	cny := money.MustCurrency("CNY")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, time.UTC) }
	days := func(m1 time.Month, d1 int, m2 time.Month, d2 int) metrics.Period {
		return metrics.Period{Start: at(m1, d1, 0), End: at(m2, d2, 0).AddDate(0, 0, 1)} // both days included
	}
	var orders []metrics.Order
	order := func(customer string, t time.Time) {
		orders = append(orders, metrics.Order{ID: customer + t.Format("0102"), CustomerID: customer, PlacedAt: t, Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: cny.FromMinor(1000), UnitCost: cny.FromMinor(400)}}})
	}
	order("u0", at(time.February, 20, 12)) // the data's first record
	for d := 21; d <= 28; d++ {
		for _, c := range []string{"u1", "u2", "u3", "u4"} {
			order(c, at(time.February, d, 10))
		}
	}
	for d := 1; d <= 31; d++ {
		for _, c := range []string{"u1", "u2", "u3", "u4"} {
			order(c, at(time.March, d, 10))
		}
	}
	order("u0", at(time.March, 31, 18)) // the data's last record

	targets := func(ids ...string) []campaign.Target {
		var ts []campaign.Target
		for _, id := range ids {
			ts = append(ts, campaign.Target{Campaign: id, Customer: "u1"}, campaign.Target{Campaign: id, Customer: "u2"})
		}
		return ts
	}
	holdout := func(ids ...string) []campaign.Target {
		var ts []campaign.Target
		for _, id := range ids {
			ts = append(ts, campaign.Target{Campaign: id, Customer: "u3", Group: campaign.Control}, campaign.Target{Campaign: id, Customer: "u4", Group: campaign.Control})
		}
		return ts
	}
	note := func(key string, names ...string) Note {
		return Note{Section: SectionPromotions, Key: key, Reason: strings.Join(names, ", "), LeftOut: int64(len(names))}
	}
	c := func(id string, w metrics.Period) campaign.Campaign { return campaign.Campaign{ID: id, Window: w} }
	for _, tc := range []struct {
		name      string
		campaigns []campaign.Campaign
		targets   []campaign.Target
		want      []string // the IDs measured
		notes     []Note
	}{
		{
			name:      "covered",
			campaigns: []campaign.Campaign{c("mid", days(time.March, 10, time.March, 20))},
			targets:   targets("mid"),
			want:      []string{"mid"},
		},
		{
			// The last day of the window is the data's last: covered.
			name:      "ends on the data's last day",
			campaigns: []campaign.Campaign{c("edge", days(time.March, 15, time.March, 31))},
			targets:   targets("edge"),
			want:      []string{"edge"},
		},
		{
			// Partly after the data: its last days are not in them.
			name:      "ends after the data",
			campaigns: []campaign.Campaign{c("mid", days(time.March, 10, time.March, 20)), c("late", days(time.March, 25, time.April, 10)), c("next", days(time.March, 31, time.April, 1))},
			targets:   targets("mid", "late", "next"),
			want:      []string{"mid"},
			notes:     []Note{note("campaign_after_data", "late", "next")},
		},
		{
			// Randomised, from the data's first day (a record that day
			// counts) or later: its window is all the comparison reads.
			name:      "randomised from the data's first day",
			campaigns: []campaign.Campaign{c("first", days(time.February, 20, time.March, 3)), c("second", days(time.February, 21, time.March, 3))},
			targets:   append(targets("first", "second"), holdout("first", "second")...),
			want:      []string{"first", "second"},
		},
		{
			// Partly before the data: its first days are not in them.
			name:      "starts before the data",
			campaigns: []campaign.Campaign{c("before", days(time.February, 19, time.March, 3))},
			targets:   append(targets("before"), holdout("before")...),
			notes:     []Note{note("campaign_before_data", "before")},
		},
		{
			// Observational: the difference in differences reads the
			// 8 days before the window, 2025-02-17 to 02-24, which the
			// data do not reach; 8 days later they do.
			name:      "observational, pre-window before the data",
			campaigns: []campaign.Campaign{c("obs", days(time.February, 25, time.March, 4)), c("obs-later", days(time.March, 5, time.March, 12))},
			targets:   targets("obs", "obs-later"),
			want:      []string{"obs-later"},
			notes:     []Note{note("campaign_before_data", "obs")},
		},
		{
			// No targeted customer: no list, or a holdout alone.
			name:      "no targets",
			campaigns: []campaign.Campaign{c("mid", days(time.March, 10, time.March, 20)), c("nolist", days(time.March, 11, time.March, 20)), c("holdout-only", days(time.March, 12, time.March, 20))},
			targets:   append(targets("mid"), holdout("holdout-only")...),
			want:      []string{"mid"},
			notes:     []Note{note("campaign_no_targets", "nolist", "holdout-only")},
		},
		{
			// Outside the data and without targets: counted once, under
			// its window; every campaign left out leaves the part empty.
			name:      "all left out",
			campaigns: []campaign.Campaign{c("late", days(time.March, 25, time.April, 10)), c("nolist", days(time.March, 11, time.March, 20))},
			notes:     []Note{note("campaign_after_data", "late"), note("campaign_no_targets", "nolist")},
			want:      []string{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Orders: slices.Values(orders), Campaigns: tc.campaigns, CampaignTargets: tc.targets}
			r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.March, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if r.Campaigns == nil {
				t.Fatal("no campaigns part")
			}
			got := []string{}
			for _, x := range r.Campaigns.Items {
				got = append(got, x.ID)
				if x.Targeted == 0 {
					t.Errorf("%s: a row with no targeted customer: %+v", x.ID, x)
				}
			}
			if d := cmp.Diff(append([]string{}, tc.want...), got); d != "" {
				t.Errorf("campaigns measured (-want +got):\n%s", d)
			}
			var notes []Note
			for _, n := range r.NotesOf(SectionPromotions) {
				if n.LeftOut > 0 {
					notes = append(notes, n)
				}
			}
			if d := cmp.Diff(tc.notes, notes); d != "" {
				t.Errorf("notes of campaigns left out (-want +got):\n%s", d)
			}
			for _, f := range r.Findings {
				if f.Rule == "campaign_verdict" && !slices.Contains(tc.want, f.Evidence[0].Subject) {
					t.Errorf("a finding on %s, which is not measured: %v", f.Evidence[0].Subject, f.Title)
				}
			}
		})
	}
}

// TestCampaignsInGap: a CRM campaign whose comparison reads days missing
// from the data (the overview's "orders_gap") is not measured, with a
// note, as one the data do not reach: those days are not days without a
// response. Four customers order every day from 2025-01-01 to 03-31
// (UTC) but for 1 to 14 February; the review is of March 2025.
func TestCampaignsInGap(t *testing.T) {
	at := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 10, 0, 0, 0, time.UTC) }
	days := func(m1 time.Month, d1 int, m2 time.Month, d2 int) metrics.Period {
		return metrics.Period{Start: at(m1, d1).Truncate(24 * time.Hour), End: at(m2, d2).Truncate(24*time.Hour).AddDate(0, 0, 1)}
	}
	orders := gapOrders()
	var targets []campaign.Target
	for _, id := range []string{"rand-gap", "rand-after", "obs-pre-gap", "obs-clear"} {
		targets = append(targets, campaign.Target{Campaign: id, Customer: "u1"}, campaign.Target{Campaign: id, Customer: "u2"})
		if strings.HasPrefix(id, "rand") {
			targets = append(targets, campaign.Target{Campaign: id, Customer: "u3", Group: campaign.Control}, campaign.Target{Campaign: id, Customer: "u4", Group: campaign.Control})
		}
	}
	cs := []campaign.Campaign{
		{ID: "rand-gap", Window: days(time.February, 10, time.March, 2)},    // its window holds 10 to 14 February
		{ID: "rand-after", Window: days(time.February, 20, time.March, 5)},  // randomised: its window alone is read
		{ID: "obs-pre-gap", Window: days(time.February, 20, time.March, 5)}, // its pre-window, 6 to 19 February, holds the gap's end
		{ID: "obs-clear", Window: days(time.March, 1, time.March, 10)},      // its pre-window, 19 to 28 February, is whole
	}
	r, err := Build(Input{Orders: slices.Values(orders), Campaigns: cs, CampaignTargets: targets}, Config{Period: metrics.MonthOf(2025, time.March, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if gaps := notesKeyed(r, SectionOverview, "orders_gap"); len(gaps) != 1 || gaps[0].Reason != "2025-02-01..2025-02-14 (14)" {
		t.Fatalf("orders_gap notes %+v: want one, of 1 to 14 February", gaps)
	}
	var got []string
	for _, x := range r.Campaigns.Items {
		got = append(got, x.ID)
	}
	if d := cmp.Diff([]string{"rand-after", "obs-clear"}, got); d != "" {
		t.Errorf("campaigns measured (-want +got):\n%s", d)
	}
	want := []Note{{Section: SectionPromotions, Key: "campaign_in_gap", Reason: "rand-gap, obs-pre-gap", LeftOut: 2}}
	if d := cmp.Diff(want, notesKeyed(r, SectionPromotions, "campaign_in_gap")); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
}
