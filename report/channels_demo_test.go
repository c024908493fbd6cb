package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestChannelsDemoRevenue recomputes, from the demo store's orders and
// refunds and with none of the cohort package's code, the revenue per
// customer each channel acquired in their first 30 and 90 days, and the
// size of those cohorts, and compares them with the review of its last
// month: customers by the channel of their first non-cancelled order,
// days counted in the store's zone from the first order's day, net sales
// of the orders placed in the window less the refunds paid in it.
func TestChannelsDemoRevenue(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	s := sample.Generate(sample.Config{})
	last := metrics.PeriodOf(s.Period.End.AddDate(0, 0, -1), metrics.Month)
	if last.End.After(s.Period.End) {
		last = last.Previous()
	}
	r, err := Build(Input{Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events), Spend: s.Spend},
		Config{Period: last})
	if err != nil {
		t.Fatal(err)
	}
	loc := last.Location()
	asOf, err := time.ParseInLocation(time.DateOnly, r.Channels.CohortsAsOf, loc)
	if err != nil {
		t.Fatal(err)
	}
	dayNo := func(t time.Time) int {
		y, m, d := t.In(loc).Date()
		return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	}
	type cust struct {
		first metrics.Order
		days  map[int]money.Money // net sales by day
	}
	cur := money.MustCurrency("CNY")
	custs := map[string]*cust{}
	byID := map[string]metrics.Order{}
	for _, o := range s.Orders {
		if o.Status == metrics.Cancelled || o.CustomerID == "" {
			continue
		}
		byID[o.ID] = o
		c := custs[o.CustomerID]
		if c == nil {
			c = &cust{first: o, days: map[int]money.Money{}}
			custs[o.CustomerID] = c
		}
		if o.PlacedAt.Before(c.first.PlacedAt) || (o.PlacedAt.Equal(c.first.PlacedAt) && o.ID < c.first.ID) {
			c.first = o
		}
		net, err := o.Net()
		if err != nil {
			t.Fatal(err)
		}
		d := dayNo(o.PlacedAt)
		c.days[d] = money.MustNew(c.days[d].Decimal().Add(net.Decimal()).String(), cur.Code())
	}
	for _, rf := range s.Refunds {
		o, ok := byID[rf.OrderID]
		if !ok {
			continue
		}
		c := custs[o.CustomerID]
		d := dayNo(rf.At)
		c.days[d] = money.MustNew(c.days[d].Decimal().Sub(rf.Amount.Decimal()).String(), cur.Code())
	}
	type acc struct {
		n   int64
		sum money.Money
	}
	direct := func(window int) map[string]*acc {
		out := map[string]*acc{}
		end := dayNo(asOf)
		for _, c := range custs {
			d0 := dayNo(c.first.PlacedAt)
			if d0+window-1 > end {
				continue
			}
			k := channelKey(c.first.Channel)
			a := out[k]
			if a == nil {
				a = &acc{sum: cur.Zero()}
				out[k] = a
			}
			a.n++
			for d := d0; d < d0+window; d++ {
				if m, ok := c.days[d]; ok {
					a.sum, _ = a.sum.Add(m)
				}
			}
		}
		return out
	}
	d30, d90 := direct(30), direct(90)
	if len(d90) == 0 || r.Channels == nil || len(r.Channels.Rows) == 0 {
		t.Fatalf("nothing to compare: %d channels with a 90-day cohort", len(d90))
	}
	for _, x := range r.Channels.Rows {
		for _, w := range []struct {
			name string
			a    *acc
			got  metrics.Value
			n    int64
		}{{"30 days", d30[x.Channel], x.Revenue30, x.Cohort30}, {"90 days", d90[x.Channel], x.Revenue90, x.Cohort90}} {
			if w.a == nil {
				if w.got.Defined() {
					t.Errorf("%s %s: %v, direct: no cohort", x.Channel, w.name, w.got)
				}
				continue
			}
			want, _ := w.a.sum.Div(w.a.n, money.RoundHalfEven)
			if got, _ := w.got.Money(); !got.Equal(want) || w.n != w.a.n {
				t.Errorf("%s %s: %v over %d, direct %v over %d", x.Channel, w.name, got, w.n, want, w.a.n)
			}
		}
	}
}
