package csvtable

import (
	"errors"
	"io"
	"iter"
	"slices"
	"strings"
	"testing"
)

// TestReread: the second read yields the values and skips the errors the
// first read reported; a different number of errors means the file
// changed, and so does a failure to open it.
func TestReread(t *testing.T) {
	read := func(r io.Reader) iter.Seq2[string, error] {
		return func(yield func(string, error) bool) {
			b, _ := io.ReadAll(r)
			for _, f := range strings.Fields(string(b)) {
				var err error
				if f == "bad" {
					err = errors.New("bad row")
				}
				if !yield(f, err) {
					return
				}
			}
		}
	}
	content := "a bad b"
	open := func() (io.Reader, func(), error) { return strings.NewReader(content), func() {}, nil }
	var got error
	vals := slices.Collect(Reread("pkg", "f.csv", 1, open, read, func(err error) { got = err }))
	if !slices.Equal(vals, []string{"a", "b"}) || got != nil {
		t.Errorf("unchanged file: values %v, error %v; want a, b and none", vals, got)
	}
	content = "a bad bad b"
	for range Reread("pkg", "f.csv", 1, open, read, func(err error) { got = err }) {
	}
	if got == nil || !strings.Contains(got.Error(), "pkg: f.csv: 2 errors on the second read, 1 on the first: the file changed") {
		t.Errorf("changed file: error %v", got)
	}
	gone := errors.New("gone")
	got = nil
	for range Reread("pkg", "f.csv", 0, func() (io.Reader, func(), error) { return nil, nil, gone }, read, func(err error) { got = err }) {
	}
	if !errors.Is(got, gone) {
		t.Errorf("file that cannot be opened: error %v, want %v", got, gone)
	}
}
