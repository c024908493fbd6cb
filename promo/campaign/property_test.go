package campaign

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// scenario draws two campaigns, each of a known cost or not, random
// orders of a few customers around them, target lists (one with a
// holdout) and redemptions.
func scenario(t *rapid.T) ([]Campaign, []metrics.Order, []Target, []Redemption) {
	cs := []Campaign{
		{ID: "a", Window: window(10, 20), Cost: cny("30.00")},
		{ID: "b", Window: window(15, 18), Cost: cny("0")},
	}
	for i := range cs {
		if rapid.Bool().Draw(t, "cost unknown") {
			cs[i].Cost = money.Money{}
		}
	}
	n := rapid.IntRange(0, 60).Draw(t, "orders")
	var os []metrics.Order
	for i := range n {
		c := fmt.Sprintf("u%d", rapid.IntRange(0, 11).Draw(t, "customer"))
		d := rapid.IntRange(-5, 25).Draw(t, "day")
		net := rapid.Int64Range(1, 300).Draw(t, "net")
		os = append(os, order(fmt.Sprint(i), c, d, net, rapid.Int64Range(0, net).Draw(t, "cost")))
	}
	var ts []Target
	for i := range 12 {
		c := fmt.Sprintf("u%d", i)
		switch rapid.IntRange(0, 2).Draw(t, "list a") {
		case 1:
			ts = append(ts, Target{"a", c, Targeted})
		case 2:
			ts = append(ts, Target{"a", c, Control})
		}
		if rapid.Bool().Draw(t, "list b") {
			ts = append(ts, Target{"b", c, Targeted})
		}
	}
	var rs []Redemption
	for range rapid.IntRange(0, 8).Draw(t, "redemptions") {
		rs = append(rs, Redemption{Campaign: rapid.SampledFrom([]string{"a", "b"}).Draw(t, "campaign"),
			Customer: fmt.Sprintf("u%d", rapid.IntRange(0, 11).Draw(t, "redeemer")), Day: jan(12), Discount: cny("2.00")})
	}
	return cs, os, ts, rs
}

func ledgerOf(t *rapid.T, cs []Campaign, os []metrics.Order) *Ledger {
	var l Ledger
	if err := l.Track(cs...); err != nil {
		t.Fatal(err)
	}
	for _, o := range os {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return &l
}

// TestMergeEqualsDirect: the ledgers of any split of the orders merge
// into the ledger of all of them, in either order, and a ledger survives
// MarshalBinary; rates are shares in [0, 1].
func TestMergeEqualsDirect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cs, os, ts, rs := scenario(t)
		cut := rapid.IntRange(0, len(os)).Draw(t, "cut")
		direct := ledgerOf(t, cs, os)
		a, b := ledgerOf(t, cs, os[:cut]), ledgerOf(t, cs, os[cut:])
		if err := a.Merge(b); err != nil {
			t.Fatal(err)
		}
		var empty Ledger
		if err := empty.Merge(ledgerOf(t, cs, os)); err != nil {
			t.Fatal(err)
		}
		data, err := direct.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var decoded Ledger
		if err := decoded.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		want, err := direct.Analyze(ts, rs, Config{})
		if err != nil {
			t.Fatal(err)
		}
		for name, l := range map[string]*Ledger{"merged": a, "into empty": &empty, "decoded": &decoded} {
			got, err := l.Analyze(ts, rs, Config{})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%s (-direct +%s):\n%s", name, name, d)
			}
		}
		for _, r := range want {
			for _, q := range []metrics.Ratio{r.Response, r.CompareResponse, r.Redemption} {
				if v, ok := q.Value(); ok && (v < 0 || v > 1) {
					t.Fatalf("campaign %s: a rate %v outside [0, 1]", r.Campaign.ID, v)
				}
			}
			if r.Responders > r.Targeted || r.Redeemers > r.Targeted {
				t.Fatalf("campaign %s: %d responders, %d redeemers of %d targets", r.Campaign.ID, r.Responders, r.Redeemers, r.Targeted)
			}
			if r.ProfitLow.Defined() {
				lo, _ := r.ProfitLow.Money()
				hi, _ := r.ProfitHigh.Money()
				est, _ := r.IncrementalProfit.Money()
				a, err1 := lo.Cmp(est)
				b, err2 := est.Cmp(hi)
				if err1 != nil || err2 != nil || a > 0 || b > 0 {
					t.Fatalf("campaign %s: interval [%v, %v] does not hold %v", r.Campaign.ID, lo, hi, est)
				}
			}
		}
	})
}

func TestMergeRefused(t *testing.T) {
	var a, b Ledger
	if err := a.Track(Campaign{ID: "a", Window: window(1, 5), Cost: cny("1")}); err != nil {
		t.Fatal(err)
	}
	if err := b.Track(Campaign{ID: "a", Window: window(1, 6), Cost: cny("1")}); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(&b); err == nil {
		t.Error("merged ledgers of different windows")
	}
}
