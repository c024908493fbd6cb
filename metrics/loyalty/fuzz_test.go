package loyalty_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

// FuzzTrackerUnmarshal checks that decoding any bytes gives a tracker or
// an error wrapping ErrCorrupt, never a panic, and that a tracker decoded
// encodes to bytes that decode again to the same encoding, with shares in
// [0, 1].
func FuzzTrackerUnmarshal(f *testing.F) {
	tr := handTracker(&testing.T{})
	seed, err := tr.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{2, 0})
	f.Add(seed[:len(seed)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		var tr loyalty.Tracker
		if err := tr.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, loyalty.ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		s := tr.Summary()
		for _, r := range []interface{ Value() (float64, bool) }{s.SalesShare, s.BuyerShare, s.ActiveRate} {
			if v, ok := r.Value(); ok && !(v >= 0 && v <= 1) {
				t.Fatalf("share %v", v)
			}
		}
		b1, _ := tr.MarshalBinary()
		var back loyalty.Tracker
		if err := back.UnmarshalBinary(b1); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if b2, _ := back.MarshalBinary(); string(b1) != string(b2) {
			t.Fatal("re-encoding is not stable")
		}
	})
}

// TestUnmarshalNegativeSales checks that an encoding whose buyer has
// negative sales, which no Tracker holds (AddOrder refuses an order with
// negative net sales), is corrupt: it would give shares outside [0, 1].
func TestUnmarshalNegativeSales(t *testing.T) {
	tr := loyalty.Tracker{Period: december}
	o := order("x", "a", "2025-12-02T10:00", "10.00")
	o.Discount = yuan("12.00")
	if err := tr.AddOrder(o); err == nil {
		t.Fatal("AddOrder took an order with negative net sales")
	}
	if err := tr.AddOrder(order("y", "a", "2025-12-02T10:00", "10.00")); err != nil {
		t.Fatal(err)
	}
	b, err := tr.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(b, []byte("\x0510.00"), []byte("\x06-10.00"), 1)
	if bytes.Equal(bad, b) {
		t.Fatal("the amount was not found in the encoding")
	}
	if err := new(loyalty.Tracker).UnmarshalBinary(bad); !errors.Is(err, loyalty.ErrCorrupt) {
		t.Errorf("negative sales: %v, want ErrCorrupt", err)
	}
}
