package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/report"
)

// TestDataLabel: issue 17, Chinese review. Data values stayed in English in
// the zh review (search / ads / direct / social, mobile / desktop,
// categories, ticket reasons, chat / email / phone); the conventional ones
// now have Chinese names, and other values print unchanged.
func TestDataLabel(t *testing.T) {
	for _, tc := range []struct {
		v      string
		l      Language
		want   string
		reason string
	}{
		{"search", Chinese, "搜索", "a traffic source"},
		{"Direct", Chinese, "直接访问", "matched case-insensitively"},
		{"mobile", Chinese, "移动端", "a device"},
		{"chat", Chinese, "在线客服", "a ticket channel"},
		{"delivery", Chinese, "物流配送", "a ticket reason of the demo store"},
		{"apparel", Chinese, "服装", "a category of the demo store"},
		{"(none)", Chinese, "（无）", "no source"},
		{"search", English, "search", "English prints the value"},
		{"小红书", Chinese, "小红书", "a value without an entry prints unchanged"},
	} {
		if got := DataLabel(tc.v, tc.l); got != tc.want {
			t.Errorf("DataLabel(%q, %v) = %q, want %q: %s", tc.v, tc.l, got, tc.want, tc.reason)
		}
	}
}

// TestRenderLabels: the zh review prints data values by their labels, a
// reader's own Labels first, and never changes the review it renders.
func TestRenderLabels(t *testing.T) {
	r := report.Review{Traffic: &report.Traffic{
		Sources: []report.Breakdown{{Name: "search"}, {Name: "小红书"}, {Name: "ads"}},
		Devices: []report.Breakdown{{Name: "mobile"}},
	}}
	labels := map[string]string{"小红书": "Xiaohongshu", "ads": "付费广告"}
	var buf bytes.Buffer
	if err := (Markdown{Lang: Chinese, Labels: labels}).Render(&buf, &r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"| 搜索 |", "| Xiaohongshu |", "| 付费广告 |", "| 移动端 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("zh review lacks %q:\n%s", want, out)
		}
	}
	if diff := cmp.Diff([]string{"search", "小红书", "ads"}, []string{r.Traffic.Sources[0].Name, r.Traffic.Sources[1].Name, r.Traffic.Sources[2].Name}); diff != "" {
		t.Errorf("Render changed the review (-want +got):\n%s", diff)
	}
	buf.Reset()
	if err := (Plain{Lang: English, Labels: labels}).Render(&buf, &r); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "Xiaohongshu") || !strings.Contains(out, "search") {
		t.Errorf("en review with labels:\n%s", out)
	}
}
