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

// TestOrderBatchesDirect: orders that ReadOrderBatches takes straight
// from the fast path into columns, next to orders and rows the exact
// path reads, give what ReadOrders gives (checkOrderBatches, which also
// reads every error again once the reading is over): the order's later
// rows read by the exact path, lines whose amounts are not minor units,
// carriers and regions of every kind (one or both empty, a span longer
// than the memo holds, more spans than it has slots), customers of 1 to
// 40 bytes, an order rejected by a later row or by its time, and an ID
// that comes back.
func TestOrderBatchesDirect(t *testing.T) {
	row := func(id, customer, carrier, region, sku, price string) string {
		return fmt.Sprintf("%s,%s,2025-11-11T20:00:00+08:00,search,paid,CNY,0.00,0.00,0.00,,,,,,%s,%s,%s,n,c,1,%s,0.00,5.00,\n",
			id, customer, carrier, region, sku, price)
	}
	long := strings.Repeat("长", 20) // 60 bytes
	var many strings.Builder
	many.WriteString(header)
	for i := range 600 {
		many.WriteString(row(fmt.Sprintf("o%d", i), fmt.Sprintf("c%0*d", 1+i%40, i%97), fmt.Sprintf("carrier%d", i%300),
			fmt.Sprintf("r%d", i%7), "S1", "9.90"))
	}
	for _, tc := range []struct{ name, data string }{{
		name: "later rows by the exact path",
		data: header + row("o1", "c1", "SF", "Zhejiang", "A", "9.90") + strings.Replace(row("o1", "c1", "SF", "Zhejiang", "B", "9.90"), ",n,", `,"n",`, 1) +
			row("o1", "c1", "SF", "Zhejiang", "C", "9.90") + row("o2", "c2", "SF", "Zhejiang", "A", "9.90"),
	}, {
		name: "amounts not in minor units",
		data: header + row("o1", "c1", "SF", "Zhejiang", "A", "9.90") + row("o1", "c1", "SF", "Zhejiang", "B", "9.901") +
			row("o1", "c1", "SF", "Zhejiang", "C", "9.90") + row("o2", "c1", "SF", "Zhejiang", "A", "9.901"),
	}, {
		name: "carriers and regions",
		data: header + row("o1", "c1", "", "Zhejiang", "A", "9.90") + row("o2", "c1", "SF", "", "A", "9.90") + row("o3", "c1", "", "", "A", "9.90") +
			row("o4", "c1", long, "Zhejiang", "A", "9.90") + row("o5", "c1", "SF", long, "A", "9.90") + row("o6", "c1", long, long, "A", "9.90") +
			row("o7", "c1", "Zhejiang", "SF", "A", "9.90") + row("o8", "c1", "SF", "Zhejiang", "A", "9.90"),
	}, {
		name: "many spans and customers",
		data: many.String(),
	}, {
		name: "rejected by a later row",
		data: header + row("o1", "c1", "SF", "Zhejiang", "A", "9.90") + row("o1", "c1", "SF", "Zhejiang", "B", "x") +
			row("o2", "c2", "SF", "Zhejiang", "A", "9.90") + row("o3", "c3", "SF", "Zhejiang", "A", "9.90") + row("o3", "c3", "SF", "Zhejiang", "B", "-") +
			row("o4", "c3", "SF", "Zhejiang", "A", "9.90"),
	}, {
		name: "rejected by its time",
		data: header + strings.Replace(row("o1", "c1", "SF", "Zhejiang", "A", "9.90"), "2025", "2300", 1) + row("o2", "c2", "SF", "Zhejiang", "A", "9.90"),
	}, {
		name: "an ID that comes back",
		data: header + row("order-000000001", "c1", "SF", "Zhejiang", "A", "9.90") + row("o2", "c2", "SF", "Zhejiang", "A", "9.90") +
			row("order-000000001", "c3", "SF", "Zhejiang", "B", "9.90") + row("order-000000001", "c3", "SF", "Zhejiang", "C", "9.90") +
			row("o3", "c2", "SF", "Zhejiang", "A", "9.90"),
	}} {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/strict=%v", tc.name, strict), func(t *testing.T) { checkOrderBatches(t, tc.data, strict) })
		}
	}
}

// TestCustomersHint: the customer dictionary of a reading is sized for a
// quarter of the orders the file holds, up to customersHintMax, and not
// at all for a reader of unknown size.
func TestCustomersHint(t *testing.T) {
	var buf strings.Builder
	for i := range 20 {
		fmt.Fprintf(&buf, "%c,a,1\n%c,b,2\n", 'A'+i, 'A'+i) // orders of 12 bytes
	}
	for _, tc := range []struct {
		fileSize int64
		want     int
	}{{0, 0}, {1200, 25}, {12 << 30, customersHintMax}} {
		if got := customersHint(tc.fileSize, []byte(buf.String()), true); got != tc.want {
			t.Errorf("customersHint(%d) = %d, want %d", tc.fileSize, got, tc.want)
		}
	}
}

// TestInputBuffer: a reader's buffers and memos are their full size for
// an input of unknown or large size, and smaller for a small one, whose
// buffer still holds it whole with room to spare.
func TestInputBuffer(t *testing.T) {
	for _, tc := range []struct {
		size, max, want int64
	}{{0, 1 << 16, 1 << 16}, {-1, 1 << 16, 1 << 16}, {1 << 20, 1 << 16, 1 << 16}, {1 << 16, 1 << 16, 1 << 16}, {500, 1 << 16, 564}, {1, 1 << 16, 65}} {
		if got := inputBuffer(tc.size, tc.max); got != tc.want || got < tc.max && got <= tc.size {
			t.Errorf("inputBuffer(%d, %d) = %d, want %d", tc.size, tc.max, got, tc.want)
		}
	}
	for _, tc := range []struct {
		size      int64
		max, want int
	}{{0, 12, 12}, {1 << 30, 12, 12}, {500, 12, 4}, {64 << 8, 12, 9}, {64 << 8, 6, 6}} {
		if got := memoBits(tc.size, tc.max); got != tc.want {
			t.Errorf("memoBits(%d, %d) = %d, want %d", tc.size, tc.max, got, tc.want)
		}
	}
}
