package metrics

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestAllocMinorMatchesAllocate checks the allocation-free fast path used by
// Summarize against Money.Allocate, the definition.
func TestAllocMinorMatchesAllocate(t *testing.T) {
	cny := MustCurrency("CNY")
	rapid.Check(t, func(t *rapid.T) {
		// Small values, and values near the int64 limit where the 128-bit
		// products matter.
		maxW := rapid.SampledFrom([]int64{1_000_000, math.MaxInt64 / 40}).Draw(t, "maxWeight")
		w := rapid.SliceOfN(rapid.Int64Range(0, maxW), 1, 40).Draw(t, "weights")
		total := rapid.Int64Range(0, rapid.SampledFrom([]int64{2_000_000, math.MaxInt64}).Draw(t, "maxTotal")).Draw(t, "total")
		out := make([]int64, len(w))
		idx := make([]int, len(w))
		rem := make([]uint64, len(w))
		ok := allocMinor(total, w, out, idx, rem)
		dw := make([]decimal.Decimal, len(w))
		allZero := true
		for i, v := range w {
			dw[i] = decimal.NewFromInt(v)
			allZero = allZero && v == 0
		}
		want, err := cny.FromMinor(total).Allocate(dw)
		if allZero {
			if ok || err == nil {
				t.Fatalf("all-zero weights: fast ok=%v, Allocate err=%v", ok, err)
			}
			return
		}
		if !ok || err != nil {
			t.Fatalf("fast ok=%v, Allocate err=%v", ok, err)
		}
		got := make([]Money, len(w))
		for i, v := range out {
			got[i] = cny.FromMinor(v)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("allocMinor != Allocate (-want +got):\n%s", diff)
		}
	})
}

func TestDiscountShares(t *testing.T) {
	c := MustCurrency("CNY")
	o := Order{Currency: c, Discount: MustNew("10.00", "CNY"), Lines: []Line{
		{Quantity: 1, UnitPrice: MustNew("10.00", "CNY")},
		{Quantity: 2, UnitPrice: MustNew("10.00", "CNY"), Discount: MustNew("5.00", "CNY")},
		{Quantity: 1, UnitPrice: MustNew("5.00", "CNY")},
	}}
	got, err := o.DiscountShares()
	if err != nil {
		t.Fatal(err)
	}
	// Net line values 10, 15, 5 (total 30): 10 × 10/30 = 3.333…,
	// 10 × 15/30 = 5.00, 10 × 5/30 = 1.666…; floors 3.33 + 5.00 + 1.66 leave
	// one cent for the largest remainder, the third line (0.666… > 0.333…).
	want := []Money{MustNew("3.33", "CNY"), MustNew("5.00", "CNY"), MustNew("1.67", "CNY")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DiscountShares (-want +got):\n%s", diff)
	}
	net, _ := o.Net()
	total, _ := o.Total()
	if !net.Equal(MustNew("20.00", "CNY")) || !total.Equal(net) {
		t.Errorf("Net, Total = %v, %v; want CNY 20.00 for both (30 − 10, no shipping or tax)", net, total)
	}
	none, err := Order{Currency: c, Lines: o.Lines}.DiscountShares()
	if err != nil || len(none) != 3 || !none[0].Equal(c.Zero()) {
		t.Errorf("DiscountShares without discount = %v, %v; want three zeros", none, err)
	}
}
