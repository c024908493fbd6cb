package fulfilment_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/fulfilment"
)

var t0 = time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)

// at returns t0 plus h hours and m minutes.
func at(h, m int) time.Time { return t0.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }

func dur(d time.Duration) metrics.Value { return metrics.DurationValue(d) }

var none = metrics.Undefined(metrics.UnitDuration)

func TestTracker(t *testing.T) {
	asOf := at(24*10, 0)
	orders := []metrics.Order{
		// Paid 10 min after placing, shipped 2 h after paying, delivered
		// 46 h after shipping, a day before its promise: on time.
		{ID: "a", PlacedAt: at(0, 0), PaidAt: at(0, 10), ShippedAt: at(2, 10), DeliveredAt: at(48, 10), PromisedBy: at(72, 0), Carrier: "SF", Region: "Zhejiang"},
		// No payment time: shipped 5 h after placing; delivered 3 days
		// later, after its promise: late.
		{ID: "b", PlacedAt: at(1, 0), ShippedAt: at(6, 0), DeliveredAt: at(78, 0), PromisedBy: at(73, 0), Carrier: "SF", Region: "Guangdong"},
		// Shipped, never delivered, promise passed before AsOf: late.
		{ID: "c", PlacedAt: at(2, 0), PaidAt: at(2, 0), ShippedAt: at(26, 30), PromisedBy: at(96, 0), Carrier: "YTO", Region: "Zhejiang"},
		// Not shipped, promise after AsOf: pending.
		{ID: "d", PlacedAt: at(3, 0), PaidAt: at(3, 1), PromisedBy: at(24*11, 0), Region: "Zhejiang"},
		// Delivered without a ship time nor a promise.
		{ID: "e", PlacedAt: at(4, 0), DeliveredAt: at(52, 0), Carrier: "YTO"},
		// Cancelled: in no figure but Cancelled.
		{ID: "f", PlacedAt: at(5, 0), Status: metrics.Cancelled, ShippedAt: at(6, 0), Carrier: "SF"},
	}
	tr := fulfilment.Tracker{AsOf: asOf}
	for _, o := range orders {
		if err := tr.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	want := fulfilment.Summary{
		Orders: 5, Cancelled: 1,
		// Times to ship 120, 300, 1470 min: median 300, p90 at rank
		// 1.8: 300 + 0.8 × 1170 = 1236 min.
		ToShip:         fulfilment.Times{N: 3, Median: dur(300 * time.Minute), P90: dur(1236 * time.Minute)},
		ShipFromPlaced: 1, Unshipped: 2,
		// 46 h and 72 h: median 59 h, p90 46 + 0.9 × 26 = 69.4 h.
		ToDeliver: fulfilment.Times{N: 2, Median: dur(59 * time.Hour), P90: dur(69*time.Hour + 24*time.Minute)},
		// 48 h 10 min, 77 h, 48 h: median 48 h 10 min; p90 at rank 1.8:
		// 2890 + 0.8 × (4620 − 2890) = 4274 min.
		ToDoor:      fulfilment.Times{N: 3, Median: dur(48*time.Hour + 10*time.Minute), P90: dur(4274 * time.Minute)},
		Undelivered: 2,
		OnTime:      1, Late: 2, LateUndelivered: 1, Pending: 1, NoPromise: 1,
		OnTimeRate: metrics.CountRatio(1, 3),
	}
	if diff := cmp.Diff(want, tr.Summary()); diff != "" {
		t.Errorf("Summary (-want +got):\n%s", diff)
	}
	names := func(ss []fulfilment.Summary) (out []string) {
		for _, s := range ss {
			out = append(out, s.Name)
		}
		return out
	}
	// SF has 3 orders with the cancelled one, YTO 2, none 1.
	if diff := cmp.Diff([]string{"SF", "YTO", ""}, names(tr.ByCarrier())); diff != "" {
		t.Errorf("carriers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Zhejiang", "", "Guangdong"}, names(tr.ByRegion())); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
	sf := tr.ByCarrier()[0]
	if sf.Orders != 2 || sf.Cancelled != 1 || !sf.OnTimeRate.Equal(metrics.CountRatio(1, 2)) {
		t.Errorf("SF: %+v", sf)
	}
}

func TestTrackerEmpty(t *testing.T) {
	var tr fulfilment.Tracker
	want := fulfilment.Summary{
		ToShip:    fulfilment.Times{Median: none, P90: none},
		ToDeliver: fulfilment.Times{Median: none, P90: none},
		ToDoor:    fulfilment.Times{Median: none, P90: none},
	}
	if diff := cmp.Diff(want, tr.Summary()); diff != "" {
		t.Errorf("Summary of nothing (-want +got):\n%s", diff)
	}
	if tr.Summary().OnTimeRate.Defined() {
		t.Error("on-time rate of no order is defined")
	}
	if len(tr.ByCarrier()) != 0 || len(tr.ByRegion()) != 0 {
		t.Error("groups of nothing")
	}
}

func TestTrackerAsOf(t *testing.T) {
	o := metrics.Order{ID: "x", PlacedAt: at(0, 0), PromisedBy: at(48, 0)}
	for _, tt := range []struct {
		name   string
		asOf   time.Time
		want   fulfilment.Status
		reason string
	}{
		{"zero", time.Time{}, fulfilment.Pending, "no AsOf: never late"},
		{"before", at(24, 0), fulfilment.Pending, "the promise is not yet due"},
		{"at", at(48, 0), fulfilment.Pending, "the promise is due at the very end: it may still be kept"},
		{"after", at(49, 0), fulfilment.Late, "the promise passed undelivered"},
	} {
		if got := fulfilment.StatusOf(&o, tt.asOf); got != tt.want {
			t.Errorf("%s: StatusOf = %v, want %v (%s)", tt.name, got, tt.want, tt.reason)
		}
	}
	d := o
	d.DeliveredAt = at(48, 0)
	if got := fulfilment.StatusOf(&d, at(100, 0)); got != fulfilment.OnTime {
		t.Errorf("delivered at the promise: %v, want on_time", got)
	}
}

func TestTrackerInversion(t *testing.T) {
	var tr fulfilment.Tracker
	err := tr.Add(metrics.Order{ID: "bad", PlacedAt: at(10, 0), PaidAt: at(11, 0), ShippedAt: at(12, 0), DeliveredAt: at(11, 30)})
	var ve *metrics.ValidationError
	if !errors.As(err, &ve) || ve.OrderID != "bad" || ve.Field != "DeliveredAt" || !errors.Is(err, metrics.ErrInvalid) {
		t.Fatalf("Add: %v, want a ValidationError of bad's DeliveredAt", err)
	}
	if s := tr.Summary(); s.Orders != 0 {
		t.Errorf("the invalid order was counted: %+v", s)
	}
}

func TestTrackerMergeAsOf(t *testing.T) {
	a, b := fulfilment.Tracker{AsOf: at(1, 0)}, fulfilment.Tracker{AsOf: at(2, 0)}
	if err := a.Add(metrics.Order{ID: "x", PlacedAt: at(0, 0)}); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(&b); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge of another AsOf: %v", err)
	}
	if a.Summary().Orders != 1 {
		t.Error("a failed Merge changed the Tracker")
	}
}

func TestDurationsQuantile(t *testing.T) {
	// Against internal/quantile's worked example, in minutes: 10, 20, 30,
	// 120 give 25 at 0.5 and 93 at 0.9.
	var d fulfilment.Durations
	for _, m := range []int{120, 10, 30, 20} {
		d.Add(time.Duration(m)*time.Minute + 59*time.Second) // truncated to the minute
	}
	for _, tt := range []struct {
		p    float64
		want time.Duration
	}{{0, 10 * time.Minute}, {0.5, 25 * time.Minute}, {0.9, 93 * time.Minute}, {1, 120 * time.Minute}} {
		if got, ok := d.Quantile(tt.p); !ok || got != tt.want {
			t.Errorf("Quantile(%v) = %v, %v; want %v", tt.p, got, ok, tt.want)
		}
	}
	if _, ok := d.Quantile(1.5); ok {
		t.Error("Quantile(1.5) is defined")
	}
}
