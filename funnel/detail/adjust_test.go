package detail

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestAdjust checks the Benjamini–Hochberg adjusted p-values against a hand
// computation: P = .01 .04 .03 .2, m = 4, sorted .01 .03 .04 .2 give
// .04, min(.06, .0533), .0533, .2 in input order .04 .0533 .0533 .2.
func TestAdjust(t *testing.T) {
	ds := []Difference{{P: .01}, {P: .04}, {P: .03}, {P: .2}}
	ps := []*Difference{&ds[0], &ds[1], &ds[2], &ds[3]}
	adjust(ps, 0.05)
	var q []float64
	var sig []bool
	for _, d := range ds {
		q, sig = append(q, d.Q), append(sig, d.Significant)
	}
	if diff := cmp.Diff([]float64{.04, .16 / 3, .16 / 3, .2}, q, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("Q (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{true, false, false, false}, sig); diff != "" {
		t.Errorf("significant (-want +got):\n%s", diff)
	}
}
