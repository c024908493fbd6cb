package report

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
	"github.com/shopspring/decimal"
)

// tinyStore is a store small enough to compute by hand: October and
// November 2025 in UTC, CNY.
//
//	October:  A buys 100 (cost 40) on 10-05 from "ads".
//	November: A buys 200 (cost 80) with a 20 order discount on 11-03;
//	          B buys 50 (cost 20) on 11-10 from "search" (new);
//	          C's order on 11-11 is cancelled;
//	          a refund of 30 on A's November order is paid on 11-20.
//	Spend: ads 300 in October, ads 200 and search 100 in November.
//	Events: November has visitors A, B, V1, V2 (4); October A, V1 (2).
func tinyStore() Input {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	c := money.MustCurrency("CNY")
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	line := func(sku, price, cost string) []metrics.Line {
		return []metrics.Line{{SKU: sku, Name: "name " + sku, Category: "cat", Quantity: 1, UnitPrice: cny(price), UnitCost: cny(cost)}}
	}
	orders := []metrics.Order{
		{ID: "o1", CustomerID: "A", PlacedAt: day(10, 5), Channel: "ads", Status: metrics.Paid, Currency: c, Lines: line("S1", "100", "40")},
		{ID: "o2", CustomerID: "A", PlacedAt: day(11, 3), Channel: "ads", Status: metrics.Paid, Currency: c, Lines: line("S2", "200", "80"), Discount: cny("20")},
		{ID: "o3", CustomerID: "B", PlacedAt: day(11, 10), Channel: "search", Status: metrics.Paid, Currency: c, Lines: line("S1", "50", "20")},
		{ID: "o4", CustomerID: "C", PlacedAt: day(11, 11), Channel: "search", Status: metrics.Cancelled, Currency: c, Lines: line("S1", "70", "20")},
	}
	ev := func(u string, m time.Month, d int) funnel.Event {
		return funnel.Event{UserID: u, Time: day(m, d), Name: "page_view", Props: []funnel.Prop{{Key: funnel.PropSession, Value: u + m.String()}, {Key: funnel.PropSource, Value: "search"}}}
	}
	return Input{
		Store:   "tiny",
		Orders:  slices.Values(orders),
		Refunds: []metrics.Refund{{ID: "r1", OrderID: "o2", At: day(11, 20), Amount: cny("30"), Reason: "size too small"}},
		Events:  slices.Values([]funnel.Event{ev("A", 10, 1), ev("V1", 10, 2), ev("A", 11, 1), ev("B", 11, 9), ev("V1", 11, 2), ev("V2", 11, 3), ev("V2", 11, 3)}),
		Spend: []metrics.Spend{{Channel: "ads", Day: day(10, 1), Amount: cny("300")},
			{Channel: "ads", Day: day(11, 1), Amount: cny("200")}, {Channel: "search", Day: day(11, 1), Amount: cny("100")}},
		Targets: []metrics.Target{{Metric: "net_sales", Period: metrics.MonthOf(2025, time.November, time.UTC), Amount: cny("250")}},
	}
}

func TestBuildTinyStore(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	r, err := Build(tinyStore(), Config{Period: nov})
	if err != nil {
		t.Fatal(err)
	}
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	// Hand computation for November:
	//   net sales = (200 − 20) + 50 − 30 (refund) = 200; October: 100.
	//   orders = 2 (the cancelled one is not); AOV = 100.
	//   buyers A, B = 2; new customers: B only (A bought in October) = 1.
	//   gross profit = 200 − (80 + 20) = 100: margin 50 %.
	//   CAC = November spend 300 / 1 new customer = 300.
	//   visitors 4, conversion = 2 buyers / 4 = 50 %.
	want := map[string]metrics.Value{
		"net_sales":       cny("200.00"),
		"orders":          metrics.CountValue(2),
		"aov":             cny("100.00"),
		"spend_per_buyer": cny("100.00"),
		"new_customers":   metrics.CountValue(1),
		"cac":             cny("300.00"),
	}
	for key, w := range want {
		k, ok := findKPI(r.Overview.KPIs, key)
		if !ok {
			t.Errorf("no KPI %s", key)
			continue
		}
		if !k.Current.Equal(w) {
			t.Errorf("%s = %v, want %v", key, k.Current, w)
		}
	}
	ns, _ := findKPI(r.Overview.KPIs, "net_sales")
	// 环比 (200 − 100) / 100 = +100 %; target 250: attainment 80 %; last
	// year is not in the data: undefined, not −100 %.
	if v, _ := ns.ChangePrev.Value(); v != 1 {
		t.Errorf("net sales change %v, want 1", v)
	}
	if v, _ := ns.Attainment.Value(); v != 0.8 {
		t.Errorf("net sales attainment %v, want 0.8", v)
	}
	if ns.YearAgo.Defined() || ns.ChangeYear.Defined() {
		t.Errorf("last year is defined without data: %v, %v", ns.YearAgo, ns.ChangeYear)
	}
	gm, _ := findKPI(r.Overview.KPIs, "gross_margin")
	if v, _ := gm.Current.Float(); v != 0.5 {
		t.Errorf("gross margin %v, want 0.5", v)
	}
	cr, _ := findKPI(r.Overview.KPIs, "conversion_rate")
	if v, _ := cr.Current.Float(); v != 0.5 {
		t.Errorf("conversion %v, want 0.5", v)
	}
	// The daily trend is computed apart from the summary: its days add up
	// to the same net sales.
	var sum money.Sum
	for _, d := range r.Overview.Daily {
		sum.Add(d.NetSales)
	}
	if got := sum.Total(money.MustCurrency("CNY")); !metrics.MoneyValue(got).Equal(ns.Current) {
		t.Errorf("daily net sales add up to %v, summary says %v", got, ns.Current)
	}
	// The tiny store's records end on 20 November, but at its pace (a
	// few records a day) ten quiet days are not evidence that the data
	// ends there: the whole month is shown, its last days as zeros.
	if len(r.Overview.Daily) != 30 {
		t.Errorf("%d days in November", len(r.Overview.Daily))
	}
	for _, n := range r.Notes {
		if n.Key == "cur_coverage" {
			t.Errorf("a cur_coverage note for a sparse store's quiet days: %+v", n)
		}
	}
	// Traffic: 4 visitors in 4 sessions; V1 and A with one page view each,
	// B one, V2 two: 3 bounces of 4.
	if r.Traffic == nil {
		t.Fatal("no traffic section")
	}
	br, _ := findKPI(r.Traffic.KPIs, "bounce_rate")
	if v, _ := br.Current.Float(); v != 0.75 {
		t.Errorf("bounce rate %v, want 0.75", v)
	}
	// Sections without data are left out with their reason.
	wantOmitted := map[Section]string{SectionService: "tickets"}
	for _, o := range r.Omitted {
		if m, ok := wantOmitted[o.Section]; ok && m != o.Missing {
			t.Errorf("%v omitted for %q, want %q", o.Section, o.Missing, m)
		}
		delete(wantOmitted, o.Section)
	}
	if len(wantOmitted) > 0 {
		t.Errorf("not omitted: %v", wantOmitted)
	}
}

func TestBuildNoEvents(t *testing.T) {
	in := tinyStore()
	in.Events = nil
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Traffic != nil || r.Overview.Decomposition != nil {
		t.Error("traffic computed without events")
	}
	if _, ok := findKPI(r.Overview.KPIs, "conversion_rate"); ok {
		t.Error("conversion rate without events")
	}
	found := false
	for _, o := range r.Omitted {
		found = found || o.Section == SectionTraffic && o.Missing == "events"
	}
	if !found {
		t.Errorf("traffic not omitted for lack of events: %+v", r.Omitted)
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build(tinyStore(), Config{}); !errors.Is(err, ErrNoPeriod) {
		t.Errorf("no period: %v", err)
	}
	in := tinyStore()
	usd := metrics.Order{ID: "u1", CustomerID: "Z", PlacedAt: time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC), Status: metrics.Paid,
		Currency: money.MustCurrency("USD"), Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: money.MustNew("1", "USD")}}}
	orders := slices.Collect(in.Orders)
	in.Orders = slices.Values(append(orders, usd))
	_, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	var ce *MixedCurrencyError
	if !errors.As(err, &ce) || !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Fatalf("mixed currencies: %v", err)
	}
	if diff := cmp.Diff(map[money.Currency]int64{money.MustCurrency("USD"): 1}, ce.Orders); diff != "" {
		t.Errorf("other currencies (-want +got):\n%s", diff)
	}
	// A bad order is reported with its ID, and no review is returned.
	in = tinyStore()
	bad := orders[1]
	bad.ID = "bad"
	bad.Lines = []metrics.Line{{SKU: "S", Quantity: 0, UnitPrice: money.MustNew("1", "CNY")}}
	in.Orders = slices.Values(append(slices.Clone(orders), bad))
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	var ve *metrics.ValidationError
	if r != nil || !errors.As(err, &ve) || ve.OrderID != "bad" {
		t.Errorf("bad order: review %v, error %v", r != nil, err)
	}
}

func TestBuildPromotionWithoutHistory(t *testing.T) {
	// A promotion in the first days of the data has no pre-period to fit
	// a baseline on: it is listed as not measured, and the review goes on.
	in := tinyStore()
	in.Promotions = []promo.Promotion{{
		ID: "early", Name: "Early bird", Window: metrics.DayOf(2025, time.October, 10, time.UTC),
		Scope: promo.Scope{Store: true}, Mechanism: promo.PercentOff, Percent: decimal.RequireFromString("0.1"),
		FixedCost: money.MustNew("0", "CNY"), MediaCost: money.MustNew("0", "CNY"),
	}}
	// The data starts on 5 October: five days, not the 28 a baseline needs.
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.October, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Promotions == nil {
		t.Fatal("no promotions section")
	}
	// Its 28-day pre-period, 12 Sep to 9 Oct, against data from 5 Oct;
	// the cause and the days are what a renderer says in its language
	// (TestUnmeasuredNote in package render).
	want := []Unmeasured{{ID: "early", Name: "Early bird", Cause: "cause_pre_period_short",
		Need: "2025-09-12..2025-10-09", Have: "2025-10-05..2025-11-10",
		Reason: `promo: pre-period too short for the baseline: promotion "early" needs 2025-09-12..2025-10-09, data covers 2025-10-05..2025-11-10 (Config.PreDays can be as short as 14)`}}
	if diff := cmp.Diff(want, r.Promotions.Unmeasured); diff != "" {
		t.Errorf("not measured (-want +got):\n%s", diff)
	}
}

func TestBuildInventoryProblem(t *testing.T) {
	// An oversold SKU (on hand −3) is a data problem: reported, with its
	// SKU, and no review is returned.
	in := tinyStore()
	cny := money.MustNew("40", "CNY")
	in.Snapshots = slices.Values([]inventory.Snapshot{
		{SKU: "S1", Day: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), OnHand: 10, UnitCost: cny},
		{SKU: "S1", Day: time.Date(2025, 11, 2, 0, 0, 0, 0, time.UTC), OnHand: -3, UnitCost: cny},
	})
	_, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	var de *inventory.DataError
	if !errors.As(err, &de) || de.SKU != "S1" {
		t.Errorf("oversold stock: %v", err)
	}
}

func TestBuildService(t *testing.T) {
	in := tinyStore()
	at := func(d, h, m int) time.Time { return time.Date(2025, 11, d, h, m, 0, 0, time.UTC) }
	in.Tickets = []service.Ticket{
		{ID: "t1", CustomerID: "A", Channel: "chat", OpenedAt: at(5, 10, 0), FirstResponseAt: at(5, 10, 30), ResolvedAt: at(5, 11, 0), Reason: "size", Score: 5},
		{ID: "t2", CustomerID: "B", Channel: "email", OpenedAt: at(6, 10, 0), FirstResponseAt: at(6, 12, 0), Reason: "late", Score: 2},
	}
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	// By hand: one of two answered within the hour; one of two scores is
	// 4–5; one of two resolved; 2 tickets for 2 orders = 100 per 100
	// orders; median first response of 30 min and 2 h = 75 min.
	want := map[string]float64{"within_sla": 0.5, "csat": 0.5, "resolution_rate": 0.5, "contacts_per_100_orders": 100,
		"first_response_median": (75 * time.Minute).Seconds()}
	for key, w := range want {
		k, ok := findKPI(r.Service.KPIs, key)
		if got, _ := k.Current.Float(); !ok || got != w {
			t.Errorf("%s = %v, want %v", key, got, w)
		}
	}
	if r.Service.CSATResponses != 2 {
		t.Errorf("CSAT responses %d, want 2", r.Service.CSATResponses)
	}
	// The November refund's free text "size too small" is normalised to
	// size/fit, the only reason of the period.
	if len(r.Service.ReturnReasons) != 1 || r.Service.ReturnReasons[0].Reason != "size_fit" {
		t.Errorf("return reasons %+v, want size_fit only", r.Service.ReturnReasons)
	}
}

// TestBuildServiceReturnRatePrevious checks that the return rates are
// compared with the previous period like the other service KPIs (issue
// 11: "comparable between periods").
func TestBuildServiceReturnRatePrevious(t *testing.T) {
	in := tinyStore()
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	oct := func(d int) time.Time { return time.Date(2025, time.October, d, 12, 0, 0, 0, time.UTC) }
	nov := func(d int) time.Time { return time.Date(2025, time.November, d, 12, 0, 0, 0, time.UTC) }
	in.Refunds = []metrics.Refund{
		// October: o1's one unit of S1 (100) comes back: 1 of 1 unit.
		{ID: "r0", OrderID: "o1", At: oct(20), Amount: cny("100"), Lines: []metrics.ReturnedLine{{SKU: "S1", Quantity: 1}}, Reason: "damaged"},
		// November: o3's one unit of S1 (50) comes back: 1 of 2 units.
		{ID: "r1", OrderID: "o3", At: nov(20), Amount: cny("50"), Lines: []metrics.ReturnedLine{{SKU: "S1", Quantity: 1}}, Reason: "size too small"},
	}
	in.Tickets = []service.Ticket{
		{ID: "t0", CustomerID: "A", Channel: "chat", OpenedAt: oct(6), FirstResponseAt: oct(6).Add(time.Minute), Reason: "size"},
		{ID: "t1", CustomerID: "B", Channel: "chat", OpenedAt: nov(5), FirstResponseAt: nov(5).Add(time.Minute), Reason: "size"},
	}
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	// By hand: October returned 1 of 1 unit sold (100%); November 1 of 2
	// (50%), a change of (0.5 − 1) / 1 = −50%.
	k, ok := findKPI(r.Service.KPIs, "return_rate_units")
	if !ok {
		t.Fatal("no return_rate_units KPI")
	}
	cur, _ := k.Current.Float()
	prev, prevOK := k.Previous.Float()
	change, changeOK := k.ChangePrev.Value()
	if cur != 0.5 || !prevOK || prev != 1 || !changeOK || change != -0.5 {
		t.Errorf("return_rate_units current %v previous %v (%v) change %v (%v), want 0.5, 1, -0.5", cur, prev, prevOK, change, changeOK)
	}
	if k, ok := findKPI(r.Service.KPIs, "return_rate_value"); !ok || !k.Previous.Defined() {
		t.Errorf("return_rate_value has no previous value: %+v", k)
	}
}

// TestBuildWithoutOrders builds reviews from inputs that have no orders:
// nothing at all, events only, tickets only. Build must not panic; the
// sections that need orders are left out and listed, and every renderer
// prints the review.
func TestBuildWithoutOrders(t *testing.T) {
	p := metrics.MonthOf(2025, time.November, time.UTC)
	full := tinyStore()
	tests := []struct {
		name string
		in   Input
	}{
		{"nothing", Input{}},
		{"no orders in the sequence", Input{Orders: slices.Values([]metrics.Order(nil))}},
		{"events only", Input{Events: full.Events}},
		{"tickets only", Input{Tickets: []service.Ticket{{ID: "t1", CustomerID: "A", Channel: "chat",
			OpenedAt: p.Start.Add(time.Hour), FirstResponseAt: p.Start.Add(2 * time.Hour), Reason: "size"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Build(tt.in, Config{Period: p})
			if err != nil {
				t.Fatal(err)
			}
			if r.Overview != nil || r.Customers != nil {
				t.Errorf("overview %v, customers %v: want both left out without orders", r.Overview, r.Customers)
			}
			var omitted []Section
			for _, o := range r.Omitted {
				omitted = append(omitted, o.Section)
			}
			for _, s := range []Section{SectionOverview, SectionCustomers} {
				if !slices.Contains(omitted, s) {
					t.Errorf("section %v not listed as omitted: %+v", s, r.Omitted)
				}
			}
		})
	}
}

// TestBuildEventsWithoutOrders checks the reason given for leaving out the
// traffic section when there are events but no orders: the conversion
// needs orders, so the note must say orders are missing, not events.
func TestBuildEventsWithoutOrders(t *testing.T) {
	r, err := Build(Input{Events: tinyStore().Events}, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range r.Omitted {
		if o.Section == SectionTraffic && o.Missing != "orders" {
			t.Errorf("traffic left out for missing %q, want orders (the events are there)", o.Missing)
		}
	}
}

// TestBuildDeadStockNeedsHistory checks that stock is called dead (no sale
// within the 90-day window) only when the orders reach 90 days back from
// the period's last day. With orders from 2025-10-01 on, 61 days before 30
// November, S9, on hand and never sold, is slow (no demand to compute days
// of supply from), not dead. With orders from 2025-08-01 on (121 days) it
// is dead.
func TestBuildDeadStockNeedsHistory(t *testing.T) {
	cost := money.MustNew("10", "CNY")
	snaps := func(from time.Time) []inventory.Snapshot {
		var out []inventory.Snapshot
		for d := from; d.Before(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
			out = append(out, inventory.Snapshot{SKU: "S9", Day: d, OnHand: 50, UnitCost: cost},
				inventory.Snapshot{SKU: "S1", Day: d, OnHand: 50, UnitCost: cost})
		}
		return out
	}
	tests := []struct {
		name     string
		from     time.Time
		wantDead bool
	}{
		{"61 days of data", time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), false},
		{"121 days of data", time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		in := tinyStore()
		in.Snapshots = slices.Values(snaps(tt.from))
		// An order of S1 on the first day makes the order history start there.
		orders := slices.Collect(in.Orders)
		orders = append(orders, metrics.Order{ID: "first", CustomerID: "Z", PlacedAt: tt.from, Channel: "ads", Status: metrics.Paid,
			Currency: money.MustCurrency("CNY"), Lines: []metrics.Line{{SKU: "S1", Quantity: 1, UnitPrice: money.MustNew("10", "CNY"), UnitCost: cost}}})
		slices.SortFunc(orders, func(a, b metrics.Order) int { return a.PlacedAt.Compare(b.PlacedAt) })
		in.Orders = slices.Values(orders)
		r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var found bool
		for _, s := range r.Products.SlowMovers {
			if s.SKU == "S9" {
				found = true
				if s.Dead != tt.wantDead {
					t.Errorf("%s: S9 dead = %v, want %v", tt.name, s.Dead, tt.wantDead)
				}
			}
		}
		if !found {
			t.Errorf("%s: S9 not among the slow movers: %+v", tt.name, r.Products.SlowMovers)
		}
	}
}

// TestBuildCohortsStopAtData reviews 2025-Q4 of the tiny store, whose data
// ends on 2025-11-20 (the refund): December is not in the data, so the
// cohort heatmap must not show it as 0 % retention. By hand: the October
// cohort (A) has M0 and M1 (A bought again on 11-03), the November cohort
// (B) M0 only.
func TestBuildCohortsStopAtData(t *testing.T) {
	q4, err := metrics.ParsePeriod("2025-Q4", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(tinyStore(), Config{Period: q4})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range r.Customers.Cohorts {
		got[c.Label] = len(c.Retention)
	}
	want := map[string]int{"2025-10": 2, "2025-11": 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("observed months per cohort (-want +got):\n%s", diff)
	}
}

// TestBuildTurnoverHasUnit checks that inventory turnover (COGS / average
// inventory at cost, METRICS.md) prints as a multiple, "0.35×", not as a
// bare number next to DIO's "87.5 days".
func TestBuildTurnoverHasUnit(t *testing.T) {
	in := tinyStore()
	cost := money.MustNew("10", "CNY")
	var snaps []inventory.Snapshot
	for d := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC); d.Month() != time.December; d = d.AddDate(0, 0, 1) {
		snaps = append(snaps, inventory.Snapshot{SKU: "S1", Day: d, OnHand: 50, UnitCost: cost})
	}
	in.Snapshots = slices.Values(snaps)
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	k, ok := findKPI(r.Products.KPIs, "turnover")
	if !ok {
		t.Fatal("no turnover KPI")
	}
	if k.Current.Unit() != metrics.UnitMultiple {
		t.Errorf("turnover is a %v, want a multiple such as 0.35×", k.Current.Unit())
	}
}
