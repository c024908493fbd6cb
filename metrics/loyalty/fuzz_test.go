package loyalty_test

import (
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
