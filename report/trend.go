package report

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// dailySales accumulates net sales per calendar day of a period, in one
// currency: the gross value of each non-cancelled order placed that day,
// less its line and order-level discounts, less the refunds paid that day
// (by definition: net sales = gross sales − discounts − returns, refunds by
// refund date). Summed over the days it is the period's net sales.
//
// It is fed order by order during the single pass over the data; Add is
// allocation-free.
type dailySales struct {
	period metrics.Period
	cur    money.Currency
	starts []time.Time // the start of each day
	days   []money.Sum
}

func newDailySales(p metrics.Period, cur money.Currency) *dailySales {
	d := &dailySales{period: p, cur: cur}
	for b := range p.Buckets(metrics.Day) {
		d.starts = append(d.starts, b.Start)
	}
	d.days = make([]money.Sum, len(d.starts))
	return d
}

// index returns the day of t, or -1 when t is outside the period.
func (d *dailySales) index(t time.Time) int {
	if !d.period.Contains(t) {
		return -1
	}
	// Days are in calendar order; a day is 23 to 25 hours long, so the
	// estimate from elapsed hours is off by at most one.
	i := int(t.Sub(d.starts[0]) / (24 * time.Hour))
	i = min(max(i, 0), len(d.starts)-1)
	for i > 0 && t.Before(d.starts[i]) {
		i--
	}
	for i+1 < len(d.starts) && !t.Before(d.starts[i+1]) {
		i++
	}
	return i
}

// addOrder adds the net merchandise value of o on its day. Orders in
// another currency are left to the caller, which reports them.
func (d *dailySales) addOrder(o *metrics.Order) {
	if o.Status == metrics.Cancelled || o.Currency != d.cur {
		return
	}
	i := d.index(o.PlacedAt)
	if i < 0 {
		return
	}
	s := &d.days[i]
	for _, l := range o.Lines {
		s.Add(l.UnitPrice.Mul(l.Quantity))
		s.Add(l.Discount.Neg())
	}
	s.Add(o.Discount.Neg())
}

// addRefund subtracts a refund on the day it was paid.
func (d *dailySales) addRefund(r *metrics.Refund) {
	if r.Amount.Currency() != d.cur {
		return
	}
	if i := d.index(r.At); i >= 0 {
		d.days[i].Add(r.Amount.Neg())
	}
}

// series returns the days with their trailing 7-day average.
func (d *dailySales) series() []Day {
	out := make([]Day, len(d.starts))
	var window money.Sum
	for i := range d.starts {
		out[i] = Day{Date: d.starts[i], NetSales: d.days[i].Total(d.cur), Avg7: metrics.Undefined(metrics.UnitMoney)}
		window = money.Sum{}
		if i >= 6 {
			for j := i - 6; j <= i; j++ {
				window.Add(out[j].NetSales)
			}
			avg, ok := window.Total(d.cur).Div(7, money.RoundHalfEven)
			out[i].Avg7 = moneyIf(avg, ok)
		}
	}
	return out
}

// weekdays returns the average net sales of each weekday, Monday first,
// and its index against the average day. A weekday that does not occur in
// the period is left out. It returns a *money.MismatchError for a day in
// another currency than cur.
func weekdays(days []Day, cur money.Currency) ([]WeekdaySales, error) {
	var sums [7]money.Sum
	var counts [7]int64
	var all money.Sum
	for _, d := range days {
		w := d.Date.Weekday()
		sums[w].Add(d.NetSales)
		counts[w]++
		all.Add(d.NetSales)
	}
	for _, c := range all.Currencies() {
		if c != cur {
			return nil, &money.MismatchError{A: all.Total(c), B: all.Total(cur)}
		}
	}
	mean, ok := all.Total(cur).Div(int64(len(days)), money.RoundHalfEven)
	var out []WeekdaySales
	for k := 1; k <= 7; k++ {
		w := time.Weekday(k % 7)
		avg, okw := sums[w].Total(cur).Div(counts[w], money.RoundHalfEven)
		if !okw { // the weekday does not occur in the period
			continue
		}
		idx := metrics.Ratio{}
		if ok {
			var err error
			if idx, err = metrics.MoneyRatio(avg, mean); err != nil {
				return nil, err
			}
		}
		out = append(out, WeekdaySales{Weekday: w, NetSales: metrics.MoneyValue(avg), Index: idx})
	}
	return out, nil
}
