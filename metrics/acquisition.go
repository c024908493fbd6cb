package metrics

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// CAC is the customer acquisition cost (获客成本) of one channel, or of all
// channels together (blended, with Channel "").
type CAC struct {
	Channel      string
	Spend        money.Money // marketing spend of the channel in the period
	NewCustomers int64       // new buyers whose first order came through the channel
}

// Cost returns Spend / NewCustomers, money per new customer rounded
// half-even to the currency's minor units. It reports false when the
// channel won no new customer. A channel without spend that won customers
// (organic) has a zero cost.
func (c CAC) Cost() (money.Money, bool) { return c.Spend.Div(c.NewCustomers, money.RoundHalfEven) }

// AcquisitionCost returns the CAC of each channel and the blended CAC for
// the period and currency of s: marketing spend by channel divided by new
// customers attributed to the channel of their first order
// ([Group.NewBuyers] of [Summary.ByChannel]), as shopmetrics defines it.
//
// Spend counts when its Day falls in s.Period (every spend counts with a
// zero Period). Channels are those with spend or new customers, sorted by
// name; spend of a channel with no new customer gives an undefined
// [CAC.Cost], which the blended CAC still includes. Empty input gives no
// channels and a blended CAC with zero spend and no customers.
//
// Spend is in the currency of s. A Summary without a currency (the zero
// Summary, from a period without orders) takes the currency of the first
// spend record in the period that has one.
//
// It returns an errors.Join of one error per spend record, in input order,
// in another currency than that (wrapping a *[money.MismatchError]) or
// with a negative amount, each naming the record's channel and day, and
// no result then.
func AcquisitionCost(s Summary, spend iter.Seq[Spend]) (channels []CAC, blended CAC, err error) {
	cur := s.Currency
	byCh := make(map[string]*CAC)
	get := func(ch string) *CAC {
		c := byCh[ch]
		if c == nil {
			c = &CAC{Channel: ch, Spend: cur.Zero()}
			byCh[ch] = c
		}
		return c
	}
	var errs []error
	if spend != nil {
		for sp := range spend {
			if !s.Period.IsZero() && !s.Period.Contains(sp.Day) {
				continue
			}
			bad := func(err error) {
				errs = append(errs, fmt.Errorf("metrics: spend of channel %q on %s: %w", sp.Channel, sp.Day.Format("2006-01-02"), err))
			}
			if sp.Amount.IsNegative() {
				bad(errors.New("negative amount " + sp.Amount.String()))
				continue
			}
			if c := sp.Amount.Currency(); cur.IsZero() && !c.IsZero() {
				cur = c
				for _, x := range byCh { // zero spend seen before the first currency
					x.Spend = cur.Zero()
				}
			}
			if c := sp.Amount.Currency(); !c.IsZero() && c != cur {
				bad(&money.MismatchError{A: cur.Zero(), B: sp.Amount})
				continue
			}
			c := get(sp.Channel)
			t, e := c.Spend.Add(sp.Amount)
			if e != nil {
				bad(e)
				continue
			}
			c.Spend = t
		}
	}
	if len(errs) > 0 {
		return nil, CAC{}, errors.Join(errs...)
	}
	for _, g := range s.ByChannel {
		if g.NewBuyers > 0 {
			get(g.Key).NewCustomers += g.NewBuyers
		}
	}
	for _, c := range byCh {
		channels = append(channels, *c)
	}
	slices.SortFunc(channels, func(a, b CAC) int { return cmp.Compare(a.Channel, b.Channel) })
	blended = CAC{Spend: cur.Zero()}
	for _, c := range channels { // all in cur, so Add cannot fail
		t, err := blended.Spend.Add(c.Spend)
		if err != nil {
			return nil, CAC{}, fmt.Errorf("metrics: blended spend, channel %q: %w", c.Channel, err)
		}
		blended.Spend = t
		blended.NewCustomers += c.NewCustomers
	}
	return channels, blended, nil
}

// SimpleLTV returns the simple customer lifetime value (简易LTV):
//
//	LTV = AOV × frequency × margin × lifetime, lifetime = 1 / churn
//
// where frequency is orders per customer per period, margin the gross
// margin as a fraction (0.4 for 40 %) and churn the fraction of customers
// lost per period, so that lifetime is in periods. The result is in the
// currency of aov, rounded half-even to its minor units. The three rates
// are statistics, combined in float64 into one factor that multiplies aov
// exactly as a decimal.
//
// It reports false when churn is not in (0, 1], frequency is negative or
// any input is NaN or infinite.
func SimpleLTV(aov money.Money, frequency, margin, churn float64) (money.Money, bool) {
	for _, v := range []float64{frequency, margin, churn} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return money.Money{}, false
		}
	}
	if churn <= 0 || churn > 1 || frequency < 0 {
		return money.Money{}, false
	}
	f := frequency * margin / churn
	return aov.MulRate(decimal.NewFromFloat(f)).Round(money.RoundHalfEven), true
}

// HistoricalLTV returns the historical LTV (历史客户价值) of a cohort n
// periods after acquisition: its cumulative gross profit at period n
// divided by the cohort size, rounded half-even to minor units.
// cumulative[i] is the cohort's total gross profit from acquisition to the
// end of period i (period 0 is the acquisition period). Pass a cumulative
// revenue curve instead for revenue LTV.
//
// It reports false when n is outside the curve or the cohort is empty.
func HistoricalLTV(cumulative []money.Money, cohortSize int64, n int) (money.Money, bool) {
	if n < 0 || n >= len(cumulative) || cohortSize <= 0 {
		return money.Money{}, false
	}
	return cumulative[n].Div(cohortSize, money.RoundHalfEven)
}

// LTVToCAC returns LTV / CAC; a ratio of 3 or more is commonly called
// healthy. It is undefined when CAC is zero and returns a *[money.MismatchError]
// if the currencies differ.
func LTVToCAC(ltv, cac money.Money) (Ratio, error) { return MoneyRatio(ltv, cac) }

// CACPayback returns the CAC payback period (回本周期): the number of months
// until the cumulative gross profit per new customer reaches the CAC.
// cumulative[i] is that cumulative gross profit at the end of month i+1
// after acquisition, so the result is i+1 for the first i with
// cumulative[i] ≥ cac. A zero CAC pays back in 0 months.
//
// It reports false when the curve never reaches the CAC, and returns a
// *[money.MismatchError] if an amount is in another currency than cac.
func CACPayback(cac money.Money, cumulative []money.Money) (months int, ok bool, err error) {
	if !cac.IsPositive() {
		return 0, true, nil
	}
	for i, c := range cumulative {
		r, err := c.Cmp(cac)
		if err != nil {
			return 0, false, err
		}
		if r >= 0 {
			return i + 1, true, nil
		}
	}
	return 0, false, nil
}

// PaybackMonths returns CAC / monthly gross profit per customer, the CAC
// payback in months (possibly fractional) when each customer brings the
// same gross profit every month. It is undefined when the monthly gross
// profit is zero and returns a *[money.MismatchError] if the currencies differ.
func PaybackMonths(cac, monthlyGrossProfit money.Money) (Ratio, error) {
	return MoneyRatio(cac, monthlyGrossProfit)
}

// ConversionRate returns 转化率, paying buyers / visitors (the Taobao
// 支付转化率), undefined when visitors is zero. Visitors come from the funnel
// package or any traffic source.
func ConversionRate(buyers, visitors int64) Ratio { return CountRatio(buyers, visitors) }
