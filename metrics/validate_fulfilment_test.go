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

// TestFulfilmentError: the first inversion of the fulfilment steps, as
// Validate reports it, and nil for times in order or unknown.
func TestFulfilmentError(t *testing.T) {
	t0 := time.Date(2025, 11, 11, 10, 0, 0, 0, time.UTC)
	o := metrics.Order{ID: "o1", PlacedAt: t0, PaidAt: t0.Add(-time.Hour), DeliveredAt: t0.Add(-2 * time.Hour), PromisedBy: t0.Add(-time.Hour)}
	var ve *metrics.ValidationError
	if err := metrics.FulfilmentError(&o); !errors.As(err, &ve) || ve.OrderID != "o1" || ve.Field != "PaidAt" ||
		ve.Problem != "PaidAt 2025-11-11T09:00:00Z is before PlacedAt 2025-11-11T10:00:00Z" {
		t.Errorf("FulfilmentError = %v, want the paid-before-placed inversion first", err)
	}
	o.PaidAt, o.DeliveredAt, o.PromisedBy = t0.Add(time.Hour), time.Time{}, time.Time{}
	if err := metrics.FulfilmentError(&o); err != nil {
		t.Errorf("times in order: %v", err)
	}
}
