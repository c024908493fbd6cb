package completejourney

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
	crm "github.com/shopmetrics/shopmetrics/promo/campaign"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// The Complete Journey has no unit costs: its campaigns measured with
// promo directly, as a library user would, count every unit of the lift
// as sold without a cost, and give no ROI and no verdict. (Before promo
// counted such units, its gross profit was the whole net sales, and
// campaigns read "pays".) The units are counted here again from the
// orders themselves: those of the campaign's products over its
// pre-period and window.
func TestCampaignsWithoutCosts(t *testing.T) {
	ny := newYork(t)
	in := campaignsInput(t, ny)
	var orders []metrics.Order
	for o := range in.Orders {
		o.Lines = slices.Clone(o.Lines) // the reader may reuse them
		orders = append(orders, o)
	}
	l := promo.Ledger{Location: ny}
	if err := l.Track(in.Promotions...); err != nil {
		t.Fatal(err)
	}
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	analysed := 0
	for _, p := range in.Promotions {
		r, err := l.Analyze(p.ID, promo.Config{})
		if errors.Is(err, promo.ErrWindowOutsideData) || errors.Is(err, promo.ErrPrePeriodTooShort) {
			continue
		}
		if err != nil {
			t.Fatalf("campaign %s: %v", p.ID, err)
		}
		var want int64
		scope := map[string]bool{}
		for _, s := range p.Scope.SKUs {
			scope[s] = true
		}
		for _, o := range orders {
			if o.Status == metrics.Cancelled || o.PlacedAt.Before(r.Pre.Start) || !o.PlacedAt.Before(r.Window.End) {
				continue
			}
			for _, ln := range o.Lines {
				if scope[ln.SKU] && ln.UnitCost.IsZero() {
					want += ln.Quantity
				}
			}
		}
		if want == 0 {
			continue // nothing of its products sold
		}
		analysed++
		if r.Lift.CostMissing != want {
			t.Errorf("campaign %s: Lift.CostMissing = %d, want %d", p.ID, r.Lift.CostMissing, want)
		}
		if r.ROI.Defined() || r.ROILow.Defined() || r.NetROI.Defined() || r.Outcome != promo.Inconclusive || r.Lift.Verdict != promo.Undetermined {
			t.Errorf("campaign %s: ROI %v [%v, %v], net %v, %v, lift %v: want n/a", p.ID, r.ROI, r.ROILow, r.ROIHigh, r.NetROI, r.Outcome, r.Lift.Verdict)
		}
		if !slices.ContainsFunc(r.Caveats, func(c string) bool { return strings.HasPrefix(c, "ROI and the verdict not estimated") }) {
			t.Errorf("campaign %s: caveats %q", p.ID, r.Caveats)
		}
	}
	if analysed == 0 {
		t.Fatal("no campaign analysed")
	}
	t.Logf("%d campaigns analysed", analysed)
}

// The same for the CRM campaigns measured with promo/campaign directly:
// every order lacks a cost, so that CostMissing is every order the
// observational comparison reads (counted here again from the orders:
// those of the window and the pre-window of the targeted customers and
// of the customers not on the list who ordered before the window), and
// no gross-profit comparison is given.
func TestCRMCampaignsWithoutCosts(t *testing.T) {
	ny := newYork(t)
	in := campaignsInput(t, ny)
	var orders []metrics.Order
	var l crm.Ledger
	if err := l.Track(in.Campaigns...); err != nil {
		t.Fatal(err)
	}
	for o := range in.Orders {
		o.Lines = slices.Clone(o.Lines)
		orders = append(orders, o)
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := l.Analyze(in.CampaignTargets, in.Redemptions, crm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for _, r := range rs {
		w := r.Campaign.Window
		pre := w.Start.Add(-w.End.Sub(w.Start))
		targeted, before := map[string]bool{}, map[string]bool{}
		for _, tg := range in.CampaignTargets {
			if tg.Campaign == r.Campaign.ID && tg.Group == crm.Targeted {
				targeted[tg.Customer] = true
			}
		}
		for _, o := range orders {
			if o.Status != metrics.Cancelled && o.PlacedAt.Before(w.Start) {
				before[o.CustomerID] = true
			}
		}
		var want int64
		for _, o := range orders {
			if o.Status == metrics.Cancelled || o.CustomerID == "" || o.PlacedAt.Before(pre) || !o.PlacedAt.Before(w.End) {
				continue
			}
			if targeted[o.CustomerID] || before[o.CustomerID] {
				want++
			}
		}
		if r.Randomised {
			t.Fatalf("campaign %s: randomised; the Complete Journey has no holdouts", r.Campaign.ID)
		}
		if r.CostMissing != want {
			t.Errorf("campaign %s: CostMissing = %d, want %d", r.Campaign.ID, r.CostMissing, want)
		}
		if want > 0 {
			read++
			if r.IncrementalProfit.Defined() || r.Gain.Defined() || r.ROI.Defined() || r.Outcome != promo.Inconclusive || r.ProfitPer.Defined() && r.Responders > 0 {
				t.Errorf("campaign %s: incremental profit %v, gain %v, ROI %v, outcome %v, profit per target %v: want n/a",
					r.Campaign.ID, r.IncrementalProfit, r.Gain, r.ROI, r.Outcome, r.ProfitPer)
			}
		}
	}
	if read == 0 {
		t.Fatal("no campaign read an order")
	}
	t.Logf("%d of %d campaigns read orders", read, len(rs))
}

// campaignsInput is the input of the campaigns' slices, in loc.
func campaignsInput(t *testing.T, loc *time.Location) report.Input {
	t.Helper()
	src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_campaigns_10_16.csv.gz", Coupons: "coupons_200_per_campaign.csv.gz",
		Campaigns: "campaign_descriptions.csv", Targets: "campaigns_10_16.csv.gz", Redemptions: "coupon_redemptions_10_16.csv.gz",
		Options: storedata.Options{Location: loc}}
	in, _, err := src.Input()
	if err != nil {
		t.Fatal(err)
	}
	return in
}
