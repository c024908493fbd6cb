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

// TestRatioJSONValueChecked: {"num":1,"den":2,"value":7} was accepted as
// one half, silently.
func TestRatioJSONValueChecked(t *testing.T) {
	var r Ratio
	if err := r.UnmarshalJSON([]byte(`{"num":1,"den":2,"value":7}`)); err == nil {
		t.Errorf("a value that is not num/den: no error (%v)", r)
	}
	if err := r.UnmarshalJSON([]byte(`{"num":1,"den":0,"value":1}`)); err == nil {
		t.Errorf("a value for an undefined ratio: no error")
	}
	for _, doc := range []string{`{"num":1,"den":3,"value":0.3333333333333333}`, `{"num":1,"den":0,"value":null}`, `{"num":1,"den":2}`} {
		if err := r.UnmarshalJSON([]byte(doc)); err != nil {
			t.Errorf("%s: %v", doc, err)
		}
	}
}
