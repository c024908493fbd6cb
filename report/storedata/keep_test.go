package storedata

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/internal/sample"
)

// TestKeptStrings reads a demo export many times the size of the
// reader's buffer and keeps every record: the strings that the readers
// of orders and events take from the buffer (see strcache) must stay
// what was written after the buffer has been reused.
func TestKeptStrings(t *testing.T) {
	s := sample.Generate(sample.Config{Days: 90, Customers: 1500})
	dir := t.TempDir()
	if err := writeFile(filepath.Join(dir, "order_lines.csv"), func(f *os.File) error { return WriteOrders(f, slices.Values(s.Orders)) }); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(filepath.Join(dir, "events.csv"), func(f *os.File) error {
		return WriteEvents(f, slices.Values(s.Events), sample.PropOrder, funnel.PropSKU)
	}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "order_lines.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if st, _ := f.Stat(); st.Size() < 4*sniffSize {
		t.Fatalf("order_lines.csv has %d bytes, want several buffers", st.Size())
	}
	orders, errs := Collect(ReadOrders(f, Options{Location: s.Config.Location}))
	if errs != nil {
		t.Fatal(errs)
	}
	// The demo's orders carry their fulfilment (issue 21), which
	// order_lines.csv holds in its optional columns: compared with it.
	if diff := cmp.Diff(s.Orders, orders, moneyCmp, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("orders (-written +read):\n%.3000s", diff)
	}
	g, err := os.Open(filepath.Join(dir, "events.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	events, errs := Collect(ReadEvents(g, Options{Location: s.Config.Location}))
	if errs != nil {
		t.Fatal(errs)
	}
	if diff := cmp.Diff(s.Events, events, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("events (-written +read):\n%.3000s", diff)
	}
}

// TestValidTextFastPath: the check of UTF-8 text by bytes agrees with
// the rune-by-rune one on any string, including the C1 controls (C2 80 to
// C2 9F) next to other two-byte characters.
func TestValidTextFastPath(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOf(rapid.SampledFrom([]string{"a", "茶", "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\u0080", "\u009f", "\u00a0", "é", "\xc2", "\xff", "\xe8\x8c", "\U0001F600"})).Draw(t, "parts")
		s := strings.Join(parts, "")
		fast, slow := validText(s) == nil, validTextSlow(s, 0) == nil
		if fast != slow {
			t.Fatalf("%q: fast path says valid=%v, rune by rune %v", s, fast, slow)
		}
	})
}

// TestIDSet: the set finds every ID added before, with its first line,
// and only those, across its growth and its placements (checked against
// a map), whatever the size hint.
func TestIDSet(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := newIDSet(rapid.IntRange(0, 5000).Draw(t, "hint"))
		want := map[string]int{}
		n := rapid.IntRange(0, 5000).Draw(t, "n")
		// IDs of up to 15 bytes and longer ones, hashed differently.
		format := rapid.SampledFrom([]string{"o%d", "O%08d-00", "%d", "order-number-%d"}).Draw(t, "format")
		for line := 1; line <= n; line++ {
			// Mostly new IDs, sometimes one from before.
			id := fmt.Sprintf(format, line)
			if line > 1 && rapid.IntRange(0, 20).Draw(t, "again") == 0 {
				id = fmt.Sprintf(format, rapid.IntRange(1, line-1).Draw(t, "old"))
			}
			first, dup := m.add(id, line)
			was, seen := want[id]
			if dup != seen || first != was {
				t.Fatalf("line %d: add(%q) = %d, %v; want %d, %v", line, id, first, dup, was, seen)
			}
			if !seen {
				want[id] = line
			}
		}
	})
}

// BenchmarkIDSet adds 1M new order IDs (as the demo store's, in groups
// of ascending numbers) to a set sized for them, and reports the CPU
// time per ID.
func BenchmarkIDSet(b *testing.B) {
	const n = 1_000_000
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("O%08d-%03d", i%20_000, i/20_000)
	}
	cpu0 := cputime.Used()
	for b.Loop() {
		m := newIDSet(n)
		for line, id := range ids {
			if _, dup := m.add(id, line+2); dup {
				b.Fatalf("%s: a duplicate", id)
			}
		}
	}
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(n*b.N), "cpu-ns/ID")
	}
}

// TestSpanCache: a span cache gives the cells of a span it was given
// before, as copies that outlive the span's bytes, and nothing for a
// span it was not given; spans that share a slot (a cache of one slot)
// take turns.
func TestSpanCache(t *testing.T) {
	tb := &table{}
	for _, size := range []int{1, 64, 0} {
		c := spanCache{size: size}
		buf := []byte("SKU-1,茶,drinks")
		span := unsafe.String(&buf[0], len(buf)) // a view of the line, as the readers give

		if p := c.find(span); p != nil {
			t.Fatalf("size %d: found %q before it was added", size, p)
		}
		got := *c.add(tb, span, 3, 5, 9)
		copy(buf, "XXXXXXXXXXXXXX") // the next line
		if want := [3]string{"SKU-1", "茶", "drinks"}; got != want {
			t.Fatalf("size %d: add = %q, want %q", size, got, want)
		}
		if p := c.find("SKU-1,茶,drinks"); p == nil || *p != got {
			t.Fatalf("size %d: find after add = %v", size, p)
		}
		if a, b := c.two(tb, "SF,Zhejiang", 2); a != "SF" || b != "Zhejiang" {
			t.Fatalf("size %d: two = %q, %q", size, a, b)
		}
		if a, b := c.two(tb, "SF,Zhejiang", 2); a != "SF" || b != "Zhejiang" {
			t.Fatalf("size %d: two again = %q, %q", size, a, b)
		}
		if got := c.one(tb, "search"); got != "search" || c.one(tb, "") != "" {
			t.Fatalf("size %d: one = %q", size, got)
		}
		if size == 1 && c.find("SKU-1,茶,drinks") != nil {
			t.Fatalf("size 1: the first span is still there after two others took its slot")
		}
		if p := c.find("SKU-2,茶,drinks"); p != nil {
			t.Fatalf("size %d: found %q for a span never added", size, p)
		}
	}
}

// TestIDSetLarge: a set whose table is mapped outside the heap finds
// every ID added before with its line, and no other, across its growth
// to more than twice its hint, and gives its table back; lines outside
// what a slot keeps are kept as its bounds. The IDs come out of order
// (i·7919 mod n), so that they go to the table, not to runs.
func TestIDSetLarge(t *testing.T) {
	const hint, n = 60_000, 150_000
	m := newIDSet(hint)
	id := func(i int) string { p := i * 7919 % n; return fmt.Sprintf("O%08d-%03d", p%7_000, p/7_000) }
	for i := range n {
		if _, dup := m.add(id(i), i+2); dup {
			t.Fatalf("%s: seen before", id(i))
		}
	}
	if !m.mapped && runtime.GOOS == "linux" {
		t.Errorf("a table of %d slots is not mapped", len(m.slots))
	}
	if len(m.runs.list) > n/100 {
		t.Errorf("%d runs of IDs out of order", len(m.runs.list))
	}
	for i := range n {
		id := id(i)
		if first, dup := m.add(id, n+i+2); !dup || first != i+2 {
			t.Fatalf("%s again: first %d, %v; want %d, true", id, first, dup, i+2)
		}
	}
	big := math.MaxInt // above idLineMax where int has 64 bits
	if first, dup := m.add("a long order ID of more than fifteen bytes", big); dup || first != 0 {
		t.Fatalf("a new ID: %d, %v", first, dup)
	}
	if first, _ := m.add("a long order ID of more than fifteen bytes", 3); int64(first) != min(int64(big), idLineMax) {
		t.Errorf("line %d is kept as %d, want %d", big, first, min(int64(big), idLineMax))
	}
	m.add("o-1", -5)
	if first, _ := m.add("o-1", 3); first != 1 {
		t.Errorf("a line below 1 is kept as %d, want 1", first)
	}
	m.free()
	if m.slots != nil || m.n != 0 {
		t.Errorf("after free: %d slots, %d IDs", len(m.slots), m.n)
	}
}

// TestIDSetHintBound: a huge hint (a sparse file of terabytes) makes a
// table of at most idHintMax IDs, which still takes more than that many.
func TestIDSetHintBound(t *testing.T) {
	m := newIDSet(math.MaxInt)
	defer m.free()
	if max := idHintMax*4/3 + idBucket*64; len(m.slots) > max {
		t.Fatalf("a hint of %d IDs makes %d slots, more than %d", math.MaxInt, len(m.slots), max)
	}
	if first, dup := m.add("O-1", 2); dup || first != 0 {
		t.Fatalf("add to the bounded set: %d, %v", first, dup)
	}
	if first, dup := m.add("O-1", 3); !dup || first != 2 {
		t.Fatalf("add again: %d, %v; want 2, true", first, dup)
	}
}
