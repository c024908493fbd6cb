package sample

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// problems returns every broken invariant of s, described.
func problems(s *Store) []string {
	var ps []string
	bad := func(format string, a ...any) { ps = append(ps, fmt.Sprintf(format, a...)) }
	inPeriod := s.Period.Contains
	checkMoney := func(where string, m money.Money) {
		if m.Currency() != cny {
			bad("%s: currency %v, want CNY", where, m.Currency())
		}
		if _, ok := m.Minor(); !ok {
			bad("%s: %s is not whole fen", where, m)
		}
		if m.IsNegative() {
			bad("%s: negative %s", where, m)
		}
	}
	catalogue := map[string]Product{}
	for _, p := range s.Catalogue {
		catalogue[p.SKU] = p
	}
	promos := map[string]promo.Promotion{}
	for _, p := range s.Promotions {
		promos[p.ID] = p
	}
	carriers, regions := map[string]bool{}, map[string]bool{}
	for _, c := range s.Truth.Carriers {
		carriers[c.Name] = true
	}
	for _, r := range s.Truth.Regions {
		regions[r.Name] = true
	}
	launch := map[string]time.Time{}
	for _, p := range s.Catalogue {
		launch[p.SKU] = p.Launch
	}
	end := s.Period.End

	// Orders: sorted, in the period, one currency, lines priced from the
	// catalogue, discounts as the promotions say.
	type orderInfo struct {
		o   *metrics.Order
		net int64 // after line and order discounts, before shipping
	}
	orders := map[string]orderInfo{}
	for k := range s.Orders {
		o := &s.Orders[k]
		if k > 0 && o.PlacedAt.Before(s.Orders[k-1].PlacedAt) {
			bad("order %s placed before the previous order", o.ID)
		}
		if !inPeriod(o.PlacedAt) {
			bad("order %s placed at %s, outside %s", o.ID, o.PlacedAt, s.Period)
		}
		if o.Currency != cny {
			bad("order %s: currency %v", o.ID, o.Currency)
		}
		if len(o.Lines) == 0 {
			bad("order %s has no lines", o.ID)
		}
		checkMoney(o.ID+" discount", o.Discount)
		checkMoney(o.ID+" shipping", o.Shipping)
		checkMoney(o.ID+" tax", o.Tax)
		var net int64
		for _, l := range o.Lines {
			where := o.ID + " " + l.SKU
			p, ok := catalogue[l.SKU]
			switch {
			case !ok:
				bad("%s: unknown SKU", where)
			case !l.UnitPrice.Equal(p.Price) || !l.UnitCost.Equal(p.Cost) || l.Category != p.Category || l.Name != p.Name:
				bad("%s: line %+v does not match the catalogue %+v", where, l, p)
			}
			if l.Quantity <= 0 {
				bad("%s: quantity %d", where, l.Quantity)
			}
			checkMoney(where+" price", l.UnitPrice)
			checkMoney(where+" discount", l.Discount)
			gross, _ := l.UnitPrice.Mul(l.Quantity).Minor()
			disc, _ := l.Discount.Minor()
			if o.PlacedAt.Before(launch[l.SKU]) {
				bad("%s: sold before its launch %s", where, launch[l.SKU])
			}
			if l.Promotion != "" {
				pr := promos[l.Promotion]
				if pr.Mechanism != promo.PercentOff || !pr.Window.Contains(o.PlacedAt) {
					bad("%s: promotion %q outside its window", where, l.Promotion)
				}
				// The promotion's share of the line value, rounded
				// half-even to the fen.
				want := l.UnitPrice.Mul(l.Quantity).MulRate(pr.Percent).Round(money.RoundHalfEven)
				if !l.Discount.Equal(want) {
					bad("%s: discount %s, want %s", where, l.Discount, want)
				}
			} else if !l.Discount.IsZero() {
				bad("%s: discount %s without a promotion", where, l.Discount)
			}
			net += gross - disc
		}
		if c := crmCampaign(s, o.Promotion); c != nil { // a CRM campaign's coupon (crm.go)
			from, _ := c.CouponFrom.Minor()
			save, _ := c.Coupon.Minor()
			if !c.Window.Contains(o.PlacedAt) || net < from || !o.Discount.Equal(c.Coupon) {
				bad("order %s: coupon %s (%s) on %d fen after line discounts", o.ID, o.Discount, o.Promotion, net)
			}
			net -= save
		} else if o.Promotion != "" {
			pr := promos[o.Promotion]
			save, _ := pr.Amount.Minor()
			threshold, _ := pr.Threshold.Minor()
			if pr.Mechanism != promo.SpendSave || !pr.Window.Contains(o.PlacedAt) || net < threshold || !o.Discount.Equal(pr.Amount) {
				bad("order %s: order discount %s (%s) on %d fen after line discounts", o.ID, o.Discount, o.Promotion, net)
			}
			net -= save
		} else if !o.Discount.IsZero() {
			bad("order %s: discount %s without a promotion", o.ID, o.Discount)
		}
		orders[o.ID] = orderInfo{o: o, net: net}

		// Fulfilment: every order has its customer's region; a paid
		// order is paid, promised, carried and, unless the period ends
		// first, shipped and delivered, in that order; a cancelled one
		// is none of these.
		if !regions[o.Region] {
			bad("order %s: region %q", o.ID, o.Region)
		}
		switch o.Status {
		case metrics.Paid:
			if o.PaidAt.IsZero() || !carriers[o.Carrier] || !o.PromisedBy.Equal(o.PaidAt.Add(time.Duration(s.Truth.PromisedHours)*time.Hour)) {
				bad("order %s: paid %s, carrier %q, promised by %s", o.ID, o.PaidAt, o.Carrier, o.PromisedBy)
			}
			if o.DeliveredAt.IsZero() != (o.DeliveredAt.IsZero() || o.ShippedAt.IsZero()) {
				bad("order %s delivered without shipping", o.ID)
			}
			for _, at := range []time.Time{o.PaidAt, o.ShippedAt, o.DeliveredAt} {
				if !at.IsZero() && !at.Before(end) {
					bad("order %s: fulfilment time %s after the period", o.ID, at)
				}
			}
			if o.ShippedAt.IsZero() && o.PaidAt.Add(10*24*time.Hour).Before(end) {
				bad("order %s paid %s never shipped", o.ID, o.PaidAt)
			}
		default:
			if !o.PaidAt.IsZero() || !o.ShippedAt.IsZero() || !o.DeliveredAt.IsZero() || o.Carrier != "" {
				bad("%s order %s has fulfilment %+v", o.Status, o.ID, o)
			}
		}
	}
	if err := metrics.Validate(slices.Values(s.Orders), slices.Values(s.Refunds)); err != nil {
		bad("metrics.Validate: %v", err)
	}

	// Refunds: of paid orders, after them, in the period, never more than
	// the order's net value in total.
	refunded := map[string]int64{}
	for k, r := range s.Refunds {
		if k > 0 && r.At.Before(s.Refunds[k-1].At) {
			bad("refund %s before the previous refund", r.ID)
		}
		info, ok := orders[r.OrderID]
		if !ok {
			bad("refund %s: unknown order %s", r.ID, r.OrderID)
			continue
		}
		if info.o.Status != metrics.Paid {
			bad("refund %s of %s order %s", r.ID, info.o.Status, r.OrderID)
		}
		if !r.At.After(info.o.PlacedAt) || !inPeriod(r.At) || info.o.DeliveredAt.IsZero() || !r.At.After(info.o.DeliveredAt) {
			bad("refund %s at %s: order placed %s, delivered %s, period %s", r.ID, r.At, info.o.PlacedAt, info.o.DeliveredAt, s.Period)
		}
		checkMoney(r.ID, r.Amount)
		if !r.Amount.IsPositive() {
			bad("refund %s of %s", r.ID, r.Amount)
		}
		a, _ := r.Amount.Minor()
		refunded[r.OrderID] += a
		if refunded[r.OrderID] > info.net {
			bad("order %s: refunds %d fen exceed its net value %d", r.OrderID, refunded[r.OrderID], info.net)
		}
	}

	// Events: sorted, in the period, with session, source and device; one
	// purchase per order, by the customer, at the order's time.
	purchases := map[string]int{}
	for k, e := range s.Events {
		if k > 0 && e.Time.Before(s.Events[k-1].Time) {
			bad("event %d before the previous event", k)
		}
		if !inPeriod(e.Time) {
			bad("event %d at %s outside the period", k, e.Time)
		}
		for _, key := range []string{funnel.PropSession, funnel.PropSource, funnel.PropDevice} {
			if e.Prop(key) == "" {
				bad("event %d (%s) has no %s", k, e.Name, key)
			}
		}
		if e.Name != Purchase {
			continue
		}
		id := e.Prop(PropOrder)
		purchases[id]++
		info, ok := orders[id]
		if !ok || info.o.CustomerID != e.UserID || !info.o.PlacedAt.Equal(e.Time) {
			bad("purchase event %d (%s, %s, %s) does not match its order", k, id, e.UserID, e.Time)
		}
	}
	if len(s.Events) > 0 {
		for id := range orders {
			if purchases[id] != 1 {
				bad("order %s has %d purchase events", id, purchases[id])
			}
		}
	}

	// Tickets: response after opening, resolution after response, scores
	// only on resolved tickets.
	for _, tk := range s.Tickets {
		if !inPeriod(tk.OpenedAt) {
			bad("ticket %s opened %s outside the period", tk.ID, tk.OpenedAt)
		}
		if !tk.FirstResponseAt.IsZero() && tk.FirstResponseAt.Before(tk.OpenedAt) {
			bad("ticket %s answered before it was opened", tk.ID)
		}
		if !tk.ResolvedAt.IsZero() && (tk.FirstResponseAt.IsZero() || tk.ResolvedAt.Before(tk.FirstResponseAt)) {
			bad("ticket %s resolved before its first response", tk.ID)
		}
		if tk.Score < 0 || tk.Score > 5 || (tk.Score > 0 && tk.ResolvedAt.IsZero()) {
			bad("ticket %s: score %d", tk.ID, tk.Score)
		}
		if tk.OrderID != "" {
			if _, ok := orders[tk.OrderID]; !ok {
				bad("ticket %s: unknown order %s", tk.ID, tk.OrderID)
			}
		}
	}

	// Spend: positive CNY amounts of paid channels, on days of the period.
	for _, sp := range s.Spend {
		checkMoney("spend "+sp.Channel, sp.Amount)
		if !inPeriod(sp.Day) || sp.Channel == "direct" {
			bad("spend %+v", sp)
		}
	}

	// Stock: end-of-day on hand follows from the previous day, the
	// receipts, the units sold and restocked, and the adjustments. A SKU
	// has a snapshot every day from its launch.
	days := s.Period.Days()
	want := 0
	for _, p := range s.Catalogue {
		if p.Launch.Before(s.Period.Start) {
			want += days
		} else {
			want += int(s.Period.End.Sub(p.Launch).Round(24*time.Hour) / (24 * time.Hour))
		}
	}
	if len(s.Snapshots) != want {
		bad("%d snapshots, want %d SKU-days from the launches", len(s.Snapshots), want)
		return ps
	}
	flow := make(map[string][]int64, len(s.Catalogue))
	for _, p := range s.Catalogue {
		flow[p.SKU] = make([]int64, days)
	}
	// day is the index of the calendar day of at in the store's zone,
	// counted by dates, so that days of 23 or 25 hours (DST) count as one.
	loc := s.Period.Start.Location()
	y0, m0, d0 := s.Period.Start.In(loc).Date()
	first := time.Date(y0, m0, d0, 0, 0, 0, 0, time.UTC)
	day := func(at time.Time) int {
		y, m, d := at.In(loc).Date()
		return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(first) / (24 * time.Hour))
	}
	for _, r := range s.Receipts {
		flow[r.SKU][day(r.Day)] += r.Quantity
	}
	for _, a := range s.Adjustments {
		flow[a.SKU][day(a.Day)] += a.Quantity
	}
	for _, o := range s.Orders {
		if o.Status == metrics.Cancelled {
			continue
		}
		for _, l := range o.Lines {
			flow[l.SKU][day(o.PlacedAt)] -= l.Quantity
		}
	}
	for _, r := range s.Refunds {
		for _, l := range r.Lines {
			if l.Restocked {
				flow[l.SKU][day(r.At)] += l.Quantity
			}
		}
	}
	last := map[string]inventory.Snapshot{}
	for _, sn := range s.Snapshots {
		if sn.OnHand < 0 {
			bad("%s on %s: on hand %d", sn.SKU, sn.Day.Format("2006-01-02"), sn.OnHand)
		}
		prev, ok := last[sn.SKU]
		last[sn.SKU] = sn
		if !ok {
			if sn.Day.Before(launch[sn.SKU]) {
				bad("%s: snapshot on %s before its launch", sn.SKU, sn.Day.Format(time.DateOnly))
			}
			if !sn.Day.Equal(s.Period.Start) && sn.OnHand != flow[sn.SKU][day(sn.Day)] {
				bad("%s launched %s with %d on hand, want the %d received", sn.SKU, sn.Day.Format(time.DateOnly), sn.OnHand, flow[sn.SKU][day(sn.Day)])
			}
			continue
		}
		if day(sn.Day) != day(prev.Day)+1 {
			bad("%s: snapshot on %s after %s", sn.SKU, sn.Day.Format(time.DateOnly), prev.Day.Format(time.DateOnly))
			continue
		}
		if want := prev.OnHand + flow[sn.SKU][day(sn.Day)]; sn.OnHand != want {
			bad("%s on %s: on hand %d, want %d", sn.SKU, sn.Day.Format("2006-01-02"), sn.OnHand, want)
		}
	}

	// Each year of the period (its part in the period) has targets, and
	// its monthly targets add up to the year's.
	for y := range s.Period.Buckets(metrics.Year) {
		var month money.Sum
		var year money.Money
		var monthOrders, yearOrders float64
		found := false
		for _, t := range s.Targets {
			if t.Period.Start.Before(y.Start) || t.Period.End.After(y.End) {
				continue
			}
			whole := t.Period.Start.Equal(y.Start) && t.Period.End.Equal(y.End)
			switch {
			case t.Metric == "net_sales" && whole:
				year, found = t.Amount, true
			case t.Metric == "net_sales":
				month.Add(t.Amount)
			case t.Metric == "orders" && whole:
				yearOrders = t.Value
			case t.Metric == "orders":
				monthOrders += t.Value
			}
		}
		if !found {
			bad("%s has no targets", y)
		}
		if month.Count() > 0 && (!month.Total(cny).Equal(year) || monthOrders != yearOrders) {
			bad("%s: monthly targets add up to %s and %v orders, the year's are %s and %v", y, month.Total(cny), monthOrders, year, yearOrders)
		}
	}
	return ps
}

func TestInvariantsDefault(t *testing.T) {
	s := demo(t)
	for _, p := range firstN(problems(s), 20) {
		t.Error(p)
	}
}

// TestInvariantsProperty checks the invariants on small stores of any
// seed, size and start date.
func TestInvariantsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := Config{
			Seed:      rapid.Uint64().Draw(t, "seed"),
			Customers: rapid.IntRange(1, 200).Draw(t, "customers"),
			Days:      rapid.IntRange(1, 400).Draw(t, "days"),
			SKUs:      rapid.IntRange(1, 60).Draw(t, "skus"),
		}
		cfg.Start = s0.AddDate(0, 0, rapid.IntRange(0, 365).Draw(t, "offset"))
		s := Generate(cfg)
		for _, p := range firstN(problems(s), 10) {
			t.Error(p)
		}
		if got := len(s.Customers); got != cfg.Customers {
			t.Errorf("%d customers, want %d", got, cfg.Customers)
		}
		if len(s.Orders) < cfg.Customers {
			t.Errorf("%d orders for %d customers: each customer orders at least once", len(s.Orders), cfg.Customers)
		}
	})
}

var s0 = Generate(Config{Customers: 1, Days: 1}).Period.Start

func firstN(s []string, n int) []string { return s[:min(n, len(s))] }

// TestInvariantsDST checks the invariants in zones with daylight saving:
// days of 23 and 25 hours, and a day whose midnight the change skips
// (America/Sao_Paulo, 2018-11-04, clocks from 00:00 to 01:00), which
// must start at 01:00 rather than at 23:00 of the day before.
func TestInvariantsDST(t *testing.T) {
	tests := []struct {
		zone  string
		start string
	}{
		{"America/New_York", "2025-03-01"},    // 9 March: 23 hours
		{"Europe/London", "2018-10-20"},       // 28 October: 25 hours
		{"America/Sao_Paulo", "2018-10-20"},   // 4 November: midnight skipped
		{"Australia/Lord_Howe", "2025-03-20"}, // half-hour change on 6 April
	}
	for _, tc := range tests {
		t.Run(tc.zone, func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			start, err := time.ParseInLocation("2006-01-02", tc.start, loc)
			if err != nil {
				t.Fatal(err)
			}
			s := Generate(Config{Start: start, Days: 60, Customers: 300})
			for _, p := range firstN(problems(s), 10) {
				t.Error(p)
			}
		})
	}
}
