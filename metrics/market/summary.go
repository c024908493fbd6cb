package market

import (
	"cmp"
	"maps"
	"math"
	"math/big"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// Config configures [Tracker.Summarize].
type Config struct {
	// Above is the margin over the market price beyond which a SKU is
	// priced above the market: our price > market price × (1 + Above).
	// Defaults to 0.05 (5 %), which a NaN or infinite value means too; a
	// negative value means 0.
	Above float64
}

// DefaultAbove is the default of Config.Above.
const DefaultAbove = 0.05

func (c Config) above() float64 {
	switch {
	case c.Above == 0 || math.IsNaN(c.Above) || math.IsInf(c.Above, 0):
		return DefaultAbove
	case c.Above < 0:
		return 0
	}
	return c.Above
}

// Band says where our price of a SKU lies against the market price.
type Band uint8

const (
	Unpriced  Band = iota // we have no price of the SKU: it sold in neither period
	AtOrBelow             // our price ≤ market price
	Near                  // market price < our price ≤ market price × (1 + Config.Above)
	Above                 // our price > market price × (1 + Config.Above)
)

var bandNames = [...]string{"unpriced", "at_or_below", "near", "above"}

// String returns "unpriced", "at_or_below", "near" or "above".
func (b Band) String() string {
	if int(b) < len(bandNames) {
		return bandNames[b]
	}
	return "Band(?)"
}

// MarshalText returns the band's name.
func (b Band) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText parses a band's name.
func (b *Band) UnmarshalText(s []byte) error {
	for i, n := range bandNames {
		if n == string(s) {
			*b = Band(i)
			return nil
		}
	}
	return &metrics.ConfigError{Pkg: "market", Field: "Band", Problem: "unknown band " + string(s)}
}

// Summary is the market comparison of one period.
type Summary struct {
	Period metrics.Period `json:"period"`
	// Above is the margin of the above-market band (Config.Above).
	Above float64 `json:"above"`
	// Competitors are the competitors with prices in the period, by name.
	Competitors []string `json:"competitors"`
	// Observations is the number of price observations in the period.
	Observations int64 `json:"observations"`
	// SKUs are the SKUs with competitor prices in the period, by our net
	// sales in the period (largest first), then by SKU.
	SKUs []SKU `json:"skus"`
	// Indices are the overall indices against each competitor, in the
	// order of Competitors; Market is the overall index against the
	// market price.
	Indices []Index `json:"indices"`
	Market  Index   `json:"market"`
	// AboveMarket, NearMarket and AtOrBelow are the SKUs of each band
	// with their sales; Unpriced counts the SKUs with competitor prices
	// that sold in neither period (we have no price of them).
	AboveMarket Group `json:"above_market"`
	NearMarket  Group `json:"near_market"`
	AtOrBelow   Group `json:"at_or_below"`
	Unpriced    int   `json:"unpriced"`
	// OurPromotionDays are the days of the period with a promotion of
	// ours, as dates; Promotions are each competitor's promotion days.
	OurPromotionDays []string        `json:"our_promotion_days"`
	Promotions       []PromotionDays `json:"promotions"`
}

// SKU is one SKU's prices and sales.
type SKU struct {
	SKU string `json:"sku"`
	// OurPrice is our price of the SKU (the units-weighted mean list
	// price of the period, else of the previous period), rounded half-even
	// to minor units for display; undefined when it sold in neither.
	OurPrice metrics.Value `json:"our_price"`
	// Prices are the competitors' prices of the SKU, by competitor.
	Prices []CompetitorPrice `json:"prices"`
	// MarketPrice is the median of the competitors' prices, exact.
	MarketPrice money.Money `json:"market_price"`
	// Index is our price / MarketPrice × 100; undefined when unpriced.
	Index metrics.Value `json:"index"`
	Band  Band          `json:"band"`
	// Sales and Previous are the SKU's sales in the period and the
	// previous one; UnitsChange and NetChange their changes.
	Sales       Sales         `json:"sales"`
	Previous    Sales         `json:"previous"`
	UnitsChange metrics.Value `json:"units_change"`
	NetChange   metrics.Value `json:"net_change"`
}

// CompetitorPrice is one competitor's price of a SKU in the period.
type CompetitorPrice struct {
	Competitor string `json:"competitor"`
	// Price is the median of the competitor's observations, exact.
	Price        money.Money `json:"price"`
	Observations int64       `json:"observations"`
	// Index is our price / Price × 100; undefined when unpriced.
	Index metrics.Value `json:"index"`
}

// Sales are units and net sales (gross − discounts, before refunds) of
// our non-cancelled orders placed in a period.
type Sales struct {
	Units int64       `json:"units"`
	Net   money.Money `json:"net"`
}

// Index is an overall price index: Σ w × index / Σ w over the SKUs with
// both prices, w being our net sales of the SKU in the period.
type Index struct {
	// Competitor is the competitor, "" for the market.
	Competitor string `json:"competitor"`
	// Index is the sales-weighted index, a plain number (100 is parity);
	// undefined when none of the SKUs sold in the period.
	Index metrics.Value `json:"index"`
	// SKUs is the number of SKUs compared, Weighted those with sales in
	// the period (a weight), and Sales their net sales: the weights' sum.
	SKUs     int         `json:"skus"`
	Weighted int         `json:"weighted"`
	Sales    money.Money `json:"sales"`
	// Dearer and Cheaper count the compared SKUs whose index is above
	// and below 100.
	Dearer  int `json:"dearer"`
	Cheaper int `json:"cheaper"`
}

// Group is the SKUs of one [Band] and their sales in the period and the
// previous one.
type Group struct {
	SKUs int `json:"skus"`
	// Fell counts the SKUs that sold fewer units than in the previous
	// period.
	Fell        int           `json:"fell"`
	Sales       Sales         `json:"sales"`
	Previous    Sales         `json:"previous"`
	UnitsChange metrics.Value `json:"units_change"` // (units − previous) / previous, a share; undefined when previous is 0
	NetChange   metrics.Value `json:"net_change"`   // the same for net sales
}

// PromotionDays are one competitor's promotion days in the period beside
// ours, as dates ("2025-12-12").
type PromotionDays struct {
	Competitor string   `json:"competitor"`
	Days       []string `json:"days"`    // the competitor's promotion days
	Overlap    []string `json:"overlap"` // those on which we had a promotion too
	Alone      []string `json:"alone"`   // those on which we had none
}

// Summarize returns the market comparison of the tracker's period. An
// empty tracker gives a Summary without SKUs, its indices undefined.
func (t *Tracker) Summarize(cfg Config) Summary {
	s := Summary{Period: t.Period, Above: cfg.above(), Observations: t.nPrice}
	limit := new(big.Rat).SetFloat64(1 + s.Above)
	if limit == nil { // unreachable for finite Above
		limit = big.NewRat(1, 1)
	}
	comps := make(map[string]bool)
	bySKU := make(map[string][]string) // SKU → its competitors
	for k := range t.obs {
		comps[k.competitor] = true
		bySKU[k.sku] = append(bySKU[k.sku], k.competitor)
	}
	s.Competitors = slices.Sorted(maps.Keys(comps))
	type acc struct{ num, den *big.Rat } // Σ w × index, Σ w
	overall := make(map[string]*Index)
	sums := make(map[string]acc)
	for _, c := range append([]string{""}, s.Competitors...) {
		overall[c] = &Index{Competitor: c, Index: metrics.Undefined(metrics.UnitNumber), Sales: t.zero()}
		sums[c] = acc{new(big.Rat), new(big.Rat)}
	}
	groups := map[Band]*Group{Above: &s.AboveMarket, Near: &s.NearMarket, AtOrBelow: &s.AtOrBelow}
	for _, g := range groups {
		*g = Group{Sales: Sales{Net: t.zero()}, Previous: Sales{Net: t.zero()}}
	}
	for _, sku := range slices.Sorted(maps.Keys(bySKU)) {
		x := SKU{SKU: sku, OurPrice: metrics.Undefined(metrics.UnitMoney), Index: metrics.Undefined(metrics.UnitNumber),
			Sales: Sales{Net: t.zero()}, Previous: Sales{Net: t.zero()}}
		var our *big.Rat // exact
		if sl := t.sales[sku]; sl != nil {
			x.Sales = Sales{sl[0].units, sl[0].net}
			x.Previous = Sales{sl[1].units, sl[1].net}
			for _, p := range sl {
				if p.units > 0 {
					our = new(big.Rat).Quo(p.gross.Decimal().Rat(), big.NewRat(p.units, 1))
					m, _ := p.gross.Div(p.units, money.RoundHalfEven)
					x.OurPrice = metrics.MoneyValue(m)
					break
				}
			}
		}
		x.UnitsChange = changeValue(metrics.Change(float64(x.Sales.Units), float64(x.Previous.Units)))
		nc := oneCurrency(metrics.ChangeMoney(x.Sales.Net, x.Previous.Net))
		x.NetChange = changeValue(nc)
		w := x.Sales.Net.Decimal().Rat()
		cs := bySKU[sku]
		slices.Sort(cs)
		prices := make([]money.Money, 0, len(cs))
		for _, c := range cs {
			obs := t.obs[pair{sku, c}]
			cp := CompetitorPrice{Competitor: c, Price: median(obs), Observations: int64(len(obs)), Index: metrics.Undefined(metrics.UnitNumber)}
			prices = append(prices, cp.Price)
			if our != nil {
				idx := index(our, cp.Price)
				cp.Index = number(idx)
				overall[c].add(idx, x.Sales.Net, sums[c].num, sums[c].den, w)
			}
			x.Prices = append(x.Prices, cp)
		}
		x.MarketPrice = median(prices)
		if our == nil {
			s.Unpriced++
		} else {
			idx := index(our, x.MarketPrice)
			x.Index = number(idx)
			overall[""].add(idx, x.Sales.Net, sums[""].num, sums[""].den, w)
			mp := x.MarketPrice.Decimal().Rat()
			switch {
			case our.Cmp(mp) <= 0:
				x.Band = AtOrBelow
			case our.Cmp(new(big.Rat).Mul(mp, limit)) > 0:
				x.Band = Above
			default:
				x.Band = Near
			}
			g := groups[x.Band]
			g.SKUs++
			if x.Sales.Units < x.Previous.Units {
				g.Fell++
			}
			g.Sales.Units += x.Sales.Units
			g.Previous.Units += x.Previous.Units
			g.Sales.Net = oneCurrency(g.Sales.Net.Add(x.Sales.Net))
			g.Previous.Net = oneCurrency(g.Previous.Net.Add(x.Previous.Net))
		}
		s.SKUs = append(s.SKUs, x)
	}
	for _, g := range groups {
		g.UnitsChange = changeValue(metrics.Change(float64(g.Sales.Units), float64(g.Previous.Units)))
		nc := oneCurrency(metrics.ChangeMoney(g.Sales.Net, g.Previous.Net))
		g.NetChange = changeValue(nc)
	}
	for c, ix := range overall {
		a := sums[c]
		if a.den.Sign() > 0 {
			ix.Index = number(new(big.Rat).Quo(a.num, a.den))
		}
	}
	s.Market = *overall[""]
	for _, c := range s.Competitors {
		s.Indices = append(s.Indices, *overall[c])
	}
	slices.SortStableFunc(s.SKUs, func(a, b SKU) int {
		n := oneCurrency(b.Sales.Net.Cmp(a.Sales.Net))
		return cmp.Or(n, cmp.Compare(a.SKU, b.SKU))
	})
	s.OurPromotionDays = slices.Sorted(maps.Keys(t.ours))
	for _, c := range s.Competitors {
		pd := PromotionDays{Competitor: c, Days: slices.Sorted(maps.Keys(t.promo[c]))}
		for _, d := range pd.Days {
			if t.ours[d] {
				pd.Overlap = append(pd.Overlap, d)
			} else {
				pd.Alone = append(pd.Alone, d)
			}
		}
		s.Promotions = append(s.Promotions, pd)
	}
	return s
}

// add counts one SKU's index idx with its net sales w in the overall
// index: num += w × idx, den += w.
func (ix *Index) add(idx *big.Rat, net money.Money, num, den, w *big.Rat) {
	ix.SKUs++
	switch idx.Cmp(big.NewRat(100, 1)) {
	case 1:
		ix.Dearer++
	case -1:
		ix.Cheaper++
	}
	if w.Sign() <= 0 {
		return
	}
	ix.Weighted++
	ix.Sales = oneCurrency(ix.Sales.Add(net))
	num.Add(num, new(big.Rat).Mul(w, idx))
	den.Add(den, w)
}

func (t *Tracker) zero() money.Money {
	if t.cur.IsZero() {
		return money.Money{}
	}
	return t.cur.Zero()
}

// index returns our / theirs × 100, exactly; theirs is positive.
func index(our *big.Rat, theirs money.Money) *big.Rat {
	q := new(big.Rat).Quo(our, theirs.Decimal().Rat())
	return q.Mul(q, big.NewRat(100, 1))
}

// number returns the exact r as a plain number.
func number(r *big.Rat) metrics.Value {
	f, _ := r.Float64()
	return metrics.NumberValue(f)
}

func changeValue(r metrics.Ratio) metrics.Value { return metrics.RatioValue(r) }

// median returns the median of ms (the mean of the two middle ones for
// an even number), exact; the zero Money for none.
func median(ms []money.Money) money.Money {
	if len(ms) == 0 {
		return money.Money{}
	}
	s := slices.Clone(ms)
	slices.SortFunc(s, func(a, b money.Money) int { return oneCurrency(a.Cmp(b)) })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	sum := oneCurrency(s[n/2-1].Add(s[n/2]))
	return sum.MulRate(decimal.New(5, -1))
}
