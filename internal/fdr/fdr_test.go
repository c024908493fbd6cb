package fdr

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestAdjust(t *testing.T) {
	// Benjamini–Hochberg by hand: sorted 0.01, 0.02, 0.03, 0.5 × 4/rank
	// = 0.04, 0.04, 0.04, 0.5, made monotone from the top.
	got := Adjust([]float64{0.5, 0.01, 0.03, 0.02})
	want := []float64{0.5, 0.04, 0.04, 0.04}
	if d := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); d != "" {
		t.Errorf("Adjust (-want +got):\n%s", d)
	}
	if got := Adjust(nil); len(got) != 0 {
		t.Errorf("Adjust(nil) = %v", got)
	}
}
