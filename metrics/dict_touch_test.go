package metrics

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDictTouchMany touches more keys than a chunk of Touch (64), of every
// length an entry may have, some held and some not, each held one
// touched at both ends when it crosses a cache line: Touch changes
// nothing, and every key keeps its index.
func TestDictTouchMany(t *testing.T) {
	var d Dict
	var keys [][]byte
	want := map[string]int32{}
	for i := range 300 {
		s := fmt.Sprintf("%d-%s", i, strings.Repeat("k", i*7%200))
		if i%3 != 0 {
			want[s] = d.Index(s)
		}
		keys = append(keys, []byte(s))
	}
	before := append([]string(nil), d.Strings()...)
	for range 3 {
		d.Touch(keys)
		d.Touch(keys[:1])
		d.Touch(nil)
	}
	if diff := cmp.Diff(before, d.Strings()); diff != "" {
		t.Errorf("Touch changed the strings (-want +got):\n%s", diff)
	}
	for s, i := range want {
		if got, ok := d.Lookup(s); !ok || got != i {
			t.Errorf("Lookup(%q) = %d, %v after Touch, want %d", s, got, ok, i)
		}
	}
	for _, k := range keys {
		if _, held := want[string(k)]; !held {
			if _, ok := d.Lookup(string(k)); ok {
				t.Errorf("Touch added %q", k)
			}
		}
	}
}
