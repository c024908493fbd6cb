package market_test

import (
	"bytes"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"pgregory.net/rapid"
)

var (
	skus        = []string{"A", "B", "C", "D"}
	competitors = []string{"X", "Y", "Z"}
)

// inputs are the records of one tracker.
type inputs struct {
	prices []market.Price
	orders []metrics.Order
	promos []metrics.Period
}

func genInputs(t *rapid.T) inputs {
	var in inputs
	start := dec.Previous().Start
	for i := range rapid.IntRange(0, 30).Draw(t, "prices") {
		_ = i
		in.prices = append(in.prices, market.Price{
			SKU:        rapid.SampledFrom(skus).Draw(t, "sku"),
			Competitor: rapid.SampledFrom(competitors).Draw(t, "competitor"),
			Day:        start.AddDate(0, 0, rapid.IntRange(0, 61).Draw(t, "day")),
			Price:      usd.FromMinor(rapid.Int64Range(1, 10000).Draw(t, "cents")),
			Promotion:  rapid.Bool().Draw(t, "promotion"),
		})
	}
	for i := range rapid.IntRange(0, 20).Draw(t, "orders") {
		o := metrics.Order{ID: strconv.Itoa(i), PlacedAt: start.Add(time.Duration(rapid.Int64Range(0, 61*24).Draw(t, "hour")) * time.Hour),
			Currency: usd, Status: metrics.Paid}
		if rapid.IntRange(0, 9).Draw(t, "cancelled") == 0 {
			o.Status = metrics.Cancelled
		}
		for range rapid.IntRange(1, 3).Draw(t, "lines") {
			o.Lines = append(o.Lines, metrics.Line{SKU: rapid.SampledFrom(skus).Draw(t, "sku"),
				Quantity: rapid.Int64Range(1, 5).Draw(t, "qty"), UnitPrice: usd.FromMinor(rapid.Int64Range(0, 10000).Draw(t, "price"))})
		}
		in.orders = append(in.orders, o)
	}
	for range rapid.IntRange(0, 3).Draw(t, "promotions") {
		s := start.AddDate(0, 0, rapid.IntRange(0, 70).Draw(t, "promo start"))
		w, _ := metrics.NewPeriod(s, s.Add(time.Duration(rapid.IntRange(1, 72).Draw(t, "promo hours"))*time.Hour))
		in.promos = append(in.promos, w)
	}
	return in
}

func track(t *rapid.T, in inputs) *market.Tracker {
	tr := &market.Tracker{Period: dec}
	for _, p := range in.prices {
		if err := tr.AddPrice(p); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range in.orders {
		if err := tr.AddOrder(o); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range in.promos {
		if err := tr.AddPromotion(w); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

func encode(t *rapid.T, tr *market.Tracker) []byte {
	b, err := tr.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Merging the trackers of two shards equals tracking both directly, in
// the encoding and in the summary.
func TestMergeEqualsDirect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := genInputs(t), genInputs(t)
		direct := track(t, inputs{append(a.prices, b.prices...), append(a.orders, b.orders...), append(a.promos, b.promos...)})
		ta, tb := track(t, a), track(t, b)
		if err := ta.Merge(tb); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(encode(t, direct), encode(t, ta)) {
			t.Fatal("merged encoding differs from direct")
		}
		if diff := cmp.Diff(direct.Summarize(market.Config{}), ta.Summarize(market.Config{})); diff != "" {
			t.Fatalf("merged summary (-direct +merged):\n%s", diff)
		}
	})
}

// An encoded tracker decodes to one with the same summary and encoding.
func TestBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := track(t, genInputs(t))
		b := encode(t, tr)
		var got market.Tracker
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, encode(t, &got)) {
			t.Fatal("re-encoding differs")
		}
		if diff := cmp.Diff(tr.Summarize(market.Config{}), got.Summarize(market.Config{})); diff != "" {
			t.Fatalf("decoded summary (-want +got):\n%s", diff)
		}
	})
}

// Competitors who charge our prices give an index of exactly 100.
func TestEqualPricesIndex100(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := &market.Tracker{Period: dec}
		for i, sku := range skus {
			p := usd.FromMinor(rapid.Int64Range(1, 100000).Draw(t, "price"))
			q := rapid.Int64Range(1, 9).Draw(t, "qty")
			if err := tr.AddOrder(order(strconv.Itoa(i), day(i+1), "", metrics.Line{SKU: sku, Quantity: q, UnitPrice: p})); err != nil {
				t.Fatal(err)
			}
			for _, c := range competitors[:rapid.IntRange(1, 3).Draw(t, "competitors")] {
				if err := tr.AddPrice(market.Price{SKU: sku, Competitor: c, Day: day(1 + i), Price: p}); err != nil {
					t.Fatal(err)
				}
			}
		}
		s := tr.Summarize(market.Config{})
		for _, ix := range append(s.Indices, s.Market) {
			if !ix.Index.Equal(num(100)) || ix.Dearer+ix.Cheaper != 0 {
				t.Fatalf("index of %q = %v, want 100", ix.Competitor, ix.Index)
			}
		}
		for _, x := range s.SKUs {
			if !x.Index.Equal(num(100)) || x.Band != market.AtOrBelow {
				t.Fatalf("SKU %s: index %v, band %v", x.SKU, x.Index, x.Band)
			}
		}
	})
}

// Multiplying every competitor price by k divides every index by k.
func TestScaledPrices(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInputs(t)
		k := rapid.Int64Range(2, 7).Draw(t, "k")
		scaled := in
		scaled.prices = nil
		for _, p := range in.prices {
			p.Price = p.Price.Mul(k)
			scaled.prices = append(scaled.prices, p)
		}
		a, b := track(t, in).Summarize(market.Config{}), track(t, scaled).Summarize(market.Config{})
		// Both are rounded from exact rationals, so they agree to a few
		// ulps: 1e-12 relative is far above float rounding and far below
		// any price difference.
		same := func(what string, x, y metrics.Value) {
			fx, okx := x.Float()
			fy, oky := y.Float()
			if okx != oky || okx && math.Abs(fx-fy*float64(k)) > 1e-12*fx {
				t.Fatalf("%s: index %v, with prices × %d %v", what, x, k, y)
			}
		}
		same("market", a.Market.Index, b.Market.Index)
		for i := range a.Indices {
			same(a.Indices[i].Competitor, a.Indices[i].Index, b.Indices[i].Index)
		}
		for i := range a.SKUs {
			same(a.SKUs[i].SKU, a.SKUs[i].Index, b.SKUs[i].Index)
		}
	})
}

// The bands partition the SKUs, and their sales add up to the SKUs'.
func TestBandsPartition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := track(t, genInputs(t)).Summarize(market.Config{Above: rapid.Float64Range(0, 0.5).Draw(t, "above")})
		var units int64
		for _, x := range s.SKUs {
			if x.Band != market.Unpriced {
				units += x.Sales.Units
			}
		}
		gs := []market.Group{s.AboveMarket, s.NearMarket, s.AtOrBelow}
		n, u := s.Unpriced, int64(0)
		for _, g := range gs {
			n += g.SKUs
			u += g.Sales.Units
			if g.Fell > g.SKUs {
				t.Fatalf("%d of %d SKUs fell", g.Fell, g.SKUs)
			}
		}
		if n != len(s.SKUs) || u != units {
			t.Fatalf("bands: %d SKUs and %d units, want %d and %d", n, u, len(s.SKUs), units)
		}
		for _, p := range s.Promotions {
			if len(p.Overlap)+len(p.Alone) != len(p.Days) {
				t.Fatalf("promotion days of %s: %d overlap + %d alone ≠ %d", p.Competitor, len(p.Overlap), len(p.Alone), len(p.Days))
			}
		}
	})
}
