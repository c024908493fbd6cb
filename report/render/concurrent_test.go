package render

import (
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/report"
)

// TestConcurrentRender renders one review in every format and language
// from several goroutines at once, as report's package documentation
// allows, and checks each output equals the one rendered alone; under the
// race detector it also checks that rendering does not change the
// review.
func TestConcurrentRender(t *testing.T) {
	r := handReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	type job struct {
		rd   Renderer
		want string
	}
	var jobs []job
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, job{rd, render(t, rd, r)})
		}
	}
	got := make([][]string, 3)
	var wg sync.WaitGroup
	for g := range got {
		got[g] = make([]string, len(jobs))
		wg.Go(func() {
			for i, j := range jobs {
				var b strings.Builder
				if err := j.rd.Render(&b, r); err != nil {
					got[g][i] = "error: " + err.Error()
					continue
				}
				got[g][i] = b.String()
			}
		})
	}
	wg.Wait()
	for g := range got {
		for i, j := range jobs {
			if diff := cmp.Diff(j.want, got[g][i]); diff != "" {
				t.Errorf("goroutine %d, renderer %d: (-alone +concurrent):\n%s", g, i, diff)
			}
		}
	}
}
