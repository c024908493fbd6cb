package storedata

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestOrdersCountedIDs: a file whose order IDs come as runs of counted IDs
// (as the demo store's: a run per suffix, the counts starting again),
// read by the fast path, reports an order that comes back, in a run or
// out of one, as ErrDuplicateID naming the line where it was first seen,
// and its batches are the rows' (checkOrderBatches).
func TestOrdersCountedIDs(t *testing.T) {
	row := func(id string) string {
		return fmt.Sprintf("%s,c1,2025-11-11T20:00:00+08:00,search,paid,CNY,0.00,0.00,0.00,,,,,,SF,Zhejiang,A,n,c,1,9.90,0.00,5.00,\n", id)
	}
	var b strings.Builder
	b.WriteString(header)
	line := 1
	first := map[string]int{}
	add := func(id string) {
		line++
		b.WriteString(row(id))
		if _, ok := first[id]; !ok {
			first[id] = line
		}
	}
	for suffix := range 3 {
		for i := 1; i <= 300; i++ {
			add(fmt.Sprintf("O%08d-%03d", i, suffix))
		}
	}
	again := []string{"O00000150-000", "O00000300-002", "O00000001-001", "O00000301-002"} // the last is new
	for _, id := range again {
		add(id)
	}
	var got []string
	for _, err := range ReadOrders(strings.NewReader(b.String()), Options{}) {
		if errors.Is(err, ErrDuplicateID) { // each followed by its order's rejection
			got = append(got, err.Error())
		}
	}
	var want []string
	for i, id := range again[:3] {
		want = append(want, fmt.Sprintf("storedata: input:%d: duplicate ID: order %s: its rows are not consecutive (first seen on line %d)",
			line-len(again)+1+i, id, first[id]))
	}
	if len(got) != len(want) {
		t.Fatalf("%d errors, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("error %d: %s\nwant %s", i, got[i], want[i])
		}
	}
	checkOrderBatches(t, b.String(), false)
}
