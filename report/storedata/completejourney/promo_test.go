package completejourney

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
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
	src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_campaigns_10_16.csv.gz", Coupons: "coupons_200_per_campaign.csv.gz",
		Campaigns: "campaign_descriptions.csv", Targets: "campaigns_10_16.csv.gz", Redemptions: "coupon_redemptions_10_16.csv.gz",
		Options: storedata.Options{Location: ny}}
	in, _, err := src.Input()
	if err != nil {
		t.Fatal(err)
	}
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
