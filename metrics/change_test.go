package metrics_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestPointsIsDifference checks that the change of a rate KPI is the
// difference of the two rates exactly, in points, whatever they are, and
// that every other unit changes relatively.
func TestPointsIsDifference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		den1 := rapid.Int64Range(1, 1_000_000).Draw(t, "den1")
		num1 := rapid.Int64Range(0, den1).Draw(t, "num1")
		den2 := rapid.Int64Range(1, 1_000_000).Draw(t, "den2")
		num2 := rapid.Int64Range(0, den2).Draw(t, "num2")
		cur, prev := metrics.CountRatio(num1, den1), metrics.CountRatio(num2, den2)
		k, _ := metrics.LookupKPI(metrics.KeyRepurchaseRate)
		c, err := k.Compare(metrics.RatioValue(cur), metrics.RatioValue(prev), metrics.RatioValue(prev))
		if err != nil {
			t.Fatal(err)
		}
		a, _ := cur.Value()
		b, _ := prev.Value()
		got, ok := c.Change.Value()
		if !ok || got != a-b {
			t.Fatalf("change of %v from %v = %v, %v; want exactly %v (points)", a, b, got, ok, a-b)
		}
		if att, ok := c.Attainment.Value(); !ok || att != a-b {
			t.Fatalf("attainment of %v against target %v = %v, %v; want %v (points)", a, b, att, ok, a-b)
		}
		if c.ChangeKind() != metrics.PointChange {
			t.Fatalf("ChangeKind of a rate = %v", c.ChangeKind())
		}
	})
}

func TestChangeKindByUnit(t *testing.T) {
	for u := metrics.UnitMoney; u <= metrics.UnitPoints; u++ {
		want := metrics.RelativeChange
		if u == metrics.UnitRatio || u == metrics.UnitPoints {
			want = metrics.PointChange
		}
		if got := u.ChangeKind(); got != want {
			t.Errorf("%v.ChangeKind() = %v; want %v", u, got, want)
		}
	}
	if got := metrics.Points(metrics.Ratio{}, metrics.NewRatio(1, 2)); got.Defined() {
		t.Errorf("Points of an undefined rate = %v; want undefined", got)
	}
	// The figures: repurchase 22.5 % → 17.9 % is −4.6 pp, not −20.3 %.
	if v, _ := metrics.Points(metrics.NewRatio(179, 1000), metrics.NewRatio(225, 1000)).Value(); v > -0.0459 || v < -0.0461 {
		t.Errorf("Points(17.9%%, 22.5%%) = %v; want −0.046", v)
	}
}
