package sample

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
)

// TestCompetitorTruth recovers the competitors' truths from the default
// demo's December 2025 with metrics/market, as the review computes them:
// the SKUs above the market and their indices, no other SKU above it,
// each competitor's index over the other SKUs, and the promotion days
// beside ours (双12, 12-10 to 12-12).
//
// The review's figures of the same month were checked independently with
// testdata/market_check.py (python3, exact fractions) on the store
// exported with `go run ./examples/review -export dir`: JD 97.39, PDD
// 103.54, market 100.36 over CN¥229,506.24 of net sales; 4 SKUs above
// the market (units 43 → 40), 51 near, 60 at or below, 5 unpriced; the
// same as the demo review's golden.
func TestCompetitorTruth(t *testing.T) {
	s := demo(t)
	dec := metrics.MonthOf(2025, time.December, s.Config.Location)
	tr := &market.Tracker{Period: dec}
	for _, p := range s.CompetitorPrices {
		if err := tr.AddPrice(p); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range s.Orders {
		if err := tr.AddOrder(o); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range s.Promotions {
		if err := tr.AddPromotion(p.Window); err != nil {
			t.Fatal(err)
		}
	}
	sum := tr.Summarize(market.Config{})
	truth := s.Truth
	if len(truth.AboveMarket) != aboveMarketSKUs || len(truth.Competitors) != 2 {
		t.Fatalf("truth: %d SKUs above the market, %d competitors", len(truth.AboveMarket), len(truth.Competitors))
	}
	above := make(map[string]float64)
	for _, a := range truth.AboveMarket {
		above[a.SKU] = a.Index
	}
	// Per competitor: Σ net × index and Σ net over the SKUs not above the
	// market, the sales-weighted index of the truth's Level.
	num, den := make([]float64, 2), make([]float64, 2)
	for _, x := range sum.SKUs {
		idx, priced := x.Index.Float()
		want, isAbove := above[x.SKU]
		switch {
		case isAbove:
			// The market price is M to within a fen (the two prices are
			// rounded to the fen, their mean by at most one): at prices of
			// tens of yuan that moves the index by less than 0.05.
			if x.Band != market.Above || math.Abs(idx-want) > 0.05 {
				t.Errorf("SKU %s: band %v, index %.3f; truth above the market at %.1f", x.SKU, x.Band, idx, want)
			}
		case x.Band == market.Above:
			t.Errorf("SKU %s above the market at %.2f, not in the truth", x.SKU, idx)
		case priced && (idx < 100/1.02-0.1 || idx > 100/0.98+0.1):
			// The market price of an ordinary SKU is our price × (1.03 e₁ +
			// 0.97 e₂) / 2 with e in [0.98, 1.02].
			t.Errorf("SKU %s: market index %.2f outside [98.0, 102.1]", x.SKU, idx)
		}
		if isAbove || !priced {
			continue
		}
		net, _ := x.Sales.Net.Decimal().Float64()
		for k, cp := range x.Prices {
			if v, ok := cp.Index.Float(); ok {
				num[k] += net * v
				den[k] += net
			}
		}
	}
	for k, c := range truth.Competitors {
		got := num[k] / den[k]
		t.Logf("%s: index over the ordinary SKUs %.2f, truth %.2f; overall %v; market %v", c.Name, got, c.Index, sum.Indices[k].Index, sum.Market.Index)
		// Each SKU's index is Index / e with e uniform in [0.98, 1.02]
		// (sd 1.15 %); the sales-weighted mean over ~100 SKUs is within
		// about 0.3 % of Index (E[1/e] = 1.0001): 1 point is over 5 sd.
		if math.Abs(got-c.Index) > 1 {
			t.Errorf("%s: index over the ordinary SKUs %.2f, truth %.2f", c.Name, got, c.Index)
		}
		if sum.Competitors[k] != c.Name {
			t.Errorf("competitor %d is %s, want %s", k, sum.Competitors[k], c.Name)
		}
	}
	var days [2][]string
	for k, c := range truth.Competitors {
		for _, d := range c.PromotionDays {
			if dec.Contains(d) {
				days[k] = append(days[k], d.Format(time.DateOnly))
			}
		}
	}
	want := []market.PromotionDays{
		{Competitor: "JD", Days: days[0], Overlap: []string{"2025-12-12"}},
		{Competitor: "PDD", Days: days[1], Alone: []string{"2025-12-18", "2025-12-19"}},
	}
	if diff := cmp.Diff(want, sum.Promotions); diff != "" {
		t.Errorf("promotion days (-want +got):\n%s", diff)
	}
	if !slices.Equal(sum.OurPromotionDays, []string{"2025-12-10", "2025-12-11", "2025-12-12"}) {
		t.Errorf("our promotion days %v", sum.OurPromotionDays)
	}
}

// TestCompetitorPricesValid checks that the demo's competitor prices are
// valid and reproducible. (That they leave the rest of the store as it
// was is the store's golden test: they come from a stream of their own.)
func TestCompetitorPricesValid(t *testing.T) {
	s := demo(t)
	if len(s.CompetitorPrices) == 0 {
		t.Fatal("no competitor prices")
	}
	for _, p := range s.CompetitorPrices {
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	again := Generate(Config{Days: 200, SKUs: 30})
	again2 := Generate(Config{Days: 200, SKUs: 30})
	if diff := cmp.Diff(again.CompetitorPrices, again2.CompetitorPrices); diff != "" {
		t.Errorf("competitor prices not reproducible (-first +second):\n%s", diff)
	}
}
