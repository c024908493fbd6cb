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

// TestEventBatchesSameSlot reads lines whose users take turns, two users
// of the same length and numCache slot, and whose names take turns, two
// names of the same length and slot in eventBatches.names that differ
// only past their first 8 bytes: touch tells a line's user the same as the
// line before's by their slots, then their bytes, and name compares
// names of 8 to 16 bytes by words (sameShort); each line must be read
// as ReadEvents reads it.
func TestEventBatchesSameSlot(t *testing.T) {
	slot := func(s string) uint64 { return cacheHash(s) >> (64 - numBits) }
	var u1, u2 string
	for i := 0; u2 == ""; i++ {
		u := fmt.Sprintf("V%08d", i)
		switch {
		case u1 == "":
			u1 = u
		case slot(u) == slot(u1):
			u2 = u
		}
	}
	nameSlot := func(s string) uint64 { return cacheSlot(s) & 63 }
	var n1, n2 string
	for i := 0; n2 == ""; i++ {
		n := fmt.Sprintf("page_view%03d", i) // 12 bytes: they differ past the first 8
		switch {
		case n1 == "":
			n1 = n
		case nameSlot(n) == nameSlot(n1):
			n2 = n
		}
	}
	var b strings.Builder
	b.WriteString("user_id,time,name,session_id,sku\n")
	for i := range 300 {
		u, n := u1, n1
		if i%3 == 2 {
			// Runs of two: some cut of lines ahead starts with u1,
			// held in its slot, and goes on with u2.
			u = u2
		}
		if i%2 == 1 {
			n = n2
		}
		fmt.Fprintf(&b, "%s,2025-12-01T00:%02d:%02d+08:00,%s,S%d,SKU-%d\n", u, i/60, i%60, n, i%5, i%7)
	}
	checkEventBatches(t, b.String(), false, nil)
}

// TestSameShort checks sameShort against a comparison of strings: equal
// strings of 1 to 30 bytes, and strings that differ in one byte at each
// place.
func TestSameShort(t *testing.T) {
	for n := 1; n <= 30; n++ {
		a := strings.Repeat("ab", n)[:n]
		if !sameShort(a, strings.Clone(a)) {
			t.Fatalf("sameShort(%q, %q) = false", a, a)
		}
		for i := range n {
			b := []byte(a)
			b[i] ^= 0x20
			if sameShort(a, string(b)) {
				t.Fatalf("sameShort(%q, %q) = true", a, b)
			}
		}
	}
}
