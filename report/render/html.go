package render

import (
	"github.com/shopmetrics/shopmetrics/report"
	"html"
	"io"
)

// HTML renders a review as one self-contained HTML page: styles inline, no
// scripts, no external assets, charts as inline SVG (the sales trend with
// its 7-day average, the funnel, the cohort heatmap, the ABC curve and each
// promotion's actual sales against its baseline). The page prints on A4
// without cutting tables or charts across pages where it can avoid it.
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

const htmlStyle = `body{font-family:-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#222;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #333;padding-bottom:.3rem}
h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}
h3{font-size:1.05rem;margin-top:1.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.good{color:#17702d}td.bad{color:#b3261e}
p.note{color:#666;font-style:italic}
figure{margin:.8rem 0}figcaption{font-size:.85rem;color:#555}
svg text{font-size:11px;fill:#333}svg text.inv{fill:#fff}
svg .axis{stroke:#999;stroke-width:1}svg .grid{stroke:#ccc;stroke-dasharray:4 3}
svg path.s1{fill:none;stroke:#2f6db3;stroke-width:1.5}svg path.s2{fill:none;stroke:#e08a1e;stroke-width:2}
svg path.s3{fill:none;stroke:#888;stroke-width:1.5;stroke-dasharray:5 3}
svg .s1-key{fill:#2f6db3}svg .s2-key{fill:#e08a1e}svg .s3-key{fill:#888}
svg rect.bar{fill:#2f6db3}svg rect.heat{fill:#2f6db3}
li{margin:.4rem 0}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}table,figure,li{break-inside:avoid}a{color:inherit}}
@page{size:A4;margin:15mm}`

// Render writes r to w.
func (x HTML) Render(w io.Writer, r *report.Review) error {
	e := newErrWriter(w)
	f := formatterFor(x.Lang)
	bs := layout(relabel(r, x.Lang, x.Labels), x.Lang)
	title := ""
	if len(bs) > 0 {
		if h, ok := bs[0].(heading); ok {
			title = h.text
		}
	}
	esc := func(s string) string { return html.EscapeString(clean(s)) }
	e.s("<!DOCTYPE html>\n<html lang=\"", x.Lang.String(), "\">\n<head>\n<meta charset=\"utf-8\">\n")
	e.s("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	e.s("<title>", esc(title), "</title>\n<style>\n", htmlStyle, "\n</style>\n</head>\n<body>\n")
	for _, b := range bs {
		switch b := b.(type) {
		case heading:
			tag := "h" + string(rune('0'+min(max(b.level, 1), 6)))
			e.s("<", tag, ">", esc(b.text), "</", tag, ">\n")
		case para:
			e.s("<p>", esc(b.text), "</p>\n")
		case note:
			e.s("<p class=\"note\">", esc(b.text), "</p>\n")
		case table:
			e.s("<table>\n<thead><tr>")
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
			e.s("</tbody>\n</table>\n")
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
	}
	e.s("</body>\n</html>\n")
	return e.flush()
}

func trimSpace(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}
