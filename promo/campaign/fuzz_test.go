package campaign

import (
	"errors"
	"os"
	"testing"
)

// FuzzUnmarshalBinary: any data decodes to a ledger or an error wrapping
// ErrCorrupt, never a panic, and a decoded ledger encodes back to data
// that decodes.
func FuzzUnmarshalBinary(f *testing.F) {
	var l Ledger
	if err := l.Track(Campaign{ID: "a", Name: "A", Window: window(10, 20), Cost: cny("3.50")}); err != nil {
		f.Fatal(err)
	}
	for _, o := range []struct {
		c string
		d int
	}{{"u1", 5}, {"u2", 12}, {"u1", 15}} {
		if err := l.Add(order("o", o.c, o.d, 10, 4)); err != nil {
			f.Fatal(err)
		}
	}
	data, err := l.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	// A ledger whose second campaign's cost is not known (an empty
	// amount), and one whose costs are all unknown, without orders and so
	// without a currency.
	var u Ledger
	if err := u.Track(Campaign{ID: "a", Window: window(10, 20), Cost: cny("3.50")}, Campaign{ID: "b", Window: window(12, 14)}); err != nil {
		f.Fatal(err)
	}
	if err := u.Add(order("o", "u1", 12, 10, 4)); err != nil {
		f.Fatal(err)
	}
	var none Ledger
	if err := none.Track(Campaign{ID: "a", Window: window(10, 20)}); err != nil {
		f.Fatal(err)
	}
	for _, l := range []*Ledger{&u, &none} {
		data, err := l.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	if v1, err := os.ReadFile("testdata/ledger_v1.bin"); err == nil {
		f.Add(v1) // version 1, which still decodes
	}
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Ledger
		if err := l.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		again, err := l.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var m Ledger
		if err := m.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-encoded ledger does not decode: %v", err)
		}
		if _, err := m.Analyze(nil, nil, Config{}); err != nil {
			t.Fatal(err)
		}
	})
}
