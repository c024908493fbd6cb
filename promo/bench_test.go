package promo

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// benchStore streams a year of a store with 3,000 SKUs in 30 categories:
// about 2,000 orders of 1–3 lines a day, some with a 满减 order discount.
type benchStore struct {
	skus   []string
	cats   []string
	prices []money.Money
	costs  []money.Money
}

func newBenchStore() *benchStore {
	const n = 3000
	s := &benchStore{}
	for i := range n {
		s.skus = append(s.skus, fmt.Sprintf("SKU%04d", i))
		s.cats = append(s.cats, fmt.Sprintf("cat%02d", i%30))
		s.prices = append(s.prices, cny.FromMinor(int64(500+(i*7919)%20000)))
		s.costs = append(s.costs, cny.FromMinor(int64(300+(i*7919)%12000)))
	}
	return s
}

// day appends day d's orders to dst[:0].
func (s *benchStore) day(dst []metrics.Order, r *rand.Rand, d int) []metrics.Order {
	dst = dst[:0]
	at := day0.AddDate(0, 0, d)
	for k := range 2000 {
		o := metrics.Order{ID: "o", PlacedAt: at, Status: metrics.Paid, Currency: cny}
		o.Lines = make([]metrics.Line, 1+r.IntN(3))
		var total int64
		for i := range o.Lines {
			j := r.IntN(len(s.skus))
			q := int64(1 + r.IntN(2))
			o.Lines[i] = metrics.Line{SKU: s.skus[j], Category: s.cats[j], Quantity: q, UnitPrice: s.prices[j], UnitCost: s.costs[j]}
			v, _ := s.prices[j].Minor()
			total += v * q
		}
		if k%5 == 0 && total >= 20000 {
			o.Discount = cny.FromMinor(3000) // 满200减30
			o.Promotion = "P-store"
		}
		dst = append(dst, o)
	}
	return dst
}

func benchPromotions() []Promotion {
	win := metrics.Period{Start: day0.AddDate(0, 0, 200), End: day0.AddDate(0, 0, 214)}
	var skus []string
	for i := range 100 {
		skus = append(skus, fmt.Sprintf("SKU%04d", i*30))
	}
	return []Promotion{
		{ID: "P-skus", Window: win, Scope: Scope{SKUs: skus}, FixedCost: cny.FromMinor(100000)},
		{ID: "P-cat", Window: win, Scope: Scope{Categories: []string{"cat07"}}, MediaCost: cny.FromMinor(50000)},
		{ID: "P-store", Window: win, Scope: Scope{Store: true}},
	}
}

// BenchmarkYear ingests a year of daily orders of 3,000 SKUs (about 1.5
// million lines) into a Ledger tracking three promotions, then analyzes
// each promotion. The order generation is not timed.
func BenchmarkYear(b *testing.B) {
	s := newBenchStore()
	var buf []metrics.Order
	var lines int64
	for b.Loop() {
		r := rand.New(rand.NewPCG(1, 2))
		var l Ledger
		if err := l.Track(benchPromotions()...); err != nil {
			b.Fatal(err)
		}
		for d := range 365 {
			b.StopTimer()
			buf = s.day(buf, r, d)
			b.StartTimer()
			for _, o := range buf {
				if err := l.Add(o); err != nil {
					b.Fatal(err)
				}
			}
		}
		for _, p := range benchPromotions() {
			if _, err := l.Analyze(p.ID, Config{}); err != nil {
				b.Fatal(err)
			}
		}
		lines += l.Lines()
	}
	b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkAnalyze measures Analyze alone on a year of 3,000 SKUs.
func BenchmarkAnalyze(b *testing.B) {
	s := newBenchStore()
	r := rand.New(rand.NewPCG(1, 2))
	var l Ledger
	if err := l.Track(benchPromotions()...); err != nil {
		b.Fatal(err)
	}
	var buf []metrics.Order
	for d := range 365 {
		buf = s.day(buf, r, d)
		for _, o := range buf {
			if err := l.Add(o); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, id := range []string{"P-skus", "P-cat", "P-store"} {
		b.Run(id, func(b *testing.B) {
			for b.Loop() {
				if _, err := l.Analyze(id, Config{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(l.Lines())*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}
