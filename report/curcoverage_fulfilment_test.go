package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestCurCoverageFulfilment: of a month whose data end on the 20th (the
// demo exported at the start of 21 December: what happened later, such
// as deliveries, is not in it), an undelivered order is late only if its
// promise passed by the data's end, not by the month's: its figures are
// those of a review of the 1st to the 20th. As of the month's end, the
// orders whose deliveries the export no longer records were late by days
// the data do not reach.
func TestCurCoverageFulfilment(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews it twice")
	}
	s := sample.Generate(sample.Config{Customers: 1500})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	cut := time.Date(2025, time.December, 21, 0, 0, 0, 0, dec.Start.Location())
	orders := before(s.Orders, cut, func(o metrics.Order) time.Time { return o.PlacedAt })
	for i := range orders {
		o := &orders[i]
		for _, at := range []*time.Time{&o.PaidAt, &o.ShippedAt, &o.DeliveredAt} {
			if !at.Before(cut) {
				*at = time.Time{} // after the export
			}
		}
	}
	in := Input{Orders: slices.Values(orders), Events: slices.Values(before(s.Events, cut, func(e funnel.Event) time.Time { return e.Time })),
		Refunds: before(s.Refunds, cut, func(r metrics.Refund) time.Time { return r.At })}
	first20, err := metrics.NewPeriod(dec.Start, cut)
	if err != nil {
		t.Fatal(err)
	}
	month, err := Build(in, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	days20, err := Build(in, Config{Period: first20})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(month.Notes, func(n Note) bool { return n.Key == "cur_coverage" }) {
		t.Fatal("the month is not cut short: the test proves nothing")
	}
	if month.Fulfilment == nil || days20.Fulfilment == nil {
		t.Fatal("no fulfilment section")
	}
	m, d := month.Fulfilment, days20.Fulfilment
	if m.Coverage.LateOpen == 0 && m.Coverage.Pending == 0 {
		t.Fatal("no undelivered order with a promise: the test proves nothing")
	}
	if diff := cmp.Diff(d.Coverage, m.Coverage); diff != "" {
		t.Errorf("coverage of the month cut short (-days 1–20 +month):\n%s", diff)
	}
	onTime := func(f *Fulfilment) metrics.Value {
		k, _ := findKPI(f.KPIs, "on_time_rate")
		return k.Current
	}
	if a, b := onTime(m), onTime(d); !a.Equal(b) {
		t.Errorf("on-time rate %v in the month cut short, %v over its 20 days", a, b)
	}
	late := func(gs []DeliveryGroup) map[string]int64 {
		out := map[string]int64{}
		for _, g := range gs {
			out[g.Name] = g.Late
		}
		return out
	}
	if diff := cmp.Diff(late(d.Carriers), late(m.Carriers)); diff != "" {
		t.Errorf("late orders by carrier (-days 1–20 +month):\n%s", diff)
	}
	if diff := cmp.Diff(d.Outcomes, m.Outcomes); diff != "" {
		t.Errorf("delivery outcomes (-days 1–20 +month):\n%s", diff)
	}
}
