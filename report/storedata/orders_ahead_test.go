package storedata

import (
	"strings"
	"testing"
)

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
