package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

// TestCurCoverageSections: of a period whose data ends early (the demo's
// orders, events and points up to 20 December of a December review),
// every section leaves uncompared what grows with the days counted, not
// only the overview: the repurchase rate (buyers with a second order in
// the period), the members' new count, active rate and repurchase rate,
// the inventory's turnover, sell-through and lost sales, and the
// categories' penetration; the overview's decomposition of the change in
// sales is not made, and a note says why. Levels at the period's end
// (members, stock value) and averages (members' order value, days of
// inventory) keep their change, and a whole December compares them all.
// The stock is analysed over the days the data covers, with the same
// figures as a review of those days (days of inventory were 31/20 of
// theirs over the whole month), and the snapshots after the data's end
// are counted in a note.
func TestCurCoverageSections(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews its December twice")
	}
	s := sample.Generate(sample.Config{Customers: 1500})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	cut := time.Date(2025, time.December, 21, 0, 0, 0, 0, dec.Start.Location())
	buildIn := func(end time.Time, per metrics.Period) *Review {
		os := before(s.Orders, end, func(o metrics.Order) time.Time { return o.PlacedAt })
		es := before(s.Events, end, func(e funnel.Event) time.Time { return e.Time })
		refunds := before(s.Refunds, end, func(r metrics.Refund) time.Time { return r.At })
		points := before(s.Points, end, func(p loyalty.Entry) time.Time { return p.At })
		items := catalogueItems(s)
		in := Input{Orders: slices.Values(os), Events: slices.Values(es), Refunds: refunds, Members: s.Members, Points: points,
			Items: items, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts}
		r, err := Build(in, Config{Period: per})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	build := func(end time.Time) *Review { return buildIn(end, dec) }
	type row struct {
		section string
		kpis    []KPI
		key     string
		grows   bool
	}
	rows := func(r *Review) []row {
		if r.Customers == nil || r.Membership == nil || r.Products == nil || r.Overview == nil {
			t.Fatalf("sections missing: customers %v, membership %v, products %v", r.Customers != nil, r.Membership != nil, r.Products != nil)
		}
		return []row{
			{"customers", r.Customers.KPIs, metrics.KeyRepurchaseRate, true},
			{"customers", r.Customers.KPIs, metrics.KeyReturningRate, false},
			{"membership", r.Membership.KPIs, "loyalty_new_members", true},
			{"membership", r.Membership.KPIs, "loyalty_active_rate", true},
			{"membership", r.Membership.KPIs, "loyalty_member_repurchase", true},
			{"membership", r.Membership.KPIs, "loyalty_points_issued", true},
			{"membership", r.Membership.KPIs, "loyalty_members", false},
			{"membership", r.Membership.KPIs, "loyalty_member_aov", false},
			{"products", r.Products.KPIs, "turnover", true},
			{"products", r.Products.KPIs, "sell_through", true},
			{"products", r.Products.KPIs, "lost_sales", true},
			{"products", r.Products.KPIs, "inventory_value", false},
			{"products", r.Products.KPIs, "dio", false},
		}
	}
	for _, tc := range []struct {
		name string
		end  time.Time
		cut  bool
	}{{"cut", cut, true}, {"whole", dec.End, false}} {
		r := build(tc.end)
		for _, x := range rows(r) {
			k, ok := findKPI(x.kpis, x.key)
			if !ok {
				t.Fatalf("%s: no %s KPI %s", tc.name, x.section, x.key)
			}
			if !k.Previous.Defined() {
				t.Errorf("%s: %s %s has no previous value to compare: the test proves nothing", tc.name, x.section, x.key)
				continue
			}
			want := !(tc.cut && x.grows)
			if k.ChangePrev.Defined() != want {
				t.Errorf("%s: %s %s change %v; want it defined: %v", tc.name, x.section, x.key, k.ChangePrev, want)
			}
		}
		if r.Categories == nil {
			t.Fatalf("%s: no categories part", tc.name)
		}
		if r.Categories.Compared == tc.cut {
			t.Errorf("%s: categories compared %v, want %v", tc.name, r.Categories.Compared, !tc.cut)
		}
		decNotes := notesKeyed(r, SectionOverview, "decomposition")
		switch {
		case tc.cut && (r.Overview.Decomposition != nil || len(decNotes) != 1 || decNotes[0].Cause != "cause_data_ends_early"):
			t.Errorf("cut: decomposition %+v, notes %+v; want none, and one note of cause_data_ends_early", r.Overview.Decomposition, decNotes)
		case !tc.cut && (r.Overview.Decomposition == nil || len(decNotes) != 0):
			t.Errorf("whole: decomposition %+v, notes %+v; want it, without a note", r.Overview.Decomposition, decNotes)
		}
		// The snapshots go on to 31 December: those after the data's end
		// are counted in a note, not analysed.
		var after int64
		for _, x := range s.Snapshots {
			if !x.Day.Before(cut) && x.Day.Before(dec.End) {
				after++
			}
		}
		var left int64 = -1
		for _, n := range r.NotesOf(SectionProducts) {
			if n.Key == "inventory_after_data_end" {
				left = n.LeftOut
			}
		}
		if tc.cut && (after == 0 || left != after) || !tc.cut && left != -1 {
			t.Errorf("%s: inventory_after_data_end note leaves out %d snapshots; %d are after the data's end", tc.name, left, after)
		}
	}

	// The stock of a month whose data end on the 20th is analysed over
	// the days the data covers: its figures are those of a review of the
	// 1st to the 20th (a demand spread over 31 days would say days of
	// inventory 31/20 of theirs).
	first20, err := metrics.NewPeriod(dec.Start, cut)
	if err != nil {
		t.Fatal(err)
	}
	month, days20 := build(cut), buildIn(cut, first20)
	for _, key := range []string{"inventory_value", "turnover", "dio", "stockout_rate", "sell_through", "gmroi", "lost_sales"} {
		a, okA := findKPI(month.Products.KPIs, key)
		b, okB := findKPI(days20.Products.KPIs, key)
		if !okA || !okB || !a.Current.Defined() || !a.Current.Equal(b.Current) {
			t.Errorf("%s: %v in the month cut short, %v over its 20 days", key, a.Current, b.Current)
		}
	}
}

// before returns the xs whose time, at(x), is before end.
func before[T any](xs []T, end time.Time, at func(T) time.Time) []T {
	var out []T
	for _, x := range xs {
		if at(x).Before(end) {
			out = append(out, x)
		}
	}
	return out
}

// TestCurCoverageSpend: marketing spend entered for the whole month (as
// ad platforms bill it) does not hide orders, visits and refunds that
// stop on the 20th: the data's end is the last order, event or refund
// (builder.dataEnd), and the period is cut there.
func TestCurCoverageSpend(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 300})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	cut := time.Date(2025, time.December, 21, 0, 0, 0, 0, dec.Start.Location())
	orders := before(s.Orders, cut, func(o metrics.Order) time.Time { return o.PlacedAt })
	var ids []string
	for _, o := range orders {
		ids = append(ids, o.ID)
	}
	var refunds []metrics.Refund // of the orders before the cut, paid before it
	for _, r := range s.Refunds {
		if slices.Contains(ids, r.OrderID) && r.At.Before(cut) {
			refunds = append(refunds, r)
		}
	}
	in := Input{Orders: slices.Values(orders), Spend: s.Spend, Refunds: refunds,
		Events: slices.Values(before(s.Events, cut, func(e funnel.Event) time.Time { return e.Time }))}
	if !slices.ContainsFunc(s.Spend, func(x metrics.Spend) bool { return !x.Day.Before(cut) && x.Day.Before(dec.End) }) {
		t.Fatal("no spend after the 20th: the test proves nothing")
	}
	r, err := Build(in, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	notes := notesKeyed(r, SectionOverview, "cur_coverage")
	if len(notes) != 1 || notes[0].Reason != "2025-12-20" {
		t.Errorf("cur_coverage notes %+v, want one giving 2025-12-20", notes)
	}
	if n := len(r.Overview.Daily); n != 20 {
		t.Errorf("%d days in the daily series, want 20", n)
	}
}

// notesKeyed returns the notes of r's section sec whose key is key.
func notesKeyed(r *Review, sec Section, key string) []Note {
	var out []Note
	for _, n := range r.NotesOf(sec) {
		if n.Key == key {
			out = append(out, n)
		}
	}
	return out
}
