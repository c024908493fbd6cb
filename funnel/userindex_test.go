package funnel

import (
	"strconv"
	"testing"
)

// TestUserIndex adds enough users to resize the table several times (from
// 1024 slots) and checks that each keeps the index of its first appearance.
func TestUserIndex(t *testing.T) {
	var x userIndex
	if got := x.lookup("u0"); got != -1 {
		t.Fatalf("lookup in an empty index = %d, want -1", got)
	}
	const n = 5000
	for i := range n {
		id := "u" + strconv.Itoa(i)
		ui, s, h := x.find(id)
		if ui != -1 {
			t.Fatalf("find(%q) before insert = %d, want -1", id, ui)
		}
		if got := x.insert(s, id, h); got != int32(i) {
			t.Fatalf("insert(%q) = %d, want %d", id, got, i)
		}
	}
	x.grow(3 * n) // resizes without changing any index
	if x.len() != n {
		t.Fatalf("len = %d, want %d", x.len(), n)
	}
	for i := range n {
		// A fresh copy of the ID, so that its bytes are compared.
		id := string([]byte("u" + strconv.Itoa(i)))
		if got := x.lookup(id); got != int32(i) {
			t.Fatalf("lookup(%q) = %d, want %d", id, got, i)
		}
	}
	if got := x.lookup("u" + strconv.Itoa(n)); got != -1 {
		t.Errorf("lookup of an absent user = %d, want -1", got)
	}
	seen := make([]bool, n)
	for id, ui := range x.all() {
		if id != "u"+strconv.Itoa(int(ui)) || seen[ui] {
			t.Fatalf("all yielded %q, %d", id, ui)
		}
		seen[ui] = true
	}
	for i, ok := range seen {
		if !ok {
			t.Fatalf("all did not yield user %d", i)
		}
	}
}
