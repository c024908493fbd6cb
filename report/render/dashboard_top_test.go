package render

import (
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/report"
)

// TestTopFindingsRelabelled: the top findings of the Chinese HTML name a
// traffic source as the findings section does (社交媒体), not as the data
// has it (social).
func TestTopFindingsRelabelled(t *testing.T) {
	r := handReview()
	r.Findings = []report.Finding{{Rule: "target_missed", Section: report.SectionOverview, Severity: report.Critical,
		Title:          report.Say("Sales fell short.", "销售未达标。"),
		Recommendation: report.Say("Fix %s first.", "先优化%s。", report.DataArg("social"))}}
	page := render(t, HTML{Lang: Chinese}, r)
	i := strings.Index(page, `<ol class="top">`)
	j := strings.Index(page[i:], "</ol>")
	if i < 0 || j < 0 {
		t.Fatalf("no top findings in:\n%s", page)
	}
	top := page[i : i+j]
	if !strings.Contains(top, "先优化社交媒体。") || strings.Contains(top, "social") {
		t.Errorf("top findings %q: want the source named 社交媒体", top)
	}
}

// TestContentsNumberedOnce: the contents are a numbered list of the
// sections' names, not of their numbered headings (it read 1. 一、总体概览).
func TestContentsNumberedOnce(t *testing.T) {
	page := render(t, HTML{Lang: Chinese}, handReview())
	if !strings.Contains(page, `<li><a href="#overview">总体概览</a></li>`) || strings.Contains(page, `<li><a href="#overview">一、`) {
		t.Errorf("contents do not list 总体概览 once numbered:\n%.3000s", page[strings.Index(page, `<nav class="toc`):])
	}
}
