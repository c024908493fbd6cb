package money

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestSum(t *testing.T) {
	var s Sum
	if got := s.Total(MustCurrency("CNY")); !got.Equal(MustCurrency("CNY").Zero()) {
		t.Errorf("empty Sum total = %s, want CNY 0.00", got)
	}
	for _, a := range []string{"CNY 1.10", "USD 2.00", "CNY 0.005", "CNY -0.10", "JPY 300"} {
		s.Add(MustNew(a[4:], a[:3]))
	}
	s.Add(Money{})
	want := []string{"CNY 1.005", "JPY 300", "USD 2.00"}
	var got []string
	for _, m := range s.Totals() {
		got = append(got, m.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Totals mismatch (-want +got):\n%s", diff)
	}
	if s.Count() != 6 {
		t.Errorf("Count = %d, want 6 (the zero Money counts)", s.Count())
	}
}

func TestSumOverflow(t *testing.T) {
	cny := MustCurrency("CNY")
	var s Sum
	s.Add(cny.FromMinor(math.MaxInt64))
	s.Add(cny.FromMinor(math.MaxInt64))
	s.Add(cny.FromMinor(1))
	want := decimal.New(math.MaxInt64, -2).Mul(decimal.NewFromInt(2)).Add(decimal.New(1, -2))
	if got := s.Total(cny); !got.Decimal().Equal(want) {
		t.Errorf("Total = %s, want %s", got, want)
	}
}

// genAmounts draws a list of amounts in up to three currencies.
func genAmounts(t *rapid.T) []Money {
	curs := []Currency{MustCurrency("CNY"), MustCurrency("USD"), MustCurrency("JPY")}
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Money {
		return genMoney(rapid.SampledFrom(curs).Draw(t, "cur")).Draw(t, "m")
	}), 0, 40).Draw(t, "amounts")
}

// refTotals is the pure-decimal reference: one decimal.Add chain per
// currency.
func refTotals(ms []Money) map[Currency]decimal.Decimal {
	out := map[Currency]decimal.Decimal{}
	for _, m := range ms {
		out[m.c()] = out[m.c()].Add(m.Decimal())
	}
	return out
}

func checkTotals(t *rapid.T, s *Sum, ms []Money) {
	ref := refTotals(ms)
	if len(s.Totals()) != len(ref) {
		t.Fatalf("Sum has %d currencies, reference %d", len(s.Totals()), len(ref))
	}
	for c, want := range ref {
		if got := s.Total(c); !got.Decimal().Equal(want) {
			t.Fatalf("Total(%s) = %s, reference %s", c, got, want)
		}
	}
}

func TestPropSumMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms := genAmounts(t)
		var s Sum
		for _, m := range ms {
			s.Add(m)
		}
		checkTotals(t, &s, ms)
		if s.Count() != int64(len(ms)) {
			t.Fatalf("Count = %d, want %d", s.Count(), len(ms))
		}
	})
}

func TestPropSumMergeAndOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms := genAmounts(t)
		cut := rapid.IntRange(0, len(ms)).Draw(t, "cut")
		var a, b Sum
		for _, m := range ms[:cut] {
			a.Add(m)
		}
		for _, m := range ms[cut:] {
			b.Add(m)
		}
		a.Merge(b)
		checkTotals(t, &a, ms)
		if a.Count() != int64(len(ms)) {
			t.Fatalf("merged Count = %d, want %d", a.Count(), len(ms))
		}
		perm := rapid.Permutation(ms).Draw(t, "perm")
		var c Sum
		for _, m := range perm {
			c.Add(m)
		}
		checkTotals(t, &c, ms)
	})
}

func TestSumAddAllocs(t *testing.T) {
	var s Sum
	m := MustNew("12.34", "CNY")
	s.Add(m)
	if n := testing.AllocsPerRun(1000, func() { s.Add(m) }); n != 0 {
		t.Errorf("Sum.Add allocates %.1f times per call on the fast path, want 0", n)
	}
}

func TestSumTotalAllocs(t *testing.T) {
	// A Sum declared in a loop body stays on the stack through Add and
	// Total: the total of whole minor units allocates nothing.
	m := MustNew("12.34", "CNY")
	c := m.Currency()
	var got Money
	n := testing.AllocsPerRun(1000, func() {
		var s Sum
		s.Add(m)
		s.Add(m)
		got = s.Total(c)
	})
	if n != 0 {
		t.Errorf("a local Sum's Add and Total allocate %.1f times, want 0", n)
	}
	if want := MustNew("24.68", "CNY"); !got.Equal(want) {
		t.Errorf("Total = %v, want %v", got, want)
	}
}

// benchValues returns the minor units of n everyday prices (0.01 to
// 9,999.99 CNY): the same values for the Sum benchmark and its baselines.
func benchValues(n int) []int64 {
	r := rand.New(rand.NewPCG(1, 2))
	v := make([]int64, n)
	for i := range v {
		v[i] = 1 + r.Int64N(999_999)
	}
	return v
}

const benchN = 10_000_000

var sinkInt int64

// startBench collects the garbage of the setup so that it does not run
// during the timed loop.
func startBench(b *testing.B) {
	runtime.GC()
	b.ResetTimer()
}

func reportPerAmount(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/amount")
}

// BenchmarkSum adds 10M amounts per iteration; compare its ns/amount with
// the two baselines below, which add the same values.
func BenchmarkSum(b *testing.B) {
	cny := MustCurrency("CNY")
	ms := make([]Money, benchN)
	for i, v := range benchValues(benchN) {
		ms[i] = cny.FromMinor(v)
	}
	startBench(b)
	for range b.N {
		var s Sum
		for _, m := range ms {
			s.Add(m)
		}
		sinkInt, _ = s.Total(cny).Minor()
	}
	reportPerAmount(b)
}

func BenchmarkSumBaselineInt64(b *testing.B) {
	vs := benchValues(benchN)
	startBench(b)
	for range b.N {
		var s int64
		for _, v := range vs {
			s += v
		}
		sinkInt = s
	}
	reportPerAmount(b)
}

func BenchmarkSumBaselineDecimal(b *testing.B) {
	ds := make([]decimal.Decimal, benchN)
	for i, v := range benchValues(benchN) {
		ds[i] = decimal.New(v, -2)
	}
	startBench(b)
	for range b.N {
		s := decimal.Zero
		for _, d := range ds {
			s = s.Add(d)
		}
		sinkInt = s.IntPart()
	}
	reportPerAmount(b)
}
