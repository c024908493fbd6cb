package cohort

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genOrders draws a small store: up to 8 customers, orders over about five
// months, some cancelled, lines whose discount never exceeds their margin
// (so net sales and gross profit of every order are ≥ 0).
func genOrders(t *rapid.T) []metrics.Order {
	cny := money.MustCurrency("CNY")
	n := rapid.IntRange(0, 40).Draw(t, "orders")
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]metrics.Order, n)
	for i := range out {
		price := rapid.Int64Range(0, 5000).Draw(t, "price")
		cost := rapid.Int64Range(0, price).Draw(t, "cost")
		qty := rapid.Int64Range(1, 3).Draw(t, "qty")
		disc := rapid.Int64Range(0, qty*(price-cost)).Draw(t, "discount")
		st := metrics.Paid
		if rapid.IntRange(0, 9).Draw(t, "cancel") == 0 {
			st = metrics.Cancelled
		}
		unit := cny.FromMinor(price)
		if rapid.IntRange(0, 7).Draw(t, "subcent") == 0 { // half a tenth of a cent more: amounts beyond minor units
			unit, _ = cny.FromDecimal(decimal.New(price*10+5, -3))
		}
		out[i] = metrics.Order{
			ID:         fmt.Sprintf("o%03d", i),
			CustomerID: fmt.Sprintf("c%d", rapid.IntRange(0, 7).Draw(t, "customer")),
			PlacedAt:   start.Add(time.Duration(rapid.IntRange(0, 150*24).Draw(t, "hour")) * time.Hour),
			Channel:    rapid.SampledFrom([]string{"ads", "search", ""}).Draw(t, "channel"),
			Status:     st, Currency: cny,
			Lines: []metrics.Line{{SKU: "s", Category: "c", Quantity: qty, UnitPrice: unit,
				Discount: cny.FromMinor(disc), UnitCost: cny.FromMinor(cost)}},
		}
	}
	return out
}

func genRetentionConfig(t *rapid.T) RetentionConfig {
	return RetentionConfig{
		By:     rapid.SampledFrom([]By{ByPeriod, ByChannel}).Draw(t, "by"),
		Grain:  rapid.SampledFrom([]metrics.Grain{metrics.Day, metrics.Week, metrics.Month}).Draw(t, "grain"),
		Kind:   rapid.SampledFrom([]Kind{On, OnOrAfter}).Draw(t, "kind"),
		Window: rapid.SampledFrom([]Window{Calendar, Rolling}).Draw(t, "window"),
	}
}

func build(t *rapid.T, orders []metrics.Order) *Ledger {
	var l Ledger
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return &l
}

// analyses returns every analysis of l, for comparing ledgers.
func analyses(l *Ledger, cfg RetentionConfig) []any {
	return []any{
		l.mustRetention(cfg),
		l.mustRepurchase(RepurchaseConfig{Within: []int{7, 30}}),
		l.mustRepurchase(RepurchaseConfig{CountDays: true, By: ByChannel}),
		l.RFM(RFMConfig{}),
		l.mustSummary(SummaryConfig{CalibrationEnd: time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC)}),
	}
}

func TestPropCellBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := build(t, genOrders(t))
		m := l.mustRetention(genRetentionConfig(t))
		var total int64
		for _, r := range m.Rows {
			total += r.Customers
			for n, c := range r.Cells {
				if c.Active > c.Eligible || c.Eligible > r.Customers || c.Active < 0 {
					t.Fatalf("%s period %d: active %d, eligible %d, cohort size %d", r.Label, n, c.Active, c.Eligible, r.Customers)
				}
				if c.Observed != (c.Eligible > 0) {
					t.Fatalf("%s period %d: observed %v with %d eligible", r.Label, n, c.Observed, c.Eligible)
				}
			}
		}
		if total != int64(l.Customers()) {
			t.Fatalf("cohorts hold %d customers, the ledger %d", total, l.Customers())
		}
	})
}

func TestPropCumulativeNeverDecreases(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := build(t, genOrders(t))
		cfg := genRetentionConfig(t)
		cfg.By, cfg.Window = ByPeriod, Calendar // cohorts whose cells are observed for all or none
		m := l.mustRetention(cfg)
		for _, r := range m.Rows {
			for n := 1; n < len(r.Cells); n++ {
				a, b := r.Cells[n-1], r.Cells[n]
				if !b.Observed {
					continue
				}
				for _, p := range [][2]money.Money{{a.CumNetSales, b.CumNetSales}, {a.CumGrossProfit, b.CumGrossProfit},
					{a.LTVNetSales, b.LTVNetSales}, {a.LTVGrossProfit, b.LTVGrossProfit}} {
					if c, err := p[1].Cmp(p[0]); err != nil || c < 0 {
						t.Fatalf("%s: cumulative falls from %v to %v at period %d (err %v)", r.Label, p[0], p[1], n, err)
					}
				}
				if cfg.Kind == OnOrAfter && b.Active > a.Active {
					t.Fatalf("%s: on-or-after retention rises from %d to %d at period %d", r.Label, a.Active, b.Active, n)
				}
			}
		}
	})
}

func TestPropShuffle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := genOrders(t)
		cfg := genRetentionConfig(t)
		shuffled := rapid.Permutation(orders).Draw(t, "shuffled")
		want, got := analyses(build(t, orders), cfg), analyses(build(t, shuffled), cfg)
		if diff := cmp.Diff(want, got, opts); diff != "" {
			t.Fatalf("shuffled orders change the result (-want +got):\n%s", diff)
		}
	})
}

func TestPropMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := genOrders(t)
		cfg := genRetentionConfig(t)
		byCustomer := rapid.Bool().Draw(t, "byCustomer")
		shards := make([][]metrics.Order, rapid.IntRange(1, 4).Draw(t, "shards"))
		for i, o := range orders {
			k := rapid.IntRange(0, len(shards)-1).Draw(t, "shard")
			if byCustomer {
				k = int(o.CustomerID[1]-'0') % len(shards)
			}
			_ = i
			shards[k] = append(shards[k], o)
		}
		var merged Ledger
		for _, s := range shards {
			if err := merged.Merge(build(t, s)); err != nil {
				t.Fatal(err)
			}
		}
		want := analyses(build(t, orders), cfg)
		if diff := cmp.Diff(want, analyses(&merged, cfg), opts); diff != "" {
			t.Fatalf("merged shards differ from direct (-want +got):\n%s", diff)
		}
		// Adding more orders after a merge and a query keeps working.
		extra := genOrders(t)
		for i := range extra {
			extra[i].ID = "x" + extra[i].ID
		}
		direct := build(t, append(append([]metrics.Order{}, orders...), extra...))
		for _, o := range extra {
			if err := merged.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(analyses(direct, cfg), analyses(&merged, cfg), opts); diff != "" {
			t.Fatalf("adding after a merge differs from direct (-want +got):\n%s", diff)
		}
	})
}

func TestPropDayCache(t *testing.T) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	rapid.Check(t, func(t *rapid.T) {
		l := Ledger{Location: loc}
		for range rapid.IntRange(1, 50).Draw(t, "n") {
			tm := time.Unix(rapid.Int64Range(1e9, 2e9).Draw(t, "unix"), 0)
			if got, want := l.day(tm), civil.Of(tm, loc); got != want {
				t.Fatalf("day(%s) = %d, want %d", tm.In(loc), got, want)
			}
		}
	})
}

// genActivity draws genOrders' store with refunds of some orders (some
// restocking a unit, some dated months later), and a retention
// configuration of any cohort key, kind, window and grain with an as-of
// day before, inside or after the activity (or none).
func genActivity(t *rapid.T) ([]metrics.Order, map[string]metrics.Refund, RetentionConfig) {
	cny := money.MustCurrency("CNY")
	orders := genOrders(t)
	refunds := map[string]metrics.Refund{}
	for i, o := range orders {
		orders[i].Promotion = rapid.SampledFrom([]string{"", "618"}).Draw(t, "promotion")
		if rapid.IntRange(0, 3).Draw(t, "refund") > 0 {
			continue
		}
		r := metrics.Refund{ID: "r" + o.ID, OrderID: o.ID,
			At:     o.PlacedAt.Add(time.Duration(rapid.IntRange(0, 90*24).Draw(t, "refund hour")) * time.Hour),
			Amount: cny.FromMinor(rapid.Int64Range(0, 3000).Draw(t, "refund amount"))}
		if rapid.Bool().Draw(t, "restocked") {
			r.Lines = []metrics.ReturnedLine{{SKU: "s", Quantity: 1, Restocked: true}}
		}
		refunds[o.ID] = r
	}
	cfg := genRetentionConfig(t)
	cfg.By = rapid.SampledFrom([]By{ByPeriod, ByChannel, ByCategory, ByPromotion, ByKey}).Draw(t, "by")
	if rapid.Bool().Draw(t, "as of") {
		start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		cfg.AsOf = start.AddDate(0, 0, rapid.IntRange(-10, 250).Draw(t, "as-of day"))
	}
	return orders, refunds, cfg
}

// storageLedger is a ledger whose Key is the first two bytes of the
// order ID.
func storageLedger() *Ledger {
	return &Ledger{Key: func(o metrics.Order) string { return o.ID[:2] }}
}

// addTo adds orders to l one at a time, each with its refund if any.
func addTo(t *rapid.T, l *Ledger, orders []metrics.Order, refunds map[string]metrics.Refund) {
	for _, o := range orders {
		var err error
		if r, ok := refunds[o.ID]; ok {
			err = l.Add(o, r)
		} else {
			err = l.Add(o)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestPropRetentionStorage checks that Retention gives the same matrix
// whatever the state of the ledger's storage: all in sorted day
// aggregates; all in the log (counted with bits), added one at a time or
// with AddAll; a mix of both; merged shards; and a log too large for bits
// (flushed by the query).
func TestPropRetentionStorage(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders, refunds, cfg := genActivity(t)
		split := rapid.IntRange(0, len(orders)).Draw(t, "split")
		flushed := storageLedger()
		addTo(t, flushed, orders, refunds)
		flushed.flush()
		want := flushed.mustRetention(cfg)
		check := func(what string, l *Ledger) {
			t.Helper()
			if diff := cmp.Diff(want, l.mustRetention(cfg), opts); diff != "" {
				t.Fatalf("%s differs from sorted days alone (-want +got):\n%s", what, diff)
			}
		}

		logged := storageLedger()
		addTo(t, logged, orders, refunds)
		check("the log", logged)

		// AddAll takes the orders without refunds; Add the others.
		var plain, refunded []metrics.Order
		for _, o := range orders {
			if _, ok := refunds[o.ID]; ok {
				refunded = append(refunded, o)
			} else {
				plain = append(plain, o)
			}
		}
		all := storageLedger()
		if err := all.AddAll(plain); err != nil {
			t.Fatal(err)
		}
		addTo(t, all, refunded, refunds)
		check("AddAll", all)

		mixed := storageLedger()
		addTo(t, mixed, orders[:split], refunds)
		mixed.flush()
		addTo(t, mixed, orders[split:], refunds)
		check("days and log", mixed)

		merged, other := storageLedger(), storageLedger()
		addTo(t, merged, orders[:split], refunds)
		addTo(t, other, orders[split:], refunds)
		if err := merged.Merge(other); err != nil {
			t.Fatal(err)
		}
		check("merged shards", merged)

		defer func(n int64) { seenWordsPerEntry = n }(seenWordsPerEntry)
		seenWordsPerEntry = 0
		check("flushing in the query", logged)
	})
}
