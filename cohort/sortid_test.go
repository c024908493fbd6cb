package cohort

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestPropSortByID: sortByID puts any IDs in the order slices.SortFunc
// with strings.Compare gives them, and keeps every element: IDs drawn from
// a few bytes (NUL among them) with shared prefixes, of lengths around the
// eight bytes of its numbers, so that numbers tie, IDs end inside them and
// one ID begins another; duplicates too, whose elements may come in any
// order.
func TestPropSortByID(t *testing.T) {
	type elem struct {
		id string
		n  int
	}
	rapid.Check(t, func(t *rapid.T) {
		prefix := rapid.SampledFrom([]string{"", "C0", "customer-000"}).Draw(t, "prefix")
		ids := rapid.SliceOf(rapid.StringOfN(rapid.RuneFrom([]rune{0, 'a', 'b', 0xff}), 0, 12, -1)).Draw(t, "ids")
		s := make([]elem, len(ids))
		for i, id := range ids {
			s[i] = elem{prefix + id, i}
		}
		want := slices.Clone(s)
		slices.SortStableFunc(want, func(a, b elem) int { return strings.Compare(a.id, b.id) })
		got := slices.Clone(s)
		sortByID(got, func(e *elem) string { return e.id })
		if !slices.IsSortedFunc(got, func(a, b elem) int { return strings.Compare(a.id, b.id) }) {
			t.Fatalf("not sorted: %v", got)
		}
		// Equal IDs may come in another order: compare them in the
		// order of n.
		slices.SortStableFunc(got, func(a, b elem) int {
			if c := strings.Compare(a.id, b.id); c != 0 {
				return c
			}
			return a.n - b.n
		})
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(elem{})); diff != "" {
			t.Fatalf("sortByID (-want +got):\n%s", diff)
		}
	})
}
