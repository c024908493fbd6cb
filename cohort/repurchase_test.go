package cohort

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestRepurchase(t *testing.T) {
	l := ledgerOf(t, handStore())
	got := l.mustRepurchase(RepurchaseConfig{})
	cny := money.MustCurrency("CNY")
	// Hand computed from handStore, as of 2025-04-01. First purchases:
	// a Jan 5, b Jan 20, c Feb 3; second purchases: a Feb 10 (day 36),
	// c Feb 20 (day 17); b never. A customer is eligible for window N once
	// first + N ≤ Apr 1 (a: ≤ 86 days old, so 30 and 60; b: 71 days; c: 57 days).
	rr := func(days int, rep, elig int64) RepeatRate {
		return RepeatRate{Days: days, Eligible: elig, Repeaters: rep, Rate: metrics.CountRatio(rep, elig)}
	}
	want := &Repurchase{
		Config:    RepurchaseConfig{Grain: metrics.Month, Within: []int{30, 60, 90}, AsOf: got.Config.AsOf},
		Currency:  cny,
		Customers: 3,
		Cohorts: []RepeatRow{
			{Label: "2025-01", Period: got.Cohorts[0].Period, Customers: 2, Rates: []RepeatRate{rr(30, 0, 2), rr(60, 1, 2), rr(90, 0, 0)}},
			{Label: "2025-02", Period: got.Cohorts[1].Period, Customers: 1, Rates: []RepeatRate{rr(30, 1, 1), rr(60, 0, 0), rr(90, 0, 0)}},
		},
		Overall: []RepeatRate{rr(30, 1, 3), rr(60, 1, 2), rr(90, 0, 0)},
		// Gaps 17, 23, 36, 50 days: type-7 median at position 1.5 is
		// 23 + 0.5 × 13 = 29.5; P90 at position 2.7 is 36 + 0.7 × 14 = 45.8.
		Gaps:      Gaps{Count: 4, Median: 29.5, P90: 36 + 0.7*14},
		Purchases: []PurchaseCount{{Purchases: 1, Customers: 1}, {Purchases: 3, Customers: 2}},
		// Net sales 520; after the first day: a 50 + 30, c 20 + 40.
		NetSales:          cny.FromMinor(52000),
		ReturningNetSales: cny.FromMinor(14000),
		ReturningShare:    metrics.NewRatio(14000, 52000),
	}
	if diff := cmp.Diff(want, got, opts, approx); diff != "" {
		t.Errorf("Repurchase (-want +got):\n%s", diff)
	}
}

func TestRepurchaseSameDay(t *testing.T) {
	orders := []metrics.Order{
		order("1", "a", "2025-01-05", 10, ""),
		order("2", "a", "2025-01-05", 10, ""),
		order("3", "a", "2025-01-25", 10, ""),
		order("4", "b", "2025-01-10", 10, ""),
		order("5", "b", "2025-03-30", 10, ""),
	}
	l := ledgerOf(t, orders)
	tests := []struct {
		name      string
		countDays bool
		rate      RepeatRate
		purchases []PurchaseCount
		gaps      Gaps
	}{
		// Orders: a's second order on day 0 repeats; gaps 0, 20 (a), 79 (b).
		{"orders", false, RepeatRate{Days: 30, Eligible: 2, Repeaters: 1, Rate: metrics.CountRatio(1, 2)},
			[]PurchaseCount{{2, 1}, {3, 1}}, Gaps{Count: 3, Median: 20, P90: 20 + 0.8*59}},
		// Days: a's two orders on Jan 5 are one purchase, Jan 25 repeats (day 20); gaps 20, 79.
		{"days", true, RepeatRate{Days: 30, Eligible: 2, Repeaters: 1, Rate: metrics.CountRatio(1, 2)},
			[]PurchaseCount{{2, 2}}, Gaps{Count: 2, Median: 49.5, P90: 20 + 0.9*59}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := l.mustRepurchase(RepurchaseConfig{Within: []int{30}, CountDays: tt.countDays})
			if diff := cmp.Diff(tt.rate, got.Overall[0], opts, approx); diff != "" {
				t.Errorf("repeat rate (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.purchases, got.Purchases, opts, approx); diff != "" {
				t.Errorf("purchases (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.gaps, got.Gaps, opts, approx); diff != "" {
				t.Errorf("gaps (-want +got):\n%s", diff)
			}
		})
	}
	// With only a's first-day orders, the repeat counts differ by mode:
	// two orders on day 0 repeat within 0 days, one purchase day does not.
	l0 := ledgerOf(t, orders[:2])
	if r := l0.mustRepurchase(RepurchaseConfig{Within: []int{0}}).Overall[0]; r.Repeaters != 1 {
		t.Errorf("orders mode: %d repeaters within 0 days, want 1", r.Repeaters)
	}
	if r := l0.mustRepurchase(RepurchaseConfig{Within: []int{0}, CountDays: true}).Overall[0]; r.Repeaters != 0 {
		t.Errorf("days mode: %d repeaters within 0 days, want 0", r.Repeaters)
	}
}

// A repeat window of math.MaxInt days: first day + window used to wrap
// negative, so every customer counted as eligible and the rate was a
// defined 0.6667 instead of undefined (review finding 3).
func TestRepurchaseHugeWindow(t *testing.T) {
	l := ledgerOf(t, handStore())
	for _, n := range []int{math.MaxInt / 2, math.MaxInt} {
		r := l.mustRepurchase(RepurchaseConfig{Within: []int{n}}).Overall[0]
		if r.Eligible != 0 || r.Repeaters != 0 || r.Rate.Defined() {
			t.Errorf("Within %d: eligible %d, repeaters %d, rate %v; want none eligible and an undefined rate", n, r.Eligible, r.Repeaters, r.Rate)
		}
	}
}

func TestRepurchaseEmpty(t *testing.T) {
	var l Ledger
	got := l.mustRepurchase(RepurchaseConfig{})
	if got.Customers != 0 || got.Gaps != (Gaps{}) || got.ReturningShare.Defined() || got.Overall[0].Rate.Defined() {
		t.Errorf("empty ledger: %+v; want no customers, zero gaps and undefined ratios", got)
	}
}

// TestRepurchaseBefore1970 checks that days before 1970-01-01, whose day
// numbers are negative, are days like any other: a history that ends on
// 1969-12-31 (day −1) must give the repeat rates and gaps that the same
// history one year later does.
func TestRepurchaseBefore1970(t *testing.T) {
	store := func(year string) []metrics.Order {
		// Hand-built: a buys on 12-01 and 12-11 (gap 10 days, a repeat
		// within 30 days), b on 12-21 and 12-31 (gap 10 days, not yet
		// eligible for 30 days as of 12-31).
		return []metrics.Order{
			order("1", "a", year+"-12-01", 10, ""),
			order("2", "a", year+"-12-11", 10, ""),
			order("3", "b", year+"-12-21", 10, ""),
			order("4", "b", year+"-12-31", 10, ""),
		}
	}
	cfg := RepurchaseConfig{Within: []int{30}}
	want := ledgerOf(t, store("1970")).mustRepurchase(cfg)
	got := ledgerOf(t, store("1969")).mustRepurchase(cfg)
	if diff := cmp.Diff(want.Overall, got.Overall); diff != "" {
		t.Errorf("repeat rates before 1970 (-1970 +1969):\n%s", diff)
	}
	if diff := cmp.Diff(Gaps{Count: 2, Median: 10, P90: 10}, got.Gaps); diff != "" {
		t.Errorf("gaps before 1970 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Gaps, got.Gaps); diff != "" {
		t.Errorf("gaps before 1970 (-1970 +1969):\n%s", diff)
	}
}
