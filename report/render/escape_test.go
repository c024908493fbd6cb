package render

import (
	"html"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// unescapedPipe reports whether s holds a "|" not preceded by a backslash
// that is itself not escaped.
func unescapedPipe(s string) bool {
	bs := 0
	for _, r := range s {
		switch {
		case r == '\\':
			bs++
			continue
		case r == '|' && bs%2 == 0:
			return true
		}
		bs = 0
	}
	return false
}

// Property: whatever a product is called, its escaped Markdown cannot open
// an HTML tag, break a table cell or start a new line.
func TestMarkdownEscapeProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.StringOf(rapid.SampledFrom([]rune("ab<>|&\\*_`[]()#!\n\r~ 茶"))).Draw(t, "name")
		got := mdEscape(s)
		if strings.ContainsAny(got, "<>\n\r") {
			t.Fatalf("mdEscape(%q) = %q keeps markup", s, got)
		}
		if unescapedPipe(got) {
			t.Fatalf("mdEscape(%q) = %q has a bare |", s, got)
		}
	})
}

// Property: the HTML page shows a product's name exactly, as text.
func TestHTMLEscapeProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.StringOf(rapid.SampledFrom([]rune("ab<>&\"'/ 茶="))).Draw(t, "name")
		r := handReview()
		r.Products.TopSellers[0].Name = name
		var b strings.Builder
		if err := (HTML{}).Render(&b, r); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "<td>"+html.EscapeString(name)+"</td>") {
			t.Fatalf("name %q not rendered as escaped text", name)
		}
	})
}

func FuzzParseLanguage(f *testing.F) {
	for _, s := range []string{"en", "zh", "zh-CN", "EN-gb", "zh-Hans", "fr", "", "zh-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLanguage(s)
		if err != nil {
			if !strings.Contains(err.Error(), "render: unknown language") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			return
		}
		// A parsed language round-trips through its tag.
		if back, err := ParseLanguage(l.String()); err != nil || back != l {
			t.Errorf("ParseLanguage(%q) = %v, which does not round-trip: %v, %v", s, l, back, err)
		}
	})
}

func FuzzMarkdownEscape(f *testing.F) {
	f.Add("<script>alert(1)</script>")
	f.Add("a|b\\|c")
	f.Add("**bold** [x](y)")
	f.Fuzz(func(t *testing.T, s string) {
		got := mdEscape(s)
		if strings.ContainsAny(got, "<>\n\r") || unescapedPipe(got) {
			t.Errorf("mdEscape(%q) = %q", s, got)
		}
	})
}

// TestRenderersSanitise: invalid UTF-8, NUL and ESC bytes in data (a
// product name from a caller's own orders) went raw into the Markdown and
// the HTML (issue 16 item 20); no renderer may write them.
func TestRenderersSanitise(t *testing.T) {
	for _, s := range []string{"A\x00B", "C\x1b[31mD", "E\xffF", "G\x7fH\u0085I"} {
		for name, got := range map[string]string{"md": mdEscape(s), "html": html.EscapeString(clean(s)), "text": clean(s)} {
			if !utf8.ValidString(got) || strings.IndexFunc(got, unicode.IsControl) >= 0 {
				t.Errorf("%s of %q = %q: invalid UTF-8 or a control character", name, s, got)
			}
		}
	}
}
