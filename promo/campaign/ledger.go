package campaign

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Ledger accumulates what each customer bought around each tracked
// campaign: the orders, net sales and gross profit of the campaign's
// window and of its pre-window ([PreWindow]: the period of equal length just before
// it), and whether the customer had ordered before the window started.
//
// The zero Ledger is ready: [Ledger.Track] the campaigns, then
// [Ledger.Add] every order, in any order, then [Ledger.Analyze]. Ledgers
// of shards that track the same campaigns [Ledger.Merge] into the ledger
// of all their orders, and a ledger survives [Ledger.MarshalBinary]. A
// Ledger is not safe for concurrent use.
type Ledger struct {
	cur   money.Currency
	camps []Campaign
	byID  map[string]int
	acts  []map[string]*activity // per campaign: customer → activity
	added bool                   // an order was added: no more Track

	// Cancelled and Guests count the orders left out: cancelled orders,
	// which are not sales, and guest orders, which no customer list can
	// name.
	Cancelled, Guests int64
}

// tally is what a customer bought in one window, in minor units.
type tally struct {
	Orders, Net, Profit int64
	// NoCost counts the orders with a line sold without a unit cost
	// (metrics.Line.CostMissing), whose gross profit counts the line at no cost.
	NoCost int64
}

func (t *tally) add(o tally) {
	t.Orders += o.Orders
	t.Net += o.Net
	t.Profit += o.Profit
	t.NoCost += o.NoCost
}

// activity is a customer's purchases around one campaign.
type activity struct {
	Before  bool  // ordered before the window's start (any time)
	Pre, In tally // in the pre-window and in the window
}

// Track registers campaigns; those whose cost is known must all have it
// in the same currency, which becomes the ledger's. When no tracked
// campaign's cost is known ([Campaign.CostKnown]), the ledger takes the
// currency of the first order it measures instead (see [Ledger.Add]).
// Track returns a *[CampaignError] for the first campaign that is invalid
// (see [Campaign]), tracked already or with a cost in another currency,
// and a *metrics.ConfigError after orders were added; it then tracks none
// of cs.
func (l *Ledger) Track(cs ...Campaign) error {
	if l.added {
		return &metrics.ConfigError{Pkg: "campaign", Field: "Ledger.Track", Problem: "called after orders were added"}
	}
	cur := l.cur
	seen := map[string]bool{}
	for _, c := range cs {
		if err := c.validate(); err != nil {
			return err
		}
		if _, dup := l.byID[c.ID]; dup || seen[c.ID] {
			return &CampaignError{ID: c.ID, Reason: "tracked twice"}
		}
		seen[c.ID] = true
		if !c.CostKnown() {
			continue
		}
		if cur.IsZero() {
			cur = c.Cost.Currency()
		}
		if c.Cost.Currency() != cur {
			return &CampaignError{ID: c.ID, Reason: "cost in " + c.Cost.Currency().Code() + ", the ledger's currency is " + cur.Code()}
		}
	}
	if l.byID == nil {
		l.byID = map[string]int{}
	}
	l.cur = cur
	for _, c := range cs {
		l.byID[c.ID] = len(l.camps)
		l.camps = append(l.camps, c)
		l.acts = append(l.acts, map[string]*activity{})
	}
	return nil
}

// Campaigns returns the tracked campaigns, in the order of Track.
func (l *Ledger) Campaigns() []Campaign { return append([]Campaign(nil), l.camps...) }

// Currency returns the ledger's currency: that of the tracked campaigns'
// known costs, or, when no cost is known, that of the first order
// measured; zero until either is there.
func (l *Ledger) Currency() money.Currency { return l.cur }

// Add adds one order with its refunds, those of the data so far, whatever
// their dates. Cancelled orders and guest orders (no customer) are
// counted in Cancelled and Guests and otherwise left out. Net sales follow
// shopmetrics' definition: quantity × unit price − line discount − the
// line's share of the order discount − the refunded amounts; gross profit
// is net sales − the cost of goods sold (quantity × unit cost, less the
// cost of the units a refund put back in stock). The order counts where
// it was placed (its window), its refunds with it. A ledger without a
// currency yet (no tracked campaign's cost is known) takes the first such
// order's. Add returns an *[OrderError] for an order in another currency
// than the ledger's (wrapping money.ErrCurrencyMismatch), without a
// currency, or with amounts that cannot be split into lines (see
// metrics.Order.DiscountShares), and for a refund of another order, in
// another currency, of a negative amount, not dated or dated before the
// order was placed, or returning a SKU the order does not have or a
// quantity that is not positive (as metrics.Validate and cohort.Ledger
// refuse them); the ledger
// is then unchanged. Add does not check what needs the other refunds of
// the order (more refunded than paid, more units returned than ordered):
// metrics.Validate does, and the review gives Add only the refunds it
// accepts.
func (l *Ledger) Add(o metrics.Order, refunds ...metrics.Refund) error {
	l.added = true
	if o.Status == metrics.Cancelled {
		l.Cancelled++
		return nil
	}
	if o.CustomerID == "" {
		l.Guests++
		return nil
	}
	if len(l.camps) == 0 {
		return nil
	}
	if o.Currency.IsZero() {
		return &OrderError{OrderID: o.ID, Reason: "no currency"}
	}
	if o.Currency != l.cur && !l.cur.IsZero() {
		return &OrderError{OrderID: o.ID, Reason: "in " + o.Currency.Code() + ", the ledger's currency is " + l.cur.Code(),
			Err: &money.MismatchError{A: l.cur.Zero(), B: o.Currency.Zero()}}
	}
	// The order is measured, and refused if it cannot be, before any
	// campaign's activity changes: a refused order leaves the ledger as
	// it was.
	at := o.PlacedAt
	var t tally
	for _, c := range l.camps {
		if at.Before(c.Window.End) && !at.Before(PreWindow(c.Window).Start) {
			var err error
			if t, err = measure(o, refunds); err != nil {
				return err
			}
			break
		}
	}
	for i, c := range l.camps {
		if !at.Before(c.Window.End) {
			continue
		}
		pre := PreWindow(c.Window)
		inPre, inWin := !at.Before(pre.Start) && at.Before(c.Window.Start), !at.Before(c.Window.Start)
		a := l.acts[i][o.CustomerID]
		if a == nil {
			a = &activity{}
			l.acts[i][o.CustomerID] = a
		}
		switch {
		case inWin:
			a.In.add(t)
		case inPre:
			a.Pre.add(t)
			a.Before = true
		default:
			a.Before = true
		}
	}
	l.cur = o.Currency // the same, or the first order's when no cost is known
	return nil
}

// measure returns the order's net sales and gross profit in minor units,
// after its refunds, and whether a line was sold without a unit cost.
func measure(o metrics.Order, refunds []metrics.Refund) (tally, error) {
	var t tally
	var err error
	if len(refunds) == 0 {
		t, err = measureAmounts(o)
	} else {
		t, err = measureExact(o, refunds)
	}
	for i := range o.Lines {
		if o.Lines[i].CostMissing() {
			t.NoCost = 1
			break
		}
	}
	return t, err
}

// measureExact is measure's net sales and gross profit after refunds,
// exact, rounded half-even to the minor unit once per order: the path of
// amounts with more decimals than the currency's minor unit, and of
// orders with refunds.
func measureExact(o metrics.Order, refunds []metrics.Refund) (tally, error) {
	if len(o.Lines) == 0 {
		return tally{}, &OrderError{OrderID: o.ID, Reason: "no lines"}
	}
	net, err := o.Net()
	if err != nil {
		return tally{}, &OrderError{OrderID: o.ID, Reason: err.Error(), Err: err}
	}
	if _, err := o.DiscountShares(); err != nil {
		return tally{}, &OrderError{OrderID: o.ID, Reason: err.Error(), Err: err}
	}
	cost := o.Currency.Zero()
	for _, ln := range o.Lines {
		if ln.Quantity <= 0 || ln.UnitCost.IsNegative() {
			return tally{}, &OrderError{OrderID: o.ID, Reason: "a line with a quantity that is not positive or a negative cost"}
		}
		if cost, err = cost.Add(ln.Cost()); err != nil {
			return tally{}, &OrderError{OrderID: o.ID, Reason: err.Error(), Err: err}
		}
	}
	for i := range refunds {
		r := &refunds[i]
		bad := func(reason string, err error) (tally, error) {
			return tally{}, &OrderError{OrderID: o.ID, Reason: fmt.Sprintf("refund %q: %s", r.ID, reason), Err: err}
		}
		switch c := r.Amount.Currency(); {
		case r.OrderID != o.ID:
			return bad("of order "+strconv.Quote(r.OrderID), nil)
		case !c.IsZero() && c != o.Currency || c.IsZero() && !r.Amount.IsZero():
			return bad("amount "+r.Amount.String()+" not in the order's currency "+o.Currency.Code(), &money.MismatchError{A: o.Currency.Zero(), B: r.Amount})
		case r.Amount.IsNegative():
			return bad("negative amount "+r.Amount.String(), nil)
		case r.At.IsZero():
			return bad("not dated", nil)
		case !o.PlacedAt.IsZero() && r.At.Before(o.PlacedAt):
			return bad("dated before the order was placed", nil)
		}
		if !r.Amount.IsZero() {
			if net, err = net.Sub(r.Amount); err != nil {
				return bad(err.Error(), err)
			}
		}
		for _, rl := range r.Lines {
			k := slices.IndexFunc(o.Lines, func(ln metrics.Line) bool { return ln.SKU == rl.SKU })
			switch {
			case k < 0:
				return bad("SKU "+strconv.Quote(rl.SKU)+" is not on the order", nil)
			case rl.Quantity <= 0:
				return bad("SKU "+strconv.Quote(rl.SKU)+": quantity "+strconv.FormatInt(rl.Quantity, 10)+" is not positive", nil)
			case rl.Restocked && !o.Lines[k].UnitCost.IsZero():
				if cost, err = cost.Sub(o.Lines[k].UnitCost.Mul(rl.Quantity)); err != nil {
					return bad(err.Error(), err)
				}
			}
		}
	}
	profit, err := net.Sub(cost)
	if err != nil {
		return tally{}, &OrderError{OrderID: o.ID, Reason: err.Error(), Err: err}
	}
	n, ok1 := net.Round(money.RoundHalfEven).Minor()
	p, ok2 := profit.Round(money.RoundHalfEven).Minor()
	if !ok1 || !ok2 {
		return tally{}, &OrderError{OrderID: o.ID, Reason: "amounts too large"}
	}
	return tally{Orders: 1, Net: n, Profit: p}, nil
}

// measureAmounts is measure's net sales and gross profit.
func measureAmounts(o metrics.Order) (tally, error) {
	var buf [8]metrics.LineMinor
	if ls, ok := o.AppendLineMinor(buf[:0]); ok && len(ls) > 0 {
		t := tally{Orders: 1}
		for _, l := range ls {
			t.Net += l.Net()
			t.Profit += l.Net() - l.Cost
		}
		return t, nil
	}
	return measureExact(o, nil)
}

// Merge adds o's orders to l. Both must track the same campaigns (IDs,
// windows and costs, known or not) in the same order, or one of them
// none, and have the same currency when both have one (ledgers whose
// costs are all unknown take their orders'); otherwise Merge returns a
// *metrics.MergeError (wrapping a *money.MismatchError for two
// currencies) and leaves l unchanged.
func (l *Ledger) Merge(o *Ledger) error {
	if len(o.camps) == 0 {
		l.Cancelled += o.Cancelled
		l.Guests += o.Guests
		l.added = l.added || o.added
		return nil
	}
	if !l.cur.IsZero() && !o.cur.IsZero() && l.cur != o.cur {
		return &metrics.MergeError{Pkg: "campaign", Type: "Ledger", Problem: "currencies " + l.cur.Code() + " and " + o.cur.Code(),
			Err: &money.MismatchError{A: l.cur.Zero(), B: o.cur.Zero()}}
	}
	if len(l.camps) == 0 && !l.added {
		cs := o.Campaigns()
		if err := l.Track(cs...); err != nil {
			return &metrics.MergeError{Pkg: "campaign", Type: "Ledger", Problem: err.Error()}
		}
	}
	if len(l.camps) != len(o.camps) {
		return &metrics.MergeError{Pkg: "campaign", Type: "Ledger", Problem: "they track different campaigns"}
	}
	for i, c := range l.camps {
		d := o.camps[i]
		if c.ID != d.ID || !c.Window.Start.Equal(d.Window.Start) || !c.Window.End.Equal(d.Window.End) || !c.Cost.Equal(d.Cost) {
			return &metrics.MergeError{Pkg: "campaign", Type: "Ledger", Problem: "campaign " + c.ID + " differs from " + d.ID}
		}
	}
	for i, m := range o.acts {
		for id, a := range m {
			b := l.acts[i][id]
			if b == nil {
				b = &activity{}
				l.acts[i][id] = b
			}
			b.Before = b.Before || a.Before
			b.Pre.add(a.Pre)
			b.In.add(a.In)
		}
	}
	if l.cur.IsZero() {
		l.cur = o.cur
	}
	l.Cancelled += o.Cancelled
	l.Guests += o.Guests
	l.added = l.added || o.added
	return nil
}

// scaled returns round(k × a / n) half-even, for n > 0.
func scaled(k, a, n int64) int64 {
	r := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(k), big.NewInt(a)), big.NewInt(n))
	return ratHalfEven(r)
}

// ratHalfEven rounds r to a whole number, ties to even.
func ratHalfEven(r *big.Rat) int64 {
	num, den := r.Num(), r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Sign() != 0 {
		twice := new(big.Int).Abs(m)
		twice.Lsh(twice, 1)
		if c := twice.Cmp(den); c > 0 || (c == 0 && q.Bit(0) == 1) {
			if num.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	return q.Int64()
}
