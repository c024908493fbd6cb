package render

import (
	"github.com/shopmetrics/shopmetrics/report"
	"html"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The charts of the HTML review are inline SVG built here: no scripts, no
// external assets, text escaped. Amounts become float64 only to place
// points on the canvas; the numbers printed next to them come from the
// exact values.

const (
	svgW, svgH             = 640, 240
	padL, padR, padT, padB = 80, 16, 16, 32
)

// px formats a coordinate with one decimal.
func px(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// moneyFloat returns m as a float64 to place a point on a chart. The
// conversion is inexact for most decimals (the bool Float64 reports),
// which a pixel does not show; printed amounts come from m itself.
func moneyFloat(m money.Money) float64 {
	v, _ := m.Decimal().Float64()
	return v
}

func svgOpen(b *strings.Builder, title string, h int) {
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	b.WriteString(strconv.Itoa(svgW) + " " + strconv.Itoa(h))
	b.WriteString(`" width="100%" role="img"><title>`)
	b.WriteString(html.EscapeString(clean(title)))
	b.WriteString("</title>")
}

func svgText(b *strings.Builder, x, y float64, anchor, class, text string) {
	b.WriteString(`<text x="` + px(x) + `" y="` + px(y) + `" text-anchor="` + anchor + `"`)
	if class != "" {
		b.WriteString(` class="` + class + `"`)
	}
	b.WriteString(">" + html.EscapeString(clean(text)) + "</text>")
}

// point is a value that may be missing from a series.
type point struct {
	v  float64
	ok bool
}

// lineChart draws series over shared x labels, with a zero-based y axis
// labelled with the formatted maximum.
func lineChart(title string, xLabels []string, names []string, series [][]point, classes []string, maxLabel func(float64) string) string {
	var b strings.Builder
	svgOpen(&b, title, svgH)
	hi := 0.0
	for _, s := range series {
		for _, p := range s {
			if p.ok && p.v > hi {
				hi = p.v
			}
		}
	}
	if hi <= 0 {
		hi = 1
	}
	plotW, plotH := float64(svgW-padL-padR), float64(svgH-padT-padB)
	n := len(xLabels)
	x := func(i int) float64 {
		if n <= 1 {
			return padL + plotW/2
		}
		return padL + plotW*float64(i)/float64(n-1)
	}
	y := func(v float64) float64 { return padT + plotH*(1-v/hi) }
	b.WriteString(`<line class="axis" x1="` + px(padL) + `" y1="` + px(y(0)) + `" x2="` + px(padL+plotW) + `" y2="` + px(y(0)) + `"/>`)
	b.WriteString(`<line class="axis" x1="` + px(padL) + `" y1="` + px(padT) + `" x2="` + px(padL) + `" y2="` + px(y(0)) + `"/>`)
	svgText(&b, padL-4, padT+4, "end", "", maxLabel(hi))
	svgText(&b, padL-4, y(0), "end", "", "0")
	if n > 0 {
		svgText(&b, x(0), svgH-padB+16, "start", "", xLabels[0])
		svgText(&b, x(n-1), svgH-padB+16, "end", "", xLabels[n-1])
	}
	for si, s := range series {
		var d strings.Builder
		pen := false
		for i, p := range s {
			if !p.ok {
				pen = false
				continue
			}
			if pen {
				d.WriteString(" L")
			} else {
				d.WriteString(" M")
			}
			d.WriteString(px(x(i)) + " " + px(y(p.v)))
			pen = true
		}
		b.WriteString(`<path class="` + classes[si] + `" d="` + strings.TrimSpace(d.String()) + `"/>`)
	}
	// Legend.
	for si, name := range names {
		lx := padL + 8 + float64(si)*180
		b.WriteString(`<rect class="` + classes[si] + `-key" x="` + px(lx) + `" y="` + px(padT) + `" width="12" height="4"/>`)
		svgText(&b, lx+16, padT+6, "start", "", name)
	}
	b.WriteString("</svg>")
	return b.String()
}

func trendSVG(days []report.Day, f Formatter) string {
	labels := make([]string, len(days))
	sales := make([]point, len(days))
	avg := make([]point, len(days))
	for i, d := range days {
		labels[i] = f.Date(d.Date)
		sales[i] = point{moneyFloat(d.NetSales), true}
		if v, ok := d.Avg7.Float(); ok {
			avg[i] = point{v, true}
		}
	}
	cur := money.Currency{}
	if len(days) > 0 {
		cur = days[0].NetSales.Currency()
	}
	return lineChart(Label("sales_trend", f.Lang), labels,
		[]string{Label("net_sales", f.Lang), Label("avg7", f.Lang)}, [][]point{sales, avg}, []string{"s1", "s2"},
		func(v float64) string { return axisMoney(v, cur, f) })
}

// axisMoney labels an axis maximum in whole currency units.
func axisMoney(v float64, c money.Currency, f Formatter) string {
	if c.IsZero() {
		return float(v, 0)
	}
	m, err := money.New(strconv.FormatFloat(v, 'f', 0, 64), c.Code())
	if err != nil {
		return float(v, 0)
	}
	s := f.Money(m)
	if i := strings.LastIndexByte(s, '.'); i >= 0 && c.Digits() > 0 {
		s = s[:i]
	}
	return s
}

func promoSVG(days []report.PromoDay, f Formatter) string {
	labels := make([]string, len(days))
	actual := make([]point, len(days))
	base := make([]point, len(days))
	for i, d := range days {
		labels[i] = f.Date(d.Date)
		actual[i] = point{moneyFloat(d.Actual), true}
		base[i] = point{moneyFloat(d.Baseline), true}
	}
	cur := days[0].Actual.Currency()
	return lineChart(Label("promo_chart", f.Lang), labels,
		[]string{Label("actual", f.Lang), Label("baseline", f.Lang)}, [][]point{actual, base}, []string{"s1", "s3"},
		func(v float64) string { return axisMoney(v, cur, f) })
}

func funnelSVG(steps []report.Step, f Formatter) string {
	const rowH = 28
	h := padT + rowH*len(steps) + 8
	var b strings.Builder
	svgOpen(&b, Label("funnel_chart", f.Lang), h)
	top := int64(1)
	for _, s := range steps {
		top = max(top, s.Users)
	}
	labelW := 140.0
	plotW := float64(svgW) - labelW - 120
	for i, s := range steps {
		y := float64(padT + i*rowH)
		w := plotW * float64(s.Users) / float64(top)
		svgText(&b, labelW-8, y+17, "end", "", Label(s.Name, f.Lang))
		b.WriteString(`<rect class="bar" x="` + px(labelW) + `" y="` + px(y+4) + `" width="` + px(w) + `" height="18"/>`)
		svgText(&b, labelW+w+6, y+17, "start", "", f.Count(s.Users)+" · "+f.Percent(s.Overall))
	}
	b.WriteString("</svg>")
	return b.String()
}

func heatmapSVG(rows []report.CohortRow, f Formatter) string {
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Retention))
	}
	const cellH = 22
	labelW := 90.0
	cellW := (float64(svgW) - labelW - 8) / float64(max(width, 1))
	h := padT + cellH*(len(rows)+1)
	var b strings.Builder
	svgOpen(&b, Label("cohort_chart", f.Lang), h)
	for j := 0; j < width; j++ {
		svgText(&b, labelW+cellW*(float64(j)+0.5), padT+14, "middle", "", "M"+strconv.Itoa(j))
	}
	for i, r := range rows {
		y := float64(padT + cellH*(i+1))
		svgText(&b, labelW-6, y+15, "end", "", r.Label)
		for j, c := range r.Retention {
			x := labelW + cellW*float64(j)
			v, ok := c.Value()
			if !ok {
				continue
			}
			op := min(max(v, 0), 1)
			b.WriteString(`<rect class="heat" x="` + px(x) + `" y="` + px(y) + `" width="` + px(cellW-1) + `" height="` + px(cellH-1) + `" fill-opacity="` + strconv.FormatFloat(0.1+0.9*op, 'f', 2, 64) + `"/>`)
			cls := ""
			if op > 0.5 {
				cls = "inv"
			}
			svgText(&b, x+cellW/2, y+15, "middle", cls, f.Percent(c))
		}
	}
	b.WriteString("</svg>")
	return b.String()
}

func paretoSVG(pts []report.ParetoPoint, f Formatter) string {
	var b strings.Builder
	svgOpen(&b, Label("pareto_chart", f.Lang), svgH)
	plotW, plotH := float64(svgW-padL-padR), float64(svgH-padT-padB)
	x := func(v float64) float64 { return padL + plotW*v }
	y := func(v float64) float64 { return padT + plotH*(1-v) }
	b.WriteString(`<line class="axis" x1="` + px(x(0)) + `" y1="` + px(y(0)) + `" x2="` + px(x(1)) + `" y2="` + px(y(0)) + `"/>`)
	b.WriteString(`<line class="axis" x1="` + px(x(0)) + `" y1="` + px(y(1)) + `" x2="` + px(x(0)) + `" y2="` + px(y(0)) + `"/>`)
	// The A/B and B/C boundaries at 80 % and 95 % of sales.
	for _, c := range []float64{0.8, 0.95} {
		b.WriteString(`<line class="grid" x1="` + px(x(0)) + `" y1="` + px(y(c)) + `" x2="` + px(x(1)) + `" y2="` + px(y(c)) + `"/>`)
		svgText(&b, padL-4, y(c)+4, "end", "", float(c*100, 0)+"%")
	}
	svgText(&b, padL-4, y(0), "end", "", "0")
	svgText(&b, x(1), svgH-padB+16, "end", "", Label("skus", f.Lang)+" 100%")
	var d strings.Builder
	d.WriteString("M" + px(x(0)) + " " + px(y(0)))
	// A curve of thousands of SKUs is drawn through at most maxPoints of
	// them, evenly spaced and always with the last; a pixel holds no more.
	const maxPoints = 240
	step := max(1, (len(pts)+maxPoints-1)/maxPoints)
	for i, p := range pts {
		if i%step != 0 && i != len(pts)-1 {
			continue
		}
		d.WriteString(" L" + px(x(min(max(p.SKUShare, 0), 1))) + " " + px(y(min(max(p.SalesShare, 0), 1))))
	}
	b.WriteString(`<path class="s1" d="` + d.String() + `"/>`)
	b.WriteString("</svg>")
	return b.String()
}
