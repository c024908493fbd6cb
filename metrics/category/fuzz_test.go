package category

import (
	"bytes"
	"testing"
)

// FuzzUnmarshalBinary checks that decoding any bytes gives a Tracker or
// an error, never a panic, and that what decodes encodes back to the
// same bytes.
func FuzzUnmarshalBinary(f *testing.F) {
	tr := Tracker{Period: dec2025}
	for _, o := range handOrders() {
		if err := tr.Add(o); err != nil {
			f.Fatal(err)
		}
	}
	good, err := tr.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{trackerV1})
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		var x Tracker
		if err := x.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := x.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var y Tracker
		if err := y.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-encoded tracker does not decode: %v", err)
		}
		third, _ := y.MarshalBinary()
		if !bytes.Equal(again, third) {
			t.Fatal("encoding is not stable")
		}
		x.Result(Config{}) // must not panic
	})
}
