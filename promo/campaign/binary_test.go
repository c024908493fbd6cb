package campaign

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
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
// known keeps its bytes, and the encoding of version 1 still decodes to
// the same ledger. testdata/ledger_v1.bin is knownCostLedger's encoding
// of version 1, whose hash is that of commit fc00cff's encoding (before
// costs could be unknown) and of every later one until version 2.
func TestMarshalBinaryGolden(t *testing.T) {
	data, err := knownCostLedger(t).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"version 2", data, "c95ea1dcc8e03592019dddfe5df1b1e9daa052545134bfeb8012c7440540e692"},
		{"testdata/ledger_v1.bin", readFile(t, "testdata/ledger_v1.bin"), "79f39be2538b2015f92f8704d0dba2750c4dd08511e497e223915d59c653b61a"},
	} {
		sum := sha256.Sum256(c.data)
		if got := hex.EncodeToString(sum[:]); got != c.want {
			t.Errorf("%s: sha256 = %s, want %s (%d bytes: %x)", c.name, got, c.want, len(c.data), c.data)
		}
		var l Ledger
		if err := l.UnmarshalBinary(c.data); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if again, _ := l.MarshalBinary(); !bytes.Equal(again, data) {
			t.Errorf("%s decodes to a ledger that is not knownCostLedger", c.name)
		}
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// oneCustomer returns the encoding of version v of a ledger in currency
// cur tracking campaign "a" (window 0 to 1 ns, cost not known), with one
// customer, "u1", who did not order before it: activity is its
// pre-window's and window's varints, each zigzag-encoded (6 in version
// 1, 8 in version 2).
func oneCustomer(v byte, cur string, activity ...byte) []byte {
	b := []byte{v}
	b = appendString(b, cur)
	b = append(b, 0, 0, 1, 1) // cancelled, guests, added, one campaign
	b = appendString(b, "a")
	b = appendString(b, "")
	b = append(b, 0, 2)       // window start and end (0 and 1 ns)
	b = appendString(b, "")   // cost not known
	b = append(b, 1)          // one customer
	b = appendString(b, "u1") // its ID
	b = append(b, 0)          // not before the window
	return append(b, activity...)
}

// TestUnmarshalBinaryNoCostOrders: more orders without a cost than
// orders, or fewer than none, is data no Add makes.
func TestUnmarshalBinaryNoCostOrders(t *testing.T) {
	// The window: 2 orders, net 50, profit 50, then noCost.
	enc := func(noCost byte) []byte { return oneCustomer(encodingVersion, "CNY", 0, 0, 0, 0, 4, 100, 100, noCost) }
	for _, c := range []struct {
		noCost byte // zigzag
		ok     bool
	}{{4, true}, {2, true}, {0, true}, {6, false}, {1, false}} {
		var l Ledger
		if err := l.UnmarshalBinary(enc(c.noCost)); (err == nil) != c.ok || err != nil && !errors.Is(err, ErrCorrupt) {
			t.Errorf("zigzag noCost %d: error %v, want ok %v", c.noCost, err, c.ok)
		}
	}
}

// TestUnmarshalBinaryV1NoCost: version 1 did not record the orders
// without a unit cost; a window whose gross profit is its net sales had
// no cost at all, so that every order of it lacked one, and a window of
// any other profit is decoded as one whose orders had their costs.
func TestUnmarshalBinaryV1NoCost(t *testing.T) {
	enc := func(orders, net, profit byte) []byte {
		return oneCustomer(encodingV1, "CNY", 0, 0, 0, 2*orders, 2*net, 2*profit)
	}
	for _, c := range []struct {
		orders, net, profit byte
		want                int64
	}{{2, 50, 50, 2}, {2, 50, 30, 0}, {0, 0, 0, 0}} {
		var l Ledger
		if err := l.UnmarshalBinary(enc(c.orders, c.net, c.profit)); err != nil {
			t.Fatal(err)
		}
		if got := l.acts[0]["u1"].In.NoCost; got != c.want {
			t.Errorf("%d orders, net %d, profit %d: %d without a cost, want %d", c.orders, c.net, c.profit, got, c.want)
		}
	}
}

// TestUnmarshalBinaryActivityWithoutCurrency: a ledger without a
// currency has measured no order (Add gives it the first measured
// order's), so data that has one without a currency but with sales is
// corrupt: decoded, its Analyze would give amounts of no currency.
func TestUnmarshalBinaryActivityWithoutCurrency(t *testing.T) {
	// Nothing in the pre-window; in the window, in orders, net and
	// profit in, none without a cost.
	enc := func(cur string, in int64) []byte {
		return oneCustomer(encodingVersion, cur, 0, 0, 0, 0, byte(2*in), byte(2*in), byte(2*in), 0)
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
