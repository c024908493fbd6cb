package storedata

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestNextCut: reading with nextCut gives the lines, line numbers and
// errors that nextLine gives, whatever the sizes of the buffer and of the
// reads, with the lines that the exact path reads on its own in between
// (a quoted cell across lines); and the cut of each line is the one
// cutLine gives on its own (cut.ok only for a line with its newline, and
// not for one that ended in \r\r\n, whose last cell ends in \r).
func TestNextCut(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		const width = 3
		lineGen := rapid.SampledFrom([]string{
			"a,b,c\n", "a,b,c\r\n", "\n", "\r\n", "a,b\n", "a,b,c,d\n", "茶,b,\"c\n", "x,y,\x00\n",
			"ab,cd,ef", "\r", strings.Repeat("z", 70) + ",1,2\n", ",,\n",
		})
		lines := rapid.SliceOfN(lineGen, 0, 40).Draw(t, "lines")
		data := strings.Join(lines, "")
		size := rapid.SampledFrom([]int{16, 33, 64, 100, 4096}).Draw(t, "buffer")
		var chunks []string
		for rest := data; rest != ""; {
			n := min(len(rest), rapid.IntRange(1, 50).Draw(t, "chunk"))
			chunks = append(chunks, rest[:n])
			rest = rest[n:]
		}
		errRead := fmt.Errorf("read error")
		// An error of the source between some chunks.
		var withErr []string
		for _, c := range chunks {
			withErr = append(withErr, c)
			if rapid.IntRange(0, 8).Draw(t, "err") == 0 {
				withErr = append(withErr, "")
			}
		}
		got := newRecordsSize(&chunkReader{slices.Clone(withErr), errRead}, size)
		got.cut.setWidth(width)
		want := newRecordsSize(&chunkReader{slices.Clone(withErr), errRead}, size)
		for step := 0; ; step++ {
			if step > 200 {
				t.Fatal("no end")
			}
			if rapid.IntRange(0, 5).Draw(t, "exact") == 0 {
				// The exact path reads a line on its own.
				g, gerr := got.readLine()
				w, werr := want.readLine()
				if string(g) != string(w) || gerr != werr {
					t.Fatalf("step %d: readLine = %q, %v; want %q, %v", step, g, gerr, w, werr)
				}
				if werr != nil && len(w) == 0 {
					continue
				}
				continue
			}
			g, cut, ends, gerr := got.nextCut()
			w, werr := want.nextLine()
			if string(g) != string(w) || gerr != werr || got.Line() != want.Line() || got.lines != want.lines {
				t.Fatalf("step %d: nextCut = %q, %v (line %d); nextLine %q, %v (line %d)", step, g, gerr, got.Line(), w, werr, want.Line())
			}
			if werr != nil {
				if cut != nil {
					t.Fatalf("step %d: a cut with the error %v", step, werr)
				}
				if werr.Error() == "EOF" {
					break
				}
				continue
			}
			if cut == nil {
				t.Fatalf("step %d: no cut for %q", step, g)
			}
			// The line as handed out has its \r\n made \n: a \r left
			// before the \n is the last cell's, a control character.
			wantEnds := make([]int32, width)
			nl, hiFrom, hiTo, ok := cutLineRef(w, wantEnds)
			ok = ok && nl == len(w)-1 && (nl == 0 || w[nl-1] != '\r')
			if cut.ok != ok {
				t.Fatalf("step %d: %q: cut.ok = %v, want %v", step, g, cut.ok, ok)
			}
			if ok && (!slices.Equal(ends, wantEnds) || int(cut.hiFrom) != hiFrom || int(cut.hiTo) != hiTo) {
				t.Fatalf("step %d: %q: cut %v, %d, %d; want %v, %d, %d", step, g, ends, cut.hiFrom, cut.hiTo, wantEnds, hiFrom, hiTo)
			}
		}
	})
}
