package campaign

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// TestAnalyzeCostUnknown: a campaign whose cost is not known (the zero
// Money) has its incremental revenue and gross profit and their
// intervals, but no gain and no ROI; its verdict is "does not pay" when
// the whole profit interval is below zero, and inconclusive otherwise,
// even above zero. Three targets and three controls of a holdout, with
// gross profits (net − 20) within 1 of each other in each group, so the
// interval is narrow around 3 × (mean_T − mean_C).
func TestAnalyzeCostUnknown(t *testing.T) {
	tests := []struct {
		name                string
		targets, controls   [3]int64 // gross profit + 20 of each customer
		wantProfit          string
		wantOutcome         promo.Outcome
		wantOutcomeWithCost promo.Outcome // with a known cost of 0
		reason              string
	}{
		{"above zero", [3]int64{50, 51, 52}, [3]int64{30, 31, 32}, "60.00", promo.Inconclusive, promo.Pays,
			"a cost above 60 would make it lose: the data cannot tell"},
		{"below zero", [3]int64{30, 31, 32}, [3]int64{50, 51, 52}, "-60.00", promo.DoesNotPay, promo.DoesNotPay,
			"no cost ≥ 0 can lift a gain below the profit"},
		{"contains zero", [3]int64{30, 51, 72}, [3]int64{50, 31, 70}, "2.00", promo.Inconclusive, promo.Inconclusive,
			"inconclusive whatever the cost"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var unknown, zero Ledger
			if err := unknown.Track(Campaign{ID: "c", Window: window(10, 20)}); err != nil {
				t.Fatal(err)
			}
			if err := zero.Track(Campaign{ID: "c", Window: window(10, 20), Cost: cny("0")}); err != nil {
				t.Fatal(err)
			}
			var targets []Target
			for i, g := range [][3]int64{tc.targets, tc.controls} {
				for j, net := range g {
					c := string("TC"[i]) + string(rune('1'+j))
					targets = append(targets, Target{"c", c, Group(i)})
					for _, l := range []*Ledger{&unknown, &zero} {
						if err := l.Add(order(c, c, 12, net, 20)); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			rs, err := unknown.Analyze(targets, nil, Config{})
			if err != nil {
				t.Fatal(err)
			}
			r := rs[0]
			if r.Campaign.CostKnown() {
				t.Error("CostKnown() = true for a cost left the zero Money")
			}
			if got := r.IncrementalProfit; !got.Equal(mv(tc.wantProfit)) {
				t.Errorf("IncrementalProfit = %v, want %s", got, tc.wantProfit)
			}
			for name, v := range map[string]metrics.Value{"Gain": r.Gain, "GainLow": r.GainLow, "GainHigh": r.GainHigh,
				"ROI": r.ROI, "ROILow": r.ROILow, "ROIHigh": r.ROIHigh} {
				if v.Defined() {
					t.Errorf("%s = %v, want undefined (the cost is not known)", name, v)
				}
			}
			if !r.ProfitLow.Defined() || !r.ProfitHigh.Defined() || !r.RevenueLow.Defined() {
				t.Errorf("intervals undefined: profit %v … %v, revenue from %v", r.ProfitLow, r.ProfitHigh, r.RevenueLow)
			}
			if r.Outcome != tc.wantOutcome {
				t.Errorf("Outcome = %v, want %v: %s", r.Outcome, tc.wantOutcome, tc.reason)
			}
			zs, err := zero.Analyze(targets, nil, Config{})
			if err != nil {
				t.Fatal(err)
			}
			if zs[0].Outcome != tc.wantOutcomeWithCost {
				t.Errorf("with a cost of 0: Outcome = %v, want %v", zs[0].Outcome, tc.wantOutcomeWithCost)
			}
		})
	}
}

// TestLedgerCurrencyWithoutCosts: a ledger whose campaigns' costs are all
// unknown takes the currency of the first order it measures (not of a
// cancelled or guest order); orders in another currency stay errors and
// leave it unchanged; a known cost gives the currency at Track.
func TestLedgerCurrencyWithoutCosts(t *testing.T) {
	usd := money.MustCurrency("USD")
	inUSD := func(o metrics.Order) metrics.Order {
		o.Currency = usd
		for i := range o.Lines {
			o.Lines[i].UnitPrice = usd.FromMinor(1000)
			o.Lines[i].UnitCost = usd.FromMinor(400)
		}
		return o
	}
	var l Ledger
	if err := l.Track(Campaign{ID: "a", Window: window(10, 20)}, Campaign{ID: "b", Window: window(12, 14)}); err != nil {
		t.Fatal(err)
	}
	if !l.Currency().IsZero() {
		t.Fatalf("Currency() = %v after Track of unknown costs, want none", l.Currency())
	}
	cancelled := inUSD(order("x", "A", 12, 10, 4))
	cancelled.Status = metrics.Cancelled
	if err := l.Add(cancelled); err != nil {
		t.Fatal(err)
	}
	if err := l.Add(inUSD(order("g", "", 12, 10, 4))); err != nil {
		t.Fatal(err)
	}
	noCur := order("n", "A", 12, 10, 4)
	noCur.Currency = money.Currency{}
	if err := l.Add(noCur); !errors.Is(err, ErrInvalidOrder) {
		t.Errorf("an order without a currency: err = %v, want ErrInvalidOrder", err)
	}
	if !l.Currency().IsZero() {
		t.Fatalf("Currency() = %v after cancelled, guest and refused orders, want none", l.Currency())
	}
	if err := l.Add(order("o1", "A", 12, 10, 4)); err != nil {
		t.Fatal(err)
	}
	if got := l.Currency(); got != money.MustCurrency("CNY") {
		t.Fatalf("Currency() = %v after a CNY order, want CNY", got)
	}
	before, _ := l.MarshalBinary()
	if err := l.Add(inUSD(order("o2", "B", 13, 10, 4))); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("a USD order: err = %v, want a currency mismatch", err)
	}
	if after, _ := l.MarshalBinary(); !cmp.Equal(before, after) {
		t.Error("a refused order changed the ledger")
	}

	var k Ledger
	if err := k.Track(Campaign{ID: "a", Window: window(10, 20)}, Campaign{ID: "b", Window: window(10, 20), Cost: money.MustNew("5", "USD")}); err != nil {
		t.Fatal(err)
	}
	if k.Currency() != usd {
		t.Errorf("Currency() = %v with a cost in USD, want USD", k.Currency())
	}
	if err := k.Add(order("o1", "A", 12, 10, 4)); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("a CNY order in a USD ledger: err = %v, want a currency mismatch", err)
	}
}

// TestMergeCostUnknown: ledgers whose costs are all unknown merge when
// their orders' currencies agree (or one has none yet) and are refused,
// unchanged, with a currency mismatch otherwise.
func TestMergeCostUnknown(t *testing.T) {
	c := Campaign{ID: "a", Window: window(10, 20)}
	mk := func(cur string) *Ledger {
		var l Ledger
		if err := l.Track(c); err != nil {
			t.Fatal(err)
		}
		if cur != "" {
			o := order("o", "A", 12, 10, 4)
			cc := money.MustCurrency(cur)
			o.Currency, o.Lines[0].UnitPrice, o.Lines[0].UnitCost = cc, cc.FromMinor(1000), cc.FromMinor(400)
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		return &l
	}
	a := mk("")
	if err := a.Merge(mk("CNY")); err != nil {
		t.Fatal(err)
	}
	if a.Currency() != money.MustCurrency("CNY") {
		t.Errorf("merged into a ledger without currency: Currency() = %v, want CNY", a.Currency())
	}
	b := mk("CNY")
	before, _ := b.MarshalBinary()
	err := b.Merge(mk("USD"))
	if !errors.Is(err, metrics.ErrIncompatible) || !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("CNY and USD: err = %v, want a merge error wrapping a currency mismatch", err)
	}
	if after, _ := b.MarshalBinary(); !cmp.Equal(before, after) {
		t.Error("a refused merge changed the ledger")
	}
	// A known cost and an unknown one are different campaigns.
	var k Ledger
	if err := k.Track(Campaign{ID: "a", Window: window(10, 20), Cost: cny("0")}); err != nil {
		t.Fatal(err)
	}
	if err := k.Merge(mk("")); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("a cost of 0 and an unknown one: err = %v, want a merge error", err)
	}
}

// TestUnknownCostIsZeroCostWithoutGain: whatever the orders, a campaign
// whose cost is not known measures what the same campaign at a cost of 0
// measures, but without a gain or an ROI, and its verdict is that of the
// cost of 0 except "pays", which becomes inconclusive. (With at least one
// order: a ledger of unknown costs and no orders has no currency, and its
// amounts are the zero Money, not CNY 0.00.)
func TestUnknownCostIsZeroCostWithoutGain(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cs, os, ts, rs := scenario(t)
		if len(os) == 0 {
			os = append(os, order("first", "u0", 12, 10, 4))
		}
		for i := range cs {
			cs[i].Cost = cny("0")
		}
		zero := ledgerOf(t, cs, os)
		want, err := zero.Analyze(ts, rs, Config{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range cs {
			cs[i].Cost = money.Money{}
		}
		unknown := ledgerOf(t, cs, os)
		got, err := unknown.Analyze(ts, rs, Config{})
		if err != nil {
			t.Fatal(err)
		}
		undef, undefR := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio)
		for i := range want {
			w := &want[i]
			w.Campaign.Cost = money.Money{}
			w.Gain, w.GainLow, w.GainHigh = undef, undef, undef
			w.ROI, w.ROILow, w.ROIHigh = undefR, undefR, undefR
			if w.Outcome == promo.Pays {
				w.Outcome = promo.Inconclusive
			}
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("(-cost 0 without gain +unknown cost):\n%s", d)
		}
	})
}

// TestMarshalBinaryCostUnknown: a ledger with unknown costs survives
// MarshalBinary, with or without orders (and so with or without a
// currency); data whose known cost has no currency, or whose cost is not
// an amount, is corrupt.
func TestMarshalBinaryCostUnknown(t *testing.T) {
	targets := []Target{{"a", "u1", Targeted}, {"a", "u2", Targeted}, {"a", "u3", Control}, {"b", "u2", Targeted}}
	for _, orders := range []bool{false, true} {
		var l Ledger
		if err := l.Track(Campaign{ID: "a", Name: "A", Window: window(10, 20)}, Campaign{ID: "b", Window: window(15, 18)}); err != nil {
			t.Fatal(err)
		}
		if orders {
			for _, o := range []metrics.Order{order("o1", "u1", 5, 10, 4), order("o2", "u2", 12, 20, 4), order("o3", "u3", 16, 15, 4)} {
				if err := l.Add(o); err != nil {
					t.Fatal(err)
				}
			}
		}
		data, err := l.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var d Ledger
		if err := d.UnmarshalBinary(data); err != nil {
			t.Fatalf("orders %v: %v", orders, err)
		}
		if d.Currency() != l.Currency() {
			t.Errorf("orders %v: Currency() = %v, want %v", orders, d.Currency(), l.Currency())
		}
		want, err := l.Analyze(targets, nil, Config{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := d.Analyze(targets, nil, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("orders %v: (-encoded +decoded):\n%s", orders, diff)
		}
		for _, c := range d.Campaigns() {
			if c.CostKnown() {
				t.Errorf("orders %v: campaign %s decoded with cost %v, want unknown", orders, c.ID, c.Cost)
			}
		}
	}

	// Corrupt data: the encoding of one campaign of a ledger in currency
	// cur with cost amt and no customers.
	enc := func(cur, amt string) []byte {
		b := []byte{encodingVersion}
		b = appendString(b, cur)
		b = append(b, 0, 0, 0, 1) // cancelled, guests, added, one campaign
		b = appendString(b, "a")
		b = appendString(b, "")
		b = append(b, 0, 2) // window start and end (0 and 1 ns)
		b = appendString(b, amt)
		return append(b, 0) // no customers
	}
	for _, tc := range []struct {
		name, cur, amt string
		ok             bool
	}{
		{"unknown cost, no currency", "", "", true},
		{"unknown cost, a currency", "CNY", "", true},
		{"known cost", "CNY", "1.00", true},
		{"a cost without a currency", "", "1.00", false},
		{"a cost that is not an amount", "CNY", "x", false},
		{"a negative cost", "CNY", "-1.00", false},
	} {
		var l Ledger
		err := l.UnmarshalBinary(enc(tc.cur, tc.amt))
		if tc.ok && err != nil || !tc.ok && !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
