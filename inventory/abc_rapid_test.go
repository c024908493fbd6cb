package inventory

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestABCBandProperties checks the METRICS.md rule on random stores: the
// class never goes back up along the ranking, the first SKU with a
// positive value is A, and a SKU is A exactly when the share before it is
// below the A bound (so the SKU that crosses it is A), checked against the
// exact decimal shares whether the fast integer path ran or not.
func TestABCBandProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "skus")
		places := rapid.Int32Range(0, 4).Draw(t, "places")
		in := make([]ABCInput, n)
		for i := range in {
			v := rapid.Int64Range(-5, 10_000).Draw(t, "value")
			in[i] = ABCInput{SKU: string(rune('a'+i%26)) + itoa(int64(i)), Value: decimal.New(v, -places)}
		}
		cfg := ABCConfig{A: rapid.SampledFrom([]float64{0, 0.5, 0.8, 0.9, 1}).Draw(t, "A")}
		a, err := ClassifyABC(in, cfg)
		if err != nil {
			t.Fatal(err)
		}
		boundA, boundB := cfg.bounds()
		limA, limB := a.Total.Mul(boundA), a.Total.Mul(boundB)
		before := decimal.Zero
		firstPositive := true
		for i, it := range a.Items {
			if i > 0 && it.Class < a.Items[i-1].Class {
				t.Fatalf("rank %d (%s) is %v after %v: classes went back up", i, it.SKU, it.Class, a.Items[i-1].Class)
			}
			if it.Value.Sign() <= 0 {
				if it.Class != ClassC {
					t.Fatalf("%s with value %s is %v; want C", it.SKU, it.Value, it.Class)
				}
				continue
			}
			want := ClassC
			switch {
			case before.Cmp(limA) < 0:
				want = ClassA
			case before.Cmp(limB) < 0:
				want = ClassB
			}
			if it.Class != want {
				t.Fatalf("%s starts at %s of %s (bounds %s, %s): %v, want %v", it.SKU, before, a.Total, limA, limB, it.Class, want)
			}
			if firstPositive && it.Class != ClassA {
				t.Fatalf("the first SKU with sales, %s, is %v; want A", it.SKU, it.Class)
			}
			firstPositive = false
			before = before.Add(it.Value)
		}
	})
}
