package storedata

import (
	"fmt"
	"strings"
	"testing"
)

// TestFirstBatch: the first batch of a reading has room for the orders
// and lines the file holds, estimated from its first bytes and its size,
// up to the batch size; with no size it starts small.
func TestFirstBatch(t *testing.T) {
	twoLines := func(id string) string { return id + ",a,1\n" + id + ",b,2\n" } // 6 + 6 bytes
	var buf strings.Builder
	for i := range 20 {
		buf.WriteString(twoLines(string(rune('A' + i))))
	}
	for _, tc := range []struct {
		name, reason  string
		buf           string
		size          int
		fileSize      int64
		orders, lines int
	}{{
		name: "size unknown", reason: "a reader that is not a file: the batch starts small",
		buf: buf.String(), size: 1 << 16, fileSize: 0,
	}, {
		name: "100 orders", reason: "1,200 bytes of orders of 12 bytes and 2 lines: 100 orders and 200 lines, and one more of each",
		buf: buf.String(), size: 1 << 16, fileSize: 1200, orders: 101, lines: 203,
	}, {
		name: "capped", reason: "a file of a million orders: as many as a batch holds, with their lines",
		buf: buf.String(), size: 1000, fileSize: 12_000_000, orders: 1000, lines: 2001,
	}, {
		name: "no whole line", reason: "bytes without a newline say nothing of the lines: one line an order",
		buf: "Z,a", size: 1 << 16, fileSize: 10 * orderBytesHint, orders: 11, lines: 11,
	}} {
		orders, lines := firstBatch(tc.size, tc.fileSize, []byte(tc.buf), true)
		if orders != tc.orders || lines != tc.lines {
			t.Errorf("%s: firstBatch = %d orders, %d lines, want %d, %d: %s", tc.name, orders, lines, tc.orders, tc.lines, tc.reason)
		}
	}
}

// TestOrderBatchTimes: the fast path gives a batch its orders' times as
// Unix nanoseconds straight from the text, and the order's own times
// only for an order with a time a batch cannot hold. Times with
// fractions, Z and offsets east and west, on both sides of the batch's
// range and of what the fast parser reads (a year ≤ 1000), come out as
// ReadOrders reads them, with the same errors and observations.
func TestOrderBatchTimes(t *testing.T) {
	row := "o1,c1,2025-11-11T20:00:00+08:00,ads,paid,CNY,0.00,0.00,0.00,,2025-11-11T20:01:00.5+08:00,,,,SF,Zhejiang,S1,n,c,1,9.90,0.00,5.00,\n"
	var data strings.Builder
	data.WriteString(header)
	for i, placed := range []string{
		"2025-11-11T12:00:00.123456789Z",
		"2025-11-11T06:30:00-05:30",
		"2261-12-31T23:59:59.999999999Z", // the last instant a batch holds
		"2262-01-01T00:00:00Z",           // the first it does not: read by the fast parser, rejected by the batch
		"1677-12-31T23:59:59Z",
		"1000-01-01T00:00:00Z", // not read by the fast parser
		"2025-11-11T20:00:00+08:00",
	} {
		r := strings.Replace(strings.Replace(row, "o1", fmt.Sprintf("o%d", i), 1), "2025-11-11T20:00:00+08:00", placed, 1)
		data.WriteString(r)
		data.WriteString(strings.Replace(r, ",S1,", ",S2,", 1)) // a second line, read from the first's order
	}
	// An optional time out of range, on an order's first row.
	data.WriteString(strings.Replace(strings.Replace(row, "o1", "o9", 1), ",,SF,", ",2300-01-01T00:00:00Z,SF,", 1))
	for _, strict := range []bool{false, true} {
		checkOrderBatches(t, data.String(), strict)
	}
}
