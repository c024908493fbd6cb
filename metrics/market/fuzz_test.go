package market_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/market"
)

// FuzzUnmarshalBinary checks that decoding never panics, that garbage is
// an error wrapping ErrCorrupt, and that what decodes re-encodes to the
// same bytes.
func FuzzUnmarshalBinary(f *testing.F) {
	tr := handTracker(&testing.T{})
	b, _ := tr.MarshalBinary()
	f.Add(b)
	empty, _ := (&market.Tracker{Period: dec}).MarshalBinary()
	f.Add(empty)
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{2, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var x market.Tracker
		err := x.UnmarshalBinary(data)
		if err != nil {
			if !errors.Is(err, market.ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		again, _ := x.MarshalBinary()
		var y market.Tracker
		if err := y.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		third, _ := y.MarshalBinary()
		if !bytes.Equal(again, third) {
			t.Fatal("encoding not stable")
		}
		_ = x.Summarize(market.Config{})
	})
}
