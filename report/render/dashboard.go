package render

import (
	"fmt"
	"math"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// The top of the HTML page, before the sections: the headline KPI cards,
// the top findings and the table of contents.

// topFindings is how many findings the top of the page shows; all of them
// are in the findings section.
const topFindings = 3

// dashboard writes the KPI cards of the overview, the most severe findings
// and the table of contents.
func dashboard(e *errWriter, r *report.Review, f Formatter) {
	lb := func(k string) string { return Label(k, f.Lang) }
	if r.Overview != nil && len(r.Overview.KPIs) > 0 {
		e.s("<section class=\"cards\" aria-label=\"", esc(lb("headline")), "\">\n")
		for _, k := range r.Overview.KPIs {
			kpiCard(e, k, r.Overview.Daily, f)
		}
		e.s("</section>\n")
	}
	// The top findings are problems: what went well is in the findings
	// section, before them.
	var problems []report.Finding
	for _, x := range r.Findings {
		if x.Kind == report.Problem {
			problems = append(problems, x)
		}
	}
	if len(problems) > 0 {
		// Findings come ordered by severity, most severe first (see
		// report.Evaluate); the stable sort keeps that for any input.
		top := problems
		sortBySeverity(top)
		top = top[:min(len(top), topFindings)]
		e.s("<section class=\"keep\">\n<h2 class=\"top\">", esc(lb("top_findings")), "</h2>\n<ol class=\"top\">\n")
		for _, x := range top {
			e.s("<li><span class=\"sev ", x.Severity.String(), "\">", esc(lb(x.Severity.String())), "</span><strong>",
				esc(f.Message(x.Title)), "</strong><br>", esc(lb("recommend")+colon(f.Lang)+f.Message(x.Recommendation)), "</li>\n")
		}
		e.s("</ol>\n")
		if len(problems) > len(top) {
			// The findings' section number depends on the sections shown.
			e.s("<p class=\"note\">", esc(fmt.Sprintf(lb("more_findings"), SectionTitle(r, report.SectionFindings, f.Lang))), "</p>\n")
		}
		e.s("</section>\n")
	}
	e.s("<nav class=\"toc keep\" aria-label=\"", esc(lb("contents")), "\">\n<h2>", esc(lb("contents")), "</h2>\n<ol>\n")
	for _, s := range Shown(r) {
		e.s("<li><a href=\"#", s.String(), "\">", esc(lb(s.String())), "</a></li>\n") // the list numbers them
	}
	e.s("</ol>\n</nav>\n")
}

// sortBySeverity orders findings most severe first, keeping the order of
// equals.
func sortBySeverity(fs []report.Finding) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Severity > fs[j-1].Severity; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// kpiCard writes one headline card: the KPI's name and value, its change
// against the previous period and last year (percentage points for a
// rate, as the KPI carries it), its target attainment as a bar, and for net sales a sparkline of
// the days of the period.
func kpiCard(e *errWriter, k report.KPI, daily []report.Day, f Formatter) {
	lb := func(x string) string { return Label(x, f.Lang) }
	e.s("<div class=\"card\"><div class=\"k\">", esc(lb(k.Key)), "</div><div class=\"v\">", esc(f.Value(k.Current)), "</div>\n")
	for _, c := range []struct {
		label  string
		change metrics.Ratio
	}{{"change_prev", k.ChangePrev}, {f.yearKey("change_year"), k.ChangeYear}} {
		ch := changeCell(k.ChangeKind(), c.change, k.Direction, f)
		e.s("<div class=\"ch\">", esc(lb(c.label)), " ")
		if ch.class != "" {
			e.s("<b class=\"", ch.class, "\">", esc(ch.text), "</b>")
		} else {
			e.s("<b>", esc(ch.text), "</b>")
		}
		e.s("</div>\n")
	}
	if k.ChangeKind() == metrics.PointChange && k.Target.Defined() {
		// A rate's attainment is its distance from the target in points:
		// no bar to fill.
		e.s("<div class=\"att\">", esc(lb("attainment")), " <b>", esc(f.Attainment(k)), "</b> · ",
			esc(lb("target")), " ", esc(f.Value(k.Target)), "</div>\n")
	} else if a, ok := k.Attainment.Value(); ok && !math.IsInf(a, 0) && k.Target.Defined() {
		// The bar fills to the target; whether reaching past it is good
		// depends on the direction: a CAC above its target missed it.
		w := min(max(a, 0), 1) * 100
		cls, note := "", ""
		switch {
		case k.Direction == metrics.LowerIsBetter:
			note = " (" + lb("lower_better") + ")"
			if a > 1 {
				cls = " class=\"miss\""
			} else {
				cls = " class=\"over\""
			}
		case a >= 1:
			cls = " class=\"over\""
		}
		e.s("<div class=\"att\">", esc(lb("attainment")), " <b>", esc(f.Percent(k.Attainment)), "</b> · ",
			esc(lb("target")), " ", esc(f.Value(k.Target)), esc(note),
			"<div class=\"meter\"><span", cls, " style=\"width:", float(w, 1), "%\"></span></div></div>\n")
	}
	if k.Key == "net_sales" && len(daily) > 1 {
		vals := make([]float64, len(daily))
		for i, d := range daily {
			vals[i] = moneyFloat(d.NetSales)
		}
		e.s(sparkline(vals, lb("sales_trend")))
	}
	e.s("</div>\n")
}
