package campaign

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

func mv(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }

// TestAnalyzeRandomised checks a campaign with a holdout against figures
// computed by hand. Window 10–20 January, pre-window 31 December–10
// January. Gross profit per customer: targets 30, 20, 10 (mean 20),
// controls 20, 10, 0 (mean 10): both sample variances are 100² CNY², so
// Welch's degrees of freedom are exactly 2(3 − 1) = 4 and t(0.975, 4) =
// 2.7764451 (any t table); half-width = 3 × 2.7764451 × √(1e6/3 + 1e6/3)
// minor units = 6800.87, around 3000: [−38.01, 98.01] after the cost of
// 10 the gain's is [−48.01, 88.01], which contains zero: inconclusive.
func TestAnalyzeRandomised(t *testing.T) {
	var l Ledger
	if err := l.Track(Campaign{ID: "c1", Name: "Spring SMS", Window: window(10, 20), Cost: cny("10.00")}); err != nil {
		t.Fatal(err)
	}
	for _, o := range []metrics.Order{
		order("o1", "T1", 12, 50, 20), order("o2", "T2", 15, 40, 20), order("o3", "T3", 19, 30, 20),
		order("o4", "C1", 11, 40, 20), order("o5", "C2", 13, 30, 20),
		order("o6", "T1", 5, 999, 0),  // pre-window: not used with a holdout
		order("o7", "C3", 20, 999, 0), // after the window
		order("o8", "N1", 14, 999, 0), // not on the list
	} {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	targets := []Target{{"c1", "T1", Targeted}, {"c1", "T2", Targeted}, {"c1", "T3", Targeted},
		{"c1", "C1", Control}, {"c1", "C2", Control}, {"c1", "C3", Control}}
	reds := []Redemption{{Campaign: "c1", Customer: "T1", Day: jan(12), Order: "o1", Discount: cny("5.00")},
		{Campaign: "c1", Customer: "C1", Day: jan(11), Order: "o4", Discount: cny("5.00")}}
	rs, err := l.Analyze(targets, reds, Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	type view struct {
		Randomised                                   bool
		Targeted, Compared, Responders, CompResp     int64
		Response, CompareResponse, Redemption        metrics.Ratio
		Redeemers, Redemptions, Strays               int64
		Discounts, Revenue, Profit                   money.Money
		RevenuePer, CompareRevenuePer                metrics.Value
		IncRevenue, IncProfit, ProfitLow, ProfitHigh metrics.Value
		Gain, GainLow, GainHigh, ROI                 metrics.Value
		Outcome                                      promo.Outcome
	}
	got := view{r.Randomised, r.Targeted, r.Compared, r.Responders, r.CompareResponders,
		r.Response, r.CompareResponse, r.Redemption, r.Redeemers, r.Redemptions, r.Strays,
		r.Discounts, r.Revenue, r.Profit, r.RevenuePer, r.CompareRevenuePer,
		r.IncrementalRevenue, r.IncrementalProfit, r.ProfitLow, r.ProfitHigh, r.Gain, r.GainLow, r.GainHigh, r.ROI, r.Outcome}
	want := view{true, 3, 3, 3, 2,
		metrics.CountRatio(3, 3), metrics.CountRatio(2, 3), metrics.CountRatio(1, 3), 1, 2, 1,
		cny("10.00"), cny("120.00"), cny("60.00"), mv("40.00"), mv("23.33"),
		mv("50.00"), mv("30.00"), mv("-38.01"), mv("98.01"), mv("20.00"), mv("-48.01"), mv("88.01"),
		metrics.RatioValue(metrics.NewRatio(2000, 1000)), promo.Inconclusive}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if lo, hi := r.RevenueLow, r.RevenueHigh; !lo.Defined() || !hi.Defined() {
		t.Errorf("revenue interval undefined: %v %v", lo, hi)
	}
}

// TestAnalyzeUnvalued: a redemption whose discount is not known (the zero
// Money) counts as a redemption, and its customer as a redeemer or a
// stray, but is not added to Discounts, which adds up the others'; it is
// counted in Unvalued. A coupon worth nothing (the currency's zero) is a
// known discount.
func TestAnalyzeUnvalued(t *testing.T) {
	var l Ledger
	if err := l.Track(Campaign{ID: "c1", Window: window(10, 20), Cost: cny("10.00")}); err != nil {
		t.Fatal(err)
	}
	if err := l.Add(order("o1", "T1", 12, 50, 20)); err != nil {
		t.Fatal(err)
	}
	targets := []Target{{"c1", "T1", Targeted}, {"c1", "T2", Targeted}, {"c1", "C1", Control}}
	reds := []Redemption{{Campaign: "c1", Customer: "T1", Day: jan(12), Discount: cny("5.00")},
		{Campaign: "c1", Customer: "T2", Day: jan(13)},                     // not known
		{Campaign: "c1", Customer: "C1", Day: jan(14)},                     // not known, a stray
		{Campaign: "c1", Customer: "T1", Day: jan(15), Discount: cny("0")}} // worth nothing
	rs, err := l.Analyze(targets, reds, Config{})
	if err != nil {
		t.Fatal(err)
	}
	type view struct {
		Redeemers, Redemptions, Strays, Unvalued int64
		Redemption                               metrics.Ratio
		Discounts                                money.Money
	}
	r := rs[0]
	got := view{r.Redeemers, r.Redemptions, r.Strays, r.Unvalued, r.Redemption, r.Discounts}
	want := view{2, 4, 1, 2, metrics.CountRatio(2, 2), cny("5.00")}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestAnalyzeObservational checks the difference in differences without
// a holdout: net sales window − pre-window per customer are 20 and 10 for
// the targets, 0 and 10 for the comparison group (N1 and N2, who ordered
// before the window; N3 first ordered in it and is left out), so the
// incremental revenue is (20 + 10) − 2 × (0 + 10) / 2 = 20. Every order
// costs 1: the gross profit's differences are the same but N2's, 10 − 1
// (it has no order in the pre-window), so the incremental profit is
// 30 − 2 × 9 / 2 = 21.
func TestAnalyzeObservational(t *testing.T) {
	var l Ledger
	if err := l.Track(Campaign{ID: "c", Window: window(10, 20), Cost: cny("0")}); err != nil {
		t.Fatal(err)
	}
	for _, o := range []metrics.Order{
		order("1", "T1", 3, 10, 1), order("2", "T1", 12, 30, 1),
		order("3", "T2", 4, 20, 1), order("4", "T2", 12, 30, 1),
		order("5", "N1", 5, 10, 1), order("6", "N1", 15, 10, 1),
		order("7", "N2", -20, 99, 0), order("8", "N2", 15, 10, 1), // 7: before the pre-window, read by no figure
		order("9", "N3", 15, 500, 0), // N3: in neither group
	} {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := l.Analyze([]Target{{"c", "T1", Targeted}, {"c", "T2", Targeted}}, nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	if r.Randomised || r.Compared != 2 || r.CompareResponders != 2 {
		t.Errorf("Randomised %v, Compared %d, CompareResponders %d; want false, 2, 2", r.Randomised, r.Compared, r.CompareResponders)
	}
	if !r.IncrementalRevenue.Equal(mv("20.00")) || !r.IncrementalProfit.Equal(mv("21.00")) || r.CostMissing != 0 {
		t.Errorf("incremental %v %v (%d orders without a cost), want CNY 20.00 and 21.00 (0)", r.IncrementalRevenue, r.IncrementalProfit, r.CostMissing)
	}
	if r.ROI.Defined() || r.ROILow.Defined() {
		t.Errorf("ROI of a campaign without cost = %v [%v], want n/a", r.ROI, r.ROILow)
	}
	if !r.PreRevenuePer.Equal(mv("15.00")) || !r.ComparePreRevenuePer.Equal(mv("5.00")) {
		t.Errorf("pre-window means %v %v, want 15.00 and 5.00", r.PreRevenuePer, r.ComparePreRevenuePer)
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	var l Ledger
	if err := l.Track(Campaign{ID: "c", Window: window(10, 20), Cost: cny("5")}); err != nil {
		t.Fatal(err)
	}
	rs, err := l.Analyze(nil, nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	for name, v := range map[string]metrics.Value{"IncrementalRevenue": r.IncrementalRevenue, "ProfitLow": r.ProfitLow, "ROI": r.ROI, "RevenuePer": r.RevenuePer} {
		if v.Defined() {
			t.Errorf("%s = %v with no customers, want n/a", name, v)
		}
	}
	if r.Response.Defined() || r.Outcome != promo.Inconclusive {
		t.Errorf("Response %v Outcome %v, want n/a and inconclusive", r.Response, r.Outcome)
	}
}

func TestAnalyzeBadRecords(t *testing.T) {
	var l Ledger
	if err := l.Track(Campaign{ID: "c", Window: window(10, 20), Cost: cny("5")}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, reason string
		targets      []Target
		reds         []Redemption
		want         error
	}{
		{"unknown campaign", "a target of a campaign not tracked", []Target{{"x", "A", Targeted}}, nil, ErrUnknownCampaign},
		{"twice", "a customer in both groups", []Target{{"c", "A", Targeted}, {"c", "A", Control}}, nil, ErrInvalidRecord},
		{"no customer", "a target without a customer", []Target{{"c", "", Targeted}}, nil, ErrInvalidRecord},
		{"negative discount", "a redemption with a negative discount", nil, []Redemption{{Campaign: "c", Customer: "A", Discount: cny("-1")}}, ErrInvalidRecord},
		{"currency", "a discount in another currency", nil, []Redemption{{Campaign: "c", Customer: "A", Discount: money.MustNew("1", "USD")}}, money.ErrCurrencyMismatch},
		{"unknown redemption", "a redemption of a campaign not tracked", nil, []Redemption{{Campaign: "y", Customer: "A", Discount: cny("1")}}, ErrUnknownCampaign},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := l.Analyze(tc.targets, tc.reds, Config{})
			if !errors.Is(err, tc.want) || rs != nil {
				t.Errorf("%s: err = %v, results %v; want %v and none", tc.reason, err, rs, tc.want)
			}
			var re *RecordError
			at := len(tc.targets) + len(tc.reds) - 1 // the last record is the bad one
			if !errors.As(err, &re) || re.Index != at {
				t.Errorf("%s: want a *RecordError at index %d, got %v", tc.reason, at, err)
			}
		})
	}
	if _, err := l.Analyze(nil, nil, Config{Level: 1.5}); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("Level 1.5: err = %v, want a config error", err)
	}
}

func TestTrackAndAdd(t *testing.T) {
	tests := []struct {
		name string
		c    Campaign
		want error
	}{
		{"no ID", Campaign{Window: window(1, 2), Cost: cny("1")}, ErrInvalidCampaign},
		{"empty window", Campaign{ID: "a", Window: window(2, 2), Cost: cny("1")}, ErrInvalidCampaign},
		{"negative cost", Campaign{ID: "a", Window: window(1, 2), Cost: cny("-1")}, ErrInvalidCampaign},
		{"an amount without a currency", Campaign{ID: "a", Window: window(1, 2), Cost: money.Currency{}.FromMinor(5)}, ErrInvalidCampaign},
		{"unknown and negative", Campaign{ID: "a", Window: window(1, 2), Cost: money.Currency{}.FromMinor(-5)}, ErrInvalidCampaign},
		// Analyze used to take a cost of fractions of a fen for 0.
		{"fractions of a fen", Campaign{ID: "a", Window: window(1, 2), Cost: cny("10.005")}, ErrInvalidCampaign},
	}
	for _, tc := range tests {
		var l Ledger
		if err := l.Track(tc.c); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
		if len(l.Campaigns()) != 0 {
			t.Errorf("%s: the campaign was tracked", tc.name)
		}
	}
	var l Ledger
	if err := l.Track(Campaign{ID: "a", Window: window(1, 2), Cost: cny("1")}, Campaign{ID: "a", Window: window(1, 2), Cost: cny("1")}); !errors.Is(err, ErrInvalidCampaign) || len(l.Campaigns()) != 0 {
		t.Errorf("twice: err = %v, %d tracked; want an error and none", err, len(l.Campaigns()))
	}
	if err := l.Track(Campaign{ID: "a", Window: window(1, 2), Cost: cny("1")}); err != nil {
		t.Fatal(err)
	}
	o := order("u", "A", 1, 1, 0)
	o.Currency = money.MustCurrency("USD")
	if err := l.Add(o); !errors.Is(err, money.ErrCurrencyMismatch) || !errors.Is(err, ErrInvalidOrder) {
		t.Errorf("USD order: err = %v, want a currency mismatch", err)
	}
	c := order("x", "A", 1, 1, 0)
	c.Status = metrics.Cancelled
	g := order("g", "", 1, 1, 0)
	for _, o := range []metrics.Order{c, g} {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	if l.Cancelled != 1 || l.Guests != 1 {
		t.Errorf("Cancelled %d Guests %d, want 1 and 1", l.Cancelled, l.Guests)
	}
	if err := l.Track(Campaign{ID: "b", Window: window(1, 2), Cost: cny("1")}); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("Track after Add: err = %v, want a config error", err)
	}
}
