package promo

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestMergeEqualsDirect checks that ledgers of disjoint shards, merged in
// any grouping, measure the promotion exactly as one ledger of all orders.
func TestMergeEqualsDirect(t *testing.T) {
	s := effectStore()
	orders := s.orders()
	direct, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	want, err := direct.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		shards := rapid.IntRange(2, 4).Draw(t, "shards")
		ls := make([]*Ledger, shards)
		for i := range ls {
			ls[i] = &Ledger{}
			if err := ls[i].Track(s.promotion()); err != nil {
				t.Fatal(err)
			}
		}
		seed := rapid.Uint64().Draw(t, "seed")
		for i, o := range orders {
			k := int((uint64(i)*0x9e3779b97f4a7c15 + seed) >> 33 % uint64(shards))
			if err := ls[k].Add(o); err != nil {
				t.Fatal(err)
			}
		}
		// Merge right to left: a different grouping from left to right.
		for i := shards - 1; i > 0; i-- {
			if err := ls[i-1].Merge(ls[i]); err != nil {
				t.Fatal(err)
			}
		}
		got, err := ls[0].Analyze(promoID, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("merged (-direct +merged):\n%s", diff)
		}
		if ls[0].Lines() != direct.Lines() || ls[0].Orders() != direct.Orders() {
			t.Fatalf("merged %d orders %d lines, direct %d %d", ls[0].Orders(), ls[0].Lines(), direct.Orders(), direct.Lines())
		}
	})
}

// TestUnrelatedSKUs checks that adding SKUs of an unrelated category, sold
// in their own orders, leaves the promotion's measurement unchanged.
func TestUnrelatedSKUs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := defaultStore()
		s.lift, s.cannib = 0.5, 0.2
		s.days, s.from, s.to, s.base = 70, 28, 42, 3 // a smaller store: 100 runs
		s.seed = rapid.Uint64Range(0, 1000).Draw(t, "seed")
		s.extraSKUs = rapid.IntRange(1, 8).Draw(t, "extraSKUs")
		// The generator draws unrelated orders after the store's own each
		// day, so the store's orders differ from one without them; compare
		// with the same orders minus the unrelated ones instead.
		all := s.orders()
		var l1, l2 Ledger
		for _, l := range []*Ledger{&l1, &l2} {
			if err := l.Track(s.promotion()); err != nil {
				t.Fatal(err)
			}
		}
		for _, o := range all {
			if err := l1.Add(o); err != nil {
				t.Fatal(err)
			}
			if o.Lines[0].Category != "Z" {
				if err := l2.Add(o); err != nil {
					t.Fatal(err)
				}
			}
		}
		r1, err1 := l1.Analyze(promoID, Config{})
		r2, err2 := l2.Analyze(promoID, Config{})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(r2.ROI, r1.ROI); diff != "" {
			t.Fatalf("ROI changed by unrelated SKUs (-without +with):\n%s", diff)
		}
		if diff := cmp.Diff(r2, r1); diff != "" {
			t.Fatalf("result changed by unrelated SKUs (-without +with):\n%s", diff)
		}
	})
}

func TestLedgerAdd(t *testing.T) {
	var l Ledger
	ok := metrics.Order{ID: "a", Currency: cny, PlacedAt: day0, Lines: []metrics.Line{line("x", 1, "10", "", "5")}}
	if err := l.Add(ok); err != nil {
		t.Fatal(err)
	}
	usd := ok
	usd.ID, usd.Currency = "b", money.MustCurrency("USD")
	usd.Lines = []metrics.Line{{SKU: "x", Quantity: 1, UnitPrice: money.MustNew("1", "USD")}}
	var oe *OrderError
	if err := l.Add(usd); !errors.As(err, &oe) || oe.OrderID != "b" {
		t.Errorf("USD order into a CNY ledger: err = %v, want an *OrderError for order b", err)
	}
	timeless := ok
	timeless.ID, timeless.PlacedAt = "t", time.Time{}
	if err := l.Add(timeless); !errors.As(err, &oe) || oe.OrderID != "t" {
		t.Errorf("order without a time: err = %v, want an *OrderError for order t", err)
	}
	cancelled := ok
	cancelled.ID, cancelled.Status = "c", metrics.Cancelled
	if err := l.Add(cancelled); err != nil {
		t.Fatal(err)
	}
	if l.Orders() != 1 || l.Cancelled() != 1 || l.Lines() != 1 {
		t.Errorf("orders %d cancelled %d lines %d, want 1 1 1", l.Orders(), l.Cancelled(), l.Lines())
	}
	if err := l.Track(Promotion{ID: "late", Window: metrics.Period{Start: day0, End: day0.Add(time.Hour)}, Scope: Scope{Store: true}}); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("Track after Add: err = %v, want metrics.ErrConfig", err)
	}
	var l2 Ledger
	if err := l2.Track(Promotion{}); !errors.Is(err, ErrInvalidPromotion) {
		t.Errorf("Track of the zero Promotion: err = %v, want ErrInvalidPromotion", err)
	}
}

// TestLedgerLocation checks that orders fall on the calendar day of the
// store's time zone: 23:30 UTC is the next morning in Shanghai.
func TestLedgerLocation(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	l := Ledger{Location: sh}
	o := metrics.Order{ID: "a", Currency: cny, PlacedAt: time.Date(2025, 9, 1, 23, 30, 0, 0, time.UTC), Lines: []metrics.Line{line("x", 1, "10", "", "5")}}
	if err := l.Add(o); err != nil {
		t.Fatal(err)
	}
	span, _ := l.Span()
	if got := span.Label(); got != "2025-09-02..2025-09-02" {
		t.Errorf("span %s, want 2025-09-02 in Shanghai", got)
	}
}

// TestLedgerConserves checks that the ledger's daily cells add up exactly
// to the lines of SplitOrder, for orders on the int64 fast path and on the
// exact path (sub-cent prices and costs) alike.
func TestLedgerConserves(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l Ledger
		var want [4]money.Money // gross, discounts, net, cost
		var units int64
		for k := range rapid.IntRange(1, 30).Draw(t, "orders") {
			o := metrics.Order{ID: "o", Currency: cny, Status: metrics.Paid,
				PlacedAt: day0.AddDate(0, 0, rapid.IntRange(-5, 20).Draw(t, "day"))}
			var total money.Money
			for range rapid.IntRange(1, 4).Draw(t, "lines") {
				p := cny.FromMinor(rapid.Int64Range(1, 50000).Draw(t, "price"))
				c := cny.FromMinor(rapid.Int64Range(0, 30000).Draw(t, "cost"))
				if rapid.Bool().Draw(t, "subCent") {
					p = p.MulRate(decimal.New(125, -3))
					c = c.MulRate(decimal.New(1, -1))
				}
				q := rapid.Int64Range(1, 4).Draw(t, "qty")
				total, _ = total.Add(p.Mul(q))
				o.Lines = append(o.Lines, metrics.Line{SKU: rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "sku"),
					Category: "x", Quantity: q, UnitPrice: p, UnitCost: c})
			}
			o.Discount = total.MulRate(decimal.New(rapid.Int64Range(0, 30).Draw(t, "pct"), -2)).Round(money.RoundDown)
			o.ID = strconv.Itoa(k)
			lines, err := SplitOrder(o)
			if err != nil {
				t.Fatal(err)
			}
			for _, ls := range lines {
				units += ls.Quantity
				for i, m := range []money.Money{ls.Gross, ls.Discount, ls.Net, ls.Cost} {
					want[i], _ = want[i].Add(m)
				}
			}
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		span, _ := l.Span()
		from, to := periodDays(span, l.loc())
		s := l.gather(l.resolve(Scope{Store: true}), from, to)
		var got [4]money.Total
		var gotUnits int64
		for d := from; d < to; d++ {
			c := s.at(d)
			gotUnits += c.units
			for i, a := range []money.Total{c.gross, c.disc, c.net, c.cost} {
				got[i].AddTotal(a)
			}
		}
		if gotUnits != units {
			t.Fatalf("units %d, want %d", gotUnits, units)
		}
		for i := range got {
			if k, _ := got[i].Money(cny).Cmp(want[i]); k != 0 {
				t.Fatalf("amount %d: ledger %v, lines %v", i, got[i].Money(cny), want[i])
			}
		}
	})
}

func TestAddAllAndMergeErrors(t *testing.T) {
	good := metrics.Order{ID: "g", Currency: cny, PlacedAt: day0, Lines: []metrics.Line{line("x", 1, "10", "", "5")}}
	bad1 := metrics.Order{ID: "b1", Currency: cny, PlacedAt: day0, Lines: []metrics.Line{line("x", 0, "10", "", "5")}}
	bad2 := metrics.Order{ID: "b2", PlacedAt: day0, Lines: []metrics.Line{line("x", 1, "10", "", "5")}}
	seq := func(yield func(metrics.Order, error) bool) {
		for _, o := range []metrics.Order{bad1, good, bad2} {
			if !yield(o, nil) {
				return
			}
		}
	}
	var l Ledger
	err := l.AddAll(seq)
	var ids []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var oe *OrderError
		if errors.As(e, &oe) {
			ids = append(ids, oe.OrderID)
		}
	}
	// Every bad order is reported and the good one is added.
	if diff := cmp.Diff([]string{"b1", "b2"}, ids); diff != "" || l.Orders() != 1 {
		t.Errorf("AddAll: %d orders added, errors for (-want +got):\n%s", l.Orders(), diff)
	}

	usd := Ledger{}
	o := good
	o.Currency = money.MustCurrency("USD")
	o.Lines = []metrics.Line{{SKU: "x", Quantity: 1, UnitPrice: money.MustNew("1", "USD")}}
	if err := usd.Add(o); err != nil {
		t.Fatal(err)
	}
	if err := l.Merge(&usd); !errors.Is(err, metrics.ErrIncompatible) || !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("merge of CNY and USD ledgers: err = %v, want metrics.ErrIncompatible and money.ErrCurrencyMismatch", err)
	}
	sh := Ledger{Location: time.FixedZone("CST", 8*3600)}
	if err := l.Merge(&sh); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("merge of UTC and CST ledgers: err = %v, want metrics.ErrIncompatible", err)
	}
}
