package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// TestBuildSkipInvalidRecords: issue 17, partial data. Build failed on any
// invalid record; under BadRecords Skip it now leaves out invalid orders,
// refunds and events, counts them by problem with their first IDs in the
// review's notes, and computes every figure as if they were not there.
// Strict (the default) still fails with located errors.
func TestBuildSkipInvalidRecords(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	c := money.MustCurrency("CNY")
	day := func(d int) time.Time { return time.Date(2025, 11, d, 12, 0, 0, 0, time.UTC) }
	clean := tinyStore()
	orders := slices.Collect(clean.Orders)
	events := slices.Collect(clean.Events)
	bad := tinyStore()
	zero := metrics.Order{ID: "bad1", CustomerID: "Z", PlacedAt: day(12), Status: metrics.Paid, Currency: c,
		Lines: []metrics.Line{{SKU: "S1", Quantity: 0, UnitPrice: money.MustNew("10", "CNY")}}}
	zero2 := zero
	zero2.ID = "bad2"
	dup := orders[1] // o2 again, with other contents
	dup.Lines = slices.Clone(dup.Lines)
	dup.Lines[0].Quantity = 5
	bad.Orders = slices.Values(append(slices.Clone(orders), zero, zero2, dup))
	bad.Refunds = append(slices.Clone(clean.Refunds),
		metrics.Refund{ID: "r-big", OrderID: "o3", At: day(21), Amount: money.MustNew("500", "CNY")}) // more than o3's total
	late := funnel.Event{UserID: "B", Time: day(1), Name: "page_view", Props: []funnel.Prop{{Key: funnel.PropSession, Value: "Bx"}}}
	bad.Events = slices.Values(append(slices.Clone(events), late)) // B's Nov 1 event after their Nov 9 one

	if _, err := Build(bad, Config{Period: nov}); err == nil {
		t.Fatal("Strict: no error")
	}
	got, err := Build(bad, Config{Period: nov, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatalf("Skip: %v", err)
	}
	want, err := Build(clean, Config{Period: nov, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Overview.KPIs, got.Overview.KPIs); diff != "" {
		t.Errorf("Overview KPIs with invalid records left out (-clean +skipped):\n%s", diff)
	}
	if diff := cmp.Diff(want.Traffic.Funnel, got.Traffic.Funnel); diff != "" {
		t.Errorf("funnel (-clean +skipped):\n%s", diff)
	}
	var notes []Note
	for _, n := range got.Notes {
		if n.LeftOut > 0 {
			notes = append(notes, n)
		}
	}
	wantNotes := []Note{
		{Section: SectionOverview, Key: "invalid_orders", Reason: "ID (o2)", LeftOut: 1},
		{Section: SectionOverview, Key: "invalid_orders", Reason: "Lines.Quantity (bad1, bad2)", LeftOut: 2},
		{Section: SectionOverview, Key: "invalid_refunds", Reason: "Amount (r-big)", LeftOut: 1},
		{Section: SectionTraffic, Key: "invalid_events", Reason: "event out of time order (B)", LeftOut: 1},
	}
	if diff := cmp.Diff(wantNotes, notes); diff != "" {
		t.Errorf("data-quality notes (-want +got):\n%s", diff)
	}
}

// TestBuildRejectedReasons: the rows a reader rejected appear in the
// Overview's notes per file and reason, with the rows read.
func TestBuildRejectedReasons(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	in := tinyStore()
	in.Rejected = []Rejected{
		{File: "order_lines.csv", Rows: 5, Read: 120, Reasons: map[string]int64{"duplicate row": 1, "column quantity": 4}},
		{File: "events.csv", Rows: 2}, // no reasons: one note for the file
		{File: "refunds.csv"},         // nothing rejected: no note
	}
	r, err := Build(in, Config{Period: nov})
	if err != nil {
		t.Fatal(err)
	}
	var got []Note
	for _, n := range r.NotesOf(SectionOverview) {
		if n.Key == "rejected_rows" {
			got = append(got, n)
		}
	}
	want := []Note{
		{Section: SectionOverview, Key: "rejected_rows", Reason: "order_lines.csv, 120 rows read: column quantity", LeftOut: 4},
		{Section: SectionOverview, Key: "rejected_rows", Reason: "order_lines.csv, 120 rows read: duplicate row", LeftOut: 1},
		{Section: SectionOverview, Key: "rejected_rows", Reason: "events.csv", LeftOut: 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejected-row notes (-want +got):\n%s", diff)
	}
}

// TestBuildCoverageNote: data that starts inside the comparison period
// gave a bare n/a; a note now says the day the data starts.
func TestBuildCoverageNote(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	in := tinyStore()
	var orders []metrics.Order
	for o := range in.Orders {
		if o.PlacedAt.Month() == time.November {
			orders = append(orders, o)
		}
	}
	in.Orders = slices.Values(orders)
	in.Spend, in.Refunds = nil, nil
	var evs []funnel.Event
	for e := range in.Events {
		if e.Time.Month() == time.November {
			evs = append(evs, e)
		}
	}
	in.Events = slices.Values(evs)
	r, err := Build(in, Config{Period: nov})
	if err != nil {
		t.Fatal(err)
	}
	// The records stop on 11 November, 19 days before its end: at the
	// store's pace (orders and visitors a day) so long a gap is the
	// data's end, said too.
	want := []Note{{Section: SectionOverview, Key: "prev_coverage", Reason: "2025-11-01"}, {Section: SectionOverview, Key: "year_coverage", Reason: "2025-11-01"},
		{Section: SectionOverview, Key: "cur_coverage", Reason: "2025-11-11"}}
	if diff := cmp.Diff(want, r.NotesOf(SectionOverview)); diff != "" {
		t.Errorf("coverage notes (-want +got):\n%s", diff)
	}
}

// TestBuildSkipInvalidTickets: under Skip a ticket with a data problem
// (a score of 9, a response before the ticket was opened) is left out of
// the service figures and counted in a note of the service section with
// its ID, as invalid orders, refunds and events are; Strict fails.
func TestBuildSkipInvalidTickets(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	at := func(d, h int) time.Time { return time.Date(2025, 11, d, h, 0, 0, 0, time.UTC) }
	good := []service.Ticket{
		{ID: "t1", OpenedAt: at(3, 9), FirstResponseAt: at(3, 10), ResolvedAt: at(3, 12), Score: 5},
		{ID: "t2", OpenedAt: at(4, 9), FirstResponseAt: at(4, 9), Score: 4},
	}
	bad := append(slices.Clone(good),
		service.Ticket{ID: "t3", OpenedAt: at(5, 9), Score: 9},
		service.Ticket{ID: "t4", OpenedAt: at(6, 9), FirstResponseAt: at(6, 8)})
	clean, dirty := tinyStore(), tinyStore()
	clean.Tickets, dirty.Tickets = good, bad
	if _, err := Build(dirty, Config{Period: nov}); err == nil {
		t.Fatal("Strict: no error")
	}
	got, err := Build(dirty, Config{Period: nov, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatalf("Skip: %v", err)
	}
	want, err := Build(clean, Config{Period: nov, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Service.KPIs, got.Service.KPIs); diff != "" {
		t.Errorf("service KPIs with invalid tickets left out (-clean +skipped):\n%s", diff)
	}
	wantNotes := []Note{
		{Section: SectionService, Key: "invalid_tickets", Reason: "FirstResponseAt (t4)", LeftOut: 1},
		{Section: SectionService, Key: "invalid_tickets", Reason: "Score (t3)", LeftOut: 1},
	}
	if diff := cmp.Diff(wantNotes, got.NotesOf(SectionService)); diff != "" {
		t.Errorf("service notes (-want +got):\n%s", diff)
	}
}
