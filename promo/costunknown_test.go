package promo

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestCostUnknown: a promotion whose fixed and media costs are not
// recorded (CostUnknown) is measured as the same promotion with its
// costs, except that its Cost is the zero Money (not known, not zero),
// and ROI, its interval, NetROI, ROAS and IncrementalROAS are undefined,
// with Outcome Inconclusive and a caveat; the discounts given are kept.
// Under CashCost too. Validate refuses a cost given with CostUnknown,
// and a Ledger set up with it does not merge with one without it.
func TestCostUnknown(t *testing.T) {
	s := effectStore()
	known := s.promotion()
	unknown := known
	unknown.FixedCost, unknown.MediaCost, unknown.CostUnknown = money.Money{}, money.Money{}, true
	if err := unknown.Validate(); err != nil {
		t.Fatalf("Validate(%+v) = %v", unknown, err)
	}
	bad := unknown
	bad.FixedCost = cny.FromMinor(1)
	var pe *PromotionError
	if err := bad.Validate(); !errors.As(err, &pe) || !strings.Contains(pe.Reason, "CostUnknown") {
		t.Errorf("Validate of a fixed cost with CostUnknown = %v, want a *PromotionError naming CostUnknown", err)
	}
	orders := s.orders()
	analyze := func(p Promotion, conv CostConvention) *Result {
		t.Helper()
		var l Ledger
		if err := l.Track(p); err != nil {
			t.Fatal(err)
		}
		for _, o := range orders {
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		r, err := l.Analyze(p.ID, Config{Costs: conv})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, conv := range []CostConvention{FullCost, CashCost} {
		k, u := analyze(known, conv), analyze(unknown, conv)
		if !k.ROI.Defined() || !k.ROILow.Defined() || !k.NetROI.Defined() || !k.ROAS.Defined() || !k.CostKnown() {
			t.Fatalf("%v, costs known: ROI %v [%v, %v], net %v, ROAS %v: the case needs them", conv, k.ROI, k.ROILow, k.ROIHigh, k.NetROI, k.ROAS)
		}
		want := *k
		want.Promotion = unknown
		want.Cost = money.Money{}
		want.ROI, want.ROILow, want.ROIHigh, want.NetROI = metrics.Ratio{}, metrics.Ratio{}, metrics.Ratio{}, metrics.Ratio{}
		want.ROAS, want.IncrementalROAS = metrics.Ratio{}, metrics.Ratio{}
		want.Outcome = Inconclusive
		want.Caveats = slices.Clone(k.Caveats)
		// The caveat comes after those of the units without a cost
		// (none here) and before the overlaps' (none either).
		want.Caveats = append(want.Caveats, "cost, ROI, net ROI, ROAS and the verdict not estimated: the promotion's fixed and media costs are not recorded")
		if d := cmp.Diff(&want, u, cmp.Comparer(func(a, b money.Money) bool { return a.Currency() == b.Currency() && a.Equal(b) }),
			cmp.Comparer(func(a, b metrics.Ratio) bool { return a.Equal(b) })); d != "" {
			t.Errorf("%v: (-costs known, less what rests on them +costs unknown):\n%s", conv, d)
		}
		if u.CostKnown() || !u.Discounts.Equal(k.Discounts) {
			t.Errorf("%v: CostKnown %v, discounts %v; want false, %v", conv, u.CostKnown(), u.Discounts, k.Discounts)
		}
		if sum := u.Summary(); !strings.Contains(sum, "on a cost not recorded") {
			t.Errorf("%v: summary %q does not say the cost is not recorded", conv, sum)
		}
	}
	var a, b Ledger
	if err := a.Track(known); err != nil {
		t.Fatal(err)
	}
	k2 := known
	k2.FixedCost, k2.MediaCost = cny.Zero(), cny.Zero()
	u2 := k2
	u2.CostUnknown = true
	if definitionDigest(k2) == definitionDigest(u2) {
		t.Error("a promotion of zero costs and the same with its costs unknown have one digest")
	}
	if err := b.Track(unknown); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(&b); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge of a promotion with its costs and without = %v, want metrics.ErrIncompatible", err)
	}
}
