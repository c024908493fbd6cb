package completejourney

import (
	"errors"

	"github.com/google/go-cmp/cmp"
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
		// The slice's products have no category: no cannibalization
		// group (it would be every other product) and no halo.
		if r.Cannibalization.Measured || r.Halo.Measured {
			t.Errorf("campaign %s: cannibalization measured %v, halo measured %v; want neither (no categories)", p.ID, r.Cannibalization.Measured, r.Halo.Measured)
		}
		want := unitsWithoutCost(orders, p.Scope.SKUs, r.Pre.Start, r.Window.End)
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
		want := comparedOrders(orders, in.CampaignTargets, r.Campaign)
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

// unitsWithoutCost counts, as promo's Effect.CostMissing of a lift, the
// units of skus sold without a unit cost in orders not cancelled placed in
// [from, to): every unit of the Complete Journey's.
func unitsWithoutCost(orders []metrics.Order, skus []string, from, to time.Time) int64 {
	var n int64
	for _, o := range orders {
		if o.Status == metrics.Cancelled || o.PlacedAt.Before(from) || !o.PlacedAt.Before(to) {
			continue
		}
		for _, ln := range o.Lines {
			if slices.Contains(skus, ln.SKU) && ln.UnitCost.IsZero() {
				n += ln.Quantity
			}
		}
	}
	return n
}

// sameCategories returns the SKUs outside skus of the categories of skus,
// as the orders' lines give them.
func sameCategories(orders []metrics.Order, skus []string) []string {
	cats := map[string]bool{}
	for _, o := range orders {
		for _, ln := range o.Lines {
			if slices.Contains(skus, ln.SKU) {
				cats[ln.Category] = true
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, o := range orders {
		for _, ln := range o.Lines {
			if cats[ln.Category] && !seen[ln.SKU] && !slices.Contains(skus, ln.SKU) {
				seen[ln.SKU] = true
				out = append(out, ln.SKU)
			}
		}
	}
	return out
}

// comparedOrders counts the orders that campaign c's observational
// comparison reads, as campaign.Result.CostMissing does when every order
// lacks a cost: those of the window and of the equal pre-window before it,
// of its targeted customers and of the customers not on the list who
// ordered before the window.
func comparedOrders(orders []metrics.Order, targets []crm.Target, c crm.Campaign) int64 {
	w := c.Window
	// The slice's windows are whole days in New York: the pre-window is
	// as many calendar days, counted here a day at a time (one of equal
	// duration would start at 23:00 for a window over a clock change).
	pre := w.Start
	for d := w.Start; d.Before(w.End); d = d.AddDate(0, 0, 1) {
		pre = pre.AddDate(0, 0, -1)
	}
	targeted, before := map[string]bool{}, map[string]bool{}
	for _, tg := range targets {
		if tg.Campaign == c.ID && tg.Group == crm.Targeted {
			targeted[tg.Customer] = true
		}
	}
	for _, o := range orders {
		if o.Status != metrics.Cancelled && o.PlacedAt.Before(w.Start) {
			before[o.CustomerID] = true
		}
	}
	var n int64
	for _, o := range orders {
		if o.Status == metrics.Cancelled || o.CustomerID == "" || o.PlacedAt.Before(pre) || !o.PlacedAt.Before(w.End) {
			continue
		}
		if targeted[o.CustomerID] || before[o.CustomerID] {
			n++
		}
	}
	return n
}

// TestReviewWithoutCosts: the reviews of the Complete Journey slices,
// which have no unit costs, count on their pages what the library counts,
// each counted here again from the orders: for each promotion measured,
// its promoted units in its pre-period (the 4 weeks before) and window,
// or else its side effects' units; for each CRM campaign, its compared
// orders; each in a note, with ROI, gain and the verdicts n/a. The data
// record no promotion's cost either: one "promo_uncosted" note names
// every promotion measured, and none is said to cost zero. October
// 2017 of the campaigns' slice has one promotion (none of whose items
// sold: its cannibalization reads 371,613 units) and five CRM campaigns,
// of which only campaign 16 is measured (TestCRMReviewCostUnknown);
// June 2017 of the 5,000 households' sample has promotions that sold.
func TestReviewWithoutCosts(t *testing.T) {
	ny := newYork(t)
	t.Run("2017-10 campaigns", func(t *testing.T) {
		checkReviewWithoutCosts(t, campaignsInput(t, ny), metrics.MonthOf(2017, time.October, ny))
	})
	t.Run("2017-06 sample", func(t *testing.T) {
		src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_sample_5000.csv.gz", Coupons: "coupons_200_per_campaign.csv.gz",
			Options: storedata.Options{Location: ny}}
		in, _, err := src.Input() // the 28 lines of quantity 0: see TestReview
		if err != nil {
			t.Fatal(err)
		}
		checkReviewWithoutCosts(t, in, metrics.MonthOf(2017, time.June, ny))
	})
}

// checkReviewWithoutCosts checks the review of period from in (see
// TestReviewWithoutCosts).
func checkReviewWithoutCosts(t *testing.T, in report.Input, period metrics.Period) {
	t.Helper()
	var orders []metrics.Order
	for o := range in.Orders {
		o.Lines = slices.Clone(o.Lines)
		orders = append(orders, o)
	}
	in.Orders = slices.Values(orders)
	r, err := report.Build(in, report.Config{Period: period})
	if err != nil {
		t.Fatal(err)
	}
	if r.Promotions == nil || len(in.Campaigns) > 0 && r.Campaigns == nil {
		t.Fatalf("promotions %v, campaigns %v; want both parts", r.Promotions, r.Campaigns)
	}
	var want []report.Note
	var uncosted []string
	scopes := map[string][]string{}
	for _, p := range in.Promotions {
		scopes[p.ID] = p.Scope.SKUs
	}
	for _, x := range r.Promotions.Items {
		pre := x.Window.Start.AddDate(0, 0, -28)
		n := unitsWithoutCost(orders, scopes[x.ID], pre, x.Window.End)
		if x.CostMissing != n {
			t.Errorf("promotion %s: CostMissing %d, want %d", x.ID, x.CostMissing, n)
		}
		// The data record no campaign's cost: every promotion's is
		// not known, never zero (not even when nothing sold and no
		// discount was given), and its ROI and profit are n/a.
		uncosted = append(uncosted, x.Name)
		if x.ROI.Defined() || x.NetROI.Defined() || x.Profit.Defined() || x.Verdict != "inconclusive" {
			t.Errorf("promotion %s: ROI %v, net ROI %v, profit %v, verdict %q; want n/a, inconclusive (cost not recorded)", x.ID, x.ROI, x.NetROI, x.Profit, x.Verdict)
		}
		if n > 0 {
			want = append(want, report.Note{Section: report.SectionPromotions, Key: "roi_no_cost", Reason: x.Name, Count: n})
			if x.ROI.Defined() || x.Verdict != "inconclusive" {
				t.Errorf("promotion %s: ROI %v, verdict %q; want n/a, inconclusive", x.ID, x.ROI, x.Verdict)
			}
			continue
		}
		// No promoted unit in the pre-period or window, so no promoted
		// basket and no halo: the side effects' units are the
		// cannibalization's (the promoted items' categories' other
		// items, pre-period and window) and the pull-forward's (the
		// promoted items in the 14 days after, when measured).
		var side int64
		if x.Cannibalization.Defined() {
			side += unitsWithoutCost(orders, sameCategories(orders, scopes[x.ID]), pre, x.Window.End)
		}
		if x.PullForward.Defined() {
			side += unitsWithoutCost(orders, scopes[x.ID], x.Window.End, x.Window.End.AddDate(0, 0, 14))
		}
		if x.SideCostMissing != side {
			t.Errorf("promotion %s: SideCostMissing %d, want %d", x.ID, x.SideCostMissing, side)
		}
		if side > 0 {
			want = append(want, report.Note{Section: report.SectionPromotions, Key: "net_roi_no_cost", Reason: x.Name, Count: side})
			if x.NetROI.Defined() {
				t.Errorf("promotion %s: net ROI %v, want n/a", x.ID, x.NetROI)
			}
		}
	}
	var campaigns []report.CampaignResult
	if r.Campaigns != nil {
		campaigns = r.Campaigns.Items
	}
	for _, c := range campaigns {
		var cc crm.Campaign
		for _, k := range in.Campaigns {
			if k.ID == c.ID {
				cc = k
			}
		}
		n := comparedOrders(orders, in.CampaignTargets, cc)
		if c.CostMissing != n || n == 0 {
			t.Errorf("campaign %s: CostMissing %d, want %d (not 0)", c.ID, c.CostMissing, n)
		}
		want = append(want, report.Note{Section: report.SectionPromotions, Key: "campaign_no_cost", Reason: c.Name, Count: n})
		if c.IncrementalProfit.Defined() || c.Verdict != "inconclusive" {
			t.Errorf("campaign %s: incremental profit %v, verdict %q; want n/a, inconclusive", c.ID, c.IncrementalProfit, c.Verdict)
		}
	}
	var got []report.Note
	for _, n := range r.NotesOf(report.SectionPromotions) {
		if strings.HasSuffix(n.Key, "no_cost") {
			got = append(got, n)
		}
	}
	if d := cmp.Diff(want, got); d != "" || len(got) == 0 {
		t.Errorf("notes of sales without costs (-want +got):\n%s", d)
	}
	// One note names the promotions whose cost is not recorded; none
	// says a cost is zero.
	var gotCost []report.Note
	for _, n := range r.NotesOf(report.SectionPromotions) {
		if n.Key == "roi_zero_cost" || n.Key == "promo_uncosted" {
			gotCost = append(gotCost, n)
		}
	}
	wantCost := []report.Note{{Section: report.SectionPromotions, Key: "promo_uncosted", Reason: strings.Join(uncosted, ", ")}}
	if d := cmp.Diff(wantCost, gotCost); d != "" || len(uncosted) == 0 {
		t.Errorf("notes of promotions whose cost is not recorded (-want +got):\n%s", d)
	}
	t.Logf("%d promotions, %d campaigns, notes %+v %+v", len(r.Promotions.Items), len(campaigns), got, gotCost)
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
