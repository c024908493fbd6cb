package loyalty_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

var (
	cny      = money.MustCurrency("CNY")
	december = must(metrics.NewPeriod(day("2025-12-01"), day("2026-01-01")))
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func day(s string) time.Time { return must(time.Parse(time.DateOnly, s)) }

func at(s string) time.Time { return must(time.Parse("2006-01-02T15:04", s)) }

// order returns an order of one line of the given net value, in CNY.
func order(id, customer, placed, amount string) metrics.Order {
	return metrics.Order{ID: id, CustomerID: customer, PlacedAt: at(placed), Currency: cny,
		Lines: []metrics.Line{{SKU: "s", Quantity: 1, UnitPrice: must(cny.Parse(amount))}}}
}

// handMembers, handEntries and handOrders are the store of TestSummary,
// whose figures are worked out by hand in its comments.
var (
	handMembers = []loyalty.Member{
		{CustomerID: "a", Level: "gold", Joined: day("2025-06-01")},
		{CustomerID: "b", Level: "silver", Joined: day("2025-12-10")},
		{CustomerID: "c", Level: "gold", Joined: day("2025-01-01"), Left: day("2025-12-15")},
		{CustomerID: "d", Level: "silver", Joined: day("2025-03-01")},
		{CustomerID: "f", Level: "gold", Joined: day("2026-01-01")}, // joins after the period: in nothing
	}
	handEntries = []loyalty.Entry{
		{CustomerID: "a", At: at("2025-06-01T10:00"), Kind: loyalty.Issued, Points: 1000},
		{CustomerID: "a", At: at("2025-11-01T10:00"), Kind: loyalty.Redeemed, Points: 200},
		{CustomerID: "a", At: at("2025-12-03T10:00"), Kind: loyalty.Issued, Points: 300, OrderID: "a1"},
		{CustomerID: "a", At: at("2025-12-10T10:00"), Kind: loyalty.Redeemed, Points: 500, OrderID: "a2"},
		{CustomerID: "a", At: at("2025-12-15T10:00"), Kind: loyalty.Adjusted, Points: 50, Reason: "goodwill"},
		{CustomerID: "a", At: at("2026-01-02T10:00"), Kind: loyalty.Issued, Points: 999}, // after the period
		{CustomerID: "b", At: at("2025-12-20T10:00"), Kind: loyalty.Issued, Points: 80, OrderID: "b2"},
		{CustomerID: "c", At: at("2025-01-01T10:00"), Kind: loyalty.Issued, Points: 700},
		{CustomerID: "c", At: at("2025-12-31T00:00"), Kind: loyalty.Expired, Points: 700},
	}
	handOrders = []metrics.Order{
		order("a0", "a", "2025-11-20T10:00", "999.00"), // before the period
		order("a1", "a", "2025-12-03T10:00", "100.00"),
		order("a2", "a", "2025-12-10T10:00", "200.00"),
		order("b1", "b", "2025-12-05T10:00", "50.00"), // before b joined; b is a member buyer by b2
		order("b2", "b", "2025-12-20T10:00", "80.00"),
		order("c1", "c", "2025-12-20T10:00", "70.00"), // after c left: a non-member's order
		order("e1", "e", "2025-12-21T10:00", "60.00"),
		order("g1", "", "2025-12-22T10:00", "40.00"), // a guest
		func() metrics.Order {
			o := order("a3", "a", "2025-12-23T10:00", "500.00")
			o.Status = metrics.Cancelled
			return o
		}(),
	}
)

func handTracker(t *testing.T) *loyalty.Tracker {
	tr := &loyalty.Tracker{Period: december}
	for _, m := range handMembers {
		if err := tr.AddMember(m); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range handEntries {
		if err := tr.AddEntry(e); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range handOrders {
		if err := tr.AddOrder(o); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

func yuan(s string) money.Money { return must(cny.Parse(s)) }

func TestSummary(t *testing.T) {
	got := handTracker(t).Summary()
	want := loyalty.Summary{
		Currency: cny,
		// a, b, d at the end; a, c, d at the start; b new; c left.
		Members: 3, AtStart: 3, New: 1, Left: 1,
		// a bought; c bought after leaving; d did not.
		Active: 1, ActiveRate: metrics.CountRatio(1, 3),
		// a: 100 + 200; b: 50 + 80 (a member at b2).
		Member: loyalty.Group{Buyers: 2, Repeat: 2, Orders: 4, Sales: yuan("430.00"),
			AOV: metrics.MoneyValue(yuan("107.50")), Repurchase: metrics.CountRatio(2, 2)},
		// c 70, e 60 and the guest's 40; 170 / 3 = 56.666… → 56.67.
		NonMember: loyalty.Group{Buyers: 2, Repeat: 0, Orders: 3, Sales: yuan("170.00"),
			AOV: metrics.MoneyValue(yuan("56.67")), Repurchase: metrics.CountRatio(0, 2)},
		SalesShare: metrics.NewRatio(430, 600),
		BuyerShare: metrics.CountRatio(2, 4),
		Levels: []loyalty.Level{
			{Name: "silver", Members: 2, AtStart: 1, New: 1, Active: 0, ActiveRate: metrics.CountRatio(0, 1),
				Buyers: 1, Orders: 2, Sales: yuan("130.00"), AOV: metrics.MoneyValue(yuan("65.00")), SalesShare: metrics.NewRatio(130, 430)},
			{Name: "gold", Members: 1, AtStart: 2, New: 0, Active: 1, ActiveRate: metrics.CountRatio(1, 2),
				Buyers: 1, Orders: 2, Sales: yuan("300.00"), AOV: metrics.MoneyValue(yuan("150.00")), SalesShare: metrics.NewRatio(300, 430)},
		},
		// Opening: a 1000 − 200, c 700. Outstanding 1500 + 380 − 500 −
		// 700 + 50 = 730: a 650, b 80, c 0.
		Points: loyalty.Points{Opening: 1500, Issued: 380, Redeemed: 500, Expired: 700, Adjusted: 50,
			Outstanding: 730, Holders: 2, RedemptionRate: metrics.CountRatio(500, 380),
			PointValue: yuan("0.01"), Liability: yuan("7.30")},
	}
	opts := cmp.Options{cmpopts.IgnoreUnexported(loyalty.Group{}),
		cmpopts.IgnoreFields(loyalty.Summary{}, "AOVDiff", "RepurchaseDiff")}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("Summary mismatch (-want +got):\n%s", diff)
	}
}

// TestDifferences checks the tests of the differences against values
// computed independently in Python 3 with the standard library: t and df
// from statistics.variance of the order values [100, 200, 50, 80] and
// [70, 60, 40]; p and the 97.5th percentile of Student's t by Simpson
// integration of its density (math.gamma), 200,000 steps:
//
//	t = 1.509512600639047, df = 3.4301824370127307, p = 0.2170989335643596
//	interval [−49.12016592582358, 150.78683259249024] (t quantile 2.96815213)
func TestDifferences(t *testing.T) {
	s := handTracker(t).Summary()
	d := s.AOVDiff
	if !d.Defined {
		t.Fatal("AOVDiff undefined")
	}
	approx := cmpopts.EquateApprox(1e-9, 0) // the integration's error is below 1e-12
	want := loyalty.MeanDifference{Defined: true, Delta: 107.5 - 170.0/3, T: 1.509512600639047, DF: 3.4301824370127307,
		P: 0.2170989335643596, Low: -49.12016592582358, High: 150.78683259249024}
	if diff := cmp.Diff(want, d, approx); diff != "" {
		t.Errorf("AOVDiff mismatch (-want +got):\n%s", diff)
	}
	// Repurchase 2/2 against 0/2: pooled p = 0.5, z = 1 / √(0.25 × 1) = 2.
	r := s.RepurchaseDiff
	if diff := cmp.Diff(loyalty.RateDifference{A: metrics.CountRatio(0, 2), B: metrics.CountRatio(2, 2),
		Defined: true, Delta: 1, Low: 1, High: 1, Tested: true, Z: 2, P: 0.0455003},
		r, cmpopts.EquateApprox(0, 1e-6)); diff != "" {
		t.Errorf("RepurchaseDiff mismatch (-want +got):\n%s", diff)
	}
}

func TestEmpty(t *testing.T) {
	tr := loyalty.Tracker{Period: december}
	s := tr.Summary()
	for name, r := range map[string]metrics.Ratio{"ActiveRate": s.ActiveRate, "SalesShare": s.SalesShare,
		"BuyerShare": s.BuyerShare, "Repurchase": s.Member.Repurchase, "RedemptionRate": s.Points.RedemptionRate} {
		if r.Defined() {
			t.Errorf("%s = %v on no data, want undefined", name, r)
		}
	}
	if s.Member.AOV.Defined() || s.AOVDiff.Defined || s.RepurchaseDiff.Defined {
		t.Errorf("AOV or tests defined on no data: %+v", s)
	}
	if s.Points.Outstanding != 0 || !s.Points.Liability.IsZero() {
		t.Errorf("points %+v on no data", s.Points)
	}
}

func TestAddErrors(t *testing.T) {
	var zero loyalty.Tracker
	if err := zero.AddOrder(order("x", "a", "2025-12-01T00:00", "1")); err == nil {
		t.Error("AddOrder on a Tracker without a Period: no error")
	}
	tr := handTracker(t)
	tests := []struct {
		name, reason string
		err          error
	}{
		{"member twice", "a is on the roster", tr.AddMember(loyalty.Member{CustomerID: "a", Joined: day("2025-01-01")})},
		{"member left first", "left before joining", tr.AddMember(loyalty.Member{CustomerID: "z", Joined: day("2025-02-01"), Left: day("2025-01-01")})},
		{"entry no points", "issued 0", tr.AddEntry(loyalty.Entry{CustomerID: "a", At: day("2025-12-02"), Kind: loyalty.Issued})},
		{"entry kind", "kind 9", tr.AddEntry(loyalty.Entry{CustomerID: "a", At: day("2025-12-02"), Kind: 9, Points: 1})},
		{"currency", "USD after CNY", tr.AddOrder(metrics.Order{ID: "u", CustomerID: "a", PlacedAt: day("2025-12-02"), Currency: money.MustCurrency("USD")})},
	}
	for _, tc := range tests {
		if tc.err == nil {
			t.Errorf("%s: no error (%s)", tc.name, tc.reason)
		}
	}
	if diff := cmp.Diff(handTracker(t).Summary(), tr.Summary(), cmpopts.IgnoreUnexported(loyalty.Group{})); diff != "" {
		t.Errorf("refused records changed the figures (-want +got):\n%s", diff)
	}
}

// TestSubMinorSales: an order whose net sales have more decimals than the
// currency (a unit price of CNY 10.005) counts, and the sales stay exact.
func TestSubMinorSales(t *testing.T) {
	tr := loyalty.Tracker{Period: december}
	for _, id := range []string{"x", "y"} {
		if err := tr.AddOrder(order(id, "a", "2025-12-02T10:00", "10.005")); err != nil {
			t.Fatal(err)
		}
	}
	if got := tr.Summary().NonMember.Sales; !got.Equal(yuan("20.01")) {
		t.Errorf("sales %v, want CNY 20.010", got)
	}
}
