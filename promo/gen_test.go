package promo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// store is a small synthetic store with known promotion effects. Category
// "A" has SKUs A01…A10, of which A01…A05 are promoted; category "B" has
// B01…B05. Every SKU sells a Poisson number of single-unit orders a day,
// with mean base × (weekend factor on Saturdays and Sundays).
//
// During the window the promoted SKUs sell (1+lift) times as much (with
// weekendLift instead of lift on weekends when set) at pct off the price,
// the other A SKUs sell (1−cannib) times as much, and in the post-window
// the promoted SKUs sell (1−pull) times as much. An order of a promoted SKU
// carries an extra B line with probability basket outside the window and
// halo inside it.
type store struct {
	seed              uint64
	days              int // data from day 0 to days-1; day 0 is a Monday
	from, to          int // the window, [from, to)
	post              int // pull-forward days after the window
	base              float64
	weekend           float64
	lift, weekendLift float64
	pct               int64 // percent off in the window, as a line discount
	cannib            float64
	pull              float64
	basket, halo      float64
	extraSKUs         int     // unrelated SKUs in category "Z", in their own orders
	trend             float64 // demand grows by trend × base a day
}

var (
	cny     = money.MustCurrency("CNY")
	day0    = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC) // a Monday
	priceA  = cny.FromMinor(1000)                         // CNY 10.00
	costA   = cny.FromMinor(500)                          // CNY 5.00
	priceB  = cny.FromMinor(2000)                         // CNY 20.00
	costB   = cny.FromMinor(1200)                         // CNY 12.00
	promoID = "P1"
	skuA    = names("A%02d", 10)
	skuB    = names("B%02d", 5)
)

// names returns "" and then format applied to 1…n.
func names(format string, n int) []string {
	out := []string{""}
	for k := 1; k <= n; k++ {
		out = append(out, fmt.Sprintf(format, k))
	}
	return out
}

func defaultStore() store {
	return store{seed: 1, days: 98, from: 56, to: 70, post: 14, base: 6, weekend: 1.5, pct: 20, basket: 0.05}
}

func (s store) promotion() Promotion {
	return Promotion{
		ID: promoID, Name: "20% off A01-A05", Mechanism: PercentOff,
		Window:    metrics.Period{Start: day0.AddDate(0, 0, s.from), End: day0.AddDate(0, 0, s.to)},
		Scope:     Scope{SKUs: []string{"A01", "A02", "A03", "A04", "A05"}},
		FixedCost: cny.FromMinor(50000), MediaCost: cny.FromMinor(30000),
	}
}

func (s store) dayFactor(d int) float64 {
	f := 1 + s.trend*float64(d)
	if s.isWeekend(d) {
		f *= s.weekend
	}
	return f
}

func (s store) isWeekend(d int) bool {
	w := day0.AddDate(0, 0, d).Weekday()
	return w == time.Saturday || w == time.Sunday
}

func (s store) inWindow(d int) bool { return d >= s.from && d < s.to }

// promoMult is the demand multiplier of a promoted SKU on day d.
func (s store) promoMult(d int) float64 {
	switch {
	case s.inWindow(d):
		if s.weekendLift != 0 && s.isWeekend(d) {
			return 1 + s.weekendLift
		}
		return 1 + s.lift
	case d >= s.to && d < s.to+s.post:
		return 1 - s.pull
	}
	return 1
}

func poisson(r *rand.Rand, mean float64) int {
	// Knuth's method; means here are small.
	l := math.Exp(-mean)
	k, p := 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// orders generates the store's orders, deterministically from the seed.
func (s store) orders() []metrics.Order {
	r := rand.New(rand.NewPCG(s.seed, 0x5eed))
	var out []metrics.Order
	id := 0
	next := func() string { id++; return "o" + strconv.Itoa(id) }
	for d := range s.days {
		at := day0.AddDate(0, 0, d).Add(10 * time.Hour)
		f := s.dayFactor(d)
		for k := 1; k <= 10; k++ {
			sku := skuA[k]
			promoted := k <= 5
			mean := s.base * f
			if promoted {
				mean *= s.promoMult(d)
			} else if s.inWindow(d) {
				mean *= 1 - s.cannib
			}
			for range poisson(r, mean) {
				line := metrics.Line{SKU: sku, Category: "A", Quantity: 1, UnitPrice: priceA, UnitCost: costA}
				o := metrics.Order{ID: next(), PlacedAt: at, Status: metrics.Paid, Currency: cny}
				if promoted && s.inWindow(d) && s.pct > 0 {
					line.Discount = cny.FromMinor(1000 * s.pct / 100)
					line.Promotion = promoID
				}
				o.Lines = append(o.Lines, line)
				if promoted {
					p := s.basket
					if s.inWindow(d) {
						p = s.halo
					}
					if r.Float64() < p {
						o.Lines = append(o.Lines, metrics.Line{SKU: "B01", Category: "B", Quantity: 1, UnitPrice: priceB, UnitCost: costB})
					}
				}
				out = append(out, o)
			}
		}
		for k := 1; k <= 5; k++ {
			for range poisson(r, s.base*f) {
				out = append(out, metrics.Order{ID: next(), PlacedAt: at, Status: metrics.Paid, Currency: cny,
					Lines: []metrics.Line{{SKU: skuB[k], Category: "B", Quantity: 1, UnitPrice: priceB, UnitCost: costB}}})
			}
		}
		for k := 1; k <= s.extraSKUs; k++ {
			for range poisson(r, 3) {
				out = append(out, metrics.Order{ID: next(), PlacedAt: at, Status: metrics.Paid, Currency: cny,
					Lines: []metrics.Line{{SKU: fmt.Sprintf("Z%03d", k), Category: "Z", Quantity: 1, UnitPrice: priceB, UnitCost: costA}}})
			}
		}
	}
	return out
}

// Expected effects, in minor units, from the generator's parameters.

// trueLiftProfit is E[gross profit with the promotion] − E[without] for
// the promoted SKUs over the window.
func (s store) trueLiftProfit() float64 {
	promoMargin := float64(1000-1000*s.pct/100) - 500
	var v float64
	for d := s.from; d < s.to; d++ {
		base := 5 * s.base * s.dayFactor(d)
		v += base*s.promoMult(d)*promoMargin - base*500
	}
	return v
}

func (s store) trueLiftUnits() float64 {
	var v float64
	for d := s.from; d < s.to; d++ {
		v += 5 * s.base * s.dayFactor(d) * (s.promoMult(d) - 1)
	}
	return v
}

func (s store) trueCannibProfit() float64 {
	var v float64
	for d := s.from; d < s.to; d++ {
		v -= 5 * s.base * s.dayFactor(d) * s.cannib * 500
	}
	return v
}

func (s store) truePullProfit() float64 {
	var v float64
	for d := s.to; d < s.to+s.post && d < s.days; d++ {
		v -= 5 * s.base * s.dayFactor(d) * s.pull * 500
	}
	return v
}

// trueHaloProfit: the B lines in promoted baskets, with the promotion minus
// without it (800 = CNY 20.00 − CNY 12.00 per line).
func (s store) trueHaloProfit() float64 {
	var v float64
	for d := s.from; d < s.to; d++ {
		base := 5 * s.base * s.dayFactor(d)
		v += (base*s.promoMult(d)*s.halo - base*s.basket) * 800
	}
	return v
}

func (s store) ledger() (*Ledger, error) {
	var l Ledger
	if err := l.Track(s.promotion()); err != nil {
		return nil, err
	}
	for _, o := range s.orders() {
		if err := l.Add(o); err != nil {
			return nil, err
		}
	}
	return &l, nil
}
