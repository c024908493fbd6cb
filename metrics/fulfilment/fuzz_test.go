package fulfilment_test

import (
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/wiretest"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/fulfilment"
)

// seedTracker returns the encoding of a small tracker, a seed for the fuzzers.
func seedTracker(f *testing.F) []byte {
	tr := fulfilment.Tracker{AsOf: t0.Add(240 * time.Hour)}
	for _, o := range []metrics.Order{
		{ID: "a", PlacedAt: at(0, 0), PaidAt: at(0, 10), ShippedAt: at(2, 10), DeliveredAt: at(48, 10), PromisedBy: at(72, 0), Carrier: "SF", Region: "Zhejiang"},
		{ID: "c", PlacedAt: at(2, 0), ShippedAt: at(26, 30), PromisedBy: at(96, 0), Carrier: "YTO"},
	} {
		if err := tr.Add(o); err != nil {
			f.Fatal(err)
		}
	}
	b, err := tr.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// FuzzTrackerUnmarshal checks (wiretest.Fuzz) that decoding any bytes
// gives a tracker or an error wrapping ErrCorrupt that leaves the
// receiver unchanged, never a panic, and that what decodes encodes back
// to the same bytes (the encoding is canonical).
func FuzzTrackerUnmarshal(f *testing.F) {
	f.Add(seedTracker(f))
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{2, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var tr fulfilment.Tracker
		if !wiretest.Fuzz(t, &tr, data, fulfilment.ErrCorrupt) {
			return
		}
		s := tr.Summary()
		if v, ok := s.OnTimeRate.Value(); ok && !(v >= 0 && v <= 1) {
			t.Fatalf("on-time rate %v", v)
		}
		tr.ByCarrier()
		tr.ByRegion()
	})
}

// FuzzLinkUnmarshal checks (wiretest.Fuzz) that decoding any bytes gives
// a link or an error wrapping ErrCorrupt that leaves the receiver
// unchanged, never a panic, and that what decodes encodes back to the
// same bytes.
func FuzzLinkUnmarshal(f *testing.F) {
	l := fulfilment.Link{AsOf: at(240, 0)}
	if err := l.AddOrder(metrics.Order{ID: "a", PlacedAt: at(0, 0), DeliveredAt: at(80, 0), PromisedBy: at(72, 0)}); err != nil {
		f.Fatal(err)
	}
	l.AddRefund("a", true)
	l.AddTicket("a")
	l.AddTicket("b")
	b, err := l.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var l fulfilment.Link
		if !wiretest.Fuzz(t, &l, data, fulfilment.ErrCorrupt) {
			return
		}
		for _, o := range l.Outcomes() {
			if v, ok := o.LateReturnRate.Value(); ok && !(v >= 0 && v <= 1) {
				t.Fatalf("late return rate %v", v)
			}
		}
	})
}
