package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func render(t *testing.T, rd Renderer, r *report.Review) string {
	t.Helper()
	var b bytes.Buffer
	if err := rd.Render(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

func TestRenderGolden(t *testing.T) {
	r := handReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	r.Plan = &report.Plan{Actions: report.Actions(r.Findings)} // as report.Build makes it
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "hand."+lang.String()+"."+format, render(t, rd, r))
		}
	}
}

func TestEscaping(t *testing.T) {
	r := handReview()
	const evil = "<script>alert(1)</script>"
	tests := []struct {
		name   string
		rd     Renderer
		want   string
		reason string
	}{
		{"markdown", Markdown{}, "&lt;script&gt;alert\\(1\\)&lt;/script&gt;", "entities render as text, never as an HTML block"},
		{"html", HTML{}, "&lt;script&gt;alert(1)&lt;/script&gt;", "html.EscapeString"},
		{"json", JSON{}, `\u003cscript\u003ealert(1)\u003c/script\u003e`, "encoding/json escapes < and > for HTML safety"},
	}
	tests[0].want = "&lt;script&gt;alert(1)&lt;/script&gt;"
	for _, tt := range tests {
		got := render(t, tt.rd, r)
		if strings.Contains(got, evil) {
			t.Errorf("%s: output contains the raw script tag", tt.name)
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: output lacks %q (%s)", tt.name, tt.want, tt.reason)
		}
	}
	// In HTML nothing from data may open a tag: the only <script or
	// <style elements are none and one.
	h := render(t, HTML{}, r)
	if n := strings.Count(h, "<script"); n != 0 {
		t.Errorf("html has %d <script elements, want 0", n)
	}
	if strings.Contains(h, "http://") && !strings.Contains(h, `xmlns="http://www.w3.org/2000/svg"`) {
		t.Error("html refers to an external resource")
	}
	// Markdown table cells keep their column count despite a "|" in data.
	md := render(t, Markdown{}, r)
	if !strings.Contains(md, `茶杯 \*\*bold\*\* \| pipe`) {
		t.Errorf("markdown does not escape emphasis and pipes:\n%s", md)
	}
}

func TestMarkdownEscapeTable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a|b", `a\|b`},
		{"<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"},
		{"[link](http://x)", `\[link\](http://x)`},
		{"line\nbreak", "line break"},
		{"&lt;", "&amp;lt;"},
		{"`code`", "\\`code\\`"},
	}
	for _, tt := range tests {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONSchema(t *testing.T) {
	r := handReview()
	r.Traffic = nil
	r.Omitted = []report.Omission{{Section: report.SectionTraffic, Missing: "events"}}
	var doc map[string]any
	if err := json.Unmarshal([]byte(render(t, JSON{}, r)), &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc["schema_version"]; got != float64(report.SchemaVersion) {
		t.Errorf("schema_version = %v, want %d", got, report.SchemaVersion)
	}
	secs := doc["sections"].(map[string]any)
	if secs["traffic"] != nil {
		t.Errorf("left-out section is %v, want null", secs["traffic"])
	}
	kpi := secs["overview"].(map[string]any)["kpis"].([]any)[0].(map[string]any)
	want := map[string]any{"kind": "money", "defined": true, "money": map[string]any{"amount": "123456.78", "currency": "CNY"}}
	if diff := cmp.Diff(want, kpi["current"]); diff != "" {
		t.Errorf("net sales (-want +got):\n%s", diff)
	}
	aovYear := secs["overview"].(map[string]any)["kpis"].([]any)[2].(map[string]any)["year_ago"]
	if diff := cmp.Diff(map[string]any{"kind": "money", "defined": false}, aovYear); diff != "" {
		t.Errorf("undefined value (-want +got):\n%s", diff)
	}
}

func TestOmittedSection(t *testing.T) {
	for _, tt := range []struct {
		lang Language
		want string
	}{
		{English, "Left out: no events."},
		{Chinese, "本节省略：缺少行为事件数据。"},
	} {
		r := handReview()
		r.Traffic = nil
		r.Omitted = []report.Omission{{Section: report.SectionTraffic, Missing: "events"}}
		for _, rd := range []Renderer{Markdown{Lang: tt.lang}, HTML{Lang: tt.lang}, Plain{Lang: tt.lang}} {
			if got := render(t, rd, r); !strings.Contains(got, tt.want) {
				t.Errorf("%T %v: no note %q", rd, tt.lang, tt.want)
			}
		}
	}
}

func TestUndefinedPrintsNA(t *testing.T) {
	en := render(t, Markdown{}, handReview())
	zh := render(t, Markdown{Lang: Chinese}, handReview())
	// The AOV has no value last year: its 同比 is undefined.
	if !strings.Contains(en, "| AOV | CN¥102.88 | +2.9% | n/a | n/a | n/a |") {
		t.Errorf("english AOV row wrong:\n%s", en)
	}
	if !strings.Contains(zh, "| 平均订单价值 | ¥102.88 | +2.9% | — | — | — |") {
		t.Errorf("chinese AOV row wrong:\n%s", zh)
	}
}

func TestParetoPointsBounded(t *testing.T) {
	// 10,000 SKUs on the curve: the path keeps at most 240 points plus the
	// origin and the last point.
	pts := make([]report.ParetoPoint, 10000)
	for i := range pts {
		pts[i] = report.ParetoPoint{SKUShare: float64(i+1) / 10000, SalesShare: float64(i+1) / 10000}
	}
	svg := paretoSVG(pts, Formatter{Lang: English})
	if n := strings.Count(svg, " L"); n > 242 || n < 200 {
		t.Errorf("%d segments in the path", n)
	}
	// The plot spans x 622 (the viewBox's 640 less an 18 px margin) and y 34
	// (a 26 px legend band and 8 px), where 100 % of SKUs and sales meet.
	if !strings.Contains(svg, "L622.0 34.0\"") {
		t.Error("the curve does not end at (100%, 100%)")
	}
}

// TestHTMLWellFormed checks that the page is one self-contained document
// whose every chart is well-formed SVG (an XML parser accepts it), with
// the five charts of a full review.
func TestHTMLWellFormed(t *testing.T) {
	h := render(t, HTML{Lang: Chinese}, handReview())
	if !strings.HasPrefix(h, "<!DOCTYPE html>") || !strings.HasSuffix(h, "</html>\n") {
		t.Error("not one HTML document")
	}
	for _, bad := range []string{"<script", "<link", "<img", "src=", "@import", "url("} {
		if strings.Contains(h, bad) {
			t.Errorf("page contains %q: not self-contained", bad)
		}
	}
	svgs := 0
	for rest := h; ; {
		i := strings.Index(rest, "<svg")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i:], "</svg>")
		if j < 0 {
			t.Fatal("unterminated svg")
		}
		doc := rest[i : i+j+len("</svg>")]
		d := xml.NewDecoder(strings.NewReader(doc))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("chart %d is not well-formed: %v\n%s", svgs, err, doc)
			}
		}
		svgs++
		rest = rest[i+j:]
	}
	// The net sales card's sparkline, sales trend, traffic sources, funnel,
	// ABC curve, cohort heatmap, one promotion and the plan's forecast; the
	// one category of the hand review gets no bar chart.
	if svgs != 8 {
		t.Errorf("%d charts, want 8", svgs)
	}
	if !strings.Contains(h, "@media print") {
		t.Error("no print styles")
	}
}

// TestSectionsNumbered checks that the top-level sections of a full review
// are numbered 1, 2, 3, … in the order they print, in both languages: an
// unnumbered section between 5 and 6 reads as an afterthought.
func TestSectionsNumbered(t *testing.T) {
	numerals := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九"}
	for _, lang := range []Language{English, Chinese} {
		r := handReview()
		report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
		var n int
		for _, line := range strings.Split(render(t, Markdown{Lang: lang}, r), "\n") {
			h, ok := strings.CutPrefix(line, "## ")
			if !ok {
				continue
			}
			want := fmt.Sprintf("%d. ", n+1)
			if lang == Chinese {
				want = numerals[n] + "、"
			}
			if !strings.HasPrefix(h, want) {
				t.Errorf("%s: section %d is %q, want it to start with %q", lang, n+1, h, want)
			}
			n++
		}
		if n != 8 {
			t.Errorf("%s: %d sections, want 8 (five of issue 10, service, findings, plan)", lang, n)
		}
	}
}

// TestDecompositionEffectsSigned checks that the effects of the sales
// decomposition carry their sign either way, as changes do: the hand
// review's visitors added CN¥20,000.00 and conversion took CN¥11,000.00
// away (fixture_test.go), so a reader must not take "CN¥20,000.00" for a
// level.
func TestDecompositionEffectsSigned(t *testing.T) {
	md := render(t, Markdown{}, handReview())
	for _, want := range []string{
		"| Visitors | 40,000 | 50,000 | +CN¥20,000.00 |",
		"| Conversion rate | 2.5% | 2.2% | -CN¥11,000.00 |",
		"| Spend per buyer | CN¥100.00 | CN¥112.23 | +CN¥14,456.78 |",
		"| Net sales |  |  | +CN¥23,456.78 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("decomposition row %q not found in:\n%s", want, md)
		}
	}
	r := handReview()
	r.Overview.Decomposition.Factors[0].Effect = metrics.MoneyValue(money.MustNew("0", "CNY"))
	if md := render(t, Markdown{Lang: Chinese}, r); !strings.Contains(md, "| 访客数 | 40,000 | 50,000 | ¥0.00 |") {
		t.Errorf("a zero effect must print without a sign:\n%s", md)
	}
}
