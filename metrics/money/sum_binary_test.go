package money

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/internal/wiretest"
)

// encodeSum returns s's encoding, failing the test on an error.
func encodeSum(t interface{ Fatal(...any) }, s *Sum) []byte {
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sumState is what a Sum shows: its totals and its count.
type sumState struct {
	Totals []string
	Count  int64
}

func stateOf(s *Sum) sumState {
	st := sumState{Count: s.Count()}
	for _, m := range s.Totals() {
		st.Totals = append(st.Totals, m.Currency().Code()+" "+m.Decimal().String())
	}
	return st
}

// genSumAmounts draws amounts in up to three currencies, with zero
// Money, amounts without a currency and amounts that cancel out.
func genSumAmounts(t *rapid.T) []Money {
	ms := genAmounts(t)
	for range rapid.IntRange(0, 3).Draw(t, "extras") {
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0:
			ms = append(ms, Money{})
		case 1:
			ms = append(ms, Currency{}.FromMinor(rapid.Int64Range(-100, 100).Draw(t, "none")))
		case 2:
			m := genMoney(MustCurrency("EUR")).Draw(t, "eur")
			ms = append(ms, m, m.Neg())
		}
	}
	return rapid.Permutation(ms).Draw(t, "order")
}

// TestSumBinaryMerge checks that shards summed apart, encoded, decoded
// and merged give exactly the direct sum (totals and count), that a
// decoded Sum re-encodes to the same bytes and takes more amounts like
// the original, and that the same amounts in another order encode alike.
func TestSumBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms := genSumAmounts(t)
		var direct Sum
		for _, m := range ms {
			direct.Add(m)
		}
		shards := rapid.IntRange(1, 4).Draw(t, "shards")
		parts := make([]Sum, shards)
		for _, m := range ms {
			parts[rapid.IntRange(0, shards-1).Draw(t, "shard")].Add(m)
		}
		var merged Sum
		for k := range parts {
			enc := encodeSum(t, &parts[k])
			var back Sum
			if err := back.UnmarshalBinary(enc); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			if again := encodeSum(t, &back); !bytes.Equal(again, enc) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", enc, again)
			}
			if diff := cmp.Diff(stateOf(&parts[k]), stateOf(&back)); diff != "" {
				t.Fatalf("decoded Sum (-encoded +decoded):\n%s", diff)
			}
			merged.Merge(back)
		}
		if diff := cmp.Diff(stateOf(&direct), stateOf(&merged)); diff != "" {
			t.Fatalf("merge of decoded shards != direct (-want +got):\n%s", diff)
		}
		var rev Sum
		for _, m := range slices.Backward(ms) {
			rev.Add(m)
		}
		if a, b := encodeSum(t, &direct), encodeSum(t, &rev); !bytes.Equal(a, b) {
			t.Fatalf("equal sums encode differently:\n%x\n%x", a, b)
		}
		if a, b := encodeSum(t, &direct), encodeSum(t, &merged); !bytes.Equal(a, b) {
			t.Fatalf("the merged sum encodes otherwise than the direct one:\n%x\n%x", a, b)
		}
		// A decoded Sum takes more amounts like the original.
		var back Sum
		if err := back.UnmarshalBinary(encodeSum(t, &direct)); err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			back.Add(m)
			direct.Add(m)
		}
		if diff := cmp.Diff(stateOf(&direct), stateOf(&back)); diff != "" {
			t.Fatalf("amounts added after decoding (-want +got):\n%s", diff)
		}
	})
}

// binarySum is a Sum with two currencies, a sub-cent amount, a total past
// int64, an amount without a currency and the zero Money.
func binarySum() *Sum {
	var s Sum
	cny, usd := MustCurrency("CNY"), MustCurrency("USD")
	s.Add(cny.FromMinor(4400))
	s.Add(MustNew("78.005", "CNY"))
	s.Add(usd.FromMinor(math.MaxInt64))
	s.Add(usd.FromMinor(math.MaxInt64))
	s.Add(Currency{}.FromMinor(-7))
	s.Add(Money{})
	return &s
}

// TestSumBinaryErrors checks the errors of UnmarshalBinary: every
// truncation of a real encoding, every other version byte and every
// single-byte change that does not make another valid encoding is
// ErrCorrupt and leaves the Sum as it was (wiretest.Check); hand-made
// encodings of what no Sum holds are refused.
func TestSumBinaryErrors(t *testing.T) {
	newKeep := func() wiretest.Codec {
		s := binarySum()
		s.Add(MustNew("1", "JPY"))
		return s
	}
	wiretest.Check(t, wiretest.Case{Name: "Sum", Data: encodeSum(t, binarySum()), New: newKeep, Corrupt: ErrCorrupt, MinRefused: 2.0 / 3})
	keep := newKeep()
	before := encodeSum(t, keep.(*Sum))
	refused := func(name string, data []byte) {
		t.Helper()
		if err := keep.UnmarshalBinary(data); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: error %v, want ErrCorrupt", name, err)
		}
		if !bytes.Equal(encodeSum(t, keep.(*Sum)), before) {
			t.Fatalf("%s: a failed UnmarshalBinary changed the Sum", name)
		}
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"more totals than amounts", []byte{1, 1, 2, 3, 'C', 'N', 'Y', 2, 0, 3, 'U', 'S', 'D', 2, 0}},
		{"codes out of order", []byte{1, 2, 2, 3, 'U', 'S', 'D', 2, 0, 3, 'C', 'N', 'Y', 2, 0}},
		{"a code twice", []byte{1, 2, 2, 3, 'C', 'N', 'Y', 2, 0, 3, 'C', 'N', 'Y', 2, 0}},
		{"the no-currency total after a currency", []byte{1, 2, 2, 3, 'C', 'N', 'Y', 2, 0, 0, 2, 0}},
		{"lower-case code", []byte{1, 1, 1, 3, 'c', 'n', 'y', 2, 0}},
		{"unknown code", []byte{1, 1, 1, 3, 'Z', 'Z', 'Z', 2, 0}},
		{"two-letter code", []byte{1, 1, 1, 2, 'C', 'N', 2, 0}},
		{"total flag 2", []byte{1, 1, 1, 3, 'C', 'N', 'Y', 2, 2}},
		{"an exact part that fits the units", []byte{1, 1, 1, 3, 'C', 'N', 'Y', 0, 1, 2, 1, 5, 0}},
		{"an overlong count", []byte{1, 0x81, 0x00, 0}},
		{"a length past the data", []byte{1, 5, 5}},
	} {
		refused(c.name, c.data)
	}
	// The hand-made encoding of a valid Sum decodes, so the cases above
	// fail for the reason they name.
	var ok Sum
	if err := ok.UnmarshalBinary([]byte{1, 2, 2, 0, 2, 0, 3, 'C', 'N', 'Y', 2, 0}); err != nil {
		t.Fatalf("a valid hand-made encoding: %v", err)
	}
	if diff := cmp.Diff(sumState{Totals: []string{" 1", "CNY 0.01"}, Count: 2}, stateOf(&ok)); diff != "" {
		t.Errorf("a valid hand-made encoding (-want +got):\n%s", diff)
	}
}

// TestSumBinaryAllocation checks that decoding allocates in proportion to
// its input: at most 200 bytes per byte decoded for every currency the
// table knows (each one's total costs an accumulator slot of 40 bytes,
// its smallest encoding 6 bytes, and the slice grows by doubling), and
// almost nothing for a length claiming more totals than there are bytes.
func TestSumBinaryAllocation(t *testing.T) {
	var all Sum
	for i := range 26 * 26 * 26 {
		code := string([]byte{byte('A' + i/676), byte('A' + i/26%26), byte('A' + i%26)})
		if c, err := ParseCurrency(code); err == nil {
			all.Add(c.FromMinor(1))
		}
	}
	enc := encodeSum(t, &all)
	var back Sum
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	if err := back.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms1)
	if per := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(enc)); per > 200 {
		t.Errorf("%.1f bytes allocated per byte of %d", per, len(enc))
	}
	bad := []byte{1, 0x80, 0x80, 0x80, 0x80, 0x40, 0x80, 0x80, 0x80, 0x80, 0x40}
	runtime.ReadMemStats(&ms0)
	err := back.UnmarshalBinary(bad)
	runtime.ReadMemStats(&ms1)
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("a length beyond the data: %v", err)
	}
	if n := ms1.TotalAlloc - ms0.TotalAlloc; n > 1024 {
		t.Errorf("a length beyond the data: %d bytes allocated", n)
	}
}

// FuzzSumUnmarshalBinary checks that decoding any bytes gives an error
// wrapping ErrCorrupt, never a panic, and leaves the Sum unchanged; that
// whatever decodes re-encodes to the same bytes (the format is canonical
// both ways), and merges and takes amounts.
func FuzzSumUnmarshalBinary(f *testing.F) {
	f.Add(encodeSum(f, binarySum()))
	f.Add(encodeSum(f, &Sum{}))
	var one Sum
	one.Add(MustNew("119.80", "CNY"))
	f.Add(encodeSum(f, &one))
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		s := binarySum()
		if !wiretest.Fuzz(t, s, data, ErrCorrupt) {
			return
		}
		s.Merge(*binarySum())
		s.Add(MustNew("1.5", "USD"))
		_ = s.Totals()
	})
}

// BenchmarkSumBinary reports the size of the encoding of a store's sum
// of order amounts (one currency, 10,000 amounts of 1 to 1,000 yuan in
// fen) and of a three-currency sum, and the time to encode and decode it.
func BenchmarkSumBinary(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	cny, usd, jpy := MustCurrency("CNY"), MustCurrency("USD"), MustCurrency("JPY")
	var one, three Sum
	for range 10_000 {
		v := 100 + rng.Int64N(100_000)
		one.Add(cny.FromMinor(v))
		three.Add([]Currency{cny, usd, jpy}[rng.IntN(3)].FromMinor(v))
	}
	for _, c := range []struct {
		name string
		s    *Sum
	}{{"CNY", &one}, {"CNY+USD+JPY", &three}} {
		b.Run(c.name, func(b *testing.B) {
			enc := encodeSum(b, c.s)
			for b.Loop() {
				var back Sum
				if err := back.UnmarshalBinary(encodeSum(b, c.s)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(enc)), "bytes")
			b.ReportMetric(float64(len(enc))/float64(len(c.s.Currencies())), "bytes/currency")
		})
	}
}

// TestSumBinaryExponent: a total the format cannot hold (an exponent
// beyond ±1000, from a rate of 10^-1005) is MarshalBinary's error, not
// bytes that UnmarshalBinary refuses; at the edge it round-trips.
func TestSumBinaryExponent(t *testing.T) {
	cny := MustCurrency("CNY")
	for _, c := range []struct {
		exp int32
		ok  bool
	}{{-998, true}, {-1003, false}} {
		var s Sum
		s.Add(cny.FromMinor(1).MulRate(decimal.New(1, c.exp)))
		data, err := s.MarshalBinary()
		if !c.ok {
			if err == nil {
				t.Errorf("rate 10^%d: encoded %d bytes, want an error", c.exp, len(data))
			}
			continue
		}
		if err != nil {
			t.Fatalf("rate 10^%d: %v", c.exp, err)
		}
		var back Sum
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatalf("rate 10^%d: %v", c.exp, err)
		}
		if got, want := back.Totals(), s.Totals(); !slices.EqualFunc(got, want, func(a, b Money) bool { return a.Equal(b) }) {
			t.Errorf("rate 10^%d: decoded %v, want %v", c.exp, got, want)
		}
	}
}
