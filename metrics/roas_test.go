package metrics_test

import (
	"errors"
	"fmt"
	"log"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestROAS(t *testing.T) {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	tests := []struct {
		name           string
		revenue, spend money.Money
		want           metrics.Ratio
		reason         string
	}{
		{"multiple", cny("51596.00"), cny("5544.92"), metrics.NewRatio(51596, 5544.92), "the demo's ads channel, December 2025"},
		{"no spend", cny("100"), cny("0"), metrics.NewRatio(100, 0), "undefined without spend, not infinite"},
		{"no revenue", cny("0"), cny("50"), metrics.NewRatio(0, 50), "spend that brought nothing is 0×"},
	}
	for _, tc := range tests {
		got, err := metrics.ROAS(tc.revenue, tc.spend)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (%s) (-want +got):\n%s", tc.name, tc.reason, diff)
		}
	}
	if r, _ := metrics.ROAS(cny("1"), cny("0")); r.Defined() {
		t.Error("ROAS without spend is defined")
	}
	if _, err := metrics.ROAS(cny("1"), money.MustNew("1", "USD")); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("mixed currencies: %v, want ErrCurrencyMismatch", err)
	}
}

func ExampleROAS() {
	revenue := money.MustNew("51596.00", "CNY")
	spend := money.MustNew("5544.92", "CNY")
	r, err := metrics.ROAS(revenue, spend)
	if err != nil {
		log.Fatal(err)
	}
	v, _ := r.Value()
	fmt.Printf("ROAS %.2f×\n", v)
	// Output: ROAS 9.31×
}
