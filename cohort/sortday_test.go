package cohort

import (
	stdcmp "cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSortByDay(t *testing.T) {
	// sortByDay agrees with the standard library's stable sort on short
	// segments (its insertion sort) and long ones, with many equal days;
	// orders tells equal days apart, so stability is checked too. Days
	// near both ends of the int32 range catch a comparison that overflows.
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 5, 12, 32, 33, 200} {
		for range 50 {
			s := make([]dayAgg, n)
			for i := range s {
				s[i] = dayAgg{day: int32(rng.IntN(8)) - 4, orders: int64(i)}
				if rng.IntN(4) == 0 {
					s[i].day = []int32{math.MaxInt32 - 1, math.MinInt32 + 1}[rng.IntN(2)]
				}
			}
			want := slices.Clone(s)
			slices.SortStableFunc(want, func(a, b dayAgg) int { return stdcmp.Compare(a.day, b.day) })
			sortByDay(s)
			if diff := cmp.Diff(want, s, cmp.AllowUnexported(dayAgg{})); diff != "" {
				t.Fatalf("n=%d (-want +got):\n%s", n, diff)
			}
		}
	}
}
