package fulfilment

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/internal/quantile"
	"pgregory.net/rapid"
)

// TestDurationsDenseModel checks Durations, which counts the minutes
// below denseMinutes in a slice and the others in a map, against a map of
// every minute: the same distinct minutes in order, the same counts and
// quantiles, whichever side of denseMinutes the durations fall.
func TestDurationsDenseModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		minutes := rapid.SliceOfN(rapid.OneOf(
			rapid.Int64Range(0, 100),
			rapid.Int64Range(denseMinutes-3, denseMinutes+3),
			rapid.Int64Range(0, 10*denseMinutes),
		), 0, 60).Draw(t, "minutes")
		if rapid.Bool().Draw(t, "many") {
			// Enough distinct minutes for the slice (denseAfter), late
			// ones among them, added before or after the drawn ones.
			many := make([]int64, denseAfter+rapid.IntRange(-2, 200).Draw(t, "more"))
			step := rapid.Int64Range(1, 97).Draw(t, "step")
			for i := range many {
				many[i] = int64(i) * step % (3 * denseMinutes / 2)
			}
			if rapid.Bool().Draw(t, "first") {
				minutes = append(many, minutes...)
			} else {
				minutes = append(minutes, many...)
			}
		}
		var d, o Durations
		model := map[int64]int64{}
		for i, m := range minutes {
			d.Add(time.Duration(m) * Resolution)
			if i%2 == 0 {
				o.Add(time.Duration(m)*Resolution + time.Second)
			}
			model[m]++
		}
		d.Merge(&o)
		for i, m := range minutes {
			if i%2 == 0 {
				model[m]++
			}
		}
		want := slices.Sorted(maps.Keys(model))
		if diff := cmp.Diff(want, d.minutes()); diff != "" {
			t.Fatalf("minutes (-want +got):\n%s", diff)
		}
		var n int64
		for _, m := range want {
			if got := d.count(m); got != model[m] {
				t.Fatalf("count(%d) = %d, want %d", m, got, model[m])
			}
			n += model[m]
		}
		if d.Len() != n {
			t.Fatalf("Len() = %d, want %d", d.Len(), n)
		}
		for _, p := range []float64{0, 0.1, 0.5, 0.9, 1} {
			q, ok := d.Quantile(p)
			if !ok && n > 0 {
				t.Fatalf("Quantile(%v) undefined with %d durations", p, n)
			}
			if ok && q != modelQuantile(want, model, n, p) {
				t.Fatalf("Quantile(%v) = %v, want %v", p, q, modelQuantile(want, model, n, p))
			}
		}
	})
}

// modelQuantile is the type-7 quantile of the durations of model (minute
// → count, ms its minutes in order, n their total), from every duration
// listed.
func modelQuantile(ms []int64, model map[int64]int64, n int64, p float64) time.Duration {
	var all []int64
	for _, m := range ms {
		for range model[m] {
			all = append(all, m)
		}
	}
	h := p * float64(n-1)
	lo := int64(h)
	hi := min(lo+1, n-1)
	return time.Duration(quantile.Sorted([]int64{all[lo], all[hi]}, h-float64(lo))) * Resolution
}

// TestDurationsSmallStaysMap: a Durations of few distinct minutes keeps
// them in its map, however late (a region with a few orders takes a few
// hundred bytes, not a slice of 23 days); from denseAfter distinct
// minutes below denseMinutes, those are in the slice and the map keeps
// only the later ones.
func TestDurationsSmallStaysMap(t *testing.T) {
	var d Durations
	for _, m := range []int64{0, 90, 2880, denseMinutes - 1, denseMinutes + 5} {
		d.Add(time.Duration(m) * Resolution)
	}
	if d.dense != nil || len(d.counts) != 5 {
		t.Fatalf("5 minutes: dense of %d, map of %d; want no slice and a map of 5", len(d.dense), len(d.counts))
	}
	var late Durations
	for m := range int64(2 * denseAfter) {
		late.Add(time.Duration(denseMinutes+m) * Resolution)
	}
	if late.dense != nil {
		t.Fatalf("only late minutes: a slice of %d", len(late.dense))
	}
	for m := int64(1); len(d.counts) < denseAfter && d.dense == nil; m++ {
		d.Add(time.Duration(m*3) * Resolution)
	}
	if d.dense == nil || len(d.counts) != 1 {
		t.Fatalf("%d distinct minutes: dense of %d, map of %d; want a slice and the one late minute in the map", denseAfter, len(d.dense), len(d.counts))
	}
}
