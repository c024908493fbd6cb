package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
)

// TestCurCoverageMarket: of a month whose data end on the 20th, the
// market section sets no SKU's or price band's units and net sales
// against the whole previous month (Market.Cut: every SKU would seem to
// fall), gives no count of SKUs that fell, and the above-market finding
// stays silent; a whole month compares them.
func TestCurCoverageMarket(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews its December twice")
	}
	s := sample.Generate(sample.Config{Customers: 1500})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	cut := time.Date(2025, time.December, 21, 0, 0, 0, 0, dec.Start.Location())
	build := func(end time.Time) *Review {
		in := Input{
			Orders:           slices.Values(before(s.Orders, end, func(o metrics.Order) time.Time { return o.PlacedAt })),
			Events:           slices.Values(before(s.Events, end, func(e funnel.Event) time.Time { return e.Time })),
			CompetitorPrices: before(s.CompetitorPrices, end, func(p market.Price) time.Time { return p.Day }),
		}
		r, err := Build(in, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		if r.Market == nil || len(r.Market.SKUs) == 0 {
			t.Fatal("no market section with SKUs")
		}
		return r
	}
	for _, tc := range []struct {
		name string
		end  time.Time
		cut  bool
	}{{"cut", cut, true}, {"whole", dec.End, false}} {
		r := build(tc.end)
		m := r.Market
		if m.Cut != tc.cut {
			t.Errorf("%s: Market.Cut %v, want %v", tc.name, m.Cut, tc.cut)
		}
		defined := 0
		for _, x := range m.SKUs {
			if x.UnitsChange.Defined() || x.NetChange.Defined() {
				defined++
			}
		}
		for _, g := range []market.Group{m.AboveMarket, m.NearMarket, m.AtOrBelow} {
			if g.UnitsChange.Defined() || g.NetChange.Defined() {
				defined++
			}
			if tc.cut && g.Fell != 0 {
				t.Errorf("cut: a band counts %d SKUs that fell", g.Fell)
			}
		}
		if tc.cut && defined > 0 || !tc.cut && defined == 0 {
			t.Errorf("%s: %d changes defined", tc.name, defined)
		}
		if tc.cut && slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Section == SectionMarket && f.Severity == Warning }) {
			t.Errorf("cut: a market warning %+v", r.Findings)
		}
	}
}
