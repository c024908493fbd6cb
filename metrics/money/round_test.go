package money

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestRound(t *testing.T) {
	// Expected values follow the definitions of IEEE 754-2008 §4.3 and the
	// table in the Java BigDecimal RoundingMode documentation.
	modes := []RoundingMode{RoundHalfEven, RoundHalfUp, RoundHalfDown, RoundUp, RoundDown, RoundCeiling, RoundFloor}
	tests := []struct {
		in   string
		want [7]string // in the order of modes
	}{
		{"0.125", [7]string{"0.12", "0.13", "0.12", "0.13", "0.12", "0.13", "0.12"}},
		{"0.135", [7]string{"0.14", "0.14", "0.13", "0.14", "0.13", "0.14", "0.13"}},
		{"-0.125", [7]string{"-0.12", "-0.13", "-0.12", "-0.13", "-0.12", "-0.12", "-0.13"}},
		{"0.1251", [7]string{"0.13", "0.13", "0.13", "0.13", "0.12", "0.13", "0.12"}},
		{"-0.1249", [7]string{"-0.12", "-0.12", "-0.12", "-0.13", "-0.12", "-0.12", "-0.13"}},
		{"2.5", [7]string{"2.50", "2.50", "2.50", "2.50", "2.50", "2.50", "2.50"}},
		{"0.001", [7]string{"0.00", "0.00", "0.00", "0.01", "0.00", "0.01", "0.00"}},
	}
	for _, tt := range tests {
		for i, mode := range modes {
			got := MustNew(tt.in, "CNY").Round(mode).Amount()
			if got != tt.want[i] {
				t.Errorf("Round(%s, %v) = %s, want %s", tt.in, mode, got, tt.want[i])
			}
		}
	}
	if got := MustNew("2.5", "JPY").Round(RoundHalfEven).Amount(); got != "2" {
		t.Errorf("Round(JPY 2.5, half-even) = %s, want 2", got)
	}
	if got := MustNew("3.5", "JPY").Round(RoundHalfEven).Amount(); got != "4" {
		t.Errorf("Round(JPY 3.5, half-even) = %s, want 4", got)
	}
}

// refRound rounds with shopspring's own methods where they exist; half-down
// is half-up except on an exact tie.
func refRound(d decimal.Decimal, places int32, mode RoundingMode) decimal.Decimal {
	switch mode {
	case RoundHalfEven:
		return d.RoundBank(places)
	case RoundHalfUp:
		return d.Round(places)
	case RoundHalfDown:
		t := d.Truncate(places)
		half := decimal.New(5, -places-1)
		if d.Sub(t).Abs().Equal(half) {
			return t
		}
		return d.Round(places)
	case RoundUp:
		return d.RoundUp(places)
	case RoundDown:
		return d.RoundDown(places)
	case RoundCeiling:
		return d.RoundCeil(places)
	}
	return d.RoundFloor(places)
}

func TestPropRoundMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := decimal.New(rapid.Int64Range(-1e15, 1e15).Draw(t, "coef"), rapid.Int32Range(-9, 0).Draw(t, "exp"))
		mode := RoundingMode(rapid.IntRange(0, 6).Draw(t, "mode"))
		m, err := MustCurrency("CNY").FromDecimal(d)
		if err != nil {
			t.Fatal(err)
		}
		got := m.Round(mode).Decimal()
		if want := refRound(d, 2, mode); !got.Equal(want) {
			t.Fatalf("Round(%s, %v) = %s, want %s", d, mode, got, want)
		}
	})
}
