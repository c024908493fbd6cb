package render

import (
	"io"
	"strconv"

	"github.com/shopmetrics/shopmetrics/report"
)

// HTML renders a review as one self-contained page that reads as a
// dashboard: the headline KPI cards first (value, change against the
// previous period and last year, in percentage points for rates, target
// attainment and a sparkline of daily sales), then the top findings and a
// table of contents, then the sections with their tables and charts (the
// overview's KPI table is the cards).
//
// The page has no script and no external asset: styles are inline, the
// charts are inline SVG (the sales trend with its 7-day average, traffic
// sources, the funnel with its drop-off, category sales, the ABC curve, the
// cohort heatmap and each promotion's actual sales against its baseline),
// and each plotted mark carries a <title> that browsers show as a tooltip.
// It lays out from a 390 px phone (where a chart keeps a legible width and
// scrolls sideways inside its figure) to a desktop, and prints on A4 with each
// heading kept on the page of the block it introduces, wide tables split
// into column groups that fit the page, and no number wrapped apart.
//
// Every piece of text is HTML-escaped, so a product named
// "<script>alert(1)</script>" shows as written.
type HTML struct {
	// Lang is the language of the review. Defaults to English.
	Lang Language
	// Labels are the reader's own display names of data values (traffic
	// sources, devices, categories, ticket reasons and channels), used
	// before the conventional ones of [DataLabel], such as
	// {"小红书": "Xiaohongshu"}. Defaults to none.
	Labels map[string]string
}

// htmlStyle is the page's stylesheet. Colours of series are the
// Okabe–Ito palette (blue #0072b2, orange #e69f00, vermillion #d55e00,
// grey for a baseline); good and bad changes are also told by their sign.
const htmlStyle = `*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#222;max-width:64rem;margin:0 auto;padding:1rem;line-height:1.45;overflow-wrap:break-word}
html:lang(zh) body,html:lang(zh-CN) body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
h1{font-size:1.5rem;margin:.5rem 0 .2rem}
p.meta{color:#555;margin:0 0 1rem;font-size:.9rem}
h2{font-size:1.25rem;margin:1.8rem 0 .6rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
h3{font-size:1.02rem;margin:1.1rem 0 .4rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.6rem;margin:.8rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.6rem .7rem;break-inside:avoid;min-width:0}
.card .k{font-size:.82rem;color:#555}
.card .v{font-size:1.35rem;font-weight:600;white-space:nowrap;font-variant-numeric:tabular-nums}
.card .ch{font-size:.8rem;color:#555}.card .ch b{font-weight:600;white-space:nowrap}
.card .att{font-size:.78rem;color:#555;margin-top:.25rem}
.meter{height:6px;background:#e6e6e6;border-radius:3px;overflow:hidden;margin:.15rem 0}
.meter span{display:block;height:100%;background:#0072b2}.meter span.over{background:#009e73}.meter span.miss{background:#d55e00}
svg.spark{display:block;width:100%;max-width:9rem;height:1.8rem;margin-top:.3rem}
.good{color:#17702d}.bad{color:#b3261e}
ol.top{padding-left:1.3rem}ol.top li{margin:.35rem 0}
.sev{display:inline-block;font-size:.72rem;padding:0 .35rem;border-radius:3px;margin-right:.3rem;color:#fff;background:#666}
.sev.critical{background:#b3261e}.sev.warning{background:#9a5b00}.sev.info{background:#0060a0}
nav.toc ol{columns:2 14rem;padding-left:1.3rem;margin:.3rem 0}nav.toc li{margin:0 0 .3rem;break-inside:avoid}
nav.toc a{color:#0060a0;text-decoration:none}
.tw{overflow-x:auto;max-width:100%;margin:.5rem 0}
table{border-collapse:collapse;font-size:.86rem}
th,td{border:1px solid #ddd;padding:.22rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
p.note{color:#666;font-style:italic}
figure{margin:.7rem 0;max-width:44rem;overflow-x:auto}figcaption{font-size:.85rem;color:#555}
svg.chart{display:block;width:100%;height:auto;overflow:visible}
svg text{font-size:11px;fill:#333}svg text.tick{fill:#555}svg text.val{fill:#222}
svg .axis{stroke:#888;stroke-width:1}svg .grid{stroke:#e3e3e3;stroke-width:1}svg .zero{stroke:#555;stroke-width:1.2}
svg .ref{stroke:#d55e00;stroke-width:1;stroke-dasharray:5 3}
svg path.line{fill:none;stroke-width:1.8;stroke-linejoin:round}
svg .s1{stroke:#0072b2}svg .s2{stroke:#e69f00}svg .s3{stroke:#777;stroke-dasharray:5 3}
svg .dots circle{fill:#0072b2;stroke:#fff;stroke-width:.8}
svg path.band,svg .key-area.band{fill:#56b4e9;fill-opacity:.3;stroke:none}
svg line.key{stroke-width:3}
svg rect.bar{fill:#0072b2}svg rect.bar.neg{fill:#d55e00}svg rect.ghost{fill:#cfe3f1}
svg.categories rect.bar{fill:#009e73}svg.sources rect.bar{fill:#56b4e9}
svg.spark path.line{stroke:#0072b2;stroke-width:1.5}svg.spark .zero{stroke:#999;stroke-dasharray:2 2}
li{margin:.3rem 0}
@media (max-width:600px){svg.chart{min-width:34rem}body{padding:.6rem}h1{font-size:1.25rem}.cards{grid-template-columns:1fr 1fr;gap:.4rem}.card .v{font-size:1.1rem}table{font-size:.8rem}}
@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}
.tw{overflow:visible}table{font-size:8.5pt}th{white-space:normal}
h1,h2,h3{break-after:avoid;page-break-after:avoid}
.keep,table,tr,figure,li,.card,nav.toc{break-inside:avoid;page-break-inside:avoid}
figure{max-width:32rem}a{color:inherit}.cards{grid-template-columns:repeat(3,1fr)}}
@page{size:A4;margin:14mm 13mm}`

// printColumns is how many characters of table text fit across an A4 page
// in print (180 mm at 8.5 pt), with room for cell padding: a table wider
// than this is split into column groups.
const printColumns = 104

// Render writes r to w.
func (x HTML) Render(w io.Writer, r *report.Review) error {
	e := newErrWriter(w)
	r = relabel(r, x.Lang, x.Labels) // the dashboard's top findings read as the sections do
	f := formatterFor(x.Lang).forReview(r)
	bs := layout(r, x.Lang)
	title := ""
	if len(bs) > 0 {
		if h, ok := bs[0].(heading); ok {
			title = h.text
		}
	}
	e.s("<!DOCTYPE html>\n<html lang=\"", x.Lang.String(), "\">\n<head>\n<meta charset=\"utf-8\">\n")
	e.s("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	e.s("<title>", esc(title), "</title>\n<style>\n", htmlStyle, "\n</style>\n</head>\n<body>\n")
	sections := Shown(r)
	h2 := 0
	keep := false // inside a .keep wrapper: a heading and the block it introduces
	for i, b := range bs {
		if t, ok := b.(table); ok && t.kpis && h2 == 1 {
			continue // the overview's KPIs are the cards at the top of the page
		}
		if _, ok := b.(heading); ok && !keep {
			e.s("<div class=\"keep\">\n")
			keep = true
		}
		switch b := b.(type) {
		case heading:
			tag := "h" + strconv.Itoa(min(max(b.level, 1), 6))
			id := ""
			if b.level == 2 && h2 < len(sections) {
				id = " id=\"" + sections[h2].String() + "\""
				h2++
			}
			e.s("<", tag, id, ">", esc(b.text), "</", tag, ">\n")
		case para:
			if i == 1 {
				e.s("<p class=\"meta\">", esc(b.text), "</p>\n")
			} else {
				e.s("<p>", esc(b.text), "</p>\n")
			}
		case note:
			e.s("<p class=\"note\">", esc(b.text), "</p>\n")
		case table:
			for _, t := range splitTable(b, printColumns) {
				htmlTable(e, t)
			}
		case list:
			e.s("<ul>\n")
			for _, it := range b.items {
				e.s("<li>")
				if it.strong != "" {
					e.s("<strong>", esc(it.strong), "</strong> ")
				}
				e.s(esc(it.text))
				for _, s := range it.sub {
					e.s("<br>", esc(s))
				}
				e.s("</li>\n")
			}
			e.s("</ul>\n")
		case chart:
			e.s("<figure>", b.draw(f), "<figcaption>", esc(b.title), "</figcaption></figure>\n")
		}
		if _, ok := b.(heading); !ok && keep {
			e.s("</div>\n")
			keep = false
		}
		if i == 1 || (i == 0 && len(bs) == 1) {
			dashboard(e, r, f)
		}
	}
	if keep {
		e.s("</div>\n")
	}
	e.s("</body>\n</html>\n")
	return e.flush()
}

func htmlTable(e *errWriter, b table) {
	e.s("<div class=\"tw\"><table>\n<thead><tr>")
	for i, h := range b.head {
		if i < len(b.right) && b.right[i] {
			e.s("<th class=\"num\">", esc(h), "</th>")
		} else {
			e.s("<th>", esc(h), "</th>")
		}
	}
	e.s("</tr></thead>\n<tbody>\n")
	for _, row := range b.rows {
		e.s("<tr>")
		for i, c := range row {
			cls := c.class
			if i < len(b.right) && b.right[i] {
				cls = "num " + cls
			}
			if cls != "" {
				e.s("<td class=\"", trimSpace(cls), "\">")
			} else {
				e.s("<td>")
			}
			e.s(esc(c.text), "</td>")
		}
		e.s("</tr>\n")
	}
	e.s("</tbody>\n</table></div>\n")
}

// textCols is the width of s in character columns: 2 for a wide (CJK)
// character, 1 for any other.
func textCols(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x2E80 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// headCols is the width a header needs: it may wrap at spaces onto two
// lines, so half its length, but no less than its longest word.
func headCols(s string) int {
	longest, cur := 0, 0
	for _, r := range s {
		if r == ' ' {
			cur = 0
			continue
		}
		if r >= 0x2E80 {
			cur += 2
		} else {
			cur++
		}
		longest = max(longest, cur)
	}
	return max(longest, (textCols(s)+1)/2)
}

// splitTable splits a table wider than budget character columns into
// tables of column groups that each fit, repeating the first column (the
// row's name) in each, so that a wide table prints without cut columns.
// Each column's width is its widest cell; a table that fits, or whose
// columns cannot be split, is returned as it is.
func splitTable(t table, budget int) []table {
	if len(t.head) < 3 {
		return []table{t}
	}
	widths := make([]int, len(t.head))
	for i, h := range t.head {
		widths[i] = headCols(h)
	}
	for _, row := range t.rows {
		for i, c := range row {
			if i < len(widths) {
				widths[i] = max(widths[i], textCols(c.text))
			}
		}
	}
	const pad = 2 // a cell's padding and border, in character columns
	total := 0
	for _, w := range widths {
		total += w + pad
	}
	if total <= budget {
		return []table{t}
	}
	greedy := func(budget int) [][]int {
		var groups [][]int
		cur, used := []int{}, widths[0]+pad
		for i := 1; i < len(widths); i++ {
			if len(cur) > 0 && used+widths[i]+pad > budget {
				groups = append(groups, cur)
				cur, used = []int{}, widths[0]+pad
			}
			cur = append(cur, i)
			used += widths[i] + pad
		}
		return append(groups, cur)
	}
	// As few groups as fit the budget, balanced: the smallest budget that
	// still needs no more groups, so the last group is not one lone column.
	groups := greedy(budget)
	for b := widths[0] + pad; b < budget; b++ {
		if g := greedy(b); len(g) <= len(groups) {
			groups = g
			break
		}
	}
	out := make([]table, 0, len(groups))
	for _, g := range groups {
		cols := append([]int{0}, g...)
		var s table
		for _, c := range cols {
			s.head = append(s.head, t.head[c])
			right := c < len(t.right) && t.right[c]
			s.right = append(s.right, right)
		}
		for _, row := range t.rows {
			r := make([]cell, 0, len(cols))
			for _, c := range cols {
				if c < len(row) {
					r = append(r, row[c])
				} else {
					r = append(r, cell{})
				}
			}
			s.rows = append(s.rows, r)
		}
		out = append(out, s)
	}
	return out
}

func trimSpace(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}
