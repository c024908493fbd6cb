package clv

import (
	"math"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestGroupEqualsGrouper is Group's contract with the Grouper: Group
// finds its groups by sorting, a Grouper in a map, and they must give the
// same rows in the same order with the same weights to the last bit. The
// draws make many equal rows (few distinct values), rows equal but for
// the sign of a zero (one group, whose row keeps its first customer's
// zero), fractional weights (whose sum depends on the order of the
// additions: the customers' order) and zero weights (meaning 1), and
// sometimes a NaN.
func TestGroupEqualsGrouper(t *testing.T) {
	negZero := math.Copysign(0, -1)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 80).Draw(t, "customers")
		cs := make([]Customer, n)
		for i := range cs {
			c := Customer{T: float64(rapid.IntRange(0, 3).Draw(t, "T"))}
			if x := rapid.IntRange(0, 2).Draw(t, "x"); x > 0 {
				c.X, c.Tx = float64(x), float64(rapid.IntRange(0, int(c.T)).Draw(t, "tx"))
				c.Monetary = rapid.SampledFrom([]float64{1.0 / 3, 10, negZero, 0, -2.5, 1e300}).Draw(t, "monetary")
			} else {
				c.Tx = rapid.SampledFrom([]float64{0, negZero}).Draw(t, "zeroTx")
			}
			c.Weight = rapid.SampledFrom([]float64{0, 1, 0.1, 0.7, 1.3, 1e16}).Draw(t, "weight")
			if rapid.IntRange(0, 30).Draw(t, "nan") == 0 {
				c.Monetary = math.NaN()
			}
			cs[i] = c
		}
		var g Grouper
		for _, c := range cs {
			g.Add(c)
		}
		if d := gocmp.Diff(g.Rows(), Group(cs), bitsEqual); d != "" {
			t.Fatalf("Group (-Grouper +Group):\n%s", d)
		}
	})
}

// TestGroupHistories checks that groupHistories, which finds the
// histories from Group's sort, gives Group's rows and the histories
// historiesOf finds in a map: the same numbering (by first customer), the
// same first customers and rows. The draws make many equal histories
// that differ in spend, rows equal but for the sign of a zero, and
// sometimes a NaN (whose customers go through the map).
func TestGroupHistories(t *testing.T) {
	negZero := math.Copysign(0, -1)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 80).Draw(t, "customers")
		cs := make([]Customer, n)
		for i := range cs {
			c := Customer{T: float64(rapid.IntRange(0, 3).Draw(t, "T"))}
			if x := rapid.IntRange(0, 2).Draw(t, "x"); x > 0 {
				c.X, c.Tx = float64(x), float64(rapid.IntRange(0, int(c.T)).Draw(t, "tx"))
				c.Monetary = rapid.SampledFrom([]float64{1.0 / 3, 10, negZero, 0, 2.5}).Draw(t, "monetary")
			} else {
				c.Tx = rapid.SampledFrom([]float64{0, negZero}).Draw(t, "zeroTx")
			}
			c.Weight = rapid.SampledFrom([]float64{0, 1, 0.7}).Draw(t, "weight")
			if rapid.IntRange(0, 30).Draw(t, "nan") == 0 {
				c.Monetary = math.NaN()
			}
			cs[i] = c
		}
		rows, h := groupHistories(cs)
		if d := gocmp.Diff(Group(cs), rows, bitsEqual); d != "" {
			t.Fatalf("rows (-Group +groupHistories):\n%s", d)
		}
		want := historiesOf(cs)
		if d := gocmp.Diff(want.of, h.of); d != "" {
			t.Fatalf("of (-historiesOf +groupHistories):\n%s", d)
		}
		if d := gocmp.Diff(want.first, h.first); d != "" {
			t.Fatalf("first (-historiesOf +groupHistories):\n%s", d)
		}
		if d := gocmp.Diff(want.rows, h.rows, bitsEqual); d != "" {
			t.Fatalf("rows of the histories (-historiesOf +groupHistories):\n%s", d)
		}
	})
}
