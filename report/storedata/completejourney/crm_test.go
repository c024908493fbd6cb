package completejourney

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	crm "github.com/shopmetrics/shopmetrics/promo/campaign"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// TestCRMCampaigns measures campaigns 10 and 16 (Type B) of the real data
// on the committed slice (testdata/CREDIT.md): their lists
// (campaigns_10_16.csv.gz, every row of campaigns.csv for them), their
// redemptions (every row of coupon_redemptions.csv for them) and the lines
// of the package's 75,000-line transaction sample by their households
// from the start of each pre-window to the end of each window.
//
// The expected figures were computed independently with python3's csv
// module on the full files of ../shared/datasets/completejourney_sample:
// the households of each list; responders, those with a sample line of
// quantity other than 0
// dated (local date of transaction_timestamp) from start_date to end_date;
// redeemers, the listed households with a redemption of the campaign;
// and the campaign's redemptions:
//
//	campaign 10: 123 households, 102 responders, 10 redeemers, 15 redemptions
//	campaign 16: 188 households, 174 responders, 19 redeemers, 43 redemptions
//
// The sample holds about 5 % of the lines at random, so a household's
// response is seen only if one of its sampled lines falls in the window:
// the response rates are those of the sample, lower bounds of the true
// ones. The slice has no household off both lists, so each campaign's
// comparison group is the other list's households: its incremental
// figures mean nothing here and are not checked. The data names no
// campaign's cost: it is not known, so the gain and ROI are undefined.
func TestCRMCampaigns(t *testing.T) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_campaigns_10_16.csv.gz", Coupons: "coupons_200_per_campaign.csv.gz",
		Campaigns: "campaign_descriptions.csv", Targets: "campaigns_10_16.csv.gz", Redemptions: "coupon_redemptions_10_16.csv.gz",
		Options: storedata.Options{Location: loc}}
	in, errs, err := src.Input()
	if err != nil {
		t.Fatal(err)
	}
	// The 31 lines of quantity 0 in the slice are rejected, as the reader
	// documents; python3 counts them too (no responder depends on them).
	if len(errs) != 31 || !errors.Is(errs[0], ErrNoQuantity) {
		t.Fatalf("%d errors (%v), want the 31 lines of quantity 0", len(errs), errs[:min(len(errs), 1)])
	}
	if len(in.Campaigns) != 27 || len(in.CampaignTargets) != 123+188 || len(in.Redemptions) != 15+43 {
		t.Fatalf("%d campaigns, %d targets, %d redemptions; want 27, 311, 58", len(in.Campaigns), len(in.CampaignTargets), len(in.Redemptions))
	}
	var cs []crm.Campaign
	for _, c := range in.Campaigns {
		if c.ID == "10" || c.ID == "16" {
			cs = append(cs, c)
		}
	}
	var l crm.Ledger
	if err := l.Track(cs...); err != nil {
		t.Fatal(err)
	}
	for o := range in.Orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := l.Analyze(in.CampaignTargets, in.Redemptions, crm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID                                        string
		Window                                    string
		Targeted, Responders, Redeemers, Redeemed int64
		Unvalued                                  int64 // the data names no coupon's value
		Response, Redemption                      metrics.Ratio
		Randomised                                bool
		CostKnown                                 bool // the data names no campaign's cost
		Gain, ROI                                 metrics.Value
	}
	var got []row
	for _, r := range rs {
		got = append(got, row{r.Campaign.ID, r.Campaign.Window.Label(), r.Targeted, r.Responders, r.Redeemers, r.Redemptions,
			r.Unvalued, r.Response, r.Redemption, r.Randomised, r.Campaign.CostKnown(), r.Gain, r.ROI})
	}
	u, ur := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio)
	want := []row{
		{"10", "2017-06-28..2017-07-30", 123, 102, 10, 15, 15, metrics.CountRatio(102, 123), metrics.CountRatio(10, 123), false, false, u, ur},
		{"16", "2017-10-04..2017-11-05", 188, 174, 19, 43, 43, metrics.CountRatio(174, 188), metrics.CountRatio(19, 188), false, false, u, ur},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestReadCRMFilesBad(t *testing.T) {
	tests := []struct {
		name, reason, data string
		read               func(string) []error
		line               int
		col                string
	}{
		{"duplicate household", "a household is on a campaign's list once", "campaign_id,household_id\n1,7\n1,7\n",
			func(s string) []error {
				_, e := storedata.Collect(ReadTargets(strings.NewReader(s), storedata.Options{}))
				return e
			}, 3, "household_id"},
		{"bad day", "a redemption date is a day", "household_id,coupon_upc,campaign_id,redemption_date\n7,1,1,2017-13-01\n",
			func(s string) []error {
				_, e := storedata.Collect(ReadRedemptions(strings.NewReader(s), storedata.Options{}))
				return e
			}, 2, "redemption_date"},
		{"end before start", "a window cannot end before it starts", "campaign_id,campaign_type,start_date,end_date\n1,Type A,2017-03-05,2017-03-01\n",
			func(s string) []error {
				_, e := storedata.Collect(ReadCRMCampaigns(strings.NewReader(s), storedata.Options{}))
				return e
			}, 2, "end_date"},
		{"empty campaign", "a target names its campaign", "campaign_id,household_id\n,7\n",
			func(s string) []error {
				_, e := storedata.Collect(ReadTargets(strings.NewReader(s), storedata.Options{}))
				return e
			}, 2, "campaign_id"},
	}
	for _, tc := range tests {
		errs := tc.read(tc.data)
		var pe *storedata.ParseError
		if len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Line != tc.line || pe.Name != tc.col {
			t.Errorf("%s: %s: errors %v, want one *storedata.ParseError at line %d, column %s", tc.name, tc.reason, errs, tc.line, tc.col)
		}
	}
}

func FuzzReadTargets(f *testing.F) {
	f.Add("campaign_id,household_id\n1,7\n2,7\n")
	f.Fuzz(func(t *testing.T, data string) {
		vals, errs := storedata.Collect(ReadTargets(strings.NewReader(data), storedata.Options{}))
		checkLocated(t, errs)
		for _, v := range vals {
			if v.Campaign == "" || v.Customer == "" {
				t.Fatalf("target %+v without a campaign or a household", v)
			}
		}
	})
}

func FuzzReadRedemptions(f *testing.F) {
	f.Add("household_id,coupon_upc,campaign_id,redemption_date\n1029,51380041013,26,2017-01-01\n")
	f.Fuzz(func(t *testing.T, data string) {
		vals, errs := storedata.Collect(ReadRedemptions(strings.NewReader(data), storedata.Options{}))
		checkLocated(t, errs)
		if slices.ContainsFunc(vals, func(r crm.Redemption) bool { return r.Day.IsZero() }) {
			t.Fatal("a redemption without a day")
		}
	})
}

func FuzzReadCRMCampaigns(f *testing.F) {
	f.Add("campaign_id,campaign_type,start_date,end_date\n1,Type B,2017-03-03,2017-04-09\n")
	f.Fuzz(func(t *testing.T, data string) {
		vals, errs := storedata.Collect(ReadCRMCampaigns(strings.NewReader(data), storedata.Options{}))
		checkLocated(t, errs)
		var l crm.Ledger
		if err := l.Track(vals...); err != nil {
			t.Fatalf("a campaign read is one the ledger refuses: %v", err)
		}
	})
}

// checkLocated fails unless every error is a *storedata.ParseError with a
// line, or the one error is a *storedata.FileError.
func checkLocated(t *testing.T, errs []error) {
	for _, err := range errs {
		var pe *storedata.ParseError
		var fe *storedata.FileError
		if !(errors.As(err, &pe) && pe.Line >= 1) && !(errors.As(err, &fe) && len(errs) == 1) {
			t.Fatalf("error %v is not located", err)
		}
	}
}
