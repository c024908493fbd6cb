package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// fulfilmentInput returns orders of November 2025 and October with
// fulfilment times, a late-delivery refund and tickets.
func fulfilmentInput() (Input, Config) {
	cny := money.MustCurrency("CNY")
	nov := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	at := func(base time.Time, day, hour int) time.Time {
		return base.AddDate(0, 0, day-1).Add(time.Duration(hour) * time.Hour)
	}
	order := func(id string, base time.Time, day int, ship, deliver, promise int, carrier, region string) metrics.Order {
		placed := at(base, day, 8)
		o := metrics.Order{ID: id, CustomerID: "c" + id, PlacedAt: placed, PaidAt: placed, Status: metrics.Paid, Currency: cny,
			Lines:   []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: money.MustNew("100", "CNY")}},
			Carrier: carrier, Region: region}
		if ship >= 0 {
			o.ShippedAt = placed.Add(time.Duration(ship) * time.Hour)
		}
		if deliver >= 0 {
			o.DeliveredAt = o.ShippedAt.Add(time.Duration(deliver) * time.Hour)
		}
		if promise >= 0 {
			o.PromisedBy = placed.Add(time.Duration(promise) * time.Hour)
		}
		return o
	}
	oct := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	orders := []metrics.Order{
		order("n1", nov, 3, 4, 44, 72, "SF", "Zhejiang"),   // 4 h to ship, 44 h on the road, on time
		order("n2", nov, 4, 24, 72, 72, "YTO", "Zhejiang"), // late
		order("n3", nov, 5, 6, 30, 72, "SF", "Guangdong"),  // on time
		order("n4", nov, 6, 10, -1, 48, "YTO", ""),         // shipped, never delivered, promise past: late
		order("n5", nov, 29, -1, -1, 24*5, "", ""),         // promise after the month: pending
		order("o1", oct, 1, 2, 40, 72, "SF", "Zhejiang"),   // October: 2 h, 40 h, on time
		order("o2", oct, 4, 3, 80, 72, "SF", "Zhejiang"),   // late
	}
	refunds := []metrics.Refund{{ID: "r1", OrderID: "n2", At: at(nov, 10, 12), Amount: money.MustNew("100", "CNY"), Reason: "物流慢"}}
	tickets := []service.Ticket{
		{ID: "t1", OrderID: "n2", OpenedAt: at(nov, 6, 9), Channel: "chat", Reason: "where is my parcel"},
		{ID: "t2", OrderID: "n4", OpenedAt: at(nov, 9, 9), Channel: "chat", Reason: "where is my parcel"},
		{ID: "t3", OrderID: "n1", OpenedAt: at(nov, 9, 9), Channel: "chat", Reason: "invoice"},
	}
	in := Input{Store: "demo", Orders: slices.Values(orders), Refunds: refunds, Tickets: tickets}
	return in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)}
}

func TestFulfilmentSection(t *testing.T) {
	in, cfg := fulfilmentInput()
	r, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := r.Fulfilment
	if f == nil {
		t.Fatalf("no fulfilment section; omitted %v", r.Omitted)
	}
	h := func(n float64) metrics.Value { return metrics.DurationValue(time.Duration(n * float64(time.Hour))) }
	want := map[string][2]metrics.Value{ // current, previous
		// Ship 4, 24, 6, 10 h: median 8 h, p90 at rank 2.7: 10 + 0.7 × 14 = 19.8 h.
		// October 2 and 3 h: median 2.5 h, p90 2.9 h.
		"time_to_ship_median": {h(8), h(2.5)},
		"time_to_ship_p90":    {h(19.8), h(2.9)},
		// Deliver 44, 72, 30 h: median 44 h, p90 at rank 1.8: 44 + 0.8 × 28 = 66.4 h.
		"time_to_deliver_median": {h(44), h(60)},
		"time_to_deliver_p90":    {h(66.4), h(76)},
		// Door 48, 96, 36 h: median 48 h.
		"order_to_door_median": {h(48), h(62.5)},
		// On time n1, n3; late n2, n4 (undelivered past its promise); n5 pending.
		"on_time_rate": {metrics.RatioValue(metrics.CountRatio(2, 4)), metrics.RatioValue(metrics.CountRatio(1, 2))},
	}
	for _, k := range f.KPIs {
		w, ok := want[k.Key]
		if !ok {
			t.Errorf("unexpected KPI %s", k.Key)
			continue
		}
		delete(want, k.Key)
		if !k.Current.Equal(w[0]) || !k.Previous.Equal(w[1]) {
			t.Errorf("%s: %v (previous %v), want %v (%v)", k.Key, k.Current, k.Previous, w[0], w[1])
		}
		if k.YearAgo.Defined() {
			t.Errorf("%s: a year-ago value without data: %v", k.Key, k.YearAgo)
		}
	}
	if len(want) > 0 {
		t.Errorf("KPIs missing: %v", want)
	}
	wantCov := FulfilmentCoverage{Orders: 5, Shipped: 4, Delivered: 3, ShipDelivered: 3, Promised: 5, Pending: 1, LateOpen: 1}
	if diff := cmp.Diff(wantCov, f.Coverage); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
	var carriers []string
	for _, g := range f.Carriers {
		carriers = append(carriers, g.Name)
	}
	if diff := cmp.Diff([]string{"SF", "YTO", ""}, carriers); diff != "" {
		t.Errorf("carriers (-want +got):\n%s", diff)
	}
	if yto := f.Carriers[1]; yto.Late != 2 || !yto.OnTimeRate.Equal(metrics.CountRatio(0, 2)) {
		t.Errorf("YTO: %+v", yto)
	}
	wantOut := []DeliveryOutcome{
		{Status: "on_time", Orders: 2, LateReturnRate: metrics.CountRatio(0, 2), Tickets: 1, TicketsPer100: number(metrics.NewRatio(100, 2))},
		{Status: "late", Orders: 2, LateReturns: 1, LateReturnRate: metrics.CountRatio(1, 2), Tickets: 2, TicketsPer100: number(metrics.NewRatio(200, 2))},
	}
	if diff := cmp.Diff(wantOut, f.Outcomes); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
}

func TestFulfilmentOmitted(t *testing.T) {
	in, cfg := fulfilmentInput()
	var plain []metrics.Order
	for o := range in.Orders {
		o.ShippedAt, o.DeliveredAt, o.PromisedBy = time.Time{}, time.Time{}, time.Time{}
		plain = append(plain, o)
	}
	in.Orders = slices.Values(plain)
	r, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Fulfilment != nil || !slices.Contains(r.Omitted, Omission{Section: SectionFulfilment, Missing: "fulfilment"}) {
		t.Errorf("orders without fulfilment data: section %v, omitted %v", r.Fulfilment, r.Omitted)
	}
	r, err = Build(Input{}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Fulfilment != nil || !slices.Contains(r.Omitted, Omission{Section: SectionFulfilment, Missing: "orders"}) {
		t.Errorf("no orders: omitted %v", r.Omitted)
	}
}

func TestLateDeliveriesRule(t *testing.T) {
	store := func(r metrics.Ratio) []KPI {
		k, err := NewKPI(ownKPI("on_time_rate"), pct(r), metrics.Value{}, metrics.Value{}, metrics.Value{})
		if err != nil {
			t.Fatal(err)
		}
		return []KPI{k}
	}
	r := &Review{Fulfilment: &Fulfilment{
		KPIs: store(metrics.CountRatio(75, 100)),
		Carriers: []DeliveryGroup{
			{Name: "SF", OnTimeRate: metrics.CountRatio(60, 70)},            // above the store
			{Name: "YTO", OnTimeRate: metrics.CountRatio(15, 30), Late: 15}, // 25 pp below, 30 due: reported
			{Name: "", OnTimeRate: metrics.CountRatio(0, 40)},               // no name: nothing to act on
		},
		Regions: []DeliveryGroup{
			{Name: "新疆", OnTimeRate: metrics.CountRatio(10, 25)}, // 35 pp below, but 25 due < 30
			{Name: "西藏", OnTimeRate: metrics.CountRatio(26, 40)}, // 10 pp below: not more than the gap
			{Name: "青海", OnTimeRate: metrics.CountRatio(25, 40)}, // 12.5 pp below: reported
		},
	}}
	fs := Thresholds{}.withDefaults().lateDeliveries(r)
	var got []string
	for _, f := range fs {
		got = append(got, f.Evidence[0].Subject)
		if f.Section != SectionFulfilment || f.Severity != Warning {
			t.Errorf("%s: section %v, severity %v", f.Evidence[0].Subject, f.Section, f.Severity)
		}
	}
	if diff := cmp.Diff([]string{"YTO", "青海"}, got); diff != "" {
		t.Errorf("reported (-want +got):\n%s", diff)
	}
	if fs := (Thresholds{}).withDefaults().lateDeliveries(&Review{}); fs != nil {
		t.Errorf("no section: %v", fs)
	}
}
