package storedata

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// readEventsBothWays reads data with ReadEvents by its fast path and by
// the exact path alone (Options.exact), with an observer as Dir has and
// with mapping m, and fails unless the two give the same events, the same
// errors (type, location, rows and message) and the same observations.
// The fast path reads it twice: with each event's properties its own, and
// with Options.ReuseSlices (each event's properties copied as it is
// yielded), and a third time with Options.peek too, as Dir's first
// reading does (each event's strings copied as it is yielded). Then ReadEventBatches must read it alike (checkEventBatches).
func readEventsBothWays(t interface {
	Helper()
	Fatalf(string, ...any)
}, data string, strict bool, m *Mapping) {
	t.Helper()
	type result struct {
		Events  []funnel.Event
		Errs    []string
		Rows    int64
		Line    int
		Offsets offsets
	}
	read := func(exact, reuse, peek bool) result {
		obs := &observer{offsets: &offsets{}}
		opts := Options{File: "events.csv", Strict: strict, Mapping: m, obs: obs, exact: exact, ReuseSlices: reuse, peek: peek}
		var r result
		for e, err := range ReadEvents(strings.NewReader(data), opts) {
			if err != nil {
				r.Errs = append(r.Errs, fmt.Sprintf("%T %v", err, err))
				if pe, ok := err.(*ParseError); ok {
					r.Errs = append(r.Errs, fmt.Sprintf("rows %d column %d", pe.Rows, pe.Column))
				}
				continue
			}
			if reuse {
				e.Props = slices.Clone(e.Props) // valid until the next event
			}
			if peek { // so are the strings
				e.UserID, e.Name = strings.Clone(e.UserID), strings.Clone(e.Name)
				for i, p := range e.Props {
					e.Props[i] = funnel.Prop{Key: strings.Clone(p.Key), Value: strings.Clone(p.Value)}
				}
			}
			r.Events = append(r.Events, e)
		}
		r.Rows, r.Line, r.Offsets = obs.rows, obs.line, *obs.offsets
		return r
	}
	exact := read(true, false, false)
	for _, mode := range [][2]bool{{false, false}, {true, false}, {true, true}} {
		reuse, peek := mode[0], mode[1]
		if diff := cmp.Diff(exact, read(false, reuse, peek), cmp.AllowUnexported(offsets{}, offsetAt{})); diff != "" {
			t.Fatalf("%q (strict %v, slices reused %v, peek %v): (-exact +fast):\n%s", data, strict, reuse, peek, diff)
		}
	}
	checkEventBatches(t, data, strict, m)
}

// TestEventsFast reads events files by both paths (see
// readEventsBothWays): the writer's columns or others, rows with cells
// the fast path takes and cells it leaves to the exact path (quotes,
// formula guards, control characters, invalid UTF-8, times it does not
// read, empty required cells), rows with another number of cells, and
// line endings CRLF; with and without a mapping of event names.
func TestEventsFast(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rare := func(label string, n int) bool { return rapid.IntRange(0, n).Draw(t, label) == n/2+1 }
		cols := rapid.SampledFrom([][]string{EventColumns, append(EventColumns[:len(EventColumns):len(EventColumns)], "order_id"),
			{"user_id", "time", "name"}, {"time", "user_id", "name", "page"}}).Draw(t, "columns")
		odd := rapid.SampledFrom([]string{"", "'=x", "'a", `"q"`, "x\ty", "\u0085", "\xff", "a,b", "长", "2025-11-11T20:00:00", "0999-01-01T00:00:00Z", "1600-01-01T00:00:00Z", "2300-01-01T00:00:00+08:00"})
		var b strings.Builder
		b.WriteString(strings.Join(cols, ",") + "\n")
		for range rapid.IntRange(0, 12).Draw(t, "rows") {
			row := make([]string, len(cols))
			for i, c := range cols {
				switch {
				case rare("odd "+c, 25):
					row[i] = odd.Draw(t, c)
				case c == "time":
					row[i] = rapid.SampledFrom([]string{"2025-11-11T20:00:00+08:00", "2025-11-11T20:00:05+08:00", "2025-11-12T08:00:00Z", "2025-11-12T08:00:00.5-05:30"}).Draw(t, c)
				case c == "name":
					row[i] = rapid.SampledFrom([]string{"page_view", "add_to_cart", "purchase"}).Draw(t, c)
				case c == "user_id":
					row[i] = rapid.SampledFrom([]string{"u1", "u2", "用户3"}).Draw(t, c)
				default:
					row[i] = rapid.SampledFrom([]string{"", "s1", "s2", "ads", "mobile", "长"}).Draw(t, c)
				}
			}
			if rare("cells", 20) {
				row = append(row, "")
			}
			for i, v := range row {
				if i > 0 {
					b.WriteByte(',')
				}
				if strings.ContainsAny(v, "\",") || rare("quote", 30) {
					v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
				}
				b.WriteString(v)
			}
			b.WriteString(rapid.SampledFrom([]string{"\n", "\n", "\n", "\n", "\r\n", "\n\n"}).Draw(t, "end"))
		}
		var m *Mapping
		if rapid.Bool().Draw(t, "mapping") {
			m = &Mapping{Events: map[string]string{"add_to_cart": "cart"}}
		}
		readEventsBothWays(t, b.String(), rapid.Bool().Draw(t, "strict"), m)
	})
}

// FuzzEventsFast is TestEventsFast on any input.
func FuzzEventsFast(f *testing.F) {
	head := strings.Join(EventColumns, ",") + ",order_id\n"
	row := "u1,2025-11-11T20:00:00+08:00,page_view,s1,ads,mobile,\n"
	for _, s := range []string{
		head + row,
		head + row + row + strings.Replace(row, "page_view", "purchase", 1),
		head + strings.Replace(row, ",ads,", ",'=ads,", 1) + strings.Replace(row, "\n", "\r\n", 1),
		head + strings.Replace(row, "u1", "\"u\"\"1\"", 1),
		"user_id,time,name\nu1,2025-11-11T20:00:00Z,x\n",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, data string, strict bool) {
		readEventsBothWays(t, data, strict, nil)
	})
}

// TestGuardedProps checks guardedProps, which reads one byte a property
// cell, against a reading of each cell: lines of empty cells, guards
// alone, guards in the first three cells (not properties) and in the
// last, as the fast paths give them (cut, without their newline).
func TestGuardedProps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cells := rapid.SliceOfN(rapid.SampledFrom([]string{"", "'", "''", "'=x", "a", "a'", "ab"}), 3, 8).Draw(t, "cells")
		s := strings.Join(cells, ",")
		ends := make([]int32, len(cells))
		at := 0
		for i, c := range cells {
			at += len(c)
			ends[i] = int32(at)
			at++
		}
		want := false
		for _, c := range cells[3:] {
			want = want || strings.HasPrefix(c, "'")
		}
		if got := guardedProps(s, ends); got != want {
			t.Fatalf("guardedProps(%q) = %v, want %v", s, got, want)
		}
	})
}
