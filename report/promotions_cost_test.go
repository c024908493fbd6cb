package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestPromotionsWithoutCosts: a promotion whose baseline, window or
// post-window has sales without a unit cost gets no ROI, interval, net
// ROI or verdict, and a note naming it, since its incremental gross
// profit would count those sales at zero cost (the Complete Journey data,
// which has no costs, showed "pays" at 39 % ROI). A promotion whose days
// all have costs keeps its figures, and its sales figures stay in every
// case. The demo store has costs on every line; one line of one order
// loses its cost here.
func TestPromotionsWithoutCosts(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	s := sample.Generate(sample.Config{})
	p, err := metrics.ParsePeriod("2025-Q4", time.UTC) // 双十一 and 双12
	if err != nil {
		t.Fatal(err)
	}
	build := func(orders []metrics.Order) *Review {
		t.Helper()
		r, err := Build(Input{Orders: slices.Values(orders), Promotions: s.Promotions}, Config{Period: p})
		if err != nil {
			t.Fatal(err)
		}
		if r.Promotions == nil || len(r.Promotions.Items) < 2 {
			t.Fatalf("want at least two promotions measured, got %+v", r.Promotions)
		}
		return r
	}
	whole := build(s.Orders)
	for _, x := range whole.Promotions.Items {
		if _, ok := x.ROI.Value(); !ok || x.Verdict == "" {
			t.Fatalf("%s with every cost: ROI %v, verdict %q; want both", x.Name, x.ROI, x.Verdict)
		}
	}
	if notes := keyed(whole.NotesOf(SectionPromotions), "roi_no_cost"); len(notes) != 0 {
		t.Fatalf("notes %+v with every cost", notes)
	}

	// The last day of the window of the promotion that ends last loses
	// the cost of one line; promotions whose spans end before it keep
	// theirs.
	last := whole.Promotions.Items[0]
	for _, x := range whole.Promotions.Items {
		if x.Window.End.After(last.Window.End) {
			last = x
		}
	}
	day := last.Window.End.Add(-12 * time.Hour)
	orders := slices.Clone(s.Orders)
	k := slices.IndexFunc(orders, func(o metrics.Order) bool {
		return o.Status != metrics.Cancelled && !o.PlacedAt.Before(day.Add(-12*time.Hour)) && o.PlacedAt.Before(day.Add(12*time.Hour))
	})
	if k < 0 {
		t.Fatalf("no order on %v", day)
	}
	o := orders[k]
	o.Lines = slices.Clone(o.Lines)
	o.Lines[0].UnitCost = money.Money{}
	orders[k] = o
	got := build(orders)
	notes := keyed(got.NotesOf(SectionPromotions), "roi_no_cost")
	var named []string
	for _, n := range notes {
		named = append(named, n.Reason)
	}
	for i, x := range got.Promotions.Items {
		w := whole.Promotions.Items[i]
		if x.Actual != w.Actual || x.Baseline != w.Baseline || x.Incremental != w.Incremental {
			t.Errorf("%s: sales figures changed: %v %v %v, want %v %v %v", x.Name, x.Actual, x.Baseline, x.Incremental, w.Actual, w.Baseline, w.Incremental)
		}
		// Does the day fall in its pre-period, window or post-window?
		// The pre-period is 28 days and the post-window 14 (promo's
		// defaults, which the review uses).
		spans := !day.Before(x.Window.Start.AddDate(0, 0, -28)) && day.Before(x.Window.End.AddDate(0, 0, 14))
		_, roi := x.ROI.Value()
		_, net := x.NetROI.Value()
		switch {
		case spans && (roi || net || x.ROILow.Defined() || x.ROIHigh.Defined() || x.Verdict != "inconclusive" || x.WeekendDiff.Defined()):
			t.Errorf("%s, a line without cost on %v: ROI %v, net %v, interval %v … %v, verdict %q, weekend %v; want all undefined and inconclusive",
				x.Name, day.Format(time.DateOnly), x.ROI, x.NetROI, x.ROILow, x.ROIHigh, x.Verdict, x.WeekendDiff)
		case spans && !slices.Contains(named, x.Name):
			t.Errorf("%s is not named in the notes %v", x.Name, named)
		case !spans && (x.ROI != w.ROI || x.Verdict != w.Verdict || slices.Contains(named, x.Name)):
			t.Errorf("%s, its days all with costs: ROI %v, verdict %q, named %v; want %v, %q, not named", x.Name, x.ROI, x.Verdict, named, w.ROI, w.Verdict)
		}
	}
	if len(named) == 0 {
		t.Errorf("no promotion named for the line without cost on %v", day)
	}
	checkNoIntervalFindings(t, got, "promotion_verdict", named)
}

// checkNoIntervalFindings checks that the verdict finding of each of
// names, whose figures could not be estimated, says so instead of
// reading an interval that does not exist as one that contains zero.
func checkNoIntervalFindings(t *testing.T, r *Review, rule string, names []string) {
	t.Helper()
	for _, name := range names {
		found := false
		for _, f := range r.Findings {
			if f.Rule != rule || len(f.Evidence) == 0 || f.Evidence[0].Subject != name {
				continue
			}
			found = true
			if en := f.Title.Text.EN; !strings.Contains(en, "could not be estimated") || strings.Contains(en, "contains zero") {
				t.Errorf("%s: finding %q; want it to say the figures could not be estimated", name, en)
			}
		}
		if !found {
			t.Errorf("%s: no %s finding", name, rule)
		}
	}
}

// keyed returns the notes of key k.
func keyed(ns []Note, k string) []Note {
	var out []Note
	for _, n := range ns {
		if n.Key == k {
			out = append(out, n)
		}
	}
	return out
}

// TestCampaignsWithoutCosts: with no unit cost on any order, the CRM
// campaigns' gross-profit figures (incremental profit, gain, ROI, their
// intervals) are undefined, their verdicts "inconclusive" and each is
// named in a note, while the response and sales figures are those
// computed with the costs.
func TestCampaignsWithoutCosts(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{CRM: true})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	build := func(orders []metrics.Order) *Review {
		t.Helper()
		in := Input{Orders: slices.Values(orders), Campaigns: s.Campaigns, CampaignTargets: s.CampaignTargets, Redemptions: s.Redemptions}
		r, err := Build(in, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		if r.Campaigns == nil || len(r.Campaigns.Items) != 2 {
			t.Fatalf("campaigns part %+v, want the two campaigns", r.Campaigns)
		}
		return r
	}
	with := build(s.Orders)
	orders := make([]metrics.Order, len(s.Orders))
	for i, o := range s.Orders {
		o.Lines = slices.Clone(o.Lines)
		for k := range o.Lines {
			o.Lines[k].UnitCost = money.Money{}
		}
		orders[i] = o
	}
	without := build(orders)
	var named []string
	for _, n := range keyed(without.NotesOf(SectionPromotions), "campaign_no_cost") {
		named = append(named, n.Reason)
	}
	checkNoIntervalFindings(t, without, "campaign_verdict", named)
	for i, c := range without.Campaigns.Items {
		w := with.Campaigns.Items[i]
		if w.Verdict == "inconclusive" || !w.IncrementalProfit.Defined() {
			t.Fatalf("%s with costs: verdict %q, profit %v; want a verdict of pays or does not pay, to lose", w.ID, w.Verdict, w.IncrementalProfit)
		}
		for _, v := range []metrics.Value{c.IncrementalProfit, c.ProfitLow, c.ProfitHigh, c.Gain, c.GainLow, c.GainHigh, c.ROI, c.ROILow, c.ROIHigh} {
			if v.Defined() {
				t.Errorf("%s without costs: a gross-profit figure is %v, want undefined", c.ID, v)
			}
		}
		if c.Verdict != "inconclusive" || !slices.Contains(named, c.Name) {
			t.Errorf("%s without costs: verdict %q, named in %v; want inconclusive and named", c.ID, c.Verdict, named)
		}
		if c.IncrementalRevenue != w.IncrementalRevenue || c.Response != w.Response || c.Redemptions != w.Redemptions {
			t.Errorf("%s: sales or response changed without costs: %v %v %v, want %v %v %v", c.ID, c.IncrementalRevenue, c.Response, c.Redemptions, w.IncrementalRevenue, w.Response, w.Redemptions)
		}
	}
}

// TestCampaignsUnvalued: the demo's CRM campaigns, with the value of
// every redemption of the first campaign removed: its Discounts are nil
// (n/a, not a sum of none) and a "campaign_unvalued" note counts its
// redemptions; the other campaign keeps its discounts, and no note.
func TestCampaignsUnvalued(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{CRM: true})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	first := s.Campaigns[0].ID
	reds := slices.Clone(s.Redemptions)
	var n int64
	for i := range reds {
		if reds[i].Campaign == first {
			reds[i].Discount = money.Money{}
			n++
		}
	}
	in := Input{Orders: slices.Values(s.Orders), Campaigns: s.Campaigns, CampaignTargets: s.CampaignTargets, Redemptions: reds}
	r, err := Build(in, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	if r.Campaigns == nil || len(r.Campaigns.Items) != 2 || n == 0 {
		t.Fatalf("campaigns part %+v, %d redemptions of %s; want the two campaigns and some", r.Campaigns, n, first)
	}
	type note struct {
		Reason  string
		LeftOut int64
	}
	var notes []note
	for _, x := range keyed(r.NotesOf(SectionPromotions), "campaign_unvalued") {
		notes = append(notes, note{x.Reason, x.LeftOut})
	}
	for _, c := range r.Campaigns.Items {
		switch {
		case c.ID == first:
			if c.Discounts != nil {
				t.Errorf("%s: discounts %v without any redemption's value, want nil", c.ID, *c.Discounts)
			}
			if d := cmp.Diff([]note{{c.Name, n}}, notes); d != "" {
				t.Errorf("the notes of unvalued redemptions (-want +got):\n%s", d)
			}
		case c.Discounts == nil || !c.Discounts.IsPositive():
			t.Errorf("%s: discounts %v with every redemption's value, want a positive amount", c.ID, c.Discounts)
		}
	}
}
