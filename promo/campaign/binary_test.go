package campaign

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
)

// knownCostLedger is a ledger of two campaigns whose costs are known,
// with orders of three customers: the encoding whose bytes must not
// change.
func knownCostLedger(t testing.TB) *Ledger {
	var l Ledger
	if err := l.Track(Campaign{ID: "a", Name: "A", Window: window(10, 20), Cost: cny("3.50")},
		Campaign{ID: "b", Window: window(15, 18), Cost: cny("0")}); err != nil {
		t.Fatal(err)
	}
	for _, o := range []struct {
		c string
		d int
	}{{"u1", 5}, {"u2", 12}, {"u1", 15}, {"u3", 16}} {
		if err := l.Add(order("o", o.c, o.d, 10, 4)); err != nil {
			t.Fatal(err)
		}
	}
	return &l
}

// TestMarshalBinaryGolden: the encoding of a ledger whose costs are all
// known keeps its bytes. The hash is that of commit fc00cff's encoding
// (before costs could be unknown).
func TestMarshalBinaryGolden(t *testing.T) {
	data, err := knownCostLedger(t).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	const want = "79f39be2538b2015f92f8704d0dba2750c4dd08511e497e223915d59c653b61a"
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("sha256 of the encoding = %s, want %s (%d bytes: %x)", got, want, len(data), data)
	}
}

// TestUnmarshalBinaryActivityWithoutCurrency: a ledger without a
// currency has measured no order (Add gives it the first measured
// order's), so data that has one without a currency but with sales is
// corrupt: decoded, its Analyze would give amounts of no currency.
func TestUnmarshalBinaryActivityWithoutCurrency(t *testing.T) {
	enc := func(cur string, in int64) []byte {
		b := []byte{encodingVersion}
		b = appendString(b, cur)
		b = append(b, 0, 0, 1, 1) // cancelled, guests, added, one campaign
		b = appendString(b, "a")
		b = appendString(b, "")
		b = append(b, 0, 2)       // window start and end (0 and 1 ns)
		b = appendString(b, "")   // cost not known
		b = append(b, 1)          // one customer
		b = appendString(b, "u1") // its ID
		// Not before; pre-window 0 orders, net and profit 0; window in orders, net and profit in.
		b = append(b, 0, 0, 0, 0, byte(2*in), byte(2*in), byte(2*in))
		return b
	}
	for _, tc := range []struct {
		name string
		cur  string
		in   int64
		ok   bool
	}{
		{"sales in a currency", "CNY", 5, true},
		{"no sales without a currency", "", 0, true},
		{"sales without a currency", "", 5, false},
	} {
		var l Ledger
		err := l.UnmarshalBinary(enc(tc.cur, tc.in))
		if tc.ok && err != nil || !tc.ok && !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
