package metrics

import (
	"testing"
	"time"
)

// TestValueKindsDoNotMix: a duration minus a count gave a number with no
// error, and its change a ratio; like money against a number, it is an
// error now.
func TestValueKindsDoNotMix(t *testing.T) {
	d, n := DurationValue(3*time.Second), CountValue(2)
	if _, err := d.Sub(n); err == nil {
		t.Error("duration − count: no error")
	}
	if _, err := d.Change(n); err == nil {
		t.Error("change of a duration from a count: no error")
	}
	if _, err := n.Attainment(d); err == nil {
		t.Error("attainment of a count against a duration: no error")
	}
	if v, err := d.Sub(DurationValue(time.Second)); err != nil || !v.Equal(DurationValue(2*time.Second)) {
		t.Errorf("3s − 1s = %v, %v; want 2s", v, err)
	}
}
