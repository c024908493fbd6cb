package render

import (
	"strings"
	"testing"
)

// TestComparedLabels: a review whose year-ago slot holds another period
// (the command's -compare, last year's 11.11 against this year's) labels
// it as the comparison period, never as "last year"; the usual review
// keeps "last year".
func TestComparedLabels(t *testing.T) {
	r := handReview()
	usual := render(t, Markdown{Lang: English}, r)
	if !strings.Contains(usual, "vs last year") || strings.Contains(usual, "vs comparison") {
		t.Errorf("the usual review does not say vs last year:\n%.400s", usual)
	}
	other := *r
	other.YearAgo = r.Period.Previous().Previous() // any period other than last year's
	for _, tt := range []struct {
		lang       Language
		want, gone string
	}{{English, "vs comparison", "vs last year"}, {Chinese, "对比周期", "同比周期"}} {
		for _, rd := range []Renderer{Markdown{Lang: tt.lang}, HTML{Lang: tt.lang}, Plain{Lang: tt.lang}} {
			got := render(t, rd, &other)
			if !strings.Contains(got, tt.want) || strings.Contains(got, tt.gone) {
				t.Errorf("%T %v: want %q and no %q in the review compared with %s", rd, tt.lang, tt.want, tt.gone, other.YearAgo.Label())
			}
		}
	}
}
