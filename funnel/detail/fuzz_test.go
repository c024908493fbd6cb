package detail_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
)

// FuzzUnmarshal checks that decoding any bytes gives a counter or an error
// wrapping ErrCorrupt, never a panic; that what decodes encodes to bytes
// that decode and encode again to themselves; and that its result keeps the funnel's order.
func FuzzUnmarshal(f *testing.F) {
	var k detail.Counter
	for _, e := range []funnel.Event{ev("u", 0, v, "A"), ev("u", 0, c, "A"), ev("u", 1, b, "A"), ev("w", 1, c, "B"), ev("w", 2, v, "B")} {
		if err := k.Add(&e); err != nil {
			f.Fatal(err)
		}
	}
	seed, _ := k.MarshalBinary()
	f.Add(seed)
	var zero detail.Counter
	empty, _ := zero.MarshalBinary()
	f.Add(empty)
	f.Add([]byte{})
	f.Add([]byte{2})
	f.Fuzz(func(t *testing.T, data []byte) {
		var k detail.Counter
		if err := k.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, detail.ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		for _, p := range k.Result().Products {
			if !(p.Buyers <= p.Carters && p.Carters <= p.Viewers && p.Viewers <= p.Views) {
				t.Fatalf("%s: views %d viewers %d carters %d buyers %d", p.SKU, p.Views, p.Viewers, p.Carters, p.Buyers)
			}
		}
		back, _ := k.MarshalBinary()
		var again detail.Counter
		if err := again.UnmarshalBinary(back); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if b2, _ := again.MarshalBinary(); !bytes.Equal(back, b2) {
			t.Fatal("encoding is not stable")
		}
	})
}
