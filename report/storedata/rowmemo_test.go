package storedata

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestTailMemoPair checks, in a memo of one pair of slots (which every
// span shares), that two spans both stay, and that a third takes the
// slot of the one found or added less recently.
func TestTailMemoPair(t *testing.T) {
	cny := money.MustCurrency("CNY")
	line := func(sku string) *metrics.Line { return &metrics.Line{SKU: sku, Quantity: 1} }
	tests := []struct {
		name   string
		reason string
		steps  []string // "+span" adds span, "?span" finds it
		want   []string // the spans found, of the finds, in order ("" for none)
	}{
		{
			name:   "two stay",
			reason: "two spans whose homes share a pair are both kept: one slot each made them take turns",
			steps:  []string{"+a", "+b", "?a", "?b", "?a"},
			want:   []string{"a", "b", "a"},
		},
		{
			name:   "least recent goes",
			reason: "a third span takes the slot of the span found or added less recently (b), not of the one found last (a)",
			steps:  []string{"+a", "+b", "?a", "+c", "?a", "?b", "?c"},
			want:   []string{"a", "a", "", "c"},
		},
		{
			name:   "added counts as used",
			reason: "with no find between, the span added first is the less recent",
			steps:  []string{"+a", "+b", "+c", "?a", "?b", "?c"},
			want:   []string{"", "b", "c"},
		},
		{
			name:   "again after gone",
			reason: "a span added again after it went is found again, and its line is the new one",
			steps:  []string{"+a", "+b", "+c", "+a", "?a", "?b", "?c"},
			want:   []string{"a", "", "c"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m tailMemo
			m.init(1)
			var got []string
			for _, s := range tc.steps {
				span := s[1:]
				if s[0] == '+' {
					if e := m.add(span, cny, line("sku-"+span)); e == nil {
						t.Fatalf("add(%q) = nil", span)
					}
					continue
				}
				e := m.find(span, cny)
				switch {
				case e == nil:
					got = append(got, "")
				case string(e.span[:e.n]) != span || e.line.SKU != "sku-"+span:
					t.Fatalf("find(%q) found the entry of %q, line %q", span, e.span[:e.n], e.line.SKU)
				default:
					got = append(got, span)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s: spans found (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

// TestTailMemoModel adds and finds spans of a few currencies in memos of
// 2 to 16 slots, and checks every find against a model: a span found is
// the one looked for, in its currency, with the line it was last added
// with; and in a memo of one pair, the two spans used last (found or
// added) are always found.
func TestTailMemoModel(t *testing.T) {
	curs := []money.Currency{money.MustCurrency("CNY"), money.MustCurrency("JPY"), money.MustCurrency("KWD")}
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.IntRange(1, 4).Draw(t, "bits")
		var m tailMemo
		m.init(bits)
		type key struct {
			span string
			cur  int
		}
		lines := map[key]int64{} // the quantity each key was last added with
		var recent []key         // the keys used, most recent last, each once
		use := func(k key) {
			for i, r := range recent {
				if r == k {
					recent = append(recent[:i], recent[i+1:]...)
					break
				}
			}
			recent = append(recent, k)
		}
		// Not empty: line cells have their commas (an entry of length 0 is none).
		spans := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z0-9,.]{1,12}`), 1, 12, rapid.ID).Draw(t, "spans")
		for step := range rapid.IntRange(1, 200).Draw(t, "steps") {
			k := key{rapid.SampledFrom(spans).Draw(t, "span"), rapid.IntRange(0, len(curs)-1).Draw(t, "cur")}
			if rapid.Bool().Draw(t, "add") {
				if _, ok := lines[k]; ok && m.find(k.span, curs[k.cur]) != nil {
					use(k) // found: the reader adds only what it does not find
					continue
				}
				q := int64(step + 1)
				m.add(k.span, curs[k.cur], &metrics.Line{Quantity: q})
				lines[k] = q
				use(k)
				continue
			}
			e := m.find(k.span, curs[k.cur])
			last := bits == 1 && len(recent) > 0 && (recent[len(recent)-1] == k || len(recent) > 1 && recent[len(recent)-2] == k)
			switch {
			case e == nil && last:
				t.Fatalf("step %d: %q in %v, one of the two spans used last, not found", step, k.span, curs[k.cur])
			case e == nil:
				continue
			case string(e.span[:e.n]) != k.span || e.cur != curs[k.cur]:
				t.Fatalf("step %d: find(%q, %v) found %q in %v", step, k.span, curs[k.cur], e.span[:e.n], e.cur)
			case e.line.Quantity != lines[k]:
				t.Fatalf("step %d: find(%q, %v) found the line of quantity %d, want %d", step, k.span, curs[k.cur], e.line.Quantity, lines[k])
			}
			use(k)
		}
	})
}

// TestSpanIs checks spanIs against a comparison of strings, on spans
// that mostly agree with s but in one byte.
func TestSpanIs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := string(rapid.SliceOfN(rapid.Byte(), 0, tailMax).Draw(t, "s"))
		var span [tailMax]byte
		copy(span[:], s)
		if len(s) > 0 && rapid.Bool().Draw(t, "differ") {
			span[rapid.IntRange(0, len(s)-1).Draw(t, "at")] ^= byte(rapid.IntRange(1, 255).Draw(t, "by"))
		}
		for i := len(s); i < tailMax; i++ {
			span[i] = byte(rapid.IntRange(0, 255).Draw(t, "after")) // bytes past s do not count
		}
		if got, want := spanIs(&span, s), string(span[:len(s)]) == s; got != want {
			t.Fatalf("spanIs(%q, %q) = %v, want %v", span[:len(s)], s, got, want)
		}
	})
}

// TestTextIs checks textIs against a comparison of strings, on texts
// that mostly agree but in one byte or in their length.
func TestTextIs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SliceOfN(rapid.Byte(), 0, 2*tailMax).Draw(t, "a")
		b := append([]byte(nil), a...)
		switch rapid.IntRange(0, 2).Draw(t, "change") {
		case 1:
			if len(b) > 0 {
				b[rapid.IntRange(0, len(b)-1).Draw(t, "at")] ^= byte(rapid.IntRange(1, 255).Draw(t, "by"))
			}
		case 2:
			b = b[:rapid.IntRange(0, len(b)).Draw(t, "len")]
		}
		if got, want := textIs(string(a), string(b)), string(a) == string(b); got != want {
			t.Fatalf("textIs(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}

// TestSpanHashEveryByte checks that a change of any one byte of a span of
// up to tailMax bytes, or of its length, changes its hash: two line
// spans that differ only in their quantity, in their middle, must not
// share their slots by construction. (Two different spans may share a
// hash by chance, once in 2⁶⁴ or so: not on these few.)
func TestSpanHashEveryByte(t *testing.T) {
	seed := [2]uint64{0x243f6a8885a308d3, 0x13198a2e03707344} // the digits of π, any seed would do
	base := strings.Repeat("SKU-0042,品名 一,cat,3,97.90,0.00,37.88,", 3)[:tailMax]
	for n := range tailMax + 1 {
		s := base[:n]
		h := spanHash(s, seed)
		for i := range n {
			b := []byte(s)
			b[i] ^= 0x01
			if spanHash(string(b), seed) == h {
				t.Errorf("length %d: byte %d changed, hash the same", n, i)
			}
		}
		if n > 0 && spanHash(s[:n-1], seed) == h {
			t.Errorf("length %d: the span less its last byte has the same hash", n)
		}
		if n < tailMax && spanHash(s+"\x00", seed) == h {
			t.Errorf("length %d: the span and a zero byte more have the same hash", n)
		}
	}
}

// BenchmarkTailMemoFind finds line spans of the demo store's length (60
// bytes or so) in a memo that holds them.
func BenchmarkTailMemoFind(b *testing.B) {
	cny := money.MustCurrency("CNY")
	var m tailMemo
	m.init(tailBits)
	spans := make([]string, 512)
	for i := range spans {
		spans[i] = fmt.Sprintf("SKU-%04d,氨基酸洗面奶 经典款,beauty,%d,97.90,0.00,37.88,", i%100, 1+i/100)
		m.add(spans[i], cny, &metrics.Line{})
	}
	b.ResetTimer()
	hits := 0
	for i := range b.N {
		if m.find(spans[i%len(spans)], cny) != nil {
			hits++
		}
	}
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}
