package storedata

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNextIDs: the IDs of the orders to come are the first cells of the
// whole cells ahead, each run of equal ones once, without the current
// order's.
func TestNextIDs(t *testing.T) {
	for _, tc := range []struct {
		name, buf, last string
		want            []string
	}{
		{"empty", "", "O1", nil},
		{"no comma yet", "O2", "O1", nil},
		{"the current order goes on", "O1,a\nO1,b\nO2,c\nO2,d\nO3,e", "O1", []string{"O2", "O3"}},
		{"a cut line", "O2,a\nO3", "O1", []string{"O2"}},
		{"no line end after the last", "O2,a\nO3,b", "O1", []string{"O2", "O3"}},
		{"quoted, as they come", "\"O2\",a\n'O3,b\n", "O1", []string{"\"O2\"", "'O3"}},
		{"an order again later", "O2,a\nO1,b\n", "O1", []string{"O2", "O1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var next [idBatch][]byte
			n := nextIDs([]byte(tc.buf), tc.last, &next)
			var got []string
			for _, id := range next[:n] {
				got = append(got, string(id))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("nextIDs(%q, %q) (-want +got):\n%s", tc.buf, tc.last, diff)
			}
		})
	}
	var next [idBatch][]byte
	many := strings.Repeat("O1,a\nO2,b\n", idBatch)
	if n := nextIDs([]byte(many), "", &next); n != idBatch {
		t.Errorf("nextIDs of %d orders = %d, want at most %d", 2*idBatch, n, idBatch)
	}
}

// TestOrderBytes: the size of an order is measured on the whole lines of
// at least 16 orders, and is the hint otherwise.
func TestOrderBytes(t *testing.T) {
	twoLines := func(id string) string { return id + ",a,1\n" + id + ",b,2\n" } // 6 + 6 bytes
	var buf strings.Builder
	for i := range 20 {
		buf.WriteString(twoLines(string(rune('A' + i))))
	}
	for _, tc := range []struct {
		name    string
		buf     string
		idFirst bool
		want    int64
	}{
		{"20 orders of 12 bytes", buf.String(), true, 12},
		{"and a cut line", buf.String() + "Z,a", true, 12},
		{"the ID not first", buf.String(), false, orderBytesHint},
		{"15 orders", strings.Repeat(twoLines("A")+twoLines("B"), 7) + twoLines("C"), true, orderBytesHint},
		{"empty", "", true, orderBytesHint},
	} {
		if got := orderBytes([]byte(tc.buf), tc.idFirst); got != tc.want {
			t.Errorf("%s: orderBytes = %d, want %d", tc.name, got, tc.want)
		}
	}
}
