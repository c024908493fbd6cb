package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestPartialComparison: of a period cut short, partialComparison leaves
// undefined the difference, the change and the target attainment of a
// KPI that grows with the days counted (net sales), and keeps those of
// one that does not (order value); the values, this period's, the
// compared one and the target, stay. The difference is not shown in the
// review, so only this test sees it.
func TestPartialComparison(t *testing.T) {
	v := func(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }
	for _, tc := range []struct {
		name, key string
		partial   bool
		reason    string
	}{
		{"net sales", metrics.KeyNetSales, true, "a total: 20 days against a whole month"},
		{"order value", metrics.KeyAOV, false, "an average per order, whatever the days counted"},
	} {
		def, ok := metrics.LookupKPI(tc.key)
		if !ok {
			t.Fatalf("no KPI %s", tc.key)
		}
		c, err := def.Compare(v("80"), v("100"), v("120"))
		if err != nil {
			t.Fatal(err)
		}
		if !c.Diff.Defined() || !c.Change.Defined() || !c.Attainment.Defined() {
			t.Fatalf("%s: comparison %+v not defined before: the test proves nothing", tc.name, c)
		}
		got := c
		partialComparison(&got)
		if got.Diff.Defined() == tc.partial || got.Change.Defined() == tc.partial || got.Attainment.Defined() == tc.partial {
			t.Errorf("%s (%s): difference %v, change %v, attainment %v; want them defined: %v",
				tc.name, tc.reason, got.Diff, got.Change, got.Attainment, !tc.partial)
		}
		if !got.Current.Equal(c.Current) || !got.Previous.Equal(c.Previous) || !got.Target.Equal(c.Target) {
			t.Errorf("%s: values %v, %v, target %v; want %v, %v, %v kept", tc.name,
				got.Current, got.Previous, got.Target, c.Current, c.Previous, c.Target)
		}
	}
}

// TestCurCoverageTarget: the demo's December with its orders up to the
// 20th, against December targets of net sales and order value: the net
// sales of 20 days are not measured against the whole month's target
// (no attainment), the order value is; with the whole month's orders
// both are.
func TestCurCoverageTarget(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 300})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	cut := time.Date(2025, time.December, 21, 0, 0, 0, 0, dec.Start.Location())
	targets := []metrics.Target{
		{Metric: metrics.KeyNetSales, Period: dec, Amount: cny("100000")},
		{Metric: metrics.KeyAOV, Period: dec, Amount: cny("300")},
	}
	for _, end := range []time.Time{cut, dec.End} {
		isCut := end.Before(dec.End)
		os := before(s.Orders, end, func(o metrics.Order) time.Time { return o.PlacedAt })
		r, err := Build(Input{Orders: slices.Values(os), Targets: targets}, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(notesKeyed(r, SectionOverview, "cur_coverage")) == 1; got != isCut {
			t.Fatalf("orders before %v: cut short %v, want %v: the test proves nothing", end, got, isCut)
		}
		for _, key := range []string{metrics.KeyNetSales, metrics.KeyAOV} {
			k, ok := findKPI(r.Overview.KPIs, key)
			if !ok || !k.Target.Defined() {
				t.Fatalf("orders before %v: %s %+v: want it with its target", end, key, k)
			}
			want := !isCut || key == metrics.KeyAOV
			if k.Attainment.Defined() != want {
				t.Errorf("orders before %v: %s attainment %v of target %v; want it defined: %v", end, key, k.Attainment, k.Target, want)
			}
		}
	}
}
