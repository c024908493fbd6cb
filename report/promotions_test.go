package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// TestWeekendEffect checks the store's weekend effect against the means
// of the days computed here, on two weeks of hand-made daily sales.
func TestWeekendEffect(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	c := money.MustCurrency("CNY")
	start := time.Date(2025, 11, 3, 0, 0, 0, 0, loc) // a Monday
	p, err := metrics.NewPeriod(start, start.AddDate(0, 0, 14))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		reason  string
		sales   func(day int, w time.Weekday) int64 // units at 10 CNY
		verdict string
	}{
		{"higher", "weekends sell about twice as much, with a little noise",
			func(d int, w time.Weekday) int64 {
				if w == time.Saturday || w == time.Sunday {
					return 20 + int64(d%3)
				}
				return 10 + int64(d%2)
			}, "weekend_higher"},
		{"lower", "weekends sell about half",
			func(d int, w time.Weekday) int64 {
				if w == time.Saturday || w == time.Sunday {
					return 5 + int64(d%2)
				}
				return 10 + int64(d%3)
			}, "weekend_lower"},
		{"same", "the same noisy pattern every day: the interval contains 1",
			func(d int, _ time.Weekday) int64 { return 10 + int64(d%4)*3 }, "no_difference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l promo.Ledger
			l.Location = loc
			var we, wd []float64
			for d := range 14 {
				at := start.AddDate(0, 0, d).Add(12 * time.Hour)
				n := tt.sales(d, at.Weekday())
				o := metrics.Order{ID: fmt.Sprintf("o%d", d), CustomerID: "c", PlacedAt: at, Status: metrics.Paid, Currency: c,
					Lines: []metrics.Line{{SKU: "a", Quantity: n, UnitPrice: money.MustNew("10", "CNY")}}}
				if err := l.Add(o); err != nil {
					t.Fatal(err)
				}
				if w := at.Weekday(); w == time.Saturday || w == time.Sunday {
					we = append(we, float64(n*10))
				} else {
					wd = append(wd, float64(n*10))
				}
			}
			dw, err := l.DayOfWeek(promo.Scope{Store: true}, p, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := weekendEffect(dw)
			if got == nil {
				t.Fatal("no weekend effect")
			}
			mean := func(xs []float64) float64 {
				var s float64
				for _, x := range xs {
					s += x
				}
				return s / float64(len(xs))
			}
			ratio, _ := got.Ratio.Value()
			if diff := cmp.Diff(mean(we)/mean(wd), ratio, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("%s: ratio (-want +got):\n%s", tt.reason, diff)
			}
			wantWE := money.MustNew(fmt.Sprintf("%.2f", mean(we)), "CNY")
			if !got.WeekendMean.Equal(wantWE) {
				t.Errorf("weekend mean %v, want %v", got.WeekendMean, wantWE)
			}
			if got.Verdict != tt.verdict {
				t.Errorf("%s: verdict %q, want %q (interval %v … %v)", tt.reason, got.Verdict, tt.verdict, got.Low, got.High)
			}
			lo, okl := got.Low.Float()
			hi, okh := got.High.Float()
			if !okl || !okh || !(lo <= ratio && ratio <= hi) || got.Level != 0.95 {
				t.Errorf("interval %v … %v at %v does not hold the ratio %v", got.Low, got.High, got.Level, ratio)
			}
		})
	}
}

func TestWeekendKey(t *testing.T) {
	want := map[promo.Verdict]string{promo.Gain: "weekend_higher", promo.Loss: "weekend_lower", promo.NoEffect: "no_difference", promo.Undetermined: "undetermined"}
	for v, k := range want {
		if got := weekendKey(v); got != k {
			t.Errorf("weekendKey(%v) = %q, want %q", v, got, k)
		}
	}
}
