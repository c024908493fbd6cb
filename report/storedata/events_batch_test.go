package storedata

import (
	"fmt"
	"strings"
	"testing"
)

// TestEventsFirstBatch: the first batch of a reading has room for the
// events the file holds, estimated from the lines of its first bytes and
// its size, up to the batch size, each with the properties its first
// lines have on average (not every column: found by review, a wide file
// of empty columns had room made for 8 GiB); with no size, or no whole
// line to go by, it starts small.
func TestEventsFirstBatch(t *testing.T) {
	buf := strings.Repeat("u1,2025-11-11T20:00:00Z,page_view,s1\n", 10) // lines of 37 bytes
	wide := strings.Repeat("u1,2025-11-11T20:00:00Z,page_view,s1"+strings.Repeat(",", 999)+"\n", 2) +
		"u1,2025-11-11T20:00:00Z,page_view,s1,x" + strings.Repeat(",", 998) + "\n" // 1,000 property columns, 1 or 2 set
	for _, tc := range []struct {
		name, reason   string
		buf            string
		props, size    int
		fileSize       int64
		events, propsN int
	}{
		{"size unknown", "a reader that is not a file", buf, 1, 1 << 16, 0, 0, 0},
		{"100 events", "3,700 bytes of lines of 37 bytes: 100 events and one more, with one property each", buf, 1, 1 << 16, 3700, 101, 101},
		{"capped", "a file of a million events: as many as a batch holds", buf, 1, 1000, 37_000_000, 1000, 1000},
		{"no whole line", "bytes without a newline say nothing of the lines", "u1,2025", 1, 1 << 16, 3700, 0, 0},
		{"wide and sparse", "lines of 1,036 bytes on average, with 1, 1 and 2 properties of 1,000 columns: 2 per event, rounded up, not 1,000", wide, 1000, 1 << 16, 1037 * 100, 101, 202},
		{"fewer columns than cells", "the average counts at most the columns' properties", buf, 0, 1 << 16, 3700, 101, 0},
	} {
		events, props := eventsFirstBatch(tc.size, tc.fileSize, []byte(tc.buf), tc.props)
		if events != tc.events || props != tc.propsN {
			t.Errorf("%s: eventsFirstBatch = %d events, %d properties, want %d, %d: %s", tc.name, events, props, tc.events, tc.propsN, tc.reason)
		}
	}
}

// TestEventBatchesPropBlocks reads more distinct property cells than one
// block of the properties' cache holds (propBlock), so that the cache is
// emptied and its blocks made anew several times, with spans that come
// back after it was emptied: the batches still give the events the rows
// give (checkEventBatches).
func TestEventBatchesPropBlocks(t *testing.T) {
	var b strings.Builder
	b.WriteString("user_id,time,name,session_id,source,device,sku\n")
	for i := range 90_000 {
		s := i % 70_000 // the first 20,000 sessions come back after 70,000 lines
		fmt.Fprintf(&b, "u%d,2025-12-01T00:%02d:%02d+08:00,page_view,S%07d,ads,mobile,SKU-%d\n", s%5000, i/60%60, i%60, s, s%300)
	}
	if n := b.Len(); n < 3*propBlock {
		t.Fatalf("%d bytes of lines, want more than 3 blocks of %d", n, propBlock)
	}
	checkEventBatches(t, b.String(), false, nil)
}
