package storedata

import (
	"strings"
	"testing"
)

// TestEventsFirstBatch: the first batch of a reading has room for the
// events the file holds, estimated from the lines of its first bytes and
// its size, up to the batch size, each with all its property columns;
// with no size, or no whole line to go by, it starts small.
func TestEventsFirstBatch(t *testing.T) {
	buf := strings.Repeat("u1,2025-11-11T20:00:00Z,page_view,s1\n", 10) // lines of 37 bytes
	for _, tc := range []struct {
		name, reason   string
		buf            string
		size           int
		fileSize       int64
		events, propsN int
	}{
		{"size unknown", "a reader that is not a file", buf, 1 << 16, 0, 0, 0},
		{"100 events", "3,700 bytes of lines of 37 bytes: 100 events and one more, with one property each", buf, 1 << 16, 3700, 101, 101},
		{"capped", "a file of a million events: as many as a batch holds", buf, 1000, 37_000_000, 1000, 1000},
		{"no whole line", "bytes without a newline say nothing of the lines", "u1,2025", 1 << 16, 3700, 0, 0},
	} {
		events, props := eventsFirstBatch(tc.size, tc.fileSize, []byte(tc.buf), 1)
		if events != tc.events || props != tc.propsN {
			t.Errorf("%s: eventsFirstBatch = %d events, %d properties, want %d, %d: %s", tc.name, events, props, tc.events, tc.propsN, tc.reason)
		}
	}
}
