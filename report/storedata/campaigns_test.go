package storedata

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

const (
	campaignsCSV   = "campaign_id,name,start,end,currency,cost\nc1,Spring SMS,2025-03-01,2025-03-14,CNY,800.00\n"
	targetListsCSV = "campaign_id,customer_id,group\nc1,u1,target\nc1,u2,control\nc1,u3,\n"
	redemptionsCSV = "campaign_id,customer_id,day,order_id,currency,discount\nc1,u1,2025-03-02,o9,CNY,10.00\n"
)

func TestReadCampaignFiles(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	cs, errs := Collect(ReadCampaigns(strings.NewReader(campaignsCSV), Options{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []campaign.Campaign{{ID: "c1", Name: "Spring SMS", Window: metrics.Period{Start: day(3, 1), End: day(3, 15)}, Cost: money.MustNew("800.00", "CNY")}}
	if d := cmp.Diff(want, cs, moneyCmp); d != "" {
		t.Errorf("campaigns (-want +got):\n%s", d)
	}
	ts, errs := Collect(ReadCampaignTargets(strings.NewReader(targetListsCSV), Options{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	wantT := []campaign.Target{{Campaign: "c1", Customer: "u1", Group: campaign.Targeted}, {Campaign: "c1", Customer: "u2", Group: campaign.Control}, {Campaign: "c1", Customer: "u3", Group: campaign.Targeted}}
	if d := cmp.Diff(wantT, ts); d != "" {
		t.Errorf("targets (-want +got):\n%s", d)
	}
	rs, errs := Collect(ReadRedemptions(strings.NewReader(redemptionsCSV), Options{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	wantR := []campaign.Redemption{{Campaign: "c1", Customer: "u1", Day: day(3, 2), Order: "o9", Discount: money.MustNew("10.00", "CNY")}}
	if d := cmp.Diff(wantR, rs, moneyCmp); d != "" {
		t.Errorf("redemptions (-want +got):\n%s", d)
	}
}

// TestReadCampaignFilesBad checks that each bad row is an error located at
// its line and column, and that the good rows are still read.
func TestReadCampaignFilesBad(t *testing.T) {
	type loc struct{ Line, Column int }
	tests := []struct {
		name, reason, data string
		read               func(string) (int, []error)
		want               []loc
		is                 error
	}{
		{"end before start", "a window cannot end before it starts", "campaign_id,name,start,end,currency,cost\nc1,,2025-03-05,2025-03-01,CNY,1\nc2,,2025-03-01,2025-03-01,CNY,1\n",
			countRead(ReadCampaigns), []loc{{2, 4}}, nil},
		{"negative cost", "a cost is never negative", "campaign_id,start,end,currency,cost\nc1,2025-03-01,2025-03-02,CNY,-5\n",
			countRead(ReadCampaigns), []loc{{2, 5}}, nil},
		{"duplicate campaign", "campaign IDs are unique", "campaign_id,start,end,currency,cost\nc1,2025-03-01,2025-03-02,CNY,5\nc1,2025-03-01,2025-03-03,CNY,5\n",
			countRead(ReadCampaigns), []loc{{3, 0}}, ErrDuplicateID},
		{"bad group", "the group is target or control", "campaign_id,customer_id,group\nc1,u1,holdout\nc1,u2,control\n",
			countRead(ReadCampaignTargets), []loc{{2, 3}}, nil},
		{"listed twice", "a customer is on a campaign's list once", "campaign_id,customer_id,group\nc1,u1,target\nc1,u1,control\n",
			countRead(ReadCampaignTargets), []loc{{3, 0}}, ErrDuplicateID},
		{"negative discount", "a discount is never negative", "campaign_id,customer_id,day,currency,discount\nc1,u1,2025-03-02,CNY,-1\nc1,u1,2025-03-03,CNY,1\n",
			countRead(ReadRedemptions), []loc{{2, 5}}, nil},
		{"bad day", "a day is a date", "campaign_id,customer_id,day,currency,discount\nc1,u1,03/02/2025,CNY,1\n",
			countRead(ReadRedemptions), []loc{{2, 3}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, errs := tc.read(tc.data)
			var got []loc
			for _, err := range errs {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("%s: %v is not a *ParseError", tc.reason, err)
				}
				got = append(got, loc{pe.Line, pe.Column})
				if tc.is != nil && !errors.Is(err, tc.is) {
					t.Errorf("%s: %v is not %v", tc.reason, err, tc.is)
				}
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("%s: error locations (-want +got):\n%s", tc.reason, d)
			}
			if lines := strings.Count(tc.data, "\n") - 1; n != lines-len(tc.want) {
				t.Errorf("%s: %d records read, want %d", tc.reason, n, lines-len(tc.want))
			}
		})
	}
}

func countRead[T any](read func(r io.Reader, o Options) iter.Seq2[T, error]) func(string) (int, []error) {
	return func(s string) (int, []error) {
		vs, errs := Collect(read(strings.NewReader(s), Options{}))
		return len(vs), errs
	}
}

func TestWriteCampaignFilesRejects(t *testing.T) {
	var buf bytes.Buffer
	noon := campaign.Campaign{ID: "c", Window: metrics.Period{Start: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)}, Cost: money.MustNew("1", "CNY")}
	if err := WriteCampaigns(&buf, slices.Values([]campaign.Campaign{noon})); err == nil {
		t.Error("wrote a window that does not start at midnight")
	}
	if err := WriteCampaignTargets(&buf, slices.Values([]campaign.Target{{Campaign: "c", Customer: "u", Group: campaign.Targeted}, {Campaign: "c", Customer: "u", Group: campaign.Control}})); err == nil {
		t.Error("wrote a customer twice on one list")
	}
	if err := WriteRedemptions(&buf, slices.Values([]campaign.Redemption{{Campaign: "c", Customer: "u", Day: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Discount: money.MustNew("-1", "CNY")}})); err == nil {
		t.Error("wrote a negative discount")
	}
}

func TestDirCampaigns(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"order_lines.csv":        "order_id,customer_id,placed_at,currency,sku,quantity,unit_price\no1,u1,2025-03-02T10:00:00Z,CNY,A,1,50\n",
		"campaigns.csv":          campaignsCSV,
		"campaign_targets.csv":   targetListsCSV,
		"coupon_redemptions.csv": redemptionsCSV + "c1,u2,2025-03-40,,CNY,1\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Input.Campaigns) != 1 || len(s.Input.CampaignTargets) != 3 || len(s.Input.Redemptions) != 1 {
		t.Errorf("read %d campaigns, %d targets, %d redemptions; want 1, 3, 1", len(s.Input.Campaigns), len(s.Input.CampaignTargets), len(s.Input.Redemptions))
	}
	var rejected []string
	for _, r := range s.Input.Rejected {
		rejected = append(rejected, r.File)
	}
	if d := cmp.Diff([]string{"coupon_redemptions.csv"}, rejected); d != "" {
		t.Errorf("files with rejected rows (-want +got):\n%s", d)
	}
}

func FuzzReadCampaigns(f *testing.F) {
	fuzzReader(f, []string{campaignsCSV}, func(r *strings.Reader, o Options) iter.Seq2[campaign.Campaign, error] { return ReadCampaigns(r, o) }, WriteCampaigns)
}

func FuzzReadCampaignTargets(f *testing.F) {
	fuzzReader(f, []string{targetListsCSV}, func(r *strings.Reader, o Options) iter.Seq2[campaign.Target, error] { return ReadCampaignTargets(r, o) }, WriteCampaignTargets)
}

func FuzzReadRedemptions(f *testing.F) {
	fuzzReader(f, []string{redemptionsCSV}, func(r *strings.Reader, o Options) iter.Seq2[campaign.Redemption, error] { return ReadRedemptions(r, o) }, WriteRedemptions)
}
