package render

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopmetrics/shopmetrics/report"
)

// Plain renders a review as plain text for a terminal or an e-mail: headings
// underlined, tables in aligned columns (Chinese characters counted as two
// columns wide), charts left out. Control characters from data are
// replaced by spaces.
type Plain struct {
	// Lang is the language of the review. Defaults to English.
	Lang Language
	// Labels are the reader's own display names of data values (traffic
	// sources, devices, categories, ticket reasons and channels), used
	// before the conventional ones of [DataLabel], such as
	// {"小红书": "Xiaohongshu"}. Defaults to none.
	Labels map[string]string
}

// Render writes r to w.
func (x Plain) Render(w io.Writer, r *report.Review) error {
	e := newErrWriter(w)
	first := true
	for _, b := range layout(relabel(r, x.Lang, x.Labels), x.Lang) {
		if _, ok := b.(chart); ok {
			continue
		}
		if !first {
			e.s("\n")
		}
		first = false
		switch b := b.(type) {
		case heading:
			t := clean(b.text)
			u := "="
			if b.level > 1 {
				u = "-"
			}
			if b.level > 2 {
				u = "·"
			}
			e.s(t, "\n", strings.Repeat(u, width(t)), "\n")
		case para:
			e.s(clean(b.text), "\n")
		case note:
			e.s(clean(b.text), "\n")
		case table:
			textTable(e, b)
		case list:
			for _, it := range b.items {
				e.s("* ", clean(strings.TrimSpace(it.strong+" "+it.text)), "\n")
				for _, s := range it.sub {
					e.s("    ", clean(s), "\n")
				}
			}
		}
	}
	return e.flush()
}

func textTable(e *errWriter, t table) {
	ws := make([]int, len(t.head))
	for i, h := range t.head {
		ws[i] = width(clean(h))
	}
	for _, row := range t.rows {
		for i, c := range row {
			if i < len(ws) {
				ws[i] = max(ws[i], width(clean(c.text)))
			}
		}
	}
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				e.s("  ")
			}
			c = clean(c)
			pad := strings.Repeat(" ", ws[i]-width(c))
			if i < len(t.right) && t.right[i] {
				e.s(pad, c)
			} else if i < len(cells)-1 {
				e.s(c, pad)
			} else {
				e.s(c)
			}
		}
		e.s("\n")
	}
	line(t.head)
	rule := make([]string, len(ws))
	for i, w := range ws {
		rule[i] = strings.Repeat("-", w)
	}
	line(rule)
	for _, row := range t.rows {
		cells := make([]string, len(ws))
		for i := range cells {
			if i < len(row) {
				cells[i] = row[i].text
			}
		}
		line(cells)
	}
}

// clean replaces control characters (NUL, ESC, line breaks…), which
// could move the cursor, break lines or hide text, by spaces, and invalid
// UTF-8 by U+FFFD, so that no renderer writes them: data from a caller
// reaches the page only through it.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// width returns the number of terminal columns s takes: two for East Asian
// wide characters, one for the rest.
func width(s string) int {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK punctuation
		(r >= 0xff01 && r <= 0xff60) || // full-width forms
		(r >= 0xac00 && r <= 0xd7a3) || // Hangul
		(r >= 0x3040 && r <= 0x30ff) // kana
}
