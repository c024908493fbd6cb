package quantile

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestSorted(t *testing.T) {
	// Type 7 by hand: h = p × (n − 1); interpolate between x[⌊h⌋] and x[⌊h⌋+1].
	xs := []int64{10, 20, 30, 120}
	for _, tt := range []struct {
		p    float64
		want int64
	}{
		{0, 10}, {0.5, 25}, {0.9, 93}, {1, 120}, // 0.9: h = 2.7, 30 + 0.7 × 90 = 93
	} {
		if got := Sorted(xs, tt.p); got != tt.want {
			t.Errorf("Sorted(%v, %v) = %d, want %d", xs, tt.p, got, tt.want)
		}
	}
	if got := Sorted([]int64{7}, 0.9); got != 7 {
		t.Errorf("one value: %d", got)
	}
}

// TestOf holds Of to Sorted of the sorted values, for quantiles in
// ascending order, on values with many ties, runs in order and in reverse
// (which a poor pivot would take quadratic time over), and checks that
// xs is only reordered.
func TestOf(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 3000).Draw(t, "n")
		span := rapid.Int64Range(1, 1<<40).Draw(t, "span")
		xs := make([]int64, n)
		switch rapid.IntRange(0, 3).Draw(t, "shape") {
		case 0:
			for i := range xs {
				xs[i] = rapid.Int64Range(-span, span).Draw(t, "x")
			}
		case 1: // ties
			for i := range xs {
				xs[i] = rapid.Int64Range(0, 3).Draw(t, "x") * 1e9
			}
		case 2:
			for i := range xs {
				xs[i] = int64(i)
			}
		case 3:
			for i := range xs {
				xs[i] = int64(n - i)
			}
		}
		ps := rapid.SliceOfN(rapid.Float64Range(0, 1), 1, 4).Draw(t, "ps")
		slices.Sort(ps)
		sorted := slices.Sorted(slices.Values(xs))
		want := make([]int64, len(ps))
		for i, p := range ps {
			want[i] = Sorted(sorted, p)
		}
		got := Of(xs, ps...)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Of(%v) (-want +got):\n%s", ps, diff)
		}
		if !slices.Equal(slices.Sorted(slices.Values(xs)), sorted) {
			t.Fatalf("Of changed the values, not only their order")
		}
	})
}

func TestOfPanics(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"empty", func() { Of([]int64{}, 0.5) }},
		{"descending", func() { Of([]int64{1, 2, 3}, 0.9, 0.5) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", c.name)
				}
			}()
			c.f()
		}()
	}
}

// BenchmarkOf compares Of's median and 90th percentile with a sort and
// Sorted on 300,000 durations of whole seconds.
func BenchmarkOf(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]int64, 300_000)
	for i := range xs {
		xs[i] = r.Int64N(7*86400) * 1e9
	}
	work := make([]int64, len(xs))
	b.Run("select", func(b *testing.B) {
		for b.Loop() {
			copy(work, xs)
			Of(work, 0.5, 0.9)
		}
	})
	b.Run("sort", func(b *testing.B) {
		for b.Loop() {
			copy(work, xs)
			slices.Sort(work)
			Sorted(work, 0.5)
			Sorted(work, 0.9)
		}
	})
}
