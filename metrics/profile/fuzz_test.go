package profile_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

// FuzzTableUnmarshal checks that decoding any bytes gives a table or an
// error wrapping ErrCorrupt, never a panic, that a decoded table's rows
// are computed without panicking, and that its encoding is stable.
func FuzzTableUnmarshal(f *testing.F) {
	var tb profile.Table
	for _, c := range []profile.Customer{{ID: "a", Age: 30, Gender: "F"}, {ID: "b", City: "x", Labels: map[string]string{"k": "v"}}} {
		if err := tb.Add(c, profile.Buyer{Sales: usd("12.50"), Orders: 2, New: true, Value: usd("0.001")}); err != nil {
			f.Fatal(err)
		}
	}
	seed, err := tb.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{2, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var x profile.Table
		if err := x.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, profile.ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		x.Total()
		for _, d := range x.Dimensions() {
			x.Rows(d, 3)
		}
		back, err := x.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var again profile.Table
		if err := again.UnmarshalBinary(back); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if b2, _ := again.MarshalBinary(); !bytes.Equal(back, b2) {
			t.Fatal("encoding is not stable")
		}
	})
}
