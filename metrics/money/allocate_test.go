package money

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func decs(vs ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(vs))
	for i, v := range vs {
		out[i] = decimal.RequireFromString(v)
	}
	return out
}

func amounts(ms []Money) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Amount()
	}
	return out
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		name    string
		amount  string
		weights []string
		want    []string
		reason  string
	}{
		{"equal thirds", "10.00", []string{"1", "1", "1"}, []string{"3.34", "3.33", "3.33"}, "the leftover cent goes to the first of the tied remainders"},
		{"by line value", "10.00", []string{"59.90", "19.90", "0.10"}, []string{"7.50", "2.49", "0.01"}, "7.4968…, 2.4906…, 0.0125…: the cent goes to the largest remainder (2.49|06 loses to 7.49|68)"},
		{"zero weight", "5.00", []string{"0", "3", "1"}, []string{"0.00", "3.75", "1.25"}, "a zero weight gets nothing"},
		{"negative amount", "-10.00", []string{"1", "1", "1"}, []string{"-3.34", "-3.33", "-3.33"}, "parts take the sign of the amount"},
		{"extra decimals", "0.005", []string{"1", "1"}, []string{"0.003", "0.002"}, "an amount finer than a cent is split in its own unit"},
		{"one part", "7.77", []string{"2"}, []string{"7.77"}, ""},
		{"fractional weights", "1.00", []string{"0.5", "0.25", "0.25"}, []string{"0.50", "0.25", "0.25"}, ""},
	}
	for _, tt := range tests {
		got, err := MustNew(tt.amount, "CNY").Allocate(decs(tt.weights...))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, amounts(got)); diff != "" {
			t.Errorf("%s: Allocate mismatch (-want +got):\n%s\n%s", tt.name, diff, tt.reason)
		}
	}
	if _, err := MustNew("1", "CNY").Allocate(decs("0", "0")); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("all-zero weights: error = %v, want ErrZeroWeights", err)
	}
	if _, err := MustNew("1", "CNY").Allocate(nil); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("no weights: error = %v, want ErrZeroWeights", err)
	}
	if _, err := MustNew("1", "CNY").Allocate(decs("1", "-1")); !errors.Is(err, ErrNegativeWeight) {
		t.Errorf("negative weight: error = %v, want ErrNegativeWeight", err)
	}
	if _, err := MustNew("1", "CNY").Split(0); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("Split(0) error = %v", err)
	}
}

func TestPropAllocateConserves(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur := rapid.SampledFrom([]Currency{MustCurrency("CNY"), MustCurrency("JPY")}).Draw(t, "cur")
		m := genMoney(cur).Draw(t, "amount")
		ws := rapid.SliceOfN(rapid.Int64Range(0, 1_000_000), 1, 20).Draw(t, "weights")
		weights := make([]decimal.Decimal, len(ws))
		total := decimal.Zero
		for i, w := range ws {
			weights[i] = decimal.New(w, -rapid.Int32Range(0, 3).Draw(t, "scale"))
			total = total.Add(weights[i])
		}
		parts, err := m.Allocate(weights)
		if total.IsZero() {
			if !errors.Is(err, ErrZeroWeights) {
				t.Fatalf("all-zero weights: error = %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var sum Sum
		for i, p := range parts {
			sum.Add(p)
			if p.Sign() != 0 && p.Sign() != m.Sign() {
				t.Fatalf("part %d = %s has the wrong sign for %s", i, p, m)
			}
			// Each part is within one smallest unit of its exact share.
			exact := m.Decimal().Mul(weights[i]).DivRound(total, 40)
			unit := decimal.New(1, min(m.e(), -cur.digits()))
			if p.Decimal().Sub(exact).Abs().GreaterThanOrEqual(unit) {
				t.Fatalf("part %d = %s, exact share %s: off by a unit or more", i, p, exact)
			}
		}
		if got := sum.Total(cur); !got.Equal(m) && !(m.IsZero() && got.IsZero()) {
			t.Fatalf("parts add up to %s, want %s", got, m)
		}
	})
}
