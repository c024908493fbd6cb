package metrics_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestValidateFulfilment(t *testing.T) {
	t0 := time.Date(2025, 11, 11, 10, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	base := func() metrics.Order {
		c := money.MustCurrency("CNY")
		return metrics.Order{ID: "o1", PlacedAt: t0, Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "a", Quantity: 1, UnitPrice: money.MustNew("10", "CNY")}}}
	}
	tests := []struct {
		name   string
		edit   func(*metrics.Order)
		fields []string
	}{
		{"all in order", func(o *metrics.Order) { o.PaidAt, o.ShippedAt, o.DeliveredAt, o.PromisedBy = h(0), h(5), h(40), h(72) }, nil},
		{"unknown times skipped", func(o *metrics.Order) { o.DeliveredAt = h(30) }, nil},
		{"paid before placed", func(o *metrics.Order) { o.PaidAt = h(-1) }, []string{"PaidAt"}},
		{"shipped before paid", func(o *metrics.Order) { o.PaidAt, o.ShippedAt = h(3), h(2) }, []string{"ShippedAt"}},
		{"delivered before shipped", func(o *metrics.Order) { o.ShippedAt, o.DeliveredAt = h(10), h(9) }, []string{"DeliveredAt"}},
		{"delivered before placed, no ship time", func(o *metrics.Order) { o.DeliveredAt = h(-2) }, []string{"DeliveredAt"}},
		{"promised before placed", func(o *metrics.Order) { o.PromisedBy = h(-5) }, []string{"PromisedBy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base()
			tt.edit(&o)
			err := metrics.ValidateOrder(o)
			var got []string
			for _, e := range unwrapAll(err) {
				var ve *metrics.ValidationError
				if errors.As(e, &ve) {
					got = append(got, ve.Field)
				}
			}
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s\nerr: %v", diff, err)
			}
		})
	}
}

func unwrapAll(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, isVE := err.(*metrics.ValidationError); !isVE {
			return j.Unwrap()
		}
	}
	return []error{err}
}
