package cohort

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestRFM(t *testing.T) {
	l := ledgerOf(t, handStore())
	got := l.RFM(RFMConfig{})
	cny := money.MustCurrency("CNY")
	// Hand computed as of 2025-04-01: a last bought Apr 1 (recency 0), 3
	// purchases, ¥180; b Jan 20 (71 days), 1, ¥200; c Mar 15 (17 days),
	// 3, ¥140. Scores 1 + ⌊5 × worse / 3⌋: R b 1, c 2, a 4; F b 1, a and c
	// tie at 1 worse → 2; M c 1, a 2, b 4.
	wantCustomers := []CustomerRFM{
		{ID: "a", Recency: 0, Frequency: 3, Monetary: cny.FromMinor(18000), R: 4, F: 2, M: 2, Segment: PotentialLoyalists},
		{ID: "b", Recency: 71, Frequency: 1, Monetary: cny.FromMinor(20000), R: 1, F: 1, M: 4, Segment: Lost},
		{ID: "c", Recency: 17, Frequency: 3, Monetary: cny.FromMinor(14000), R: 2, F: 2, M: 1, Segment: Hibernating},
	}
	if diff := cmp.Diff(wantCustomers, got.Customers, opts); diff != "" {
		t.Errorf("customers (-want +got):\n%s", diff)
	}
	wantSizes := map[Segment]SegmentSize{
		PotentialLoyalists: {Segment: PotentialLoyalists, Customers: 1, Share: metrics.CountRatio(1, 3), NetSales: cny.FromMinor(18000), ValueShare: metrics.NewRatio(18000, 52000)},
		Lost:               {Segment: Lost, Customers: 1, Share: metrics.CountRatio(1, 3), NetSales: cny.FromMinor(20000), ValueShare: metrics.NewRatio(20000, 52000)},
		Hibernating:        {Segment: Hibernating, Customers: 1, Share: metrics.CountRatio(1, 3), NetSales: cny.FromMinor(14000), ValueShare: metrics.NewRatio(14000, 52000)},
	}
	if len(got.Segments) != 8 {
		t.Fatalf("%d segments, want all 8", len(got.Segments))
	}
	for i, s := range got.Segments {
		want, ok := wantSizes[s.Segment]
		if !ok {
			want = SegmentSize{Segment: Segment(i), Share: metrics.CountRatio(0, 3), NetSales: cny.Zero(), ValueShare: metrics.NewRatio(0, 52000)}
		}
		if diff := cmp.Diff(want, s, opts); diff != "" {
			t.Errorf("segment %v (-want +got):\n%s", s.Segment, diff)
		}
	}
}

func TestScoresTies(t *testing.T) {
	// Frequencies of ten customers: six one-timers, two with 2, one with 3
	// and one with 10. Min-rank quintiles: 1 + ⌊5 × worse / 10⌋ gives the
	// one-timers 1 (0 worse), the 2s 4 (6 worse), 3 and 10 both 5.
	freq := []int64{1, 2, 1, 10, 1, 3, 1, 2, 1, 1}
	got := scores(len(freq), func(i, j int) int { return int(freq[i] - freq[j]) })
	want := []int{1, 4, 1, 5, 1, 5, 1, 4, 1, 1}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("scores (-want +got):\n%s", diff)
	}
	// Distinct values spread evenly: 5 customers get 1..5.
	got = scores(5, func(i, j int) int { return i - j })
	if diff := cmp.Diff([]int{1, 2, 3, 4, 5}, got); diff != "" {
		t.Errorf("distinct scores (-want +got):\n%s", diff)
	}
}

// TestIntScoresProp checks that intScores, which counts, gives the scores
// of the comparison of the values, which scores finds by sorting: over
// values of a narrow range (the counting array) and of a wide one (the
// binary search), with ties.
func TestIntScoresProp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Spans up to the whole int64 range, whose width overflows it.
		span := rapid.SampledFrom([]int64{3, 50, 1 << 40, math.MaxInt64}).Draw(t, "span")
		values := rapid.Int64()
		if span < math.MaxInt64 {
			lo := rapid.Int64Range(math.MinInt64/2, 0).Draw(t, "low")
			values = rapid.Int64Range(lo, lo+span)
		}
		v := rapid.SliceOfN(values, 0, 300).Draw(t, "values")
		want := scores(len(v), func(i, j int) int {
			switch {
			case v[i] < v[j]:
				return -1
			case v[i] > v[j]:
				return 1
			}
			return 0
		})
		if diff := cmp.Diff(want, intScores(v)); diff != "" {
			t.Fatalf("intScores (-want +got):\n%s", diff)
		}
	})
}

func TestSegmentOfGrid(t *testing.T) {
	// The grid documented on SegmentOf, rows R = 5..1, columns F = 1..5.
	want := `New Potential Potential Champions Champions
New Potential Potential Loyal Loyal
Hibernating Potential Potential Loyal Loyal
Hibernating Hibernating AtRisk AtRisk CantLose
Lost Lost AtRisk AtRisk CantLose`
	short := map[Segment]string{Champions: "Champions", Loyal: "Loyal", PotentialLoyalists: "Potential", New: "New",
		AtRisk: "AtRisk", CantLose: "CantLose", Hibernating: "Hibernating", Lost: "Lost"}
	var rows []string
	for r := 5; r >= 1; r-- {
		var cells []string
		for f := 1; f <= 5; f++ {
			cells = append(cells, short[SegmentOf(r, f)])
		}
		rows = append(rows, strings.Join(cells, " "))
	}
	if diff := cmp.Diff(want, strings.Join(rows, "\n"), opts); diff != "" {
		t.Errorf("segment grid (-want +got):\n%s", diff)
	}
}
