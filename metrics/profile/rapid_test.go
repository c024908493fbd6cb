package profile_test

import (
	"bytes"
	"math"
	"strconv"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"pgregory.net/rapid"
)

type draw struct {
	c profile.Customer
	b profile.Buyer
}

func drawBuyers(t *rapid.T) []draw {
	n := rapid.IntRange(0, 40).Draw(t, "buyers")
	var out []draw
	for i := range n {
		c := profile.Customer{ID: strconv.Itoa(i)}
		c.Age = rapid.IntRange(0, 90).Draw(t, "age")
		c.Gender = rapid.SampledFrom([]string{"", "F", "M"}).Draw(t, "gender")
		c.City = rapid.SampledFrom([]string{"", "a", "b", "c", "d"}).Draw(t, "city")
		if rapid.Bool().Draw(t, "labelled") {
			c.Labels = map[string]string{"income": rapid.SampledFrom([]string{"", "low", "high"}).Draw(t, "income")}
		}
		orders := rapid.Int64Range(1, 4).Draw(t, "orders")
		sales := money.MustCurrency("USD").FromMinor(rapid.Int64Range(0, 100000).Draw(t, "cents"))
		out = append(out, draw{c, profile.Buyer{Sales: sales, Orders: orders, New: rapid.Bool().Draw(t, "new"), Value: sales.Mul(3)}})
	}
	return out
}

func fill(t *rapid.T, ds []draw) *profile.Table {
	var tb profile.Table
	for _, d := range ds {
		if err := tb.Add(d.c, d.b); err != nil {
			t.Fatal(err)
		}
	}
	return &tb
}

func encode(t *rapid.T, tb *profile.Table) []byte {
	b, err := tb.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSharesAddUp checks that, in every dimension and with any folding,
// the rows' buyers and sales add up to the total, the shares to 1, and
// every share lies in [0, 1].
func TestSharesAddUp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tb := fill(t, drawBuyers(t))
		max := rapid.IntRange(0, 4).Draw(t, "max")
		total := tb.Total()
		for _, dim := range append(tb.Dimensions(), profile.DimRegion) {
			var buyers int64
			var sales money.Total
			var share, bshare float64
			for _, r := range tb.Rows(dim, max) {
				buyers += r.Buyers
				sales.AddMoney(r.Sales)
				for _, x := range []float64{val(r.SalesShare.Value()), val(r.BuyerShare.Value()), val(r.Shift.NewShare.Value()), val(r.Repurchase.Value())} {
					if !(x >= 0 && x <= 1) && !math.IsNaN(x) {
						t.Fatalf("%s %s: share %v", dim, r.Value, x)
					}
				}
				share += val(r.SalesShare.Value())
				bshare += val(r.BuyerShare.Value())
			}
			if buyers != total.Buyers || !sales.Money(tb.Currency()).Equal(total.Sales) {
				t.Fatalf("%s: rows add to %d buyers %v, total %d %v", dim, buyers, sales.Money(tb.Currency()), total.Buyers, total.Sales)
			}
			if total.Buyers > 0 && math.Abs(bshare-1) > 1e-9 {
				t.Fatalf("%s: buyer shares add to %v", dim, bshare)
			}
			if total.SalesShare.Defined() && math.Abs(share-1) > 1e-9 {
				t.Fatalf("%s: sales shares add to %v", dim, share)
			}
		}
	})
}

// val returns v, or NaN when undefined (which the checks skip).
func val(v float64, ok bool) float64 {
	if !ok {
		return math.NaN()
	}
	return v
}

// TestMergeEqualsDirect checks that tables of two shards merged equal the
// table of all buyers, whichever way round, and survive an encoding.
func TestMergeEqualsDirect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ds := drawBuyers(t)
		cut := rapid.IntRange(0, len(ds)).Draw(t, "cut")
		direct := encode(t, fill(t, ds))
		a, b := fill(t, ds[:cut]), fill(t, ds[cut:])
		ab, ba := fill(t, ds[:cut]), fill(t, ds[cut:])
		if err := ab.Merge(b); err != nil {
			t.Fatal(err)
		}
		if err := ba.Merge(a); err != nil {
			t.Fatal(err)
		}
		for name, got := range map[string][]byte{"a+b": encode(t, ab), "b+a": encode(t, ba)} {
			if !bytes.Equal(direct, got) {
				t.Fatalf("%s differs from direct", name)
			}
		}
		var back profile.Table
		if err := back.UnmarshalBinary(direct); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(encode(t, &back), direct) {
			t.Fatal("decoded table encodes differently")
		}
	})
}
