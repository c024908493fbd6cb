package report

import (
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// planPart keeps the daily history the plan forecasts from: net sales and
// orders of every day of the data before the end of the review's period,
// and the distinct visitors of each day. It holds one entry per day and
// one per visitor (the day the visitor was last counted, in
// userState.plan), none per order or event.
type planPart struct {
	far   map[int32]int // by user number, the last day counted when it is beyond userState.plan's range
	end   time.Time
	endNs nsRange // the Unix ns times before end
	loc   *time.Location
	days  map[int]*planDay // by calendar day number in the period's location
	clock dayClock         // the day numbers of the events' times
	last  struct {         // the day of the last event, for the next
		k int
		d *planDay
	}
}

// planDay is one day of the plan's history.
type planDay struct {
	net      money.Sum
	orders   int64
	visitors int64
}

func (p *planPart) start(b *builder) {
	p.end = b.cfg.Period.End
	p.loc = b.cfg.Period.Location()
	p.endNs = nsBetween(minNs, p.end, false)
	p.days = make(map[int]*planDay)
	p.clock.loc = p.loc
	b.plan = p
}

// day returns the entry of the day of t, or nil after the period.
func (p *planPart) day(t time.Time) (int, *planDay) {
	if !t.Before(p.end) {
		return 0, nil
	}
	k := dayNumber(t.In(p.loc))
	d := p.days[k]
	if d == nil {
		d = &planDay{}
		p.days[k] = d
	}
	return k, d
}

// dayNumber returns the days from 1970-01-01 to the calendar date of t in
// its location.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// order adds o's net merchandise value and count on its day (as
// dailySales does).
func (p *planPart) order(b *builder, o *metrics.Order) {
	if o.Status == metrics.Cancelled {
		return
	}
	_, d := p.day(o.PlacedAt)
	if d == nil {
		return
	}
	d.orders++
	for _, l := range o.Lines {
		d.net.Add(l.UnitPrice.Mul(l.Quantity))
		d.net.Add(l.Discount.Neg())
	}
	d.net.Add(o.Discount.Neg())
}

// event counts user u, with an event at t, among the visitors of its day.
// A user's events come in time order (Build fails otherwise), so a user
// is new to a day when the last day it was counted in is another.
func (p *planPart) event(u *userState, n int32, t time.Time) {
	if !t.Before(p.end) {
		return
	}
	p.count(u, n, p.clock.day(t.Unix(), func() time.Time { return t }))
}

// eventNs is event for a time in Unix ns.
func (p *planPart) eventNs(u *userState, n int32, ns int64) {
	if !p.endNs.has(ns) {
		return
	}
	p.count(u, n, p.clock.day(floorSec(ns), func() time.Time { return time.Unix(0, ns) }))
}

// count counts user u, number n, among the visitors of day k.
func (p *planPart) count(u *userState, n int32, k int) {
	if p.newDay(u, n, k) {
		d := p.last.d
		if d == nil || p.last.k != k {
			if d = p.days[k]; d == nil {
				d = &planDay{}
				p.days[k] = d
			}
			p.last.k, p.last.d = k, d
		}
		d.visitors++
	}
}

// newDay reports whether day k is not the day user u, number n, was last
// counted in, and makes it that day. The days of times 5.8 million years
// or more away from 1970, beyond an int32, are kept in p.far.
func (p *planPart) newDay(u *userState, n int32, k int) bool {
	if k32 := int32(k); int(k32) == k && k32 != math.MinInt32 {
		if u.mask&maskPlan != 0 && u.plan == k32 {
			return false
		}
		u.plan, u.mask = k32, u.mask|maskPlan
		return true
	}
	// A far day: plan holds MinInt32, which no near day is.
	if u.mask&maskPlan != 0 && u.plan == math.MinInt32 && p.far[n] == k {
		return false
	}
	if p.far == nil {
		p.far = make(map[int32]int)
	}
	p.far[n] = k
	u.plan, u.mask = math.MinInt32, u.mask|maskPlan
	return true
}

// refunds subtracts the refunds counted by the review on the day paid.
func (p *planPart) refunds(b *builder) {
	for i, r := range b.in.Refunds {
		if r.Amount.Currency() != b.cur || b.unknownRefunds[i] || b.badRefundIDs[r.ID] {
			continue
		}
		if _, d := p.day(r.At); d != nil {
			d.net.Add(r.Amount.Neg())
		}
	}
}
