package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestCategoriesDemo reviews December 2025 of the demo and finds the
// affinity built into its baskets (internal/sample's Truth.Affinity,
// home → snacks): the only category pair that passes the guard, in both
// scopes, with a lift above 1.2 (the add-on rate 0.25 makes P(snacks |
// home) about 0.34 against 0.24 for all orders: a lift near 1.45), and
// the bundle finding that names it. The six categories' rows cover the
// period's buyers: main-category shares add up to 100 %.
func TestCategoriesDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews December")
	}
	s := sample.Generate(sample.Config{})
	items := catalogueItems(s)
	r, err := Build(Input{Items: items, Orders: slices.Values(s.Orders)},
		Config{Period: metrics.MonthOf(2025, time.December, s.Period.Start.Location())})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Categories
	if c == nil {
		t.Fatal("no category part")
	}
	aff := s.Truth.Affinity
	want := [2]string{min(aff.From, aff.To), max(aff.From, aff.To)}
	for _, ps := range [][]CategoryPair{c.Pairs, c.BasketPairs} {
		if len(ps) != 1 || [2]string{ps[0].A, ps[0].B} != want {
			t.Errorf("pairs %+v, want the one pair %v", ps, want)
			continue
		}
		if l, _ := ps[0].Lift.Float(); l < 1.2 {
			t.Errorf("lift of %v: %.3f, want above 1.2", want, l)
		}
	}
	if len(c.Rows) != len(sample.Categories()) || !c.Compared || !c.Starts {
		t.Errorf("%d rows, compared %v, starts %v; want %d rows of both", len(c.Rows), c.Compared, c.Starts, len(sample.Categories()))
	}
	var main float64
	for _, x := range c.Rows {
		main += x.MainShare.Num()
	}
	if main != float64(c.Buyers) {
		t.Errorf("main-category buyers add up to %v, want %d", main, c.Buyers)
	}
	found := false
	for _, f := range r.Findings {
		found = found || f.Rule == "category_bundle"
	}
	if !found {
		t.Error("no category_bundle finding")
	}
}
