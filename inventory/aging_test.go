package inventory

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
)

func TestAging(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	receipts := []Receipt{
		{SKU: "K", Day: nov(8), Quantity: 4, UnitCost: yuan("1.50")},
		{SKU: "K", Day: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), Quantity: 10, UnitCost: yuan("1.00")},
		{SKU: "K", Day: nov(1), Quantity: 5, UnitCost: yuan("1.20")},
		{SKU: "L", Day: nov(2), Quantity: 3, UnitCost: yuan("2.00")},
	}
	snaps := []Snapshot{
		{SKU: "K", Day: nov(10), OnHand: 12, UnitCost: yuan("1.30")},
		{SKU: "L", Day: nov(10), OnHand: 5, UnitCost: yuan("2.50")},
	}
	r, err := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(snaps), Receipts: receipts})
	if err != nil {
		t.Fatal(err)
	}
	type b struct{ Label, Units, Cost string }
	buckets := func(sku string) []b {
		m, _ := r.SKU(sku)
		var out []b
		for _, x := range m.Aging {
			if x.Units > 0 {
				out = append(out, b{x.Label(), itoa(x.Units), x.Cost.String()})
			}
		}
		return out
	}
	// K, first in first out, 12 units on 10 Nov are the newest receipts:
	// 4 of 8 Nov (2 days, 6.00) + 5 of 1 Nov (9 days, 6.00) → 0-30: 9 units,
	// 12.00; 3 of the 10 of 1 Oct (40 days) → 31-60: 3 units, 3.00.
	if diff := cmp.Diff([]b{{"0-30", "9", "CNY 12.00"}, {"31-60", "3", "CNY 3.00"}}, buckets("K")); diff != "" {
		t.Errorf("K aging (-want +got):\n%s", diff)
	}
	// L: 5 on hand, 3 received: 2 units of unknown age at the last cost 2.50.
	if diff := cmp.Diff([]b{{"0-30", "3", "CNY 6.00"}, {"unknown", "2", "CNY 5.00"}}, buckets("L")); diff != "" {
		t.Errorf("L aging (-want +got):\n%s", diff)
	}
	// The store adds the buckets: 0-30 9+3 units, 12.00+6.00; 31-60 3, 3.00;
	// unknown 2, 5.00.
	var store []b
	for _, x := range r.Store.Aging {
		if x.Units > 0 {
			store = append(store, b{x.Label(), itoa(x.Units), x.Cost.String()})
		}
	}
	if diff := cmp.Diff([]b{{"0-30", "12", "CNY 18.00"}, {"31-60", "3", "CNY 3.00"}, {"unknown", "2", "CNY 5.00"}}, store); diff != "" {
		t.Errorf("store aging (-want +got):\n%s", diff)
	}
	k, _ := r.SKU("K")
	if k.Received != 9 {
		t.Errorf("K received %d in the period, want 4 + 5 = 9", k.Received)
	}
	if got := []string{k.Aging[3].Label(), k.Aging[4].Label()}; !cmp.Equal(got, []string{"91-180", ">180"}) {
		t.Errorf("labels %v", got)
	}
}
