package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// TestPromotionsCostUnknown: a promotion whose fixed and media costs are
// not recorded (promo.Promotion.CostUnknown) has a cost that is not
// known, never zero: its ROI, interval, net ROI and Profit are n/a, its
// verdict "inconclusive", one "promo_uncosted" note names every such
// promotion, and none gets the "roi_zero_cost" note, not even one that
// gave no discount and sold nothing. (The Complete Journey's campaign 16,
// whose costs the data do not give, read "its cost is zero (no discount
// given, no fixed or media cost)", while 43 of its coupons were redeemed
// for $28.58.) A promotion whose costs are known and zero keeps that
// note. Sales of SKU "A" every day of 2025-01-01 to 03-31, with a unit
// cost; the promotions run 2025-03-10 to 03-16.
func TestPromotionsCostUnknown(t *testing.T) {
	cny := money.MustCurrency("CNY")
	var orders []metrics.Order
	for d := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC); d.Month() <= time.March; d = d.AddDate(0, 0, 1) {
		n := int64(3 + d.Day()%4)
		if d.Month() == time.March && d.Day() >= 10 && d.Day() <= 16 {
			n += 3 // the lift
		}
		orders = append(orders, metrics.Order{ID: d.Format("0102"), CustomerID: "u" + d.Format("02"), PlacedAt: d, Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "A", Category: "c", Quantity: n, UnitPrice: cny.FromMinor(1000), UnitCost: cny.FromMinor(500), Discount: cny.FromMinor(100 * n)},
				{SKU: "B", Category: "c", Quantity: 1, UnitPrice: cny.FromMinor(800), UnitCost: cny.FromMinor(300)}}})
	}
	w := metrics.Period{Start: time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)}
	p := func(id string, sku string, unknown bool) promo.Promotion {
		pr := promo.Promotion{ID: id, Name: id, Window: w, Scope: promo.Scope{SKUs: []string{sku}}, Mechanism: promo.PercentOff, CostUnknown: unknown}
		if !unknown {
			pr.FixedCost, pr.MediaCost = cny.FromMinor(2000), cny.FromMinor(1000)
		}
		return pr
	}
	nothing := func(id string, unknown bool) promo.Promotion { // nothing sold, no discount given
		pr := p(id, "Z", unknown)
		pr.FixedCost, pr.MediaCost = money.Money{}, money.Money{}
		return pr
	}
	for _, tc := range []struct {
		name    string
		promos  []promo.Promotion
		unknown []string // the promotions whose figures resting on cost are n/a
		notes   []Note   // "promo_uncosted" and "roi_zero_cost"
	}{
		{"costs known", []promo.Promotion{p("known", "A", false)}, nil, nil},
		{"costs unknown", []promo.Promotion{p("unknown", "A", true)}, []string{"unknown"},
			[]Note{{Section: SectionPromotions, Key: "promo_uncosted", Reason: "unknown"}}},
		{"nothing sold, costs zero", []promo.Promotion{nothing("zero", false)}, nil,
			[]Note{{Section: SectionPromotions, Key: "roi_zero_cost", Reason: "zero"}}},
		{"nothing sold, costs unknown", []promo.Promotion{nothing("none", true)}, []string{"none"},
			[]Note{{Section: SectionPromotions, Key: "promo_uncosted", Reason: "none"}}},
		{"one known, two unknown", []promo.Promotion{p("u1", "A", true), p("k", "A", false), nothing("u2", true)}, []string{"u1", "u2"},
			[]Note{{Section: SectionPromotions, Key: "promo_uncosted", Reason: "u1, u2"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Build(Input{Orders: slices.Values(orders), Promotions: tc.promos}, Config{Period: metrics.MonthOf(2025, time.March, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if r.Promotions == nil || len(r.Promotions.Items) != len(tc.promos) || len(r.Promotions.Unmeasured) > 0 {
				t.Fatalf("promotions %+v, want %d measured", r.Promotions, len(tc.promos))
			}
			for _, x := range r.Promotions.Items {
				if !slices.Contains(tc.unknown, x.ID) {
					if x.Actual.IsPositive() && (!x.ROI.Defined() || !x.Profit.Defined()) {
						t.Errorf("%s, costs known: ROI %v, profit %v; the case needs them", x.ID, x.ROI, x.Profit)
					}
					continue
				}
				if x.ROI.Defined() || x.ROILow.Defined() || x.ROIHigh.Defined() || x.NetROI.Defined() || x.Profit.Defined() || x.Verdict != "inconclusive" {
					t.Errorf("%s, costs unknown: ROI %v [%v, %v], net %v, profit %v, verdict %q; want n/a, inconclusive",
						x.ID, x.ROI, x.ROILow, x.ROIHigh, x.NetROI, x.Profit, x.Verdict)
				}
				if x.ID == "unknown" && !x.Incremental.IsPositive() {
					t.Errorf("%s: incremental %v, want the lift measured all the same", x.ID, x.Incremental)
				}
			}
			var got []Note
			for _, n := range r.NotesOf(SectionPromotions) {
				if n.Key == "promo_uncosted" || n.Key == "roi_zero_cost" {
					got = append(got, n)
				}
			}
			if d := cmp.Diff(tc.notes, got); d != "" {
				t.Errorf("notes (-want +got):\n%s", d)
			}
		})
	}
}
