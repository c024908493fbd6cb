package report

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTrafficCountName checks the event names the traffic section counts:
// the first maxNames distinct names by name, their later events too, and
// the events of any other name together.
func TestTrafficCountName(t *testing.T) {
	tr := newTraffic(Config{})
	want := make(map[string]int64)
	for i := range maxNames {
		name := "n" + strconv.Itoa(i)
		tr.countName(name)
		want[name]++
	}
	for i := range maxNames + 5 { // each name kept once more, and 5 new ones
		name := "n" + strconv.Itoa(i)
		tr.countName(name)
		if i < maxNames {
			want[name]++
		}
	}
	tr.countName("n0")
	want["n0"]++
	if diff := cmp.Diff(want, tr.names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	if tr.otherNames != 5 {
		t.Errorf("otherNames = %d, want 5", tr.otherNames)
	}
}
