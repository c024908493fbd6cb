package inventory

import (
	"errors"
	"math"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func usd(s string) money.Money { return money.MustNew(s, "USD") }

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// The expected numbers of these tests are worked examples of two textbooks:
//
//   - [CM] S. Chopra and P. Meindl, Supply Chain Management: Strategy,
//     Planning, and Operation (Pearson), the chapters on cycle inventory
//     (EOQ), safety inventory and optimal product availability.
//   - [N] S. Nahmias, Production and Operations Analysis (McGraw-Hill),
//     the newsboy model chapter.
//
// The books print rounded results; the tolerance of each check covers the
// book's rounding and no more.

func TestSafetyStockTextbook(t *testing.T) {
	// [CM], safety inventory given a desired cycle service level: weekly
	// demand D = 2,500, σ_D = 500, lead time L = 2 weeks, CSL = 0.90.
	// σ_L = √2 × 500 = 707; ss = NORMSINV(0.90) × σ_L = 906 (the book).
	ss, err := SafetyStock(0.90, 500, 2)
	if err != nil || !near(ss, 906, 0.5) {
		t.Errorf("SafetyStock(0.90, 500, 2) = %v, %v; want 906 ([CM])", ss, err)
	}
	// Reorder point = D × L + ss = 5,000 + 906 = 5,906 ([CM]).
	rop, err := ReorderPoint(2500, 500, 2, 0.90)
	if err != nil || !near(rop, 5906, 0.5) {
		t.Errorf("ReorderPoint = %v, %v; want 5906 ([CM])", rop, err)
	}
	// z(0.5) = 0: no safety stock at a 50 % service level (by definition).
	if ss, _ := SafetyStock(0.5, 100, 9); !near(ss, 0, 1e-9) {
		t.Errorf("SafetyStock(0.5) = %v, want 0", ss)
	}
	// z(0.95) = 1.6449 (standard normal table) × 10 × √4 = 32.897.
	if ss, _ := SafetyStock(0.95, 10, 4); !near(ss, 32.897, 0.001) {
		t.Errorf("SafetyStock(0.95, 10, 4) = %v, want 32.897 (normal table)", ss)
	}
}

func TestEOQTextbook(t *testing.T) {
	// [CM], the Best Buy computer example of cycle inventory: monthly
	// demand 1,000 (D = 12,000 a year), S = $4,000 per order, C = $500 a
	// unit, h = 20 % a year so H = $100. Q* = √(2 × 12,000 × 4,000 / 100)
	// = 980 units (the book).
	q, err := EOQ(12000, usd("4000"), usd("100"))
	if err != nil || !near(q, 980, 0.5) {
		t.Errorf("EOQ = %v, %v; want 980 ([CM])", q, err)
	}
}

func TestNewsvendorTextbook(t *testing.T) {
	tests := []struct {
		name                 string
		mean, sigma          float64
		price, cost, salvage money.Money
		wantQ, tolQ, wantCR  float64
		reason               string
	}{{
		name: "Sportmart parkas", mean: 350, sigma: 100,
		price: usd("250"), cost: usd("100"), salvage: usd("80"),
		// [CM], optimal service level for a seasonal item: Cu = 150,
		// Co = 20, CSL* = 150/170 = 0.88, O* = NORMINV(0.88, 350, 100) = 468.
		// The book rounds the CSL to 0.88 (467.5); with 0.8824 the
		// quantity is 468.7, within 1 of the book's 468.
		wantQ: 468, tolQ: 1, wantCR: 150.0 / 170,
	}, {
		name: "Mac's newsstand", mean: 11.73, sigma: 4.74,
		price: usd("0.75"), cost: usd("0.25"), salvage: usd("0"),
		// [N], the newsboy example: Cu = 0.50, Co = 0.25, critical ratio
		// 0.667, z = 0.43 (table), Q* = 11.73 + 0.43 × 4.74 = 13.77, and
		// the book orders 14.
		wantQ: 13.77, tolQ: 0.01, wantCR: 2.0 / 3,
	}}
	for _, tt := range tests {
		q, cr, err := Newsvendor(tt.mean, tt.sigma, tt.price, tt.cost, tt.salvage)
		if err != nil || !near(q, tt.wantQ, tt.tolQ) || !near(cr, tt.wantCR, 1e-12) {
			t.Errorf("%s: Newsvendor = %v, %v, %v; want %v ± %v, critical ratio %v", tt.name, q, cr, err, tt.wantQ, tt.tolQ, tt.wantCR)
		}
	}
}

func TestReplenishmentErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
	}{
		{"service level 1", func() error { _, err := SafetyStock(1, 1, 1); return err }()},
		{"service level 0", func() error { _, err := SafetyStock(0, 1, 1); return err }()},
		{"service level NaN", func() error { _, err := SafetyStock(math.NaN(), 1, 1); return err }()},
		{"negative lead time", func() error { _, err := SafetyStock(0.9, 1, -1); return err }()},
		{"negative mean", func() error { _, err := ReorderPoint(-1, 1, 1, 0.9); return err }()},
		{"zero holding cost", func() error { _, err := EOQ(100, usd("10"), usd("0")); return err }()},
		{"price below cost", func() error { _, _, err := Newsvendor(10, 1, usd("5"), usd("6"), usd("1")); return err }()},
		{"salvage above cost", func() error { _, _, err := Newsvendor(10, 1, usd("9"), usd("6"), usd("7")); return err }()},
	}
	for _, tt := range tests {
		var ce *metrics.ConfigError
		if !errors.Is(tt.err, metrics.ErrConfig) || !errors.As(tt.err, &ce) || ce.Pkg != "inventory" || ce.Field == "" {
			t.Errorf("%s: error %v, want an inventory *metrics.ConfigError naming the parameter", tt.name, tt.err)
		}
	}
	if _, err := EOQ(100, usd("10"), yuan("1")); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("EOQ in two currencies: error %v, want a currency mismatch", err)
	}
}

func TestDaysUntilStockout(t *testing.T) {
	if r := DaysUntilStockout(30, 0); r.Defined() {
		t.Errorf("no demand: %v, want undefined", r)
	}
	// 30 units at 4 a day: 7.5 days (hand computation).
	if v, _ := DaysUntilStockout(30, 4).Value(); v != 7.5 {
		t.Errorf("DaysUntilStockout(30, 4) = %v, want 7.5", v)
	}
	if v, _ := DaysUntilStockout(-3, 4).Value(); v != 0 {
		t.Errorf("negative stock: %v, want 0", v)
	}
}
