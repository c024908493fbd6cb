package render

import (
	"github.com/shopmetrics/shopmetrics/report"
	"io"
	"strings"
)

// Markdown renders a review as CommonMark with GitHub tables. Charts are
// left out; their numbers are in the tables. Every piece of text is
// escaped, so a product named "<script>alert(1)</script>" or "**x** | y"
// shows as written and cannot inject markup or break a table.
type Markdown struct {
	// Lang is the language of the review. Defaults to English.
	Lang Language
	// Labels are the reader's own display names of data values (traffic
	// sources, devices, categories, ticket reasons and channels), used
	// before the conventional ones of [DataLabel], such as
	// {"小红书": "Xiaohongshu"}. Defaults to none.
	Labels map[string]string
}

// Render writes r to w.
func (x Markdown) Render(w io.Writer, r *report.Review) error {
	e := newErrWriter(w)
	for i, b := range layout(relabel(r, x.Lang, x.Labels), x.Lang) {
		if i > 0 {
			if _, ok := b.(chart); !ok {
				e.s("\n")
			}
		}
		switch b := b.(type) {
		case heading:
			e.s(strings.Repeat("#", b.level), " ", mdEscape(b.text), "\n")
		case para:
			e.s(mdEscape(b.text), "\n")
		case note:
			e.s("*", mdEscape(b.text), "*\n")
		case table:
			mdTable(e, b)
		case list:
			for _, it := range b.items {
				e.s("- ")
				if it.strong != "" {
					e.s("**", mdEscape(it.strong), "**")
					if it.text != "" {
						e.s(" ")
					}
				}
				e.s(mdEscape(it.text), "\n")
				for _, s := range it.sub {
					e.s("  - ", mdEscape(s), "\n")
				}
			}
		}
	}
	return e.flush()
}

func mdTable(e *errWriter, t table) {
	e.s("|")
	for _, h := range t.head {
		e.s(" ", mdEscape(h), " |")
	}
	e.s("\n|")
	for i := range t.head {
		if i < len(t.right) && t.right[i] {
			e.s("---:|")
		} else {
			e.s("---|")
		}
	}
	e.s("\n")
	for _, row := range t.rows {
		e.s("|")
		for _, c := range row {
			e.s(" ", mdEscape(c.text), " |")
		}
		e.s("\n")
	}
}

// mdReplacer escapes the characters that are markup in CommonMark inline
// text and GitHub tables: the emphasis, code, link, strikethrough, heading
// and table characters. Parentheses, "!" and "+" are left alone: they are
// markup only after "]" or at the start of a line, and every escaped
// string follows other text. "<", ">" and "&" become entities, which render as
// the characters themselves and never as HTML; line breaks become spaces so
// a value cannot start a new block.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`#`, `\#`, `|`, `\|`, `~`, `\~`, `<`, `&lt;`, `>`, `&gt;`, `&`, `&amp;`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

// mdEscape escapes s for Markdown inline text placed after other text or
// inside a table cell.
func mdEscape(s string) string { return mdReplacer.Replace(clean(s)) }
