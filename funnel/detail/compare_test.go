package detail_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestCompareRatesPublished checks the intervals against published
// figures: the Perondi et al. (2004) trial of Fagerland, Lydersen and
// Laake, "Statistical Analysis of Contingency Tables" (2017), chapter 4,
// 7/34 against 1/34, as the tests of its R package contingencytables
// print them: Newcombe hybrid score 0.1765 (0.0189 to 0.3404); Katz log
// ratio 7.0000 (0.9096 to 53.8695). The z-test was computed
// independently in python3 (math.erfc): z = 2.258318, P = 0.023926.
// Tolerance 5e-5: the published figures have four decimals.
func TestCompareRatesPublished(t *testing.T) {
	d := detail.CompareRates(metrics.CountRatio(1, 34), metrics.CountRatio(7, 34))
	type got struct{ Delta, Low, High, Rel, RelLow, RelHigh, Z, P float64 }
	rel, _ := d.Relative.Value()
	want := got{0.1765, 0.0189, 0.3404, 6, 0.9096 - 1, 53.8695 - 1, 2.258318, 0.023926}
	if diff := cmp.Diff(want, got{d.Delta, d.Low, d.High, rel, d.RelLow, d.RelHigh, d.Z, d.P}, cmpopts.EquateApprox(0, 5e-5)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !d.Defined || !d.Tested || !d.RelDefined || !d.Significant || d.Q != d.P {
		t.Errorf("flags: %+v", d)
	}
}

func TestCompareRatesEdges(t *testing.T) {
	tests := []struct {
		name, reason                  string
		a, b                          metrics.Ratio
		defined, tested, rel, relDefd bool
	}{
		{"undefined", "no viewers in A", metrics.Ratio{}, metrics.CountRatio(1, 2), false, false, false, false},
		{"both zero", "0 % and 0 %: nothing to test, relative change undefined", metrics.CountRatio(0, 10), metrics.CountRatio(0, 20), true, false, false, false},
		{"from zero", "0 % to 10 %: tested, relative change undefined", metrics.CountRatio(0, 10), metrics.CountRatio(1, 10), true, true, false, false},
		{"to zero", "10 % to 0 %: relative −100 %, its log interval undefined", metrics.CountRatio(1, 10), metrics.CountRatio(0, 10), true, true, true, false},
		{"not a proportion", "more carters than viewers", metrics.CountRatio(3, 2), metrics.CountRatio(1, 2), false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := detail.CompareRates(tt.a, tt.b)
			if d.Defined != tt.defined || d.Tested != tt.tested || d.Relative.Defined() != tt.rel || d.RelDefined != tt.relDefd {
				t.Errorf("%s: defined %v tested %v relative %v rel interval %v", tt.reason, d.Defined, d.Tested, d.Relative.Defined(), d.RelDefined)
			}
			if d.Defined && !(d.Low >= -1 && d.Low <= d.Delta && d.Delta <= d.High && d.High <= 1) {
				t.Errorf("%s: interval %v, %v around %v", tt.reason, d.Low, d.High, d.Delta)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	prod := func(sku string, viewers, carters int64) detail.Product {
		return detail.Product{SKU: sku, Views: viewers, Viewers: viewers, Carters: carters, ViewToCart: metrics.CountRatio(carters, viewers)}
	}
	prev := detail.Result{Products: []detail.Product{prod("A", 1000, 100), prod("B", 1000, 100), prod("C", 50, 5), prod("D", 1000, 100)}}
	cur := detail.Result{Products: []detail.Product{prod("A", 1000, 160), prod("B", 1000, 110), prod("C", 500, 100), prod("E", 1000, 100)}}
	got := detail.Compare(prev, cur, detail.CompareConfig{})
	var skus []string
	for _, c := range got {
		skus = append(skus, c.SKU)
	}
	// C has 50 viewers before, under the minimum of 100; D and E are in one
	// period only.
	if diff := cmp.Diff([]string{"A", "B"}, skus); diff != "" {
		t.Fatalf("SKUs compared (-want +got):\n%s", diff)
	}
	a, bb := got[0].ViewToCart, got[1].ViewToCart
	// Two tests: Q(A) = min(P(A)×2/1, Q(B)), Q(B) = P(B)×2/2 (BH by hand).
	if want := min(a.P*2, bb.P); a.Q != want || bb.Q != bb.P {
		t.Errorf("Q: A %v (want %v), B %v (want %v)", a.Q, want, bb.Q, bb.P)
	}
	if !a.Significant || bb.Significant {
		t.Errorf("significant: A %v (10 %% → 16 %% of 1000, want true), B %v (10 %% → 11 %%, want false)", a.Significant, bb.Significant)
	}
	if got[0].ViewToPurchase.Defined {
		t.Error("view-to-purchase compared without purchases")
	}
	if got := detail.Compare(prev, cur, detail.CompareConfig{MinViewers: 2000}); len(got) != 0 {
		t.Errorf("MinViewers 2000: %d SKUs compared", len(got))
	}
}
