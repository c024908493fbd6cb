package sample

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// ticket schedules a ticket opened at Unix second at. Its channel, first
// response, resolution and score are drawn now; times after the period
// are left zero (not answered or not resolved yet when the data ends).
func (g *generator) ticket(at int64, customer, order, reason string) {
	day := g.cal.dayOf(at)
	if day < 0 || day >= g.cal.days {
		return
	}
	r, t := g.rt, &g.truth
	ch := t.TicketChannels[0]
	u := r.Float64()
	for _, c := range t.TicketChannels {
		if u < c.Share {
			ch = c
			break
		}
		u -= c.Share
	}
	end := g.cal.unix[g.cal.days]
	var first int64
	fast := r.Float64() < ch.WithinHour
	if fast {
		first = at + secondsBetween(r, 10, 3599)
	} else {
		first = at + secondsBetween(r, 3600, 48*3600)
	}
	tk := service.Ticket{CustomerID: customer, OrderID: order, Channel: ch.Channel,
		OpenedAt: time.Unix(at, 0).In(g.cal.loc), Reason: reason}
	resolved := r.Float64() < t.ResolveRate
	resolveAt := first + secondsBetween(r, 300, 72*3600)
	reopened := r.Float64() < t.ReopenRate
	scored := r.Float64() < t.ScoreRate
	good := r.Float64() < t.CSATSlow
	if fast {
		good = r.Float64() < t.CSATFast
	}
	score := 1 + r.IntN(3)
	if good {
		score = 4 + r.IntN(2)
	}
	if first < end {
		tk.FirstResponseAt = time.Unix(first, 0).In(g.cal.loc)
		if resolved && resolveAt < end {
			tk.ResolvedAt = time.Unix(resolveAt, 0).In(g.cal.loc)
			tk.Reopened = reopened
			if scored {
				tk.Score = score
			}
		}
	}
	g.tickets[day] = append(g.tickets[day], pendingTicket{at: at, t: tk})
}

// presale opens the day's tickets that are not about an order: product
// questions from visitors and customers, about one per 50 orders.
func (g *generator) presale(i, orders int) {
	r := g.rt
	n := poisson(r, 0.02*float64(orders))
	for k := 0; k < n; k++ {
		at := g.cal.timeOfDay(i, r.Float64())
		who := formatID('V', 1+r.IntN(g.visitors), 8)
		if len(g.acquired) > 0 && r.IntN(2) == 0 {
			who = g.custIDs[g.acquired[r.IntN(len(g.acquired))]]
		}
		g.ticket(at, who, "", "product")
	}
}

// emitTickets moves the tickets opened on day i into d, in time order,
// with their IDs.
func (g *generator) emitTickets(i int, d *Day) {
	ts := g.tickets[i]
	slices.SortStableFunc(ts, func(a, b pendingTicket) int { return cmp.Compare(a.at, b.at) })
	for _, p := range ts {
		g.nTickets++
		p.t.ID = formatID('T', g.nTickets, 7)
		d.Tickets = append(d.Tickets, p.t)
	}
	g.tickets[i] = nil
}
