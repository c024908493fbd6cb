package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestCustomerModelFailureIsSaid: a store whose customers never came back
// has no repeat purchase to fit a purchase or spend model on. The review
// says so in a note of the customers section and shows no active
// customers or CLV, rather than a silent gap or a number from a failed
// fit; the overview's LTV is left out with a note too.
func TestCustomerModelFailureIsSaid(t *testing.T) {
	c := money.MustCurrency("CNY")
	var orders []metrics.Order
	for i := range 40 {
		orders = append(orders, metrics.Order{ID: "o" + string(rune('A'+i)), CustomerID: "c" + string(rune('A'+i)),
			PlacedAt: time.Date(2025, 11, 1+i%28, 12, 0, 0, 0, time.UTC), Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: money.MustNew("100", "CNY"), UnitCost: money.MustNew("40", "CNY")}}})
	}
	spend := []metrics.Spend{{Channel: "ads", Day: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), Amount: money.MustNew("500", "CNY")}}
	r, err := Build(Input{Orders: slices.Values(orders), Spend: spend}, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	notes := r.NotesOf(SectionCustomers)
	if len(notes) != 1 || notes[0].Key != "customer_model" || !strings.HasPrefix(notes[0].Reason, "report: ") {
		t.Errorf("notes of the customers section: %+v", notes)
	}
	for _, key := range []string{"active_customers", "predicted_clv"} {
		if k, ok := findKPI(r.Customers.KPIs, key); ok {
			t.Errorf("%s shown without a model: %+v", key, k)
		}
	}
	if r.Customers.Model != nil || r.Customers.CLV != nil {
		t.Errorf("model %+v, CLV %+v without a fit", r.Customers.Model, r.Customers.CLV)
	}
	if k, ok := findKPI(r.Overview.KPIs, "ltv"); ok && k.Current.Defined() {
		t.Errorf("LTV %v without a model", k.Current)
	}
	// The overview also says that the data does not reach the compared
	// periods (prev_coverage, year_coverage); of the LTV, one note.
	ltv := 0
	for _, n := range r.NotesOf(SectionOverview) {
		switch n.Key {
		case "ltv":
			ltv++
		case "prev_coverage", "year_coverage":
		default:
			t.Errorf("note of the overview: %+v", n)
		}
	}
	if ltv != 1 {
		t.Errorf("notes of the overview: %+v; want one on the LTV", r.NotesOf(SectionOverview))
	}
}

// demo returns the default demo store's input.
func demo(t *testing.T) Input {
	t.Helper()
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	s := sample.Generate(sample.Config{})
	return Input{Orders: slices.Values(s.Orders), Refunds: s.Refunds, Spend: s.Spend, Tickets: s.Tickets}
}

// TestLTVHorizon: the LTV of the overview is over a fixed horizon from
// acquisition, whatever the length of the period reviewed. Before, the Q4
// review showed ¥349 and the December review ¥205 (a churn per period of
// the review's length). Q4 and December end on the same day and so share
// the customer model; their LTVs differ only by the period's gross
// margin. A 6-month horizon gives less than 12 months, and the previous
// period's LTV is defined (a model as of its own end).
func TestLTVHorizon(t *testing.T) {
	in := demo(t)
	q4, err := metrics.ParsePeriod("2025-Q4", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	dec := metrics.MonthOf(2025, time.December, time.UTC)
	perMargin := func(p metrics.Period, months int) (float64, KPI, *Review) {
		t.Helper()
		r, err := Build(in, Config{Period: p, LTVMonths: months})
		if err != nil {
			t.Fatal(err)
		}
		ltv, ok := findKPI(r.Overview.KPIs, "ltv")
		gm, ok2 := findKPI(r.Overview.KPIs, "gross_margin")
		if !ok || !ok2 || !ltv.Current.Defined() || !ltv.Previous.Defined() {
			t.Fatalf("%v: LTV %+v, margin %+v", p, ltv, gm)
		}
		l, _ := ltv.Current.Float()
		m, _ := gm.Current.Float()
		if r.Customers.LTVMonths != max(months, 12*boolInt(months == 0)) {
			t.Errorf("%v: LTV horizon %d months", p, r.Customers.LTVMonths)
		}
		return l / m, ltv, r
	}
	a, la, _ := perMargin(q4, 0)
	b, lb, _ := perMargin(dec, 0)
	t.Logf("LTV Q4 %v, December %v; per unit of margin %.4f, %.4f", la.Current, lb.Current, a, b)
	// Each LTV is rounded to the cent: per unit of margin (≈ 0.57) they
	// agree within a cent's rounding.
	if d := a - b; d > 0.02 || d < -0.02 {
		t.Errorf("LTV per unit of margin: Q4 %v, December %v", a, b)
	}
	c, _, _ := perMargin(dec, 6)
	if !(c < b) {
		t.Errorf("6-month LTV %v not below the 12-month %v", c, b)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestActiveTellsTheRFMStory checks the December review of the demo store
// (before: 2,544 of 2,969 customers "active" under the BG/NBD, which held
// every one-time buyer alive, while 1,564 had bought in the last 90
// days): no one-time buyer of long ago is active, the active customers
// are at most those who bought in the last 180 days, and hardly any
// customer of the RFM segment "lost" (R 1, F 1–2: few purchases, long
// ago) is active: at most 1 % of them. With the two years of the demo, a
// customer whose one repeat purchase came more than a year ago can keep a
// P(alive) above one half when the model holds their purchase rate low
// (long gaps are then expected), while RFM, which ranks customers against
// each other, calls them lost: three of about 700 in the default demo.
func TestActiveTellsTheRFMStory(t *testing.T) {
	in := demo(t)
	dec := metrics.MonthOf(2025, time.December, time.UTC)
	r, err := Build(in, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	get := func(key string) int64 {
		k, ok := findKPI(r.Customers.KPIs, key)
		v, ok2 := k.Current.Float()
		if !ok || !ok2 {
			t.Fatalf("no %s", key)
		}
		return int64(v)
	}
	active, b90, b180 := get("active_customers"), get("buyers_90d"), get("buyers_180d")
	t.Logf("model %s by %s; active %d, bought in the last 90 days %d, 180 days %d", r.Customers.Model.Chosen, r.Customers.Model.Criterion, active, b90, b180)
	if active >= 2544 || active > b180 || b90 > b180 {
		t.Errorf("active %d (before 2,544), last 90 days %d, last 180 days %d", active, b90, b180)
	}
	// Recompute per customer with the review's own model and RFM.
	var l cohort.Ledger
	l.Location = time.UTC
	refunds := map[string][]metrics.Refund{}
	for _, x := range in.Refunds {
		refunds[x.OrderID] = append(refunds[x.OrderID], x)
	}
	for o := range in.Orders {
		if err := l.Add(o, refunds[o.ID]...); err != nil {
			t.Fatal(err)
		}
	}
	asOf := dec.End.AddDate(0, 0, -1)
	cm := fitCustomers(context.Background(), &l, asOf, nil)
	if cm.err != nil {
		t.Fatal(cm.err)
	}
	lost := map[string]bool{}
	for _, c := range l.RFM(cohort.RFMConfig{AsOf: asOf}).Customers {
		if c.Segment == cohort.Lost {
			lost[c.ID] = true
		}
	}
	var n, lostActive int64
	for _, c := range cm.customers {
		ok, err := cm.active(c)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			continue
		}
		n++
		if lost[c.ID] {
			lostActive++
			t.Logf("customer %s is lost by RFM but active: %+v", c.ID, c)
		}
		if c.X == 0 && daysSinceLast(c) >= clvRecent {
			t.Errorf("one-time buyer %s of %d days ago is active", c.ID, daysSinceLast(c))
		}
	}
	if n != active || len(lost) == 0 {
		t.Errorf("recounted %d active, review %d; %d lost", n, active, len(lost))
	}
	if lostActive*100 > int64(len(lost)) {
		t.Errorf("%d of the %d customers lost by RFM are active, want at most 1 %%", lostActive, len(lost))
	}
}

// TestCustomerModelsConfig: the review compares the models of
// Config.CustomerModels, BG/NBD and MBG/NBD by default.
func TestCustomerModelsConfig(t *testing.T) {
	in := demo(t)
	dec := metrics.MonthOf(2025, time.December, time.UTC)
	for _, tt := range []struct {
		models []clv.Family
		want   []string
	}{{nil, []string{"BG/NBD", "MBG/NBD"}}, {[]clv.Family{clv.FamilyMBGNBD}, []string{"MBG/NBD"}}} {
		r, err := Build(in, Config{Period: dec, CustomerModels: tt.models})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range r.Customers.Model.Candidates {
			got = append(got, c.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("CustomerModels %v: candidates %v, want %v", tt.models, got, tt.want)
		}
	}
}

// TestValueFiltersGroupedRows checks that value, which takes the grouped
// rows of all the customers and drops the rows left out, values exactly
// (to the bit, and counting the same customers left out) what grouping the
// customers kept would: the left-out customers here are a third of the
// repeat buyers, their spend set to zero as refunds leave it, one of them
// thrice.
func TestValueFiltersGroupedRows(t *testing.T) {
	cfg := sample.Config{Customers: 1500}
	var l cohort.Ledger
	var last time.Time
	for o := range sample.Orders(cfg) {
		l.Location, last = o.PlacedAt.Location(), o.PlacedAt
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	cm := fitCustomers(context.Background(), &l, last, nil)
	if cm.err != nil {
		t.Fatal(cm.err)
	}
	var repeat int
	for i := range cm.customers {
		if c := &cm.customers[i]; c.X > 0 {
			if repeat%3 == 0 {
				c.Monetary = 0
			}
			repeat++
		}
	}
	// Two more customers with the first one's history: a left-out row
	// that stands for three customers.
	for _, c := range cm.customers {
		if c.X > 0 && c.Monetary == 0 {
			cm.customers = append(cm.customers, c, c)
			break
		}
	}
	cm.grouped = clv.Group(cm.customers)
	var valued []clv.Customer
	var wantOut int64
	for _, c := range cm.customers {
		if c.X > 0 && c.Monetary <= 0 {
			wantOut++
			continue
		}
		valued = append(valued, c)
	}
	u := clv.Uncertainty{Purchases: cm.choice.Info.Cov, Spend: cm.spendInfo.Cov, Level: clvLevel}
	_, want, err := clv.Intervals(cm.choice.Model, cm.spend, u, clv.Group(valued), valueConfig(12, 0.4))
	if err != nil {
		t.Fatal(err)
	}
	got, out, err := cm.value(12, 0.4)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || out != wantOut || out == 0 {
		t.Errorf("value: %+v, %d left out; grouping the kept customers: %+v, %d left out", got, out, want, wantOut)
	}
}

// TestCustomerValueWithoutCosts: with one line of a December order sold
// without a unit cost, the December gross margin is unknown, and so are
// the values that apply it or count the customers' gross profit: the
// predicted CLV and the LTV (the Complete Journey slice, without costs,
// showed a CLV at a margin of 100 %), and each channel's CAC payback,
// with a note each. November's LTV, whose sales all have costs, stays.
// The same store with the cost has them all.
func TestCustomerValueWithoutCosts(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	s := sample.Generate(sample.Config{})
	dec := metrics.MonthOf(2025, time.December, s.Config.Location)
	build := func(orders []metrics.Order) *Review {
		t.Helper()
		r, err := Build(Input{Orders: slices.Values(orders), Refunds: s.Refunds, Spend: s.Spend}, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	type values struct {
		CLV, LTV, LTVPrev bool     // defined
		Paybacks          int      // channels with a payback or months observed
		Notes             []string // key and count
		Reasons           map[string]string
	}
	of := func(r *Review) values {
		var v values
		if k, ok := findKPI(r.Customers.KPIs, "predicted_clv"); ok && k.Current.Defined() {
			v.CLV = true
		}
		if k, ok := findKPI(r.Overview.KPIs, "ltv"); ok {
			v.LTV, v.LTVPrev = k.Current.Defined(), k.Previous.Defined()
		}
		for _, x := range r.Channels.Rows {
			if x.Payback.Defined() || x.PaybackObserved > 0 {
				v.Paybacks++
			}
		}
		for _, n := range r.Notes {
			if strings.Contains(n.Key, "cost") {
				v.Notes = append(v.Notes, fmt.Sprintf("%s %d", n.Key, n.Count))
				if v.Reasons == nil {
					v.Reasons = map[string]string{}
				}
				v.Reasons[n.Key] = n.Reason
			}
		}
		return v
	}
	with := of(build(s.Orders))
	if !with.CLV || !with.LTV || !with.LTVPrev || with.Paybacks == 0 || len(with.Notes) != 0 {
		t.Fatalf("with every cost: %+v; want CLV, LTVs and paybacks, no note", with)
	}
	orders := slices.Clone(s.Orders)
	i := slices.IndexFunc(orders, func(o metrics.Order) bool { return dec.Contains(o.PlacedAt) && o.Status != metrics.Cancelled })
	orders[i].Lines = slices.Clone(orders[i].Lines)
	orders[i].Lines[0].UnitCost = money.Money{}
	got := of(build(orders))
	// The share of December's gross sales without a cost, as the
	// overview's note says it.
	share := got.Reasons["margin_no_cost"]
	// The one channel without spend (search), of zero CAC, keeps its
	// payback of 0 months: paid back at once, whatever the costs.
	want := values{CLV: false, LTV: false, LTVPrev: true, Paybacks: 1,
		Notes:   []string{"margin_no_cost 0", "clv_no_cost 0", "payback_cost_missing 1"},
		Reasons: map[string]string{"margin_no_cost": share, "clv_no_cost": share, "payback_cost_missing": ""}}
	if share == "" {
		t.Errorf("share of sales without a cost %q", share)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("one line without a cost (-want +got):\n%s", diff)
	}
	// With spend only on a channel that acquired no one, no channel has
	// a CAC to pay back (the others' CAC is zero): no payback note.
	spend := []metrics.Spend{{Channel: "nowhere", Day: dec.Start, Amount: s.Spend[0].Amount}}
	r, err := Build(Input{Orders: slices.Values(orders), Refunds: s.Refunds, Spend: spend}, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	if r.Channels == nil {
		t.Fatalf("no channels section: %+v", r.Omitted)
	}
	for _, x := range r.Channels.Rows {
		if cac, ok := x.CAC.Money(); ok && cac.IsPositive() {
			t.Fatalf("channel %s has a CAC of %v", x.Channel, cac)
		}
	}
	for _, n := range r.Notes {
		if n.Key == "payback_cost_missing" {
			t.Errorf("no channel with a CAC: note %+v", n)
		}
	}
}

// TestPaybackGuestWithoutCost keeps the channels' CAC payback when the
// only line without a unit cost is a guest's: the payback counts the
// gross profit of the customers acquired, whose ledger has no guest
// order (cohort.Ledger counts guests apart), so that line takes nothing
// from it. The margin, which applies to all sales, is still undefined.
func TestPaybackGuestWithoutCost(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	s := sample.Generate(sample.Config{})
	dec := metrics.MonthOf(2025, time.December, s.Config.Location)
	orders := slices.Clone(s.Orders)
	i := slices.IndexFunc(orders, func(o metrics.Order) bool { return dec.Contains(o.PlacedAt) && o.Status != metrics.Cancelled })
	orders[i].CustomerID = ""
	orders[i].Lines = slices.Clone(orders[i].Lines)
	orders[i].Lines[0].UnitCost = money.Money{}
	r, err := Build(Input{Orders: slices.Values(orders), Refunds: s.Refunds, Spend: s.Spend}, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	paybacks := 0
	for _, x := range r.Channels.Rows {
		if x.Payback.Defined() || x.PaybackObserved > 0 {
			paybacks++
		}
	}
	var notes []string
	for _, n := range r.Notes {
		if n.Key == "payback_cost_missing" || n.Key == "margin_no_cost" {
			notes = append(notes, n.Key)
		}
	}
	if diff := cmp.Diff([]string{"margin_no_cost"}, notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if paybacks == 0 {
		t.Errorf("no channel has a payback or months observed; want those of the demo")
	}
}
