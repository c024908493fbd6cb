package completejourney

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// TestCRMReviewCostUnknown: the review of October 2017 from the committed
// slice measures campaign 16 only, with its cost not known: Cost nil, and
// the CRM table's Cost, ROI and ROI interval cells read n/a (— in
// Chinese), never $0.00, with the note that names the campaigns whose
// cost is not recorded. The month's other campaigns, 14, 15, 17 and 18,
// run past the data's last record (2017-11-05; their windows end
// 2017-11-08, 2018-02-28, 2017-11-19 and 2017-12-24) and have no targets
// in the slice: they get no row, and one note names the four. (Before,
// they had rows of "Targeted 0", a comparison response over the part of
// their window in the data, and an "inconclusive" finding each.)
func TestCRMReviewCostUnknown(t *testing.T) {
	loc := newYork(t)
	src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_campaigns_10_16.csv.gz", Coupons: "coupons_200_per_campaign.csv.gz",
		Campaigns: "campaign_descriptions.csv", Targets: "campaigns_10_16.csv.gz", Redemptions: "coupon_redemptions_10_16.csv.gz",
		Options: storedata.Options{Location: loc}}
	in, _, err := src.Input() // the 31 lines of quantity 0: see TestCRMCampaigns
	if err != nil {
		t.Fatal(err)
	}
	in.Store = "Complete Journey slice"
	r, err := report.Build(in, report.Config{Period: metrics.MonthOf(2017, time.October, loc)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Campaigns == nil {
		t.Fatalf("no CRM campaigns part: %v", r.Omitted)
	}
	var c16 *report.CampaignResult
	for i, c := range r.Campaigns.Items {
		if c.Cost != nil {
			t.Errorf("campaign %s: cost %v, want nil (not known)", c.ID, *c.Cost)
		}
		if c.Gain.Defined() || c.ROI.Defined() {
			t.Errorf("campaign %s: gain %v, ROI %v; want n/a", c.ID, c.Gain, c.ROI)
		}
		if c.ID == "16" {
			c16 = &r.Campaigns.Items[i]
		}
	}
	if c16 == nil || c16.Targeted != 188 {
		t.Fatalf("campaign 16: %+v, want its 188 targets", c16)
	}
	var ids []string
	for _, c := range r.Campaigns.Items {
		ids = append(ids, c.ID)
	}
	if want := []string{"16"}; !slices.Equal(ids, want) {
		t.Errorf("campaigns measured %v, want %v", ids, want)
	}
	var left []report.Note
	for _, n := range r.NotesOf(report.SectionPromotions) {
		if strings.HasPrefix(n.Key, "campaign_") && n.LeftOut > 0 && n.Key != "campaign_unvalued" {
			left = append(left, n)
		}
	}
	wantLeft := []report.Note{{Section: report.SectionPromotions, Key: "campaign_after_data",
		Reason: "Type C campaign 14, Type C campaign 15, Type B campaign 17, Type A campaign 18", LeftOut: 4}}
	if d := cmp.Diff(wantLeft, left); d != "" {
		t.Errorf("campaigns left out (-want +got):\n%s", d)
	}
	for _, f := range r.Findings {
		if f.Rule == "campaign_verdict" && f.Evidence[0].Subject != "Type B campaign 16" {
			t.Errorf("finding of a campaign not measured: %+v", f.Title)
		}
	}
	for _, l := range []render.Language{render.English, render.Chinese} {
		rd, err := render.ForFormat("markdown", l)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rd.Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		na := render.Formatter{Lang: l}.NA()
		// The effect table: | name | per targeted | per comparison |
		// incremental | interval | profit | interval | cost | ROI | ROI
		// interval | verdict |, the only table whose rows have 11 cells.
		rows := 0
		for _, line := range strings.Split(page, "\n") {
			cells := strings.Split(strings.Trim(line, "|"), "|")
			if len(cells) != 11 || !strings.Contains(cells[0], "campaign 16") {
				continue
			}
			rows++
			for i, name := range map[int]string{7: "cost", 8: "ROI", 9: "ROI interval"} {
				if got := strings.TrimSpace(cells[i]); got != na {
					t.Errorf("%v: campaign 16's %s cell is %q, want %q: %s", l, name, got, na, line)
				}
			}
		}
		if rows != 1 {
			t.Errorf("%v: %d effect rows of campaign 16, want 1", l, rows)
		}
		if want := render.Label("campaign_uncosted", l); !strings.Contains(page, want) || !strings.Contains(page, "Type B campaign 16") {
			t.Errorf("%v: no note %q naming campaign 16", l, want)
		}
		// The promotion of campaign 16: its cost not recorded, never
		// zero (it was "its cost is zero (no discount given, no fixed or
		// media cost)", while 43 of its coupons were redeemed).
		if bad := render.Label("zero_cost_promo", l); strings.Contains(page, bad) {
			t.Errorf("%v: the page says %q", l, bad)
		}
		if want := render.Label("promo_uncosted", l) + lp(l) + "Type B campaign 16"; !strings.Contains(page, want) {
			t.Errorf("%v: no note %q", l, want)
		}
		colon := ": "
		if l == render.Chinese {
			colon = "："
		}
		if want := render.Label("campaign_after_data", l) + lp(l) + wantLeft[0].Reason + colon + "4"; !strings.Contains(page, want) {
			t.Errorf("%v: no note %q", l, want)
		}
	}
}

// lp is the opening parenthesis of a note in l.
func lp(l render.Language) string {
	if l == render.Chinese {
		return "（"
	}
	return " ("
}
