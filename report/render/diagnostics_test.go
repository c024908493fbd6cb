package render

import (
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/report"
)

// TestCustomerDiagnostics: the HTML review draws the chosen model's
// holdout diagnostics as lifetimes users know them (cumulative tracking,
// and calibration against holdout by frequency), with the values in the
// marks' tooltips; text renderers leave the charts out.
func TestCustomerDiagnostics(t *testing.T) {
	r := handReview()
	fit := &report.HoldoutFit{Actual: 30, Predicted: 27.5,
		Tracking:    []report.TrackPoint{{Week: 1, Actual: 10, Predicted: 9}, {Week: 2, Actual: 21, Predicted: 18.5}, {Week: 3, Actual: 30, Predicted: 27.5}},
		ByFrequency: []report.FrequencyRow{{X: 0, Customers: 40, Actual: 0.2, Predicted: 0.25}, {X: 1, OrMore: true, Customers: 10, Actual: 2.2, Predicted: 1.75}}}
	c := *r.Customers
	c.Model = &report.CustomerModel{Chosen: "BG/NBD", Criterion: "holdout",
		Candidates: []report.ModelCandidate{{Name: "MBG/NBD", Holdout: &report.HoldoutFit{}}, {Name: "BG/NBD", Holdout: fit}}}
	r.Customers = &c
	got := render(t, HTML{Lang: English}, r)
	for _, want := range []string{"Holdout weeks: cumulative purchases", "W3: Actual 30", "W3: Predicted 27.5", "1+ repeat (10): Actual 2.20 · Predicted 1.75", `class="chart bars frequency"`} {
		if !strings.Contains(got, want) {
			t.Errorf("the HTML review does not hold %q", want)
		}
	}
	if md := render(t, Markdown{Lang: English}, r); strings.Contains(md, "<svg") {
		t.Errorf("the Markdown review holds an SVG chart")
	}
}
