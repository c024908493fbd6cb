package render

import (
	"bufio"
	"fmt"
	"github.com/shopmetrics/shopmetrics/report"
	"io"
	"strings"
)

// Renderer writes a [report.Review] in some format. The built-in
// renderers are [Markdown], [HTML], [JSON] and [Plain], each given the
// language it writes; a reporting tool implements Renderer to lay out the
// same review its own way, using [Label] and [Formatter] for the texts and
// numbers.
type Renderer interface {
	Render(w io.Writer, r *report.Review) error
}

// ForFormat returns the built-in renderer of a format name in language l:
// "md" (or "markdown"), "html", "json" or "text" (or "txt"). It returns an
// error wrapping [ErrUnknownName] and naming the format for any other
// name.
func ForFormat(name string, l Language) (Renderer, error) {
	switch strings.ToLower(name) {
	case "md", "markdown":
		return Markdown{Lang: l}, nil
	case "html":
		return HTML{Lang: l}, nil
	case "json":
		return JSON{Lang: l}, nil
	case "text", "txt":
		return Plain{Lang: l}, nil
	}
	return nil, fmt.Errorf("render: unknown format %q (want md, html, json or text): %w", name, ErrUnknownName)
}

// errWriter is a buffered writer that remembers its first error, so
// renderers can write freely and check once.
type errWriter struct {
	w *bufio.Writer
}

func newErrWriter(w io.Writer) *errWriter { return &errWriter{w: bufio.NewWriter(w)} }

func (e *errWriter) s(parts ...string) {
	for _, p := range parts {
		e.w.WriteString(p)
	}
}

func (e *errWriter) flush() error { return e.w.Flush() }
