package report

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

var (
	fullDemoOnce  sync.Once
	fullDemoStore *sample.Store
)

// fullDemo returns the input of the demo store with every kind of data
// (the CRM part too), the configuration of its December 2025 review, and
// the store. Each call returns new streams over the same slices.
func fullDemo(t testing.TB) (Input, Config, *sample.Store) {
	t.Helper()
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	fullDemoOnce.Do(func() { fullDemoStore = sample.Generate(sample.Config{CRM: true}) })
	s := fullDemoStore
	in := Input{
		Store: "demo", Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events), Spend: s.Spend,
		Targets: s.Targets, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts, Promotions: s.Promotions,
		Tickets: s.Tickets, Customers: s.Profiles, CompetitorPrices: s.CompetitorPrices, Members: s.Members, Points: s.Points,
		Campaigns: s.Campaigns, CampaignTargets: s.CampaignTargets, Redemptions: s.Redemptions,
	}
	cfg := Config{Period: metrics.MonthOf(2025, time.December, s.Period.Start.Location()),
		Sessions: funnel.SessionRule{Key: funnel.PropSession}}
	return in, cfg, s
}

// TestProgress builds the demo's review with and without Input.Counts and
// checks the progress reports: the phases in order (orders, events,
// snapshots, sections), each reported once; in each, Done starts at 0,
// never goes back and ends at Total; Total is the count given, or -1
// until the last report without counts (which sets it to Done); the
// sections phase counts every section. The review is the same as Build's.
func TestProgress(t *testing.T) {
	in, cfg, s := fullDemo(t)
	want, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, counted := range []bool{false, true} {
		in, cfg, _ := fullDemo(t)
		if counted {
			in.Counts = Counts{Orders: int64(len(s.Orders)), Events: int64(len(s.Events)), Snapshots: int64(len(s.Snapshots))}
		}
		var reps []Progress
		cfg.Progress = func(p Progress) { reps = append(reps, p) }
		got, err := BuildContext(context.Background(), in, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(reviewJSON(t, want), reviewJSON(t, got)); diff != "" {
			t.Errorf("counted %v: the review differs from Build's (-Build +BuildContext):\n%s", counted, diff)
		}
		var phases []Phase
		for i, p := range reps {
			if i == 0 || p.Phase != reps[i-1].Phase {
				phases = append(phases, p.Phase)
				if p.Done != 0 {
					t.Errorf("counted %v: the first report of %v is %+v, want Done 0", counted, p.Phase, p)
				}
				continue
			}
			if p.Done < reps[i-1].Done {
				t.Errorf("counted %v: %v went back: %+v after %+v", counted, p.Phase, p, reps[i-1])
			}
		}
		if diff := cmp.Diff([]Phase{PhaseOrders, PhaseEvents, PhaseSnapshots, PhaseSections}, phases); diff != "" {
			t.Errorf("counted %v: phases (-want +got):\n%s", counted, diff)
		}
		total := map[Phase]int64{PhaseOrders: int64(len(s.Orders)), PhaseEvents: int64(len(s.Events)),
			PhaseSnapshots: int64(len(s.Snapshots)), PhaseSections: int64(2 + len(parts()))}
		for i, p := range reps {
			last := i == len(reps)-1 || reps[i+1].Phase != p.Phase
			switch {
			case last && (p.Done != total[p.Phase] || p.Total != total[p.Phase]):
				t.Errorf("counted %v: the last report of %v is %+v, want %d of %d", counted, p.Phase, p, total[p.Phase], total[p.Phase])
			case !last && counted && p.Total != total[p.Phase]:
				t.Errorf("counted %v: %+v, want the total %d", counted, p, total[p.Phase])
			case !last && !counted && p.Phase != PhaseSections && p.Total != -1:
				t.Errorf("counted %v: %+v, want the total unknown (-1)", counted, p)
			}
		}
	}
}

// TestCancel cancels the demo's review from its progress function once a
// phase has started, in each phase in turn, and checks that BuildContext
// returns ctx's error wrapped with the phase, no review, that no progress
// is reported after the cancellation, and that the orders' stream was
// stopped (it yields no more once the build returns). A context
// cancelled before the build is refused at once, and an expired deadline
// is ctx's DeadlineExceeded.
func TestCancel(t *testing.T) {
	for _, phase := range []Phase{PhaseOrders, PhaseEvents, PhaseSnapshots, PhaseSections} {
		in, cfg, _ := fullDemo(t)
		orders := in.Orders
		var yielded, afterReturn int
		returned := false
		in.Orders = func(yield func(metrics.Order) bool) {
			for o := range orders {
				yielded++
				if returned {
					afterReturn++
				}
				if !yield(o) {
					return
				}
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancelled, late := false, 0
		cfg.Progress = func(p Progress) {
			if cancelled {
				late++
			}
			if p.Phase == phase && !cancelled {
				cancel()
				cancelled = true
			}
		}
		r, err := BuildContext(ctx, in, cfg)
		returned = true
		cancel()
		if r != nil || !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled in %v: review %v, error %v; want none and context.Canceled", phase, r != nil, err)
			continue
		}
		if want := "build stopped in its " + phase.String() + " phase"; !strings.Contains(err.Error(), want) {
			t.Errorf("cancelled in %v: error %q does not say %q", phase, err, want)
		}
		if late > 0 {
			t.Errorf("cancelled in %v: %d progress reports after the cancellation", phase, late)
		}
		if phase == PhaseOrders && (yielded >= len(fullDemoStore.Orders) || afterReturn > 0) {
			t.Errorf("cancelled in the orders: %d of %d orders yielded, %d after the build returned", yielded, len(fullDemoStore.Orders), afterReturn)
		}
	}
	in, cfg, _ := fullDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := BuildContext(ctx, in, cfg); !errors.Is(err, context.Canceled) {
		t.Errorf("a context cancelled before: %v", err)
	}
	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, err := BuildContext(ctx, in, cfg); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a deadline passed: %v", err)
	}
}

// TestLoggerNotes checks that Config.Logger receives one record per note
// of the review, at level Warn, with the note's section, key and reason
// (and count of records left out when there is one, and the IDs of the
// first of them: the order in USD) as attributes; and
// that a review without a logger is the same.
func TestLoggerNotes(t *testing.T) {
	in, cfg, s := fullDemo(t)
	// Orders in another currency, which the review leaves out with a
	// note, and the demo's notes (coverage, models).
	usd := s.Orders[len(s.Orders)-1]
	usd.ID, usd.Currency = "usd-1", money.MustCurrency("USD")
	usd.Lines = slices.Clone(usd.Lines)
	for i := range usd.Lines {
		l := &usd.Lines[i]
		l.UnitPrice, l.Discount, l.UnitCost = usdOf(t, l.UnitPrice), usdOf(t, l.Discount), usdOf(t, l.UnitCost)
	}
	usd.Discount, usd.Shipping, usd.Tax = usdOf(t, usd.Discount), usdOf(t, usd.Shipping), usdOf(t, usd.Tax)
	in.Orders = slices.Values(append(slices.Clone(s.Orders), usd))
	cfg.Currency = s.Orders[0].Currency
	h := &collect{}
	cfg.Logger = slog.New(h)
	r, err := BuildContext(context.Background(), in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Notes) == 0 {
		t.Fatal("the review has no notes to log")
	}
	var want, got []map[string]any
	for _, n := range r.Notes {
		m := map[string]any{"level": slog.LevelWarn.String(), "section": n.Section.String(), "key": n.Key, "reason": n.Reason}
		if n.LeftOut > 0 {
			m["left_out"] = n.LeftOut
		}
		if n.Cause != "" {
			m["cause"] = n.Cause
		}
		if n.Key == "other_currency_orders" {
			m["record_ids"] = []string{"usd-1"}
		}
		want = append(want, m)
	}
	for _, rec := range h.records {
		m := map[string]any{"level": rec.Level.String()}
		rec.Attrs(func(a slog.Attr) bool {
			m[a.Key] = a.Value.Any()
			return true
		})
		got = append(got, m)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log records (-notes +records):\n%s", diff)
	}
	var leftOut bool
	for _, n := range r.Notes {
		leftOut = leftOut || n.Key == "other_currency_orders"
	}
	if !leftOut {
		t.Errorf("no note of the order in USD: %+v", r.Notes)
	}
	cfg.Logger = nil
	plain, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(reviewJSON(t, plain), reviewJSON(t, r)); diff != "" {
		t.Errorf("the logger changed the review (-without +with):\n%s", diff)
	}
}

func usdOf(t *testing.T, m money.Money) money.Money {
	t.Helper()
	if m.Currency().IsZero() {
		return m
	}
	v, err := money.New(m.Decimal().String(), "USD")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// collect is a slog.Handler that keeps the records.
type collect struct {
	mu      sync.Mutex
	records []slog.Record
}

func (c *collect) Enabled(context.Context, slog.Level) bool { return true }
func (c *collect) Handle(_ context.Context, r slog.Record) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.records = append(c.records, r.Clone())
	return nil
}
func (c *collect) WithAttrs([]slog.Attr) slog.Handler { return c }
func (c *collect) WithGroup(string) slog.Handler      { return c }

// TestConcurrentBuilds builds the demo's review in several goroutines at
// once from one Input (the same slices and streams) and checks that each
// equals a review built alone; under the race detector it also checks
// that no build writes what another reads (Build must not sort or change
// its input in place).
func TestConcurrentBuilds(t *testing.T) {
	in, cfg, _ := fullDemo(t)
	alone, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := reviewJSON(t, alone)
	const n = 4
	got := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			// Half the builds under a context that can be cancelled,
			// whose sections run on goroutines of their own.
			ctx := context.Background()
			if i%2 == 1 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithCancel(ctx)
				defer cancel()
			}
			r, err := BuildContext(ctx, in, cfg)
			if err != nil {
				errs[i] = err
				return
			}
			b, err := json.Marshal(r)
			got[i], errs[i] = string(b), err
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("build %d: %v", i, errs[i])
		}
		if diff := cmp.Diff(want, got[i]); diff != "" {
			t.Errorf("build %d differs from a build alone (-alone +concurrent):\n%s", i, diff)
		}
	}
}

// reviewJSON is the review as JSON, for comparisons.
func reviewJSON(t testing.TB, r *Review) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReusedSlices builds the demo's review from orders and events whose
// slices (an order's Lines, an event's Props) are one buffer each, reused
// for the next record and scribbled over as soon as the review asks for
// it, as storedata's readers do with Options.ReuseSlices: the review
// keeps none of them, so it equals the review of records with slices of
// their own.
func TestReusedSlices(t *testing.T) {
	in, cfg, _ := fullDemo(t)
	alone, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := reviewJSON(t, alone)
	orders, events := in.Orders, in.Events
	in.Orders = func(yield func(metrics.Order) bool) {
		var lines []metrics.Line
		for o := range orders {
			lines = append(lines[:0], o.Lines...)
			o.Lines = lines
			if !yield(o) {
				return
			}
			for i := range lines {
				lines[i] = metrics.Line{SKU: "scribbled", Name: "scribbled", Category: "scribbled", Quantity: 999}
			}
		}
	}
	in.Events = func(yield func(funnel.Event) bool) {
		var props []funnel.Prop
		for e := range events {
			props = append(props[:0], e.Props...)
			e.Props = props
			if !yield(e) {
				return
			}
			for i := range props {
				props[i] = funnel.Prop{Key: "scribbled", Value: "scribbled"}
			}
		}
	}
	reused, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, reviewJSON(t, reused)); diff != "" {
		t.Errorf("the review of reused slices differs (-own +reused):\n%s", diff)
	}
}
