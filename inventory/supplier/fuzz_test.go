package supplier

import (
	"errors"
	"testing"
)

// FuzzUnmarshalBinary: garbage gives an error wrapping ErrCorrupt, never a
// panic, and whatever decodes encodes back to the same bytes.
func FuzzUnmarshalBinary(f *testing.F) {
	var l Ledger
	for _, r := range handReceipts() {
		if err := l.Add(r); err != nil {
			f.Fatal(err)
		}
	}
	for _, s := range handSnapshots() {
		l.AddSnapshot(s)
	}
	b, _ := l.MarshalBinary()
	f.Add(b)
	f.Add([]byte{ledgerV1, 0, 0, 0, 0})
	f.Add([]byte{2})
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Ledger
		if err := m.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		m.Suppliers()
		m.Stockouts()
		b, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var n Ledger
		if err := n.UnmarshalBinary(b); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
	})
}
