package inventory

import (
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// AgeBucket is the stock of one age range: units received between MinDays
// and MaxDays days before the last snapshot (both inclusive), valued at
// their receipt's unit cost. The last bucket has MaxDays −1 (no bound).
// Units that no receipt accounts for are in a bucket with Unknown set,
// valued at the last snapshot's unit cost.
type AgeBucket struct {
	MinDays, MaxDays int
	Unknown          bool
	Units            int64
	Cost             money.Money
}

// Label returns "0-30", ">180" or "unknown".
func (b AgeBucket) Label() string {
	switch {
	case b.Unknown:
		return "unknown"
	case b.MaxDays < 0:
		return ">" + itoa(int64(b.MinDays-1))
	}
	return itoa(int64(b.MinDays)) + "-" + itoa(int64(b.MaxDays))
}

// aging splits the last snapshot's units over the receipts, newest first.
func (a *analyzer) aging(rs []Receipt, c *acc) []AgeBucket {
	out := make([]AgeBucket, len(a.buckets)+2)
	lo := 0
	for i, hi := range a.buckets {
		out[i] = AgeBucket{MinDays: lo, MaxDays: hi, Cost: a.cur.Zero()}
		lo = hi + 1
	}
	out[len(a.buckets)] = AgeBucket{MinDays: lo, MaxDays: -1, Cost: a.cur.Zero()}
	out[len(a.buckets)+1] = AgeBucket{Unknown: true, Cost: a.cur.Zero()}
	cost := make([]money.Total, len(out))
	left := c.onHand
	for i := len(rs) - 1; i >= 0 && left > 0; i-- {
		d := DayOf(rs[i].Day)
		if d > c.lastDay {
			continue
		}
		q := min(left, rs[i].Quantity)
		left -= q
		age := int(c.lastDay - d)
		b := len(a.buckets)
		for j, hi := range a.buckets {
			if age <= hi {
				b = j
				break
			}
		}
		out[b].Units += q // at most c.onHand in all
		cost[b].AddMoney(rs[i].UnitCost.Mul(q))
	}
	if left > 0 {
		u := len(a.buckets) + 1
		out[u].Units = left
		cost[u].AddMoney(c.costM.Mul(left))
	}
	// Receipts and snapshots passed currencyOK: every cost is in a.cur.
	for i := range out {
		out[i].Cost = cost[i].Money(a.cur)
		if out[i].Cost.IsZero() {
			out[i].Cost = a.cur.Zero()
		}
	}
	return out
}
