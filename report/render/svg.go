package render

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// The charts of the HTML review are inline SVG built here: no scripts, no
// external assets, text escaped. Amounts become float64 only to place
// points on the canvas; the numbers printed next to them come from the
// exact values.
//
// Every chart follows the same rules, which the browser test checks: the
// plotted marks (class "mark") lie inside the viewBox, the legend sits in
// a band above the plot and never covers data, axes have round ticks
// (niceTicks) with gridlines, a value below zero is drawn below a zero
// line, and each mark carries a <title> that browsers show as a tooltip,
// so the page needs no script. Colours are the Okabe–Ito palette, which
// readers with the common colour-vision deficiencies tell apart, and the
// cohort heatmap uses a viridis ramp (heatColor).

const (
	svgW    = 640.0 // the width of every chart's viewBox
	legendH = 26.0  // the band above a plot that holds its legend
	fontPx  = 11.0  // the size of chart text, in viewBox units
)

// px formats a coordinate with one decimal.
func px(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// moneyFloat returns m as a float64 to place a point on a chart. The
// conversion is inexact for most decimals, which a pixel does not show;
// printed amounts come from m itself.
func moneyFloat(m money.Money) float64 {
	v, _ := m.Decimal().Float64()
	return v
}

// textW estimates the width of s in chart text: about 0.6 em for a Latin
// character and 1 em for a wide (CJK) one. It errs on the wide side so
// that reserved space holds the text.
func textW(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w += 0.62 * fontPx
		} else {
			w += fontPx
		}
	}
	return w
}

// shorten cuts s to n runes with an ellipsis, for a label from data; the
// full text goes in the mark's tooltip.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func esc(s string) string { return html.EscapeString(clean(s)) }

func svgOpen(b *strings.Builder, title string, h float64, class string) {
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart`)
	if class != "" {
		b.WriteString(" " + class)
	}
	b.WriteString(`" viewBox="0 0 ` + px(svgW) + " " + px(h) + `" role="img"><title>` + esc(title) + "</title>")
}

func svgText(b *strings.Builder, x, y float64, anchor, class, text string) {
	b.WriteString(`<text x="` + px(x) + `" y="` + px(y) + `" text-anchor="` + anchor + `"`)
	if class != "" {
		b.WriteString(` class="` + class + `"`)
	}
	b.WriteString(">" + esc(text) + "</text>")
}

func svgLine(b *strings.Builder, class string, x1, y1, x2, y2 float64) {
	b.WriteString(`<line class="` + class + `" x1="` + px(x1) + `" y1="` + px(y1) + `" x2="` + px(x2) + `" y2="` + px(y2) + `"/>`)
}

// svgRect writes a rectangle with an optional tooltip.
func svgRect(b *strings.Builder, class string, x, y, w, h float64, fill, tip string) {
	if w < 0 {
		x, w = x+w, -w
	}
	b.WriteString(`<rect class="` + class + `" x="` + px(x) + `" y="` + px(y) + `" width="` + px(w) + `" height="` + px(h) + `"`)
	if fill != "" {
		b.WriteString(` fill="` + fill + `"`)
	}
	if tip == "" {
		b.WriteString("/>")
		return
	}
	b.WriteString("><title>" + esc(tip) + "</title></rect>")
}

// legendItem is one entry of a chart's legend.
type legendItem struct {
	class string // the series class, "s1" … "s4"
	text  string
	area  bool // a filled swatch instead of a line
}

// legend writes the legend in the band above the plot, from x0, and
// returns nothing: the band is reserved by every chart that has one.
func legend(b *strings.Builder, x0 float64, items []legendItem) {
	x := x0
	b.WriteString(`<g class="legend">`)
	for _, it := range items {
		if it.area {
			svgRect(b, "key-area "+it.class, x, 8, 14, 10, "", "")
		} else {
			svgLine(b, "key "+it.class, x, 13, x+16, 13)
		}
		svgText(b, x+20, 17, "start", "", it.text)
		x += 20 + textW(it.text) + 16
	}
	b.WriteString("</g>")
}

// point is a value that may be missing from a series.
type point struct {
	v  float64
	ok bool
}

// series is one line of a line chart.
type series struct {
	name  string
	class string   // s1 … s4: the colour and dash of the line
	pts   []point  // one per day
	tips  []string // the tooltip of each point, or nil for no dots
}

// lineSpec is a line chart over days.
type lineSpec struct {
	title string
	days  []time.Time
	// xLabels, when not nil, label the x axis in the place of days (one
	// per point), for charts over other units than days.
	xLabels []string
	series  []series
	// band, when not nil, is a shaded range per day (low, high) drawn
	// under the lines, such as a baseline's interval.
	band     [][2]point
	bandName string
	yLabel   func(v, step float64) string // a y tick's label
}

// lineChart draws a line chart with a date x axis and a y axis of round
// ticks that covers every value and zero.
func lineChart(s lineSpec) string {
	const h = 250.0
	lo, hi := 0.0, 0.0
	seen := false
	see := func(p point) {
		if p.ok && !math.IsNaN(p.v) && !math.IsInf(p.v, 0) {
			lo, hi = min(lo, p.v), max(hi, p.v)
			seen = true
		}
	}
	for _, sr := range s.series {
		for _, p := range sr.pts {
			see(p)
		}
	}
	for _, bd := range s.band {
		see(bd[0])
		see(bd[1])
	}
	if !seen {
		hi = 1
	}
	ticks := niceTicks(lo, hi, 6)
	step := 1.0
	if len(ticks) > 1 {
		step = ticks[1] - ticks[0]
	}
	labelW := 0.0
	labels := make([]string, len(ticks))
	for i, t := range ticks {
		labels[i] = s.yLabel(t, step)
		labelW = max(labelW, textW(labels[i]))
	}
	left, right := labelW+14, svgW-18
	top, bottom := legendH+8, h-26
	tlo, thi := ticks[0], ticks[len(ticks)-1]
	y := func(v float64) float64 { return bottom - (bottom-top)*(v-tlo)/(thi-tlo) }
	n := len(s.days)
	if s.xLabels != nil {
		n = len(s.xLabels)
	}
	x := func(i int) float64 {
		if n <= 1 {
			return (left + right) / 2
		}
		return left + (right-left)*float64(i)/float64(n-1)
	}
	var b strings.Builder
	svgOpen(&b, s.title, h, "line")
	// Legend, above the plot.
	var items []legendItem
	if s.band != nil {
		items = append(items, legendItem{"band", s.bandName, true})
	}
	for _, sr := range s.series {
		items = append(items, legendItem{class: sr.class, text: sr.name})
	}
	legend(&b, left, items)
	// Gridlines and y labels.
	for i, t := range ticks {
		cls := "grid"
		if t == 0 {
			cls = "zero"
		}
		svgLine(&b, cls, left, y(t), right, y(t))
		svgText(&b, left-6, y(t)+4, "end", "tick", labels[i])
	}
	// Date axis: a tick and label every k days.
	for _, i := range dayTicks(n, 8) {
		svgLine(&b, "axis", x(i), bottom, x(i), bottom+4)
		anchor := "middle"
		if n > 1 && i == 0 {
			anchor = "start"
		}
		if s.xLabels != nil {
			svgText(&b, x(i), bottom+16, anchor, "tick", s.xLabels[i])
		} else {
			svgText(&b, x(i), bottom+16, anchor, "tick", s.days[i].Format("01-02"))
		}
	}
	// Band, then lines, then dots on top.
	if s.band != nil {
		var d strings.Builder
		var back []string
		pen := false
		flush := func() {
			if pen {
				for k := len(back) - 1; k >= 0; k-- {
					d.WriteString(" L" + back[k])
				}
				d.WriteString(" Z")
			}
			back, pen = back[:0], false
		}
		for i, bd := range s.band {
			if !bd[0].ok || !bd[1].ok {
				flush()
				continue
			}
			if pen {
				d.WriteString(" L")
			} else {
				d.WriteString(" M")
			}
			d.WriteString(px(x(i)) + " " + px(y(bd[1].v)))
			back = append(back, px(x(i))+" "+px(y(bd[0].v)))
			pen = true
		}
		flush()
		if d.Len() > 0 {
			b.WriteString(`<path class="mark band" d="` + strings.TrimSpace(d.String()) + `"/>`)
		}
	}
	for _, sr := range s.series {
		var d strings.Builder
		pen := false
		for i, p := range sr.pts {
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
		if d.Len() > 0 {
			b.WriteString(`<path class="mark line ` + sr.class + `" d="` + strings.TrimSpace(d.String()) + `"/>`)
		}
	}
	for _, sr := range s.series {
		if sr.tips == nil {
			continue
		}
		b.WriteString(`<g class="dots ` + sr.class + `">`)
		for i, p := range sr.pts {
			if !p.ok || i >= len(sr.tips) {
				continue
			}
			b.WriteString(`<circle class="mark dot" cx="` + px(x(i)) + `" cy="` + px(y(p.v)) + `" r="2.5"><title>` + esc(sr.tips[i]) + `</title></circle>`)
		}
		b.WriteString("</g>")
	}
	svgLine(&b, "axis", left, bottom, right, bottom)
	b.WriteString("</svg>")
	return b.String()
}

// moneyTick labels a y tick of an amount axis in currency c, with the
// decimals the tick step needs: "¥12,000", "¥2.50".
func moneyTick(v, step float64, c money.Currency, f Formatter) string {
	d := tickDecimals(step)
	s := strconv.FormatFloat(v, 'f', d, 64)
	if c.IsZero() {
		return float(v, d)
	}
	m, err := money.New(s, c.Code())
	if err != nil {
		return float(v, d)
	}
	out := f.Money(m)
	if d < c.Digits() {
		if i := strings.LastIndexByte(out, '.'); i >= 0 {
			end := i + 1 + c.Digits()
			keep := i + 1 + d
			if d == 0 {
				keep = i
			}
			if end <= len(out) {
				out = out[:keep] + out[end:]
			}
		}
	}
	return out
}

// percentTick labels a tick of a share axis: "20%", "2.5%".
func percentTick(v, step float64) string {
	return float(v*100, max(tickDecimals(step*100), 0)) + "%"
}

func trendSVG(days []report.Day, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	dates := make([]time.Time, len(days))
	sales := make([]point, len(days))
	avg := make([]point, len(days))
	tips := make([]string, len(days))
	for i, d := range days {
		dates[i] = d.Date
		sales[i] = point{moneyFloat(d.NetSales), true}
		tips[i] = f.Date(d.Date) + colon(f.Lang) + f.Money(d.NetSales)
		if v, ok := d.Avg7.Float(); ok {
			avg[i] = point{v, true}
		}
	}
	cur := money.Currency{}
	if len(days) > 0 {
		cur = days[0].NetSales.Currency()
	}
	return lineChart(lineSpec{
		title: lb("sales_trend"), days: dates,
		series: []series{{name: lb("net_sales"), class: "s1", pts: sales, tips: tips}, {name: lb("avg7"), class: "s2", pts: avg}},
		yLabel: func(v, step float64) string { return moneyTick(v, step, cur, f) },
	})
}

func promoSVG(days []report.PromoDay, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	dates := make([]time.Time, len(days))
	actual := make([]point, len(days))
	base := make([]point, len(days))
	tips := make([]string, len(days))
	for i, d := range days {
		dates[i] = d.Date
		actual[i] = point{moneyFloat(d.Actual), true}
		base[i] = point{moneyFloat(d.Baseline), true}
		tips[i] = f.Date(d.Date) + colon(f.Lang) + lb("actual") + " " + f.Money(d.Actual) + " · " + lb("baseline") + " " + f.Money(d.Baseline)
	}
	cur := days[0].Actual.Currency()
	return lineChart(lineSpec{
		title: lb("promo_chart"), days: dates,
		series: []series{{name: lb("baseline"), class: "s3", pts: base}, {name: lb("actual"), class: "s1", pts: actual, tips: tips}},
		yLabel: func(v, step float64) string { return moneyTick(v, step, cur, f) },
	})
}

// bar is one row of a horizontal bar chart.
type bar struct {
	label string  // the row's name, shortened if long
	v     float64 // the bar's length in the axis unit
	ghost float64 // a pale bar behind it, such as the previous funnel step; 0 for none
	text  string  // the value printed right of the plot
	tip   string  // the tooltip
}

// barChart draws horizontal bars from zero on an x axis of round ticks,
// with the row names left of the plot and the printed values right of it,
// so no text ever sits on a bar. Negative values extend left of the zero
// line. tick labels an x tick.
func barChart(title, class string, rows []bar, tick func(v, step float64) string) string {
	const rowH, barH = 26.0, 16.0
	labelW, valueW := 0.0, 0.0
	lo, hi := 0.0, 0.0
	for i := range rows {
		rows[i].label = shorten(rows[i].label, 22)
		labelW = max(labelW, textW(rows[i].label))
		valueW = max(valueW, textW(rows[i].text))
		lo, hi = min(lo, rows[i].v, rows[i].ghost), max(hi, rows[i].v, rows[i].ghost)
	}
	if hi == lo {
		hi = 1
	}
	ticks := niceTicks(lo, hi, 5)
	step := ticks[1] - ticks[0]
	left := labelW + 14
	right := svgW - valueW - 14
	top := 8.0
	bottom := top + rowH*float64(len(rows))
	h := bottom + 24
	tlo, thi := ticks[0], ticks[len(ticks)-1]
	x := func(v float64) float64 { return left + (right-left)*(v-tlo)/(thi-tlo) }
	var b strings.Builder
	svgOpen(&b, title, h, "bars "+class)
	for _, t := range ticks {
		cls := "grid"
		if t == 0 {
			cls = "zero"
		}
		svgLine(&b, cls, x(t), top, x(t), bottom)
		svgText(&b, x(t), bottom+15, "middle", "tick", tick(t, step))
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		svgText(&b, left-8, y+rowH/2+4, "end", "", r.label)
		if r.ghost != 0 {
			svgRect(&b, "ghost", x(0), y+(rowH-barH)/2, x(r.ghost)-x(0), barH, "", "")
		}
		cls := "mark bar"
		if r.v < 0 {
			cls += " neg"
		}
		svgRect(&b, cls, x(0), y+(rowH-barH)/2, x(r.v)-x(0), barH, "", r.tip)
		svgText(&b, right+8, y+rowH/2+4, "start", "val", r.text)
	}
	b.WriteString("</svg>")
	return b.String()
}

func funnelSVG(steps []report.Step, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	rows := make([]bar, len(steps))
	for i, s := range steps {
		text := f.Count(s.Users) + " · " + f.Percent(s.Overall)
		if i > 0 {
			text += " · " + lb("drop_off") + " " + f.Percent(s.DropOff())
			rows[i].ghost = float64(steps[i-1].Users)
		}
		rows[i].label, rows[i].v, rows[i].text = lb(s.Name), float64(s.Users), text
		rows[i].tip = lb(s.Name) + colon(f.Lang) + text
	}
	return barChart(lb("funnel_chart"), "funnel", rows, func(v, step float64) string { return float(v, tickDecimals(step)) })
}

// sourcesSVG draws visitors by traffic source (or device).
func sourcesSVG(title string, rows []report.Breakdown, f Formatter) string {
	bars := make([]bar, len(rows))
	for i, r := range rows {
		text := f.Count(r.Visitors) + " · " + f.Percent(r.Share)
		bars[i] = bar{label: r.Name, v: float64(r.Visitors), text: text, tip: r.Name + colon(f.Lang) + text}
	}
	return barChart(title, "sources", bars, func(v, step float64) string { return float(v, tickDecimals(step)) })
}

// categoriesSVG draws net sales by category, with the margin printed.
func categoriesSVG(rows []report.CategoryRow, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	bars := make([]bar, len(rows))
	cur := money.Currency{}
	for i, r := range rows {
		cur = r.NetSales.Currency()
		text := f.Money(r.NetSales) + " · " + lb("margin") + " " + f.Percent(r.Margin)
		bars[i] = bar{label: r.Category, v: moneyFloat(r.NetSales), text: text, tip: r.Category + colon(f.Lang) + text}
	}
	return barChart(lb("category_chart"), "categories", bars, func(v, step float64) string { return moneyTick(v, step, cur, f) })
}

// heatDomain returns the top of the heatmap's colour scale: the largest
// retention after the first period (which is 100 % by construction),
// rounded up to a round share, so that the usual 5–40 % spread over the
// whole ramp. Values above it take the darkest colour.
func heatDomain(rows []report.CohortRow) float64 {
	top, first := 0.0, 0.0
	for _, r := range rows {
		for j, c := range r.Retention {
			if v, ok := c.Value(); ok && j > 0 {
				top = max(top, v)
			} else if ok {
				first = max(first, v)
			}
		}
	}
	if top == 0 { // only first periods: scale on them
		top = first
	}
	if top <= 0 {
		return 1
	}
	ticks := niceTicks(0, min(top, 1), 5)
	return min(ticks[len(ticks)-1], 1)
}

func heatmapSVG(rows []report.CohortRow, f Formatter) string {
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Retention))
	}
	labelW := 0.0
	for _, r := range rows {
		labelW = max(labelW, textW(r.Label))
	}
	const cellH = 24.0
	left := labelW + 12
	cellW := min((svgW-left-4)/float64(max(width, 1)), 72) // a few periods do not stretch across the page
	top := 22.0
	gridBottom := top + cellH*float64(len(rows))
	h := gridBottom + 46
	dom := heatDomain(rows)
	var b strings.Builder
	svgOpen(&b, Label("cohort_chart", f.Lang), h, "heatmap")
	for j := 0; j < width; j++ {
		svgText(&b, left+cellW*(float64(j)+0.5), top-7, "middle", "tick", "M"+strconv.Itoa(j))
	}
	for i, r := range rows {
		y := top + cellH*float64(i)
		svgText(&b, left-6, y+cellH/2+4, "end", "", r.Label)
		for j, c := range r.Retention {
			x := left + cellW*float64(j)
			v, ok := c.Value()
			if !ok {
				continue
			}
			bg := heatColor(v / dom)
			tip := r.Label + " M" + strconv.Itoa(j) + colon(f.Lang) + f.Percent(c)
			svgRect(&b, "mark cell", x, y, cellW-1, cellH-1, bg.hex(), tip)
			text := f.Percent(c)
			if cellW < textW(text)+2 {
				text = float(v*100, 0) // no room for a decimal
			}
			b.WriteString(`<text x="` + px(x+cellW/2) + `" y="` + px(y+cellH/2+4) + `" text-anchor="middle" class="cellv" style="fill:` + textOn(bg).hex() + `">` + esc(text) + `</text>`)
		}
	}
	// The colour key, below the grid: ten steps from 0 to the domain.
	const keyW, keyH, steps = 200.0, 10.0, 10
	kx, ky := left, gridBottom+14
	b.WriteString(`<g class="legend">`)
	for k := 0; k < steps; k++ {
		t := (float64(k) + 0.5) / steps
		svgRect(&b, "key-cell", kx+keyW*float64(k)/steps, ky, keyW/steps, keyH, heatColor(t).hex(), "")
	}
	svgText(&b, kx, ky+keyH+13, "start", "tick", "0%")
	svgText(&b, kx+keyW, ky+keyH+13, "end", "tick", "≥"+float(dom*100, 0)+"%")
	b.WriteString("</g>")
	b.WriteString("</svg>")
	return b.String()
}

func paretoSVG(pts []report.ParetoPoint, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	const h = 260.0
	ticks := []float64{0, 0.2, 0.4, 0.6, 0.8, 1}
	left, right := textW("100%")+14, svgW-18
	top, bottom := legendH+8, h-40
	x := func(v float64) float64 { return left + (right-left)*min(max(v, 0), 1) }
	y := func(v float64) float64 { return bottom - (bottom-top)*min(max(v, 0), 1) }
	var b strings.Builder
	svgOpen(&b, lb("pareto_chart"), h, "pareto")
	legend(&b, left, []legendItem{{class: "s1", text: lb("pareto_curve")}, {class: "ref", text: lb("abc_bounds")}})
	for _, t := range ticks {
		svgLine(&b, "grid", left, y(t), right, y(t))
		svgText(&b, left-6, y(t)+4, "end", "tick", percentTick(t, 0.2))
		svgLine(&b, "grid", x(t), top, x(t), bottom)
		svgText(&b, x(t), bottom+15, "middle", "tick", percentTick(t, 0.2))
	}
	svgText(&b, (left+right)/2, bottom+32, "middle", "tick", lb("sku_share_axis"))
	// The A/B and B/C boundaries at 80 % and 95 % of sales.
	for _, c := range []float64{0.8, 0.95} {
		svgLine(&b, "ref", left, y(c), right, y(c))
	}
	svgLine(&b, "axis", left, bottom, right, bottom)
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
		d.WriteString(" L" + px(x(p.SKUShare)) + " " + px(y(p.SalesShare)))
	}
	b.WriteString(`<path class="mark line s1" d="` + d.String() + `"/>`)
	b.WriteString("</svg>")
	return b.String()
}

// sparkline draws a small line of daily values without axes, for a KPI
// card; a dashed line marks zero when the values cross it.
func sparkline(vals []float64, title string) string {
	const w, h, pad = 120.0, 30.0, 2.0
	if len(vals) < 2 {
		return ""
	}
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	if hi == lo {
		hi = lo + 1
	}
	x := func(i int) float64 { return pad + (w-2*pad)*float64(i)/float64(len(vals)-1) }
	y := func(v float64) float64 { return h - pad - (h-2*pad)*(v-lo)/(hi-lo) }
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="spark" viewBox="0 0 ` + px(w) + " " + px(h) + `" role="img"><title>` + esc(title) + "</title>")
	if lo < 0 && hi > 0 {
		svgLine(&b, "zero", 0, y(0), w, y(0))
	}
	var d strings.Builder
	for i, v := range vals {
		if i == 0 {
			d.WriteString("M")
		} else {
			d.WriteString(" L")
		}
		d.WriteString(px(x(i)) + " " + px(y(v)))
	}
	b.WriteString(`<path class="mark line s1" d="` + d.String() + `"/></svg>`)
	return b.String()
}

// trackingSVG draws the holdout's cumulative purchases week by week,
// actual against the chosen model's forecast (lifetimes' cumulative
// tracking plot).
func trackingSVG(h *report.HoldoutFit, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	n := len(h.Tracking)
	labels := make([]string, n)
	actual, predicted := make([]point, n), make([]point, n)
	atips, ptips := make([]string, n), make([]string, n)
	for i, t := range h.Tracking {
		labels[i] = fmt.Sprintf(lb("week_n"), float(t.Week, 0))
		actual[i], predicted[i] = point{t.Actual, true}, point{t.Predicted, true}
		atips[i] = labels[i] + colon(f.Lang) + lb("actual") + " " + float(t.Actual, 0)
		ptips[i] = labels[i] + colon(f.Lang) + lb("predicted") + " " + float(t.Predicted, 1)
	}
	return lineChart(lineSpec{
		title: lb("tracking_chart"), xLabels: labels,
		series: []series{{name: lb("actual"), class: "s1", pts: actual, tips: atips}, {name: lb("predicted"), class: "s2", pts: predicted, tips: ptips}},
		yLabel: func(v, step float64) string { return float(v, tickDecimals(step)) },
	})
}

// frequencySVG draws the mean holdout purchases of the customers of each
// calibration frequency, actual as the bar and predicted as the pale bar
// behind it (lifetimes' calibration against holdout plot).
func frequencySVG(h *report.HoldoutFit, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	rows := make([]bar, len(h.ByFrequency))
	for i, r := range h.ByFrequency {
		label := fmt.Sprintf(lb("repeat_n"), strconv.Itoa(r.X))
		if r.OrMore {
			label = fmt.Sprintf(lb("repeat_n_more"), strconv.Itoa(r.X))
		}
		text := lb("actual") + " " + float(r.Actual, 2) + " · " + lb("predicted") + " " + float(r.Predicted, 2)
		rows[i] = bar{label: label, v: r.Actual, ghost: r.Predicted, text: text,
			tip: label + " (" + float(r.Customers, 0) + ")" + colon(f.Lang) + text}
	}
	return barChart(lb("frequency_chart"), "frequency", rows, func(v, step float64) string { return float(v, tickDecimals(step)) })
}
