package inventory

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// cents returns an amount in minor units (cents), as a float for
// tolerance checks of expected values.
func cents(t *testing.T, m money.Money) float64 {
	t.Helper()
	v, ok := m.Minor()
	if !ok {
		t.Fatalf("%v has no minor-unit form", m)
	}
	return float64(v)
}

func TestEOQCost(t *testing.T) {
	// By hand: D = 1,200 a year, S = 100 an order, H = 6 a unit-year.
	// EOQ = √(2 × 1,200 × 100 / 6) = 200; ordering 1,200 / 200 × 100 = 600,
	// holding 200 / 2 × 6 = 600, so 1,200 in all; at q = 100 it is
	// 1,200 + 300 = 1,500 and at q = 400, 300 + 1,200 = 1,500.
	for _, tt := range []struct {
		q    float64
		want string
	}{{200, "1200"}, {100, "1500"}, {400, "1500"}, {3, "40009"}} {
		got, err := EOQCost(1200, tt.q, usd("100"), usd("6"))
		if err != nil || !got.Equal(usd(tt.want)) {
			t.Errorf("EOQCost(1200, %v, 100, 6) = %v, %v; want USD %s", tt.q, got, err, tt.want)
		}
	}
	// [CM]'s Best Buy example (D = 12,000, S = 4,000, H = 100): the cost
	// at the EOQ is √(2DSH) = √(9.6e9) = 97,979.59 by the closed form,
	// which the book prints rounded as 97,980.
	q, err := EOQ(12000, usd("4000"), usd("100"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := EOQCost(12000, q, usd("4000"), usd("100"))
	if err != nil || math.Abs(cents(t, got)-9797959) > 1 {
		t.Errorf("EOQCost at the EOQ = %v, %v; want USD 97,979.59 ± 0.01", got, err)
	}
	for _, bad := range []error{
		func() error { _, err := EOQCost(-1, 1, usd("1"), usd("1")); return err }(),
		func() error { _, err := EOQCost(1, 0, usd("1"), usd("1")); return err }(),
		func() error { _, err := EOQCost(1, math.Inf(1), usd("1"), usd("1")); return err }(),
		func() error { _, err := EOQCost(1, 1, usd("-1"), usd("1")); return err }(),
	} {
		if !errors.Is(bad, metrics.ErrConfig) {
			t.Errorf("bad EOQCost parameters: error %v, want metrics.ErrConfig", bad)
		}
	}
	if _, err := EOQCost(1, 1, usd("1"), yuan("1")); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("EOQCost in two currencies: error %v, want a currency mismatch", err)
	}
}

// TestPropEOQCostMinimal checks that the EOQ minimises EOQCost, where the
// two parts of the cost are equal, so that the cost is √(2DSH).
func TestPropEOQCostMinimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := float64(rapid.IntRange(1, 1_000_000).Draw(t, "demand"))
		s := money.MustNew(rapid.SampledFrom([]string{"0.50", "12", "250", "4000"}).Draw(t, "S"), "USD")
		h := money.MustNew(rapid.SampledFrom([]string{"0.01", "1.25", "6", "100"}).Draw(t, "H"), "USD")
		q, err := EOQ(d, s, h)
		if err != nil {
			t.Fatal(err)
		}
		best, err := EOQCost(d, q, s, h)
		if err != nil {
			t.Fatal(err)
		}
		sf, _ := s.Decimal().Float64()
		hf, _ := h.Decimal().Float64()
		if want := math.Sqrt(2*d*sf*hf) * 100; math.Abs(float64(mustMinor(t, best))-want) > 1+want*1e-12 {
			t.Fatalf("EOQCost at the EOQ %v = %v, want √(2DSH) = %.2f", q, best, want/100)
		}
		f := rapid.Float64Range(0.05, 20).Draw(t, "factor")
		other, err := EOQCost(d, q*f, s, h)
		if err != nil {
			t.Fatal(err)
		}
		if mustMinor(t, other) < mustMinor(t, best)-1 {
			t.Fatalf("EOQCost(q × %v) = %v is below the cost at the EOQ, %v", f, other, best)
		}
	})
}

func mustMinor(t *rapid.T, m money.Money) int64 {
	v, ok := m.Minor()
	if !ok {
		t.Fatalf("%v has no minor-unit form", m)
	}
	return v
}

// TestNewsvendorAtIntegral checks NewsvendorAt's closed forms against the
// expectations integrated numerically over the normal density (gonum's
// Gauss–Legendre quadrature over μ ± 12σ, split at q), an independent computation.
func TestNewsvendorAtIntegral(t *testing.T) {
	price, cost, salvage := usd("250"), usd("100"), usd("80") // [CM]'s Sportmart parkas
	const mean, sigma = 350.0, 100.0
	n := distuv.Normal{Mu: mean, Sigma: sigma}
	for _, q := range []float64{0, 200, 350, 468.7, 700} {
		got, err := NewsvendorAt(q, mean, sigma, price, cost, salvage)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := mean-12*sigma, mean+12*sigma
		// Each integrand is smooth on its side of q, where it is split.
		lost := quad.Fixed(func(d float64) float64 { return (d - q) * n.Prob(d) }, max(q, lo), hi, 200, nil, 0)
		left := quad.Fixed(func(d float64) float64 { return (q - d) * n.Prob(d) }, lo, q, 200, nil, 0)
		if math.Abs(got.LostSales-lost) > 1e-6 || math.Abs(got.Leftover-left) > 1e-6 {
			t.Errorf("q = %v: lost %v, leftover %v; the integrals give %v and %v", q, got.LostSales, got.Leftover, lost, left)
		}
		if math.Abs(got.Sales+got.LostSales-mean) > 1e-9 {
			t.Errorf("q = %v: sales %v + lost %v ≠ mean %v", q, got.Sales, got.LostSales, mean)
		}
		// Cost = 20 × leftover + 150 × lost; profit = 250 × sales −
		// 100 × q + 80 × leftover, each to the cent.
		if want := (20*left + 150*lost) * 100; math.Abs(cents(t, got.Cost)-want) > 1 {
			t.Errorf("q = %v: cost %v, want %.2f", q, got.Cost, want/100)
		}
		if want := (250*(mean-lost) - 100*q + 80*left) * 100; math.Abs(cents(t, got.Profit)-want) > 1 {
			t.Errorf("q = %v: profit %v, want %.2f", q, got.Profit, want/100)
		}
	}
	// At the optimal quantity the cost is (Cu + Co) × σ × φ(z*), the
	// closed form of the newsvendor's minimal expected cost.
	q, cr, err := Newsvendor(mean, sigma, price, cost, salvage)
	if err != nil {
		t.Fatal(err)
	}
	at, err := NewsvendorAt(q, mean, sigma, price, cost, salvage)
	if err != nil {
		t.Fatal(err)
	}
	z := distuv.UnitNormal.Quantile(cr)
	if want := 170 * sigma * distuv.UnitNormal.Prob(z) * 100; math.Abs(cents(t, at.Cost)-want) > 1 {
		t.Errorf("cost at the optimum = %v, want (Cu + Co)σφ(z*) = %.2f", at.Cost, want/100)
	}
	for _, dq := range []float64{-20, -1, 1, 20} {
		other, err := NewsvendorAt(q+dq, mean, sigma, price, cost, salvage)
		if err != nil {
			t.Fatal(err)
		}
		if cents(t, other.Cost) < cents(t, at.Cost) || cents(t, other.Profit) > cents(t, at.Profit) {
			t.Errorf("q* %+v: cost %v, profit %v; the optimum has %v and %v", dq, other.Cost, other.Profit, at.Cost, at.Profit)
		}
	}
}

func TestNewsvendorAtEdges(t *testing.T) {
	// No uncertainty: ordering 10 of a demand of 12 sells 10, loses 2.
	got, err := NewsvendorAt(10, 12, 0, usd("5"), usd("3"), usd("1"))
	if err != nil || got.Sales != 10 || got.LostSales != 2 || got.Leftover != 0 || !got.Cost.Equal(usd("4")) || !got.Profit.Equal(usd("20")) {
		t.Errorf("NewsvendorAt(10, 12, 0) = %+v, %v; want sales 10, lost 2, cost 4, profit 20", got, err)
	}
	// Far in the tail the loss function stays positive and finite.
	got, err = NewsvendorAt(0, 1000, 1, usd("5"), usd("3"), usd("1"))
	if err != nil || math.Abs(got.LostSales-1000) > 1e-9 || got.Leftover < 0 {
		t.Errorf("NewsvendorAt(0, 1000, 1) = %+v, %v; want lost sales 1000", got, err)
	}
	for _, bad := range []error{
		func() error { _, err := NewsvendorAt(-1, 1, 1, usd("5"), usd("3"), usd("1")); return err }(),
		func() error { _, err := NewsvendorAt(1, math.NaN(), 1, usd("5"), usd("3"), usd("1")); return err }(),
		func() error { _, err := NewsvendorAt(1, 1, 1, usd("2"), usd("3"), usd("1")); return err }(),
		func() error { _, err := NewsvendorAt(1, 1, 1, usd("5"), usd("3"), usd("4")); return err }(),
	} {
		if !errors.Is(bad, metrics.ErrConfig) {
			t.Errorf("bad NewsvendorAt parameters: error %v, want metrics.ErrConfig", bad)
		}
	}
}

func TestTurnover(t *testing.T) {
	// COGS 120,000 over an average inventory of 30,000 at cost: 4 turns,
	// and over a 365-day year 30,000 / 120,000 × 365 = 91.25 days.
	r, err := Turnover(usd("120000"), usd("30000"))
	if v, ok := r.Value(); err != nil || !ok || v != 4 {
		t.Errorf("Turnover = %v, %v; want 4", r, err)
	}
	d, err := DaysOfInventory(usd("30000"), usd("120000"), 365)
	if v, ok := d.Value(); err != nil || !ok || v != 91.25 {
		t.Errorf("DaysOfInventory = %v, %v; want 91.25", d, err)
	}
	// Undefined, never infinite: no stock, no sales, no days.
	if r, err := Turnover(usd("5"), usd("0")); err != nil || r.Defined() {
		t.Errorf("Turnover with no stock = %v, %v; want undefined", r, err)
	}
	if d, err := DaysOfInventory(usd("5"), usd("0"), 30); err != nil || d.Defined() {
		t.Errorf("DaysOfInventory with no COGS = %v, %v; want undefined", d, err)
	}
	if d, err := DaysOfInventory(usd("5"), usd("1"), 0); err != nil || d.Defined() {
		t.Errorf("DaysOfInventory over 0 days = %v, %v; want undefined", d, err)
	}
	if _, err := Turnover(usd("1"), yuan("1")); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("Turnover in two currencies: error %v, want a currency mismatch", err)
	}
}
