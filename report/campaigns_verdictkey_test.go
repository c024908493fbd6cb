package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCampaignVerdictKey: the page words a verdict from an observational
// comparison as an appearance, and a randomised one as it is.
func TestCampaignVerdictKey(t *testing.T) {
	type in struct {
		randomised bool
		verdict    string
	}
	tests := []struct {
		in   in
		want string
	}{
		{in{true, "pays"}, "pays"},
		{in{true, "does_not_pay"}, "does_not_pay"},
		{in{true, "inconclusive"}, "inconclusive"},
		{in{false, "pays"}, "appears_to_pay"},
		{in{false, "does_not_pay"}, "appears_not_to_pay"},
		{in{false, "inconclusive"}, "inconclusive"},
	}
	var got, want []string
	for _, tt := range tests {
		c := CampaignResult{Randomised: tt.in.randomised, Verdict: tt.in.verdict}
		got = append(got, c.VerdictKey())
		want = append(want, tt.want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("VerdictKey (-want +got):\n%s", diff)
	}
}
