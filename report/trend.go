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
	orders []int64
	// visits holds the users seen each day and visitors their counts;
	// events says whether any event was seen (else visitors are unknown).
	visits   map[dayUser]struct{} // when the period has more than 64 days; else userState.days
	visitors []int64
	events   bool
	// lead holds the net sales of the 6 days before the period, for the
	// trailing averages of its first days, and leadStarts their starts;
	// earliest is the earliest order or refund seen, so that a lead day
	// before the data is known to be missing, not zero.
	lead       [6]money.Sum
	leadStarts [7]time.Time // the 6 days' starts and the period's start
	earliest   time.Time
}

// dayUser is a user on one day of the period.
type dayUser struct {
	day  int
	user int32 // the user's number in the builder's userIndex
}

func newDailySales(p metrics.Period, cur money.Currency) *dailySales {
	d := &dailySales{period: p, cur: cur}
	for b := range p.Buckets(metrics.Day) {
		d.starts = append(d.starts, b.Start)
	}
	d.days = make([]money.Sum, len(d.starts))
	d.orders = make([]int64, len(d.starts))
	d.visitors = make([]int64, len(d.starts))
	if len(d.starts) > 0 {
		loc := p.Start.Location()
		y, m, day := d.starts[0].In(loc).Date()
		for k := range d.leadStarts {
			d.leadStarts[k] = time.Date(y, m, day-6+k, 0, 0, 0, 0, loc)
		}
	}
	return d
}

// seen records the time of an order or refund, for how far back the data
// reaches.
func (d *dailySales) seen(t time.Time) {
	if d.earliest.IsZero() || t.Before(d.earliest) {
		d.earliest = t
	}
}

// leadIndex returns the lead day of t (0 for the sixth day before the
// period), or -1 when t is not in the 6 days before the period.
func (d *dailySales) leadIndex(t time.Time) int {
	if len(d.starts) == 0 || t.Before(d.leadStarts[0]) || !t.Before(d.leadStarts[6]) {
		return -1
	}
	for k := 5; k >= 0; k-- {
		if !t.Before(d.leadStarts[k]) {
			return k
		}
	}
	return -1
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
	if o.Currency != d.cur {
		return
	}
	d.seen(o.PlacedAt)
	if o.Status == metrics.Cancelled {
		return
	}
	var s *money.Sum
	if i := d.index(o.PlacedAt); i >= 0 {
		d.orders[i]++
		s = &d.days[i]
	} else if k := d.leadIndex(o.PlacedAt); k >= 0 {
		s = &d.lead[k]
	} else {
		return
	}
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
	d.seen(r.At)
	if i := d.index(r.At); i >= 0 {
		d.days[i].Add(r.Amount.Neg())
	} else if k := d.leadIndex(r.At); k >= 0 {
		d.lead[k].Add(r.Amount.Neg())
	}
}

// visit records an event of user n of users at t, for the visitors of
// its day: a bit of the user's periodUser.days when the period has at
// most 64 days, exact whatever the order of the events.
func (d *dailySales) visit(users *userIndex, n int32, t time.Time) {
	d.events = true
	i := d.index(t)
	if i < 0 {
		return
	}
	if len(d.starts) <= 64 {
		u := users.periodOf(n)
		if u.days&(1<<i) == 0 {
			u.days |= 1 << i
			d.visitors[i]++
		}
		return
	}
	if d.visits == nil {
		d.visits = make(map[dayUser]struct{})
	}
	k := dayUser{i, n}
	if _, ok := d.visits[k]; !ok {
		d.visits[k] = struct{}{}
		d.visitors[i]++
	}
}

// series returns the days with their trailing 7-day average: the mean
// net sales of the day and the 6 days before it, those before the period
// included when the data reaches back to them (an order or refund seen on
// or before the first of them); undefined otherwise.
func (d *dailySales) series() []Day {
	out := make([]Day, len(d.starts))
	for i := range d.starts {
		out[i] = Day{Date: d.starts[i], NetSales: d.days[i].Total(d.cur), Avg7: metrics.Undefined(metrics.UnitMoney),
			Orders: d.orders[i], Visitors: metrics.Undefined(metrics.UnitCount)}
		if d.events {
			out[i].Visitors = metrics.CountValue(d.visitors[i])
		}
	}
	for i := range out {
		var window money.Sum
		if i < 6 {
			// The window's first day is lead day i: the data must reach
			// back into it.
			if d.earliest.IsZero() || !d.earliest.Before(d.leadStarts[i+1]) {
				continue
			}
			for k := i; k < 6; k++ {
				window.Add(d.lead[k].Total(d.cur))
			}
		}
		for j := max(i-6, 0); j <= i; j++ {
			window.Add(out[j].NetSales)
		}
		avg, ok := window.Total(d.cur).Div(7, money.RoundHalfEven)
		out[i].Avg7 = moneyIf(avg, ok)
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

// WeeklyAfter is the length of period, in days, beyond which the sales
// trend table has a row per week instead of a row per day (see [Trend]):
// a month or six weeks read day by day, a quarter week by week.
const WeeklyAfter = 45

// TrendRow is one row of the sales trend table: a day, or a week of the
// period.
type TrendRow struct {
	Start time.Time // the first day of the row
	Days  int       // the days of the row: 1 for a day, up to 7 for a week
	// NetSales and Orders are the sums of the row's days.
	NetSales money.Money
	Orders   int64
	// Avg7 is, for a day, its trailing 7-day average (undefined for the
	// first 6 days of the period when the data does not reach back 6
	// days before it); for a week, its mean daily net sales,
	// NetSales / Days rounded half-even to the minor unit.
	Avg7 metrics.Value
	// Visitors is the mean daily visitors of the row: the day's visitors
	// (a count) for a day, their sum / Days for a week (a number, since a
	// visitor of two days counts on each); undefined without events.
	Visitors metrics.Value
}

// Trend returns the rows of the sales trend table of days, the days of
// a period in order as in Overview.Daily: one row per day when there are
// at most [WeeklyAfter] days, else one per week, the weeks being
// consecutive runs of 7 days from the period's first day (the last one
// may be shorter; its Days says so). The rows' NetSales and Orders add
// up to those of the days. Trend returns nil for no days, and a
// *money.MismatchError for a day whose net sales are in another currency
// than the first day's.
func Trend(days []Day) ([]TrendRow, error) {
	if len(days) == 0 {
		return nil, nil
	}
	cur := days[0].NetSales.Currency()
	for _, d := range days {
		if d.NetSales.Currency() != cur {
			return nil, &money.MismatchError{A: days[0].NetSales, B: d.NetSales}
		}
	}
	if len(days) <= WeeklyAfter {
		out := make([]TrendRow, len(days))
		for i, d := range days {
			out[i] = TrendRow{Start: d.Date, Days: 1, NetSales: d.NetSales, Orders: d.Orders, Avg7: d.Avg7, Visitors: d.Visitors}
		}
		return out, nil
	}
	var out []TrendRow
	for i := 0; i < len(days); i += 7 {
		week := days[i:min(i+7, len(days))]
		var sales money.Sum
		var orders, visitors int64
		known := true
		for _, d := range week {
			sales.Add(d.NetSales)
			orders += d.Orders
			n, ok := d.Visitors.Count()
			known = known && ok
			visitors += n
		}
		n := int64(len(week))
		total := sales.Total(cur)
		avg, ok := total.Div(n, money.RoundHalfEven)
		row := TrendRow{Start: week[0].Date, Days: len(week), NetSales: total, Orders: orders, Avg7: moneyIf(avg, ok),
			Visitors: metrics.Undefined(metrics.UnitNumber)}
		if known {
			row.Visitors = number(metrics.CountRatio(visitors, n))
		}
		out = append(out, row)
	}
	return out, nil
}
