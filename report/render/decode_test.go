package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/report"
)

// TestDecodeRoundTrip renders the hand review as JSON, decodes it and
// renders the result again, in both languages: the documents are the
// same, and so are the Markdown pages of the review and of its decoded
// copy.
func TestDecodeRoundTrip(t *testing.T) {
	r := handReview()
	r.Notes = []report.Note{{Section: report.SectionProducts, Key: "reorder", Reason: "inventory: no lead time"}}
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, lang := range []Language{English, Chinese} {
		doc := render(t, JSON{Lang: lang}, r)
		back, l, err := Decode(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("%v: %v", lang, err)
		}
		if l != lang {
			t.Errorf("decoded language %v, want %v", l, lang)
		}
		if diff := cmp.Diff(doc, render(t, JSON{Lang: l}, back)); diff != "" {
			t.Errorf("%v: JSON → Decode → JSON (-want +got):\n%s", lang, diff)
		}
		for _, rd := range []Renderer{Markdown{Lang: lang}, Plain{Lang: lang}, HTML{Lang: lang}} {
			if diff := cmp.Diff(render(t, rd, r), render(t, rd, back)); diff != "" {
				t.Errorf("%T %v: the decoded review renders differently (-want +got):\n%s", rd, lang, diff)
			}
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tt := range []struct {
		name, doc string
		schema    bool // the error wraps ErrSchema
		reason    string
	}{
		{"no version", `{"store":"x"}`, true, "any JSON object is not a review"},
		{"other version", `{"schema_version":1}`, true, "an earlier schema may mean other things"},
		{"not json", `{"schema_version":2`, false, "truncated"},
		{"bad section", `{"schema_version":2,"omitted":[{"section":"kitchen","missing":"x"}]}`, false, "sections are a closed set"},
		{"bad currency", `{"schema_version":2,"language":"en","period":{"start":"2025-11-01T00:00:00Z","end":"2025-12-01T00:00:00Z"},"sections":{},"currency":"XXY"}`, false, "an unknown currency code"},
		{"bad value", `{"schema_version":2,"sections":{"overview":{"kpis":[{"key":"x","current":{"kind":"furlongs"}}]}}}`, false, "an unknown kind of value"},
		{"no language", `{"schema_version":2,"period":{"start":"2025-11-01T00:00:00Z","end":"2025-12-01T00:00:00Z"},"sections":{}}`, true, "English was assumed"},
		{"no sections", `{"schema_version":2,"language":"en","period":{"start":"2025-11-01T00:00:00Z","end":"2025-12-01T00:00:00Z"}}`, true, "a typo such as sectionz rendered every section as left out"},
		{"inverted period", `{"schema_version":2,"language":"en","period":{"start":"2025-12-01T00:00:00Z","end":"2025-11-01T00:00:00Z"},"sections":{}}`, true, "a period that ends before it starts"},
		{"trailing data", `{"schema_version":2,"language":"en","period":{"start":"2025-11-01T00:00:00Z","end":"2025-12-01T00:00:00Z"},"sections":{}} garbage {`, true, "two documents or garbage after one"},
	} {
		_, _, err := Decode(strings.NewReader(tt.doc))
		if err == nil || errors.Is(err, ErrSchema) != tt.schema {
			t.Errorf("%s: %s: error %v, wraps ErrSchema: want %v", tt.name, tt.reason, err, tt.schema)
		}
	}
}

// FuzzDecode checks that Decode never panics, and that a document it
// accepts renders in every format without panicking.
func FuzzDecode(f *testing.F) {
	// A small review: the fuzzer stalls on the 45 KB golden documents
	// (their round trip is TestDecode's), so it mutates this one.
	f.Add([]byte(`{"schema_version":2,"store":"s","language":"zh-CN","currency":"CNY","period":{"label":"2025-11","start":"2025-11-01T00:00:00+08:00","end":"2025-12-01T00:00:00+08:00","grain":"month"},"sections":{"overview":{"kpis":[{"key":"net_sales","lower_is_better":false,"current":{"kind":"money","defined":true,"money":{"amount":"12.30","currency":"CNY"}},"previous":{"kind":"money","defined":false}}]}},"notes":[{"section":"overview","key":"rejected_rows","reason":"a.csv","left_out":2}],"findings":[]}`))
	f.Add([]byte(`{"schema_version":2,"sections":{"traffic":{"funnel":[{"name":"a","users":-1}],"largest_loss":7}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, l, err := Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, rd := range []Renderer{Markdown{Lang: l}, HTML{Lang: l}, JSON{Lang: l}, Plain{Lang: l}} {
			var out bytes.Buffer
			if err := rd.Render(&out, r); err != nil {
				t.Errorf("%T: a decoded review does not render: %v", rd, err)
			}
		}
	})
}
