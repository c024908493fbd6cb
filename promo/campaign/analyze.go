package campaign

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// Analyze measures every tracked campaign, in the order of Track, from
// its target list and its coupon redemptions.
//
// The targeted group is the campaign's targets of group [Targeted]. When
// the campaign has targets of group [Control] (a randomised holdout), the
// comparison group is that control list and each customer's value is
// what they bought in the window. Otherwise the comparison is
// observational: the comparison group is every customer not on the list
// who ordered before the window started, and each customer's value is
// what they bought in the window minus what they bought in the
// pre-window (the period of equal length just before it): a difference
// in differences, which removes a fixed difference between the groups
// (targeting the best customers) but not one that changes over time.
//
// The interval of the incremental revenue and gross profit is Welch's
// interval of the difference of the two groups' means,
//
//	(mean_T − mean_C) ± t(level, ν) × √(s²_T/n_T + s²_C/n_C)
//
// with ν the Welch–Satterthwaite degrees of freedom, scaled by n_T; it
// needs two customers in each group. Its bounds are computed in floating
// point from the exact sums and rounded half-even to the minor unit;
// point estimates are exact. [Result] defines the rest.
//
// Analyze returns a *metrics.ConfigError for an invalid cfg, and
// otherwise an errors.Join of one *[RecordError] per bad record: a target
// or redemption of a campaign not tracked ([ErrUnknownCampaign]), a
// customer listed twice for a campaign, a record without a campaign or
// customer, a redemption with a negative discount ([ErrInvalidRecord]) or
// a discount in another currency (money.ErrCurrencyMismatch). It then
// returns no results.
func (l *Ledger) Analyze(targets []Target, redemptions []Redemption, cfg Config) ([]Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	n := len(l.camps)
	lists := make([]map[string]Group, n)
	for i := range lists {
		lists[i] = map[string]Group{}
	}
	var errs []error
	for k, t := range targets {
		i, ok := l.byID[t.Campaign]
		switch {
		case t.Campaign == "" || t.Customer == "":
			errs = append(errs, &RecordError{What: t.what(), Index: k, Reason: "no campaign or no customer", Err: ErrInvalidRecord})
		case !ok:
			errs = append(errs, &RecordError{What: t.what(), Index: k, Reason: "the campaign is not tracked", Err: ErrUnknownCampaign})
		case t.Group > Control:
			errs = append(errs, &RecordError{What: t.what(), Index: k, Reason: "undefined group " + t.Group.String(), Err: ErrInvalidRecord})
		default:
			if g, dup := lists[i][t.Customer]; dup {
				errs = append(errs, &RecordError{What: t.what(), Index: k, Reason: "listed twice (first as " + g.String() + ")", Err: ErrInvalidRecord})
				continue
			}
			lists[i][t.Customer] = t.Group
		}
	}
	type reds struct {
		count, strays, unvalued int64
		disc                    money.Money
		redeemers               map[string]bool
	}
	rs := make([]reds, n)
	for i := range rs {
		rs[i] = reds{disc: l.cur.Zero(), redeemers: map[string]bool{}}
	}
	// redeemed counts customer's redemption of campaign i among its
	// targets' or its strays'.
	redeemed := func(i int, customer string) {
		if g, on := lists[i][customer]; on && g == Targeted {
			rs[i].redeemers[customer] = true
		} else {
			rs[i].strays++
		}
	}
	for k, r := range redemptions {
		i, ok := l.byID[r.Campaign]
		switch {
		case r.Campaign == "" || r.Customer == "":
			errs = append(errs, &RecordError{What: r.what(), Index: k, Reason: "no campaign or no customer", Err: ErrInvalidRecord})
		case !ok:
			errs = append(errs, &RecordError{What: r.what(), Index: k, Reason: "the campaign is not tracked", Err: ErrUnknownCampaign})
		case r.Discount.IsNegative():
			errs = append(errs, &RecordError{What: r.what(), Index: k, Reason: "a negative discount " + r.Discount.String(), Err: ErrInvalidRecord})
		case r.Discount.Currency().IsZero(): // not known: counted, not added
			rs[i].unvalued++
			rs[i].count++
			redeemed(i, r.Customer)
		default:
			d, err := rs[i].disc.Add(r.Discount)
			if err != nil {
				errs = append(errs, &RecordError{What: r.what(), Index: k, Reason: "a discount in " + r.Discount.Currency().Code() + ", the campaign's currency is " + l.cur.Code(), Err: err})
				continue
			}
			rs[i].disc = d
			rs[i].count++
			redeemed(i, r.Customer)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := make([]Result, n)
	for i, c := range l.camps {
		r := l.analyze(c, l.acts[i], lists[i], cfg)
		r.Redemptions, r.Strays, r.Discounts, r.Unvalued = rs[i].count, rs[i].strays, rs[i].disc, rs[i].unvalued
		r.Redeemers = int64(len(rs[i].redeemers))
		r.Redemption = metrics.CountRatio(r.Redeemers, r.Targeted)
		out[i] = r
	}
	return out, nil
}

// group is the sums of one group's customers, in minor units.
type group struct {
	n, responders           int64
	noCost, preNoCost       int64 // orders with a line without a unit cost, in the window and the pre-window
	net, profit             int64 // in the window
	preNet, preProfit       int64
	effNet, effProfit       moments // per customer: the value the comparison uses
	sumEffNet, sumEffProfit int64
}

func (g *group) add(a *activity, did bool) {
	g.n++
	if a == nil {
		a = &activity{}
	}
	if a.In.Orders > 0 {
		g.responders++
	}
	g.noCost += a.In.NoCost
	g.preNoCost += a.Pre.NoCost
	g.net += a.In.Net
	g.profit += a.In.Profit
	g.preNet += a.Pre.Net
	g.preProfit += a.Pre.Profit
	xn, xp := a.In.Net, a.In.Profit
	if did {
		xn, xp = xn-a.Pre.Net, xp-a.Pre.Profit
	}
	g.sumEffNet += xn
	g.sumEffProfit += xp
	g.effNet.add(float64(xn))
	g.effProfit.add(float64(xp))
}

func (l *Ledger) analyze(c Campaign, acts map[string]*activity, list map[string]Group, cfg Config) (r Result) {
	r = Result{Campaign: c, Level: cfg.Level}
	for _, g := range list {
		if g == Control {
			r.Randomised = true
			break
		}
	}
	did := !r.Randomised
	var t, k group
	for id, g := range list {
		switch g {
		case Targeted:
			t.add(acts[id], did)
		case Control:
			k.add(acts[id], did)
		}
	}
	if did {
		for id, a := range acts {
			if _, on := list[id]; !on && a.Before {
				k.add(a, did)
			}
		}
	}
	cur := l.cur
	r.Targeted, r.Compared = t.n, k.n
	r.CostMissing = t.noCost + k.noCost
	if did {
		r.CostMissing += t.preNoCost + k.preNoCost
	}
	r.Responders, r.CompareResponders = t.responders, k.responders
	r.Response, r.CompareResponse = metrics.CountRatio(t.responders, t.n), metrics.CountRatio(k.responders, k.n)
	r.Revenue, r.Profit = cur.FromMinor(t.net), cur.FromMinor(t.profit)
	mean := func(sum, n int64) metrics.Value {
		if n == 0 {
			return metrics.Undefined(metrics.UnitMoney)
		}
		return metrics.MoneyValue(cur.FromMinor(scaled(1, sum, n)))
	}
	r.RevenuePer, r.ProfitPer = mean(t.net, t.n), mean(t.profit, t.n)
	r.CompareRevenuePer, r.CompareProfitPer = mean(k.net, k.n), mean(k.profit, k.n)
	r.PreRevenuePer, r.PreProfitPer = mean(t.preNet, t.n), mean(t.preProfit, t.n)
	r.ComparePreRevenuePer, r.ComparePreProfitPer = mean(k.preNet, k.n), mean(k.preProfit, k.n)
	// Means of gross profit that count lines without a cost are not
	// given; nor, on every return, is what rests on the comparison.
	undef := metrics.Undefined(metrics.UnitMoney)
	for _, m := range []struct {
		v      *metrics.Value
		noCost int64
	}{{&r.ProfitPer, t.noCost}, {&r.CompareProfitPer, k.noCost}, {&r.PreProfitPer, t.preNoCost}, {&r.ComparePreProfitPer, k.preNoCost}} {
		if m.noCost > 0 {
			*m.v = undef
		}
	}
	defer r.withoutCosts() // r is the result

	r.IncrementalRevenue, r.RevenueLow, r.RevenueHigh = undef, undef, undef
	r.IncrementalProfit, r.ProfitLow, r.ProfitHigh = undef, undef, undef
	r.Gain, r.GainLow, r.GainHigh = undef, undef, undef
	undefR := metrics.Undefined(metrics.UnitRatio)
	r.ROI, r.ROILow, r.ROIHigh = undefR, undefR, undefR
	if t.n == 0 || k.n == 0 {
		return r
	}
	incNet := t.sumEffNet - scaled(t.n, k.sumEffNet, k.n)
	incProfit := t.sumEffProfit - scaled(t.n, k.sumEffProfit, k.n)
	known := c.CostKnown()
	cost, ok := c.Cost.MinorIn(cur)
	if known && !ok { // Track checks that a known cost is whole minor units of the ledger's currency
		panic("campaign: the cost of campaign " + c.ID + " is not in whole minor units of the ledger's currency (a bug)")
	}
	r.IncrementalRevenue = metrics.MoneyValue(cur.FromMinor(incNet))
	r.IncrementalProfit = metrics.MoneyValue(cur.FromMinor(incProfit))
	if known {
		r.Gain = metrics.MoneyValue(cur.FromMinor(incProfit - cost))
	}
	if known && cost > 0 {
		r.ROI = metrics.RatioValue(metrics.NewRatio(float64(incProfit-cost), float64(cost)))
	}
	hn, ok1 := welchHalf(t.effNet, k.effNet, cfg.Level)
	hp, ok2 := welchHalf(t.effProfit, k.effProfit, cfg.Level)
	if !ok1 || !ok2 {
		return r
	}
	nt := float64(t.n)
	bound := func(est int64, half float64) (lo, hi float64) {
		return math.RoundToEven(float64(est) - nt*half), math.RoundToEven(float64(est) + nt*half)
	}
	amount := func(minor float64) metrics.Value { return metrics.MoneyValue(cur.FromMinor(int64(minor))) }
	rlo, rhi := bound(incNet, hn)
	r.RevenueLow, r.RevenueHigh = amount(rlo), amount(rhi)
	plo, phi := bound(incProfit, hp)
	r.ProfitLow, r.ProfitHigh = amount(plo), amount(phi)
	if !known {
		// Gain ≤ IncrementalProfit whatever the cost (it is ≥ 0): a
		// profit interval below zero leaves the gain's below zero too;
		// any other could be pushed under zero by a cost large enough.
		if promo.OutcomeOf(metrics.NewRatio(plo, 1), metrics.NewRatio(phi, 1)) == promo.DoesNotPay {
			r.Outcome = promo.DoesNotPay
		}
		return r
	}
	glo, ghi := plo-float64(cost), phi-float64(cost)
	r.GainLow, r.GainHigh = amount(glo), amount(ghi)
	if cost > 0 {
		r.ROILow = metrics.RatioValue(metrics.NewRatio(glo, float64(cost)))
		r.ROIHigh = metrics.RatioValue(metrics.NewRatio(ghi, float64(cost)))
	}
	r.Outcome = promo.OutcomeOf(metrics.NewRatio(glo, 1), metrics.NewRatio(ghi, 1))
	return r
}

// withoutCosts leaves undefined the figures of r that rest on the
// comparison of gross profit when it counts orders with lines sold
// without a unit cost (CostMissing): the incremental profit, the gain,
// ROI and their intervals; the outcome is then Inconclusive.
func (r *Result) withoutCosts() {
	if r.CostMissing == 0 {
		return
	}
	undef, undefR := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio)
	r.IncrementalProfit, r.ProfitLow, r.ProfitHigh = undef, undef, undef
	r.Gain, r.GainLow, r.GainHigh = undef, undef, undef
	r.ROI, r.ROILow, r.ROIHigh = undefR, undefR, undefR
	r.Outcome = promo.Inconclusive
}

// moments accumulates a mean and a sum of squared deviations (Welford).
type moments struct {
	n        int64
	mean, m2 float64
}

func (m *moments) add(x float64) {
	m.n++
	d := x - m.mean
	m.mean += d / float64(m.n)
	m.m2 += d * (x - m.mean)
}

// welchHalf returns the half-width of Welch's interval for the difference
// of the means of a and b at the level, and false with fewer than two
// values in either.
func welchHalf(a, b moments, level float64) (float64, bool) {
	if a.n < 2 || b.n < 2 {
		return 0, false
	}
	va := a.m2 / float64(a.n-1) / float64(a.n)
	vb := b.m2 / float64(b.n-1) / float64(b.n)
	se := math.Sqrt(va + vb)
	if se == 0 {
		return 0, true
	}
	df := (va + vb) * (va + vb) / (va*va/float64(a.n-1) + vb*vb/float64(b.n-1))
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - (1-level)/2)
	if math.IsNaN(q) || math.IsInf(q, 0) {
		return 0, false
	}
	return q * se, true
}
