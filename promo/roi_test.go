package promo

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestROI(t *testing.T) {
	y := func(s string) money.Money { return money.MustNew(s, "CNY") }
	tests := []struct {
		name                  string
		reason                string
		inc, disc, fix, media money.Money
		conv                  CostConvention
		wantCost              money.Money
		want                  metrics.Ratio
	}{
		{
			name:   "worked example, full cost",
			reason: "doc comment: (5000 − 500 − 1000) / (2000 + 500 + 1000) = 3500/3500",
			inc:    y("5000"), disc: y("2000"), fix: y("500"), media: y("1000"),
			wantCost: y("3500"), want: metrics.NewRatio(3500, 3500),
		},
		{
			name:   "worked example, cash cost",
			reason: "(5000 − 500 − 1000) / (500 + 1000) = 3500/1500",
			inc:    y("5000"), disc: y("2000"), fix: y("500"), media: y("1000"), conv: CashCost,
			wantCost: y("1500"), want: metrics.NewRatio(3500, 1500),
		},
		{
			name:   "discount only, full cost",
			reason: "no fixed or media cost: 300 / 1200 = 25 %",
			inc:    y("300"), disc: y("1200"),
			wantCost: y("1200"), want: metrics.NewRatio(300, 1200),
		},
		{
			name:   "discount only, cash cost",
			reason: "no cash was spent: the ratio is undefined, not infinite",
			inc:    y("300"), disc: y("1200"), conv: CashCost,
			wantCost: money.Money{}, want: metrics.NewRatio(300, 0),
		},
		{
			name:   "loss, full cost",
			reason: "(−400 − 100) / (1000 + 100) = −500/1100: the promotion lost money",
			inc:    y("-400"), disc: y("1000"), fix: y("100"),
			wantCost: y("1100"), want: metrics.NewRatio(-500, 1100),
		},
		{
			name:   "cents, full cost",
			reason: "(1234.56 − 0.01 − 99.99) / (200.44 + 0.01 + 99.99) = 1134.56/300.44",
			inc:    y("1234.56"), disc: y("200.44"), fix: y("0.01"), media: y("99.99"),
			wantCost: y("300.44"), want: metrics.NewRatio(1134.56, 300.44),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cost, err := Cost(tt.disc, tt.fix, tt.media, tt.conv)
			if err != nil {
				t.Fatal(err)
			}
			if !cost.Equal(tt.wantCost) {
				t.Errorf("Cost = %v, want %v (%s)", cost, tt.wantCost, tt.reason)
			}
			got, err := ROI(tt.inc, tt.disc, tt.fix, tt.media, tt.conv)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ROI (-want +got):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}

func TestROIMixedCurrencies(t *testing.T) {
	_, err := ROI(money.MustNew("10", "CNY"), money.MustNew("1", "CNY"), money.MustNew("1", "USD"), money.Money{}, FullCost)
	if !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("ROI of CNY and USD: err = %v, want ErrCurrencyMismatch", err)
	}
}
