package probe

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

type slot struct {
	hash uint32
	v1   int32 // value + 1; 0 is unused
}

func home(s *slot) (uint64, bool) { return uint64(s.hash), s.v1 != 0 }

func TestRehash(t *testing.T) {
	// Hashes 1, 9 and 17 share home slot 1 of an 8-slot table and 1 of a
	// 16-slot one (9 ≡ 9, 17 ≡ 1 mod 16); 7 wraps past the end of the
	// 8-slot table. Placed by hand, in old's order, with linear probing.
	old := []slot{{}, {1, 1}, {9, 2}, {17, 3}, {}, {}, {}, {7, 4}}
	got := Rehash(old, 16, home)
	want := make([]slot, 16)
	want[1] = slot{1, 1}
	want[9] = slot{9, 2}
	want[2] = slot{17, 3} // 1 is taken
	want[7] = slot{7, 4}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(slot{})); diff != "" {
		t.Errorf("Rehash (-want +got):\n%s", diff)
	}
}

func TestRehashWraps(t *testing.T) {
	// Two hashes with home slot 3 of a 4-slot table: the second wraps to 0.
	old := []slot{{3, 1}, {7, 2}}
	got := Rehash(old, 4, home)
	want := []slot{{7, 2}, {}, {}, {3, 1}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(slot{})); diff != "" {
		t.Errorf("Rehash (-want +got):\n%s", diff)
	}
}
