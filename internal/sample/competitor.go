package sample

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/market"
)

// CompetitorTruth is one competitor of the demo store (竞争数据): its
// regular price of each SKU is our list price × Level × a factor of the
// SKU drawn uniformly in [0.98, 1.02], rounded to the fen, and on its
// promotion days its price is PromotionRate × the regular price, flagged
// as a promotion. Index is 100 / Level: the price index of our SKUs
// against it, up to the factors' noise (±2 %), for the SKUs not in
// Truth.AboveMarket.
type CompetitorTruth struct {
	Name          string
	Level         float64
	Index         float64
	PromotionRate float64
	// PromotionDays are the competitor's promotion days in the period of
	// the prices (the start of each day).
	PromotionDays []time.Time
}

// AboveMarketTruth is a SKU priced above the market on purpose: both
// competitors charge the market price M = our list price × 100 / Index,
// times 1.01 and 0.99 (rounded to the fen), so that their median, the
// market price, is M to within a fen and the SKU's market index is Index,
// 110 to 115. The SKU's demand is not changed for it: its sales are what
// the store's model gives any SKU.
type AboveMarketTruth struct {
	SKU   string
	Index float64
}

// The competitor prices of the demo store.
const (
	// competitorDays is how far back from the period's end competitor
	// prices are observed: every 7th day counted back from the last day,
	// and every promotion day of a competitor, at both competitors, for
	// every SKU on sale that day.
	competitorDays = 120
	// aboveMarketSKUs is the number of SKUs priced above the market.
	aboveMarketSKUs = 4
)

// competitor is one competitor's rule.
type competitor struct {
	name          string
	level, rate   float64
	promoMonthDay [][2]int // month and day of its yearly promotion days
}

// competitors are 京东 (JD), a little dearer than us and promoting on 11.11
// and 12.12 as we do, and 拼多多 (PDD), a little cheaper, promoting on 11.11
// and on a year-end sale of its own on 12.18–12.19, when we run none.
var competitors = []competitor{
	{name: "JD", level: 1.03, rate: 0.85, promoMonthDay: [][2]int{{11, 11}, {12, 12}}},
	{name: "PDD", level: 0.97, rate: 0.80, promoMonthDay: [][2]int{{11, 11}, {12, 18}, {12, 19}}},
}

// competition holds the drawn regular prices, in fen: regular[c][i] is
// competitor c's price of SKU i.
type competition struct {
	regular [][]int64
	first   int // the first day of the prices
}

// competitorTruths draws, from its own random stream r, the SKUs priced
// above the market and each competitor's regular prices, and sets the
// truth.
func (g *generator) competitorTruths(r *rand.Rand) {
	t := &g.truth
	n := len(g.cat)
	var ordinary []int // on sale all along, selling, with no other role
	for i, p := range g.cat {
		if g.roles[i] == roleNormal && p.Popularity > 0 && g.launch[i] == 0 {
			ordinary = append(ordinary, i)
		}
	}
	above := make(map[int]float64)
	for range min(aboveMarketSKUs, len(ordinary)) {
		k := r.IntN(len(ordinary))
		i := ordinary[k]
		ordinary = slices.Delete(ordinary, k, k+1)
		idx := math.Round((110+5*r.Float64())*10) / 10 // 110.0 to 115.0
		above[i] = idx
	}
	for _, i := range slices.Sorted(maps.Keys(above)) {
		t.AboveMarket = append(t.AboveMarket, AboveMarketTruth{SKU: g.cat[i].SKU, Index: above[i]})
	}
	c := &competition{first: max(0, g.cal.days-competitorDays)}
	c.regular = make([][]int64, len(competitors))
	for k, cp := range competitors {
		c.regular[k] = make([]int64, n)
		for i := range n {
			f := cp.level * (0.98 + 0.04*r.Float64())
			if idx, ok := above[i]; ok {
				f = 100 / idx * [2]float64{1.01, 0.99}[k%2]
			}
			c.regular[k][i] = max(1, int64(math.Round(float64(g.price[i])*f)))
		}
		ct := CompetitorTruth{Name: cp.name, Level: cp.level, Index: 100 / cp.level, PromotionRate: cp.rate}
		for d := c.first; d < g.cal.days; d++ {
			if cp.promotes(g.cal.start[d].In(g.cal.loc)) {
				ct.PromotionDays = append(ct.PromotionDays, g.cal.start[d])
			}
		}
		t.Competitors = append(t.Competitors, ct)
	}
	g.comp = c
}

// promotes reports whether the competitor promotes on day.
func (cp *competitor) promotes(day time.Time) bool {
	for _, md := range cp.promoMonthDay {
		if int(day.Month()) == md[0] && day.Day() == md[1] {
			return true
		}
	}
	return false
}

// competitorPrices returns the competitors' observed prices: on every
// 7th day counted back from the period's last day and on every
// competitor's promotion day, of the last competitorDays days, for every
// SKU launched by then, at both competitors, by day, SKU and competitor.
func (g *generator) competitorPrices() []market.Price {
	c := g.comp
	var out []market.Price
	for d := c.first; d < g.cal.days; d++ {
		day := g.cal.start[d]
		promo := make([]bool, len(competitors))
		observed := (g.cal.days-1-d)%7 == 0
		for k := range competitors {
			promo[k] = competitors[k].promotes(day.In(g.cal.loc))
			observed = observed || promo[k]
		}
		if !observed {
			continue
		}
		for i, p := range g.cat {
			if g.launch[i] > d {
				continue
			}
			for k, cp := range competitors {
				price := c.regular[k][i]
				if promo[k] {
					price = max(1, int64(math.Round(float64(price)*cp.rate)))
				}
				out = append(out, market.Price{SKU: p.SKU, Competitor: cp.name, Day: day, Price: g.cur.FromMinor(price), Promotion: promo[k]})
			}
		}
	}
	return out
}
