package report

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
)

// TestPlanForecast: the plan of a monthly review of the demo forecasts
// the next month's net sales, orders and visitors from the whole history,
// with Low ≤ Point ≤ High, a backtest over the three months before, and
// targets by the documented rule; and the forecasts are near the month
// that follows (the review of it, built from the same data).
func TestPlanForecast(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	s := sample.Generate(sample.Config{})
	in := func() Input {
		return Input{Orders: slices.Values(s.Orders), Refunds: s.Refunds, Spend: s.Spend, Events: slices.Values(s.Events)}
	}
	loc := s.Period.Location()
	for _, m := range []time.Month{time.July, time.September} {
		p := metrics.MonthOf(2025, m, loc)
		r, err := Build(in(), Config{Period: p})
		if err != nil {
			t.Fatal(err)
		}
		if r.Plan == nil || len(r.Plan.Forecasts) != 3 {
			t.Fatalf("%v: plan %+v, notes %+v", p, r.Plan, r.NotesOf(SectionPlan))
		}
		next := metrics.MonthOf(2025, m+1, loc)
		if !r.Plan.Next.Start.Equal(next.Start) || !r.Plan.Next.End.Equal(next.End) {
			t.Errorf("%v: next %v, want %v", p, r.Plan.Next, next)
		}
		actual, err := Build(in(), Config{Period: next})
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range r.Plan.Forecasts {
			pt, _ := f.Point.Float()
			lo, _ := f.Low.Float()
			hi, _ := f.High.Float()
			if !(lo <= pt && pt <= hi) {
				t.Errorf("%v %s: %v not in [%v, %v]", p, f.Key, f.Point, f.Low, f.High)
			}
			if f.Backtest.Periods != 3 || !f.Backtest.MAPE.Defined() {
				t.Errorf("%v %s: backtest %+v", p, f.Key, f.Backtest)
			}
			tg := r.Plan.Targets[i]
			st, _ := tg.Stretch.Float()
			if tg.Key != f.Key || !tg.Base.Equal(f.Point) || st < pt || st > hi {
				t.Errorf("%v %s: target %+v for forecast %+v", p, f.Key, tg, f)
			}
			k, _ := findKPI(actual.Overview.KPIs, f.Key)
			if f.Key == metrics.KeyVisitors {
				k, _ = findKPI(actual.Traffic.KPIs, f.Key)
			}
			a, ok := k.Current.Float()
			t.Logf("%v %s: forecast %v [%v, %v], actual %v, backtest MAPE %v (baseline %v), coverage %v", next, f.Key, f.Point, f.Low, f.High, k.Current, f.Backtest.MAPE, f.Backtest.BaselineMAPE, f.Backtest.Coverage)
			if !ok || a < 0.8*pt || a > 1.25*pt {
				t.Errorf("%v %s: forecast %v, actual %v: off by more than 25 %%", next, f.Key, f.Point, k.Current)
			}
		}
		if n := len(r.Plan.Days); n != 56+next.Days() {
			t.Errorf("%v: %d chart days", p, n)
		}
	}
}

// TestPlanVisitorsPerDay: the daily visitors count each user once a day
// when events are in time order per user only (two users interleaved
// across days).
func TestPlanVisitorsPerDay(t *testing.T) {
	p := metrics.MonthOf(2025, time.March, time.UTC)
	var pp planPart
	b := &builder{cfg: Config{Period: p}}
	pp.start(b)
	at := func(day, hour int) time.Time { return time.Date(2025, 3, day, hour, 0, 0, 0, time.UTC) }
	for _, e := range []funnel.Event{
		{UserID: "a", Time: at(1, 9)}, {UserID: "b", Time: at(2, 9)}, {UserID: "a", Time: at(1, 10)},
		{UserID: "b", Time: at(2, 11)}, {UserID: "a", Time: at(2, 12)}, {UserID: "a", Time: at(3, 8)},
		{UserID: "c", Time: at(1, 23)}, {UserID: "a", Time: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}, // after the period
	} {
		n := b.uidx.index(e.UserID)
		pp.event(b.uidx.at(n), n, e.Time)
	}
	got := map[int]int64{}
	for k, d := range pp.days {
		got[k-dayNumber(p.Start)+1] = d.visitors
	}
	if diff := cmp.Diff(map[int]int64{1: 2, 2: 2, 3: 1}, got); diff != "" {
		t.Errorf("visitors by day of March (-want +got):\n%s", diff)
	}
}

// TestPlanShortHistory: a review (the demo's second week, 2024-01-08..14) whose data starts less than four weeks
// before its end has a plan with its next period and no forecasts, and a
// note per KPI saying why.
func TestPlanShortHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{})
	loc := s.Period.Location()
	p := metrics.Period{Start: time.Date(2024, 1, 8, 0, 0, 0, 0, loc), End: time.Date(2024, 1, 15, 0, 0, 0, 0, loc), Grain: metrics.Week}
	r, err := Build(Input{Orders: slices.Values(s.Orders), Refunds: s.Refunds}, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	if r.Plan == nil || len(r.Plan.Forecasts) != 0 || !r.Plan.Next.Start.Equal(p.End) || !r.Plan.Next.End.Equal(p.End.AddDate(0, 0, 7)) {
		t.Fatalf("plan %+v", r.Plan)
	}
	var got []string
	for _, n := range r.NotesOf(SectionPlan) {
		got = append(got, n.Key+": "+n.Reason)
	}
	want := []string{
		"forecast_net_sales: forecast: 14 daily steps of history outside event and missing days, the model needs 28",
		"forecast_orders: forecast: 14 daily steps of history outside event and missing days, the model needs 28",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("notes of the plan (-want +got):\n%s", diff)
	}
}

func TestNextPeriod(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	tests := []struct {
		name, reason string
		p, want      metrics.Period
	}{
		{"month", "January has 31 days, February 28", metrics.MonthOf(2025, time.January, loc), metrics.MonthOf(2025, time.February, loc)},
		{"december", "the next month is in the next year", metrics.MonthOf(2025, time.December, loc), metrics.MonthOf(2026, time.January, loc)},
		{"quarter", "a quarter is followed by a quarter", metrics.Period{Start: day(2025, 10, 1), End: day(2026, 1, 1), Grain: metrics.Quarter}, metrics.Period{Start: day(2026, 1, 1), End: day(2026, 4, 1), Grain: metrics.Quarter}},
		{"custom", "a custom period of whole days is followed by as many days", metrics.Period{Start: day(2025, 3, 3), End: day(2025, 3, 13)}, metrics.Period{Start: day(2025, 3, 13), End: day(2025, 3, 23)}},
	}
	for _, tt := range tests {
		got := nextPeriod(tt.p)
		if !got.Start.Equal(tt.want.Start) || !got.End.Equal(tt.want.End) || got.Grain != tt.want.Grain {
			t.Errorf("%s (%s): next of %v is %v to %v (%v), want %v to %v", tt.name, tt.reason, tt.p, got.Start, got.End, got.Grain, tt.want.Start, tt.want.End)
		}
	}
}

// TestPromotionDays: the forecast's events are the days of the
// promotions' windows in the store's zone, each day once, a window's
// partial first day included.
func TestPromotionDays(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	day := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, loc) }
	ps := []promo.Promotion{
		{ID: "d11", Window: metrics.Period{Start: day(11, 10, 20), End: day(11, 12, 0)}},
		{ID: "overlap", Window: metrics.Period{Start: day(11, 11, 0), End: day(11, 13, 0)}},
		{ID: "none"},
	}
	want := []time.Time{day(11, 10, 0), day(11, 11, 0), day(11, 12, 0)}
	if diff := cmp.Diff(want, promotionDays(ps, loc)); diff != "" {
		t.Errorf("promotion days (-want +got):\n%s", diff)
	}
}

// TestPlanDataEndsEarly: a history that stops before the period's last
// day is not forecast from (the days after it would count as zero sales):
// the plan has its next period and no forecasts, and a note whose cause
// says why.
func TestPlanDataEndsEarly(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{})
	loc := s.Period.Location()
	cut := time.Date(2025, 12, 20, 0, 0, 0, 0, loc)
	var orders []metrics.Order
	for _, o := range s.Orders {
		if o.PlacedAt.Before(cut) {
			orders = append(orders, o)
		}
	}
	p := metrics.PeriodOf(time.Date(2025, 12, 1, 0, 0, 0, 0, loc), metrics.Month)
	r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	if r.Plan == nil || len(r.Plan.Forecasts) != 0 {
		t.Fatalf("plan %+v, want no forecasts", r.Plan)
	}
	var got []string
	for _, n := range r.NotesOf(SectionPlan) {
		got = append(got, n.Key+" "+n.Cause)
	}
	if diff := cmp.Diff([]string{"forecast cause_data_ends_early"}, got); diff != "" {
		t.Errorf("notes of the plan (-want +got):\n%s", diff)
	}
}

// TestPlanNewDay: a user is new to a day when the day they were last
// counted in is another, near days (int32) or far ones (kept aside), and
// the users do not share their days.
func TestPlanNewDay(t *testing.T) {
	const far = 1 << 40 // about 3 billion years from 1970
	var p planPart
	users := make([]userState, 2)
	steps := []struct {
		user int32
		day  int
		want bool
	}{
		{0, 10, true}, {0, 10, false}, {1, 10, true}, {0, 11, true},
		{0, far, true}, {0, far, false}, {1, far, true}, {1, -far, true},
		{0, far + 1, true}, {0, far + 1, false}, {0, math.MinInt32, true},
		{0, math.MinInt32, false}, {0, 11, true}, {1, -far, false}, {1, 12, true},
	}
	for i, s := range steps {
		if got := p.newDay(&users[s.user], s.user, s.day); got != s.want {
			t.Errorf("step %d: user %d on day %d: new = %v, want %v", i, s.user, s.day, got, s.want)
		}
	}
}

// TestPlanProductPromotions: promotions on some products that cover the
// whole history leave no day to fit on; the forecasts then keep their
// days (and equal those of the same data without them), with a note that
// counts the days kept. A store-wide promotion over the same days still
// leaves the forecasts out.
func TestPlanProductPromotions(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	s := sample.Generate(sample.Config{})
	loc := s.Period.Location()
	p := metrics.MonthOf(2025, time.March, loc)
	whole := metrics.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, loc), End: p.End}
	build := func(ps ...promo.Promotion) *Review {
		t.Helper()
		r, err := Build(Input{Orders: slices.Values(s.Orders), Refunds: s.Refunds, Promotions: ps}, Config{Period: p})
		if err != nil {
			t.Fatal(err)
		}
		if r.Plan == nil {
			t.Fatal("no plan")
		}
		return r
	}
	product := promo.Promotion{ID: "coupon", Window: whole, Scope: promo.Scope{SKUs: []string{s.Orders[0].Lines[0].SKU}},
		Mechanism: promo.PercentOff, Percent: decimal.RequireFromString("0.1")}
	plain, kept := build(), build(product)
	if len(plain.Plan.Forecasts) != 2 {
		t.Fatalf("without promotions: %d forecasts, notes %+v", len(plain.Plan.Forecasts), plain.NotesOf(SectionPlan))
	}
	if diff := cmp.Diff(plain.Plan.Forecasts, kept.Plan.Forecasts); diff != "" {
		t.Errorf("forecasts keeping the product promotion's days (-without it +with it):\n%s", diff)
	}
	// 2024-01-01 to 2025-03-31: 366 + 90 days.
	want := []Note{{Section: SectionPlan, Key: "forecast_product_promotions", Reason: "456"}}
	if diff := cmp.Diff(want, kept.NotesOf(SectionPlan)); diff != "" {
		t.Errorf("notes of the plan (-want +got):\n%s", diff)
	}
	wide := product
	wide.Scope = promo.Scope{Store: true}
	r := build(wide)
	var keys []string
	for _, n := range r.NotesOf(SectionPlan) {
		keys = append(keys, n.Key)
	}
	if len(r.Plan.Forecasts) != 0 || !slices.Equal(keys, []string{"forecast_net_sales", "forecast_orders"}) {
		t.Errorf("store-wide promotion: %d forecasts, notes %q; want none, and a note each", len(r.Plan.Forecasts), keys)
	}
}
