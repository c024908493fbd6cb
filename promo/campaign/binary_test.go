package campaign

import (
	"crypto/sha256"
	"encoding/hex"
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
