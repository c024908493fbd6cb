package metrics

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestRatio(t *testing.T) {
	tests := []struct {
		name    string
		r       Ratio
		defined bool
		value   float64
		percent string
	}{
		{"simple", CountRatio(12, 480), true, 0.025, "2.50%"},
		{"zero denominator", CountRatio(5, 0), false, 0, "n/a"},
		{"zero value", NewRatio(0, 0), false, 0, "n/a"},
		{"zero over positive", CountRatio(0, 7), true, 0, "0.00%"},
		{"NaN input", NewRatio(math.NaN(), 1), false, 0, "n/a"},
		{"Inf input", NewRatio(1, math.Inf(1)), false, 0, "n/a"},
		{"overflowing quotient", NewRatio(math.MaxFloat64, 1e-300), false, 0, "n/a"},
		{"negative", NewRatio(-1, 4), true, -0.25, "-25.00%"},
	}
	for _, tt := range tests {
		v, ok := tt.r.Value()
		if ok != tt.defined || v != tt.value || tt.r.Percent(2) != tt.percent {
			t.Errorf("%s: Value() = %v, %v; Percent = %q; want %v, %v, %q", tt.name, v, ok, tt.r.Percent(2), tt.value, tt.defined, tt.percent)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("%s: Value() returned %v", tt.name, v)
		}
	}
	if got := CountRatio(1, 3).Percent(0); got != "33%" {
		t.Errorf("Percent(0) = %q", got)
	}
	if got := CountRatio(1, 4).Add(CountRatio(3, 4)); !got.Equal(CountRatio(4, 8)) {
		t.Errorf("Add = %v/%v, want pooled 4/8", got.Num(), got.Den())
	}
}

func TestMoneyRatio(t *testing.T) {
	r, err := MoneyRatio(money.MustNew("25", "CNY"), money.MustNew("100", "CNY"))
	if v, ok := r.Value(); err != nil || !ok || v != 0.25 {
		t.Errorf("MoneyRatio = %v, %v, %v", v, ok, err)
	}
	if _, err := MoneyRatio(money.MustNew("1", "CNY"), money.MustNew("1", "USD")); err == nil {
		t.Error("MoneyRatio across currencies: no error")
	}
	if r, _ := MoneyRatio(money.MustNew("1", "CNY"), money.MustNew("0", "CNY")); r.Defined() {
		t.Error("MoneyRatio over zero is defined")
	}
}

func TestChangeAndAttainment(t *testing.T) {
	tests := []struct {
		name      string
		got       Ratio
		want      string
		improved  bool
		known     bool
		direction Direction
	}{
		{"growth", Change(120, 100), "20.00%", true, true, HigherIsBetter},
		{"decline", Change(80, 100), "-20.00%", false, true, HigherIsBetter},
		{"from zero", Change(5, 0), "n/a", false, false, HigherIsBetter},
		{"loss shrinking", Change(-50, -100), "50.00%", true, true, HigherIsBetter},
		{"CAC rising is bad", Change(60, 50), "20.00%", false, true, LowerIsBetter},
		{"no change", Change(7, 7), "0.00%", false, false, HigherIsBetter},
		{"attainment", Attainment(90, 120), "75.00%", true, true, HigherIsBetter},
		{"no target", Attainment(90, 0), "n/a", false, false, HigherIsBetter},
	}
	for _, tt := range tests {
		if got := tt.got.Percent(2); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.name, got, tt.want)
		}
		if tt.name == "attainment" || tt.name == "no target" {
			continue
		}
		imp, known := tt.direction.Improved(tt.got)
		if imp != tt.improved || known != tt.known {
			t.Errorf("%s: Improved = %v, %v; want %v, %v", tt.name, imp, known, tt.improved, tt.known)
		}
	}
	c, err := ChangeMoney(money.MustNew("110", "CNY"), money.MustNew("100", "CNY"))
	if err != nil || c.Percent(1) != "10.0%" {
		t.Errorf("ChangeMoney = %v, %v", c, err)
	}
	if _, err := ChangeMoney(money.MustNew("1", "CNY"), money.MustNew("1", "USD")); err == nil {
		t.Error("ChangeMoney across currencies: no error")
	}
}

func TestRatioJSON(t *testing.T) {
	for _, r := range []Ratio{CountRatio(1, 4), CountRatio(1, 0)} {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Ratio
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(r) {
			t.Errorf("round trip of %s: %v, %v", b, back, err)
		}
	}
	b, _ := json.Marshal(CountRatio(1, 0))
	if diff := cmp.Diff(`{"num":1,"den":0,"value":null}`, string(b)); diff != "" {
		t.Errorf("undefined ratio JSON (-want +got):\n%s", diff)
	}
}
