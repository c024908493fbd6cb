package report

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// CLV forecast settings of the customers section: a BG/NBD purchase model
// and a Gamma-Gamma spend model (package cohort/clv) fitted on weeks, a
// 52-week horizon, 1 % discounting per average calendar month, and the
// period's gross margin.
const (
	clvUnit     = 7 * 24 * time.Hour
	clvHorizon  = 52 * clvUnit
	clvDiscount = 0.01
	clvMonth    = time.Duration(365.25 / 12 * 24 * float64(time.Hour))
	clvAlive    = 0.5 // P(alive) from which a customer counts in the active base
)

// purchase is one order of a customer, for the CLV statistics.
type purchase struct {
	day   int64   // days since the epoch in the period's zone
	value float64 // net merchandise value, a statistic for the spend model
}

// clvPart forecasts the value of the active customer base.
type clvPart struct {
	history map[string][]purchase // customer → orders up to the period's end
}

func (p *clvPart) start(b *builder) { p.history = make(map[string][]purchase) }

func (p *clvPart) order(b *builder, o *metrics.Order) {
	if o.Status == metrics.Cancelled || o.CustomerID == "" || !o.PlacedAt.Before(b.periods[pCur].End) {
		return
	}
	var v metrics.Sum
	for i := range o.Lines {
		l := &o.Lines[i]
		v.Add(l.UnitPrice.Mul(l.Quantity))
		v.Add(l.Discount.Neg())
	}
	v.Add(o.Discount.Neg())
	f, _ := v.Total(o.Currency).Decimal().Float64()
	p.history[o.CustomerID] = append(p.history[o.CustomerID], purchase{day: dayNumber(o.PlacedAt.In(b.periods[pCur].Location())), value: f})
}

func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// customers returns the CLV statistics of every customer as of the
// period's end, in weeks (the CDNOW conventions of package cohort/clv): X
// repeat purchase days, Tx from the first to the last purchase day, T from
// the first purchase day to the period's end, Monetary the mean value of
// the repeat purchase days. Customers are sorted by ID.
func (p *clvPart) customers(end int64) []clv.Customer {
	ids := make([]string, 0, len(p.history))
	for id := range p.history {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]clv.Customer, 0, len(ids))
	for _, id := range ids {
		h := p.history[id]
		slices.SortFunc(h, func(a, c purchase) int { return cmp.Compare(a.day, c.day) })
		// Merge the orders of one day into one purchase.
		days := h[:0:0]
		for _, x := range h {
			if n := len(days); n > 0 && days[n-1].day == x.day {
				days[n-1].value += x.value
				continue
			}
			days = append(days, x)
		}
		c := clv.Customer{ID: id, X: float64(len(days) - 1), T: float64(end-days[0].day) / 7}
		if c.X > 0 {
			c.Tx = float64(days[len(days)-1].day-days[0].day) / 7
			var s float64
			for _, d := range days[1:] {
				s += d.value
			}
			c.Monetary = s / c.X
		}
		out = append(out, c)
	}
	return out
}

func (p *clvPart) finish(b *builder, r *Review) {
	if r.Customers == nil || len(p.history) == 0 {
		return
	}
	margin, ok := b.sums[pCur].For(b.cur).GrossMargin.Value()
	if !ok || margin <= 0 || margin > 1 {
		return
	}
	end := dayNumber(b.periods[pCur].End.In(b.periods[pCur].Location()))
	active, m, ok := p.forecast(end, margin, b.cur)
	if !ok {
		return // no converged fit: the forecast is left out, never guessed
	}
	na := Undefined
	per, perOK := m.Div(active, metrics.RoundHalfEven)
	r.Customers.KPIs = append(r.Customers.KPIs,
		NewKPI("active_customers", metrics.HigherIsBetter, CountValue(active), na(KindCount), na(KindCount), na(KindCount)),
		NewKPI("predicted_clv", metrics.HigherIsBetter, MoneyValue(m), na(KindMoney), na(KindMoney), na(KindMoney)),
		NewKPI("predicted_clv_per_customer", metrics.HigherIsBetter, MoneyValueOK(per, perOK), na(KindMoney), na(KindMoney), na(KindMoney)))
}

// forecast fits the models on the customers as of day end and returns the
// active base (P(alive) ≥ 50 %) and its predicted CLV in cur. It reports
// false when a fit does not converge.
func (p *clvPart) forecast(end int64, margin float64, cur metrics.Currency) (int64, metrics.Money, bool) {
	cs := p.customers(end)
	grouped := clv.Group(cs)
	bg, _, err := clv.FitBGNBD(grouped, clv.FitConfig{})
	if err != nil {
		return 0, metrics.Money{}, false
	}
	gg, _, err := clv.FitGammaGamma(grouped, clv.FitConfig{})
	if err != nil {
		return 0, metrics.Money{}, false
	}
	cfg := clv.ValueConfig{TimeUnit: clvUnit, Horizon: clvHorizon, DiscountPeriod: clvMonth, DiscountRate: clvDiscount, Margin: margin}
	var active int64
	var total float64
	for _, c := range cs {
		if bg.PAlive(c) < clvAlive {
			continue
		}
		v, err := clv.CLV(bg, gg, c, cfg)
		if err != nil {
			continue
		}
		active++
		total += v
	}
	m, err := clv.Money(total, cur)
	if err != nil {
		return 0, metrics.Money{}, false
	}
	return active, m, true
}
