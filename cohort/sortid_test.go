package cohort

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// sortElem is an element of the sorts tested: an ID and its place in
// the input.
type sortElem struct {
	id string
	n  int
}

// checkSortByID fails t unless sortByID puts s in the order
// slices.SortStableFunc with strings.Compare gives, keeping every
// element; equal IDs may come in any order.
func checkSortByID(t *rapid.T, s []sortElem) {
	byID := func(a, b sortElem) int { return strings.Compare(a.id, b.id) }
	want := slices.Clone(s)
	slices.SortStableFunc(want, byID)
	got := slices.Clone(s)
	sortByID(got, func(e *sortElem) string { return e.id })
	if !slices.IsSortedFunc(got, byID) {
		t.Fatalf("not sorted: %v", got)
	}
	// Equal IDs may come in another order: compare them in the order
	// of n.
	slices.SortStableFunc(got, func(a, b sortElem) int {
		if c := byID(a, b); c != 0 {
			return c
		}
		return a.n - b.n
	})
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(sortElem{})); diff != "" {
		t.Fatalf("sortByID (-want +got):\n%s", diff)
	}
}

// TestPropSortByID: sortByID puts any IDs in the order slices.SortFunc
// with strings.Compare gives them, and keeps every element: IDs drawn from
// a few bytes (NUL among them) with shared prefixes, of lengths around the
// eight bytes of its numbers, so that numbers tie, IDs end inside them and
// one ID begins another; duplicates too, whose elements may come in any
// order.
func TestPropSortByID(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		prefix := rapid.SampledFrom([]string{"", "C0", "customer-000"}).Draw(t, "prefix")
		ids := rapid.SliceOf(rapid.StringOfN(rapid.RuneFrom([]rune{0, 'a', 'b', 0xff}), 0, 12, -1)).Draw(t, "ids")
		s := make([]sortElem, len(ids))
		for i, id := range ids {
			s[i] = sortElem{prefix + id, i}
		}
		checkSortByID(t, s)
	})
}

// TestPropSortByIDRadix is TestPropSortByID with enough elements for
// sortByID's radix sort (radixFrom and more): IDs of a few bytes after a
// shared prefix, some longer than the eight bytes of their numbers, so
// that numbers tie and runs of them go to the IDs' comparison, and
// customer-like IDs whose numbers differ in some bytes only.
func TestPropSortByIDRadix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(radixFrom, 3*radixFrom).Draw(t, "n")
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		alphabet := rapid.SampledFrom([]string{"ab", "\x00a\xff", "0123456789"}).Draw(t, "alphabet")
		maxLen := rapid.IntRange(1, 14).Draw(t, "max length")
		s := make([]sortElem, n)
		for i := range s {
			b := []byte("C")
			for range r.IntN(maxLen + 1) {
				b = append(b, alphabet[r.IntN(len(alphabet))])
			}
			s[i] = sortElem{string(b), i}
		}
		checkSortByID(t, s)
	})
}
