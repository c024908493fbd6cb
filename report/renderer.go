package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Renderer writes a [Review] in some format. The built-in renderers are
// [Markdown], [HTML], [JSON] and [Plain]; a reporting tool implements
// Renderer to lay out the same Review its own way, using [Label] and
// [Formatter] for the texts and numbers.
type Renderer interface {
	Render(w io.Writer, r *Review) error
}

// ForFormat returns the built-in renderer of a format name: "md" (or
// "markdown"), "html", "json" or "text" (or "txt"). It returns an error
// wrapping [ErrUnknownName] and naming the format for any other name.
func ForFormat(name string) (Renderer, error) {
	switch strings.ToLower(name) {
	case "md", "markdown":
		return Markdown{}, nil
	case "html":
		return HTML{}, nil
	case "json":
		return JSON{}, nil
	case "text", "txt":
		return Plain{}, nil
	}
	return nil, fmt.Errorf("report: unknown format %q (want md, html, json or text): %w", name, ErrUnknownName)
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
