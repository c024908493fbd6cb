package campaign

import (
	"bytes"
	"testing"
)

// TestAddFailedLeavesLedgerUnchanged: an order that Add refuses (here
// one without lines, in the window of the second campaign and before the
// first one's pre-window) leaves the ledger as it was, as Add's doc
// says: the first campaign must not count its customer as having
// ordered before its window, nor the ledger take the order's currency.
func TestAddFailedLeavesLedgerUnchanged(t *testing.T) {
	var l Ledger
	if err := l.Track(Campaign{ID: "late", Window: window(20, 25)}, Campaign{ID: "early", Window: window(3, 8)}); err != nil {
		t.Fatal(err)
	}
	if err := l.Add(order("o1", "u0", 21, 10, 4)); err != nil { // l.added, so both encodings say it
		t.Fatal(err)
	}
	before, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	bad := order("o2", "u1", 5, 10, 4)
	bad.Lines = nil
	if err := l.Add(bad); err == nil {
		t.Fatal("Add of an order without lines: no error")
	}
	after, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("a refused order changed the ledger:\nbefore %x\nafter  %x", before, after)
	}

	// Without a currency yet: the refused order does not give its own.
	var m Ledger
	if err := m.Track(Campaign{ID: "late", Window: window(20, 25)}, Campaign{ID: "early", Window: window(3, 8)}); err != nil {
		t.Fatal(err)
	}
	if err := m.Add(bad); err == nil {
		t.Fatal("Add of an order without lines: no error")
	}
	var fresh Ledger
	if err := fresh.Track(m.Campaigns()...); err != nil {
		t.Fatal(err)
	}
	fresh.added = true
	w, err := fresh.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	g, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w, g) {
		t.Errorf("a refused order changed a ledger without a currency:\nwant %x\ngot  %x", w, g)
	}
}
