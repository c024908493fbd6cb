package storedata

import (
	"unsafe"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// fastEvents returns the fast path of ReadEvents (see [rowsFast]), which
// puts the properties into props, for a file in UTF-8 whose first columns
// are user_id, time and name, as the writer writes them. It reads a line
// without quotes, control characters or formula guards, whose user and
// name are not empty and whose time [table.fastTime] reads: the line comes
// cut into the offsets of its cells ([records.nextCut]), and it takes the
// properties' text from a [spanCache] keyed by the bytes of all the
// property cells (a session's events repeat its session, source and
// device). Any other line goes to the exact path. TestEventsFast and
// FuzzEventsFast compare the two.
func fastEvents(props *slab[funnel.Prop]) func(t *table) fastRow[funnel.Event] {
	return func(t *table) fastRow[funnel.Event] {
		if t.enc != encUTF8 || len(t.names) < 3 || t.names[0] != "user_id" || t.names[1] != "time" || t.names[2] != "name" {
			return nil
		}
		t.cr.cut.setWidth(len(t.names))
		names, spans := spanCache{size: 64}, spanCache{}
		session := t.c(funnel.PropSession)
		return func(l []byte, cut *lineCut, ends []int32) (funnel.Event, bool) {
			var e funnel.Event
			if len(l) == 0 || len(l) > 1<<30 {
				return e, false
			}
			if cut == nil {
				return e, false
			}
			hiFrom, hiTo, ok := int(cut.hiFrom), int(cut.hiTo), cut.ok
			if !ok || hiFrom < hiTo && !utf8Text(l[hiFrom:hiTo]) {
				return e, false
			}
			s := unsafe.String(&l[0], len(l))
			user, when, name := s[:ends[0]], s[ends[0]+1:ends[1]], s[ends[1]+1:ends[2]]
			if user == "" || name == "" || user[0] == '\'' || name[0] == '\'' {
				return e, false
			}
			if guardedProps(s, ends) {
				return e, false
			}
			var off int
			if e.Time, off, ok = t.fastTime(when, false); !ok {
				return e, false
			}
			// The row is read: from here on, as the exact path does.
			t.enter()
			if ob := t.opts.obs; ob != nil {
				ob.offset(t, e.Time.In(t.fixedZone(off)))
				if ob.once != nil {
					ob.session(t, session >= 0 && cell(s, ends, session) != "")
				}
			}
			peek := t.opts.peek
			if peek {
				e.UserID = user
			} else {
				e.UserID = t.keep(user)
			}
			e.Name = names.one(t, name)
			if m := t.opts.Mapping; m != nil {
				if step, ok := m.Events[e.Name]; ok {
					e.Name = step
				}
			}
			// The property cells, if any is not empty.
			if base := ends[2] + 1; len(ends) > 3 && int(ends[len(ends)-1]-base) > len(ends)-4 {
				kept := s[base:]
				if !peek {
					kept = spans.one(t, kept)
				}
				for i := 3; i < len(ends); i++ {
					if v := kept[ends[i-1]+1-base : ends[i]-base]; v != "" {
						props.add(funnel.Prop{Key: t.names[i], Value: v})
					}
				}
			}
			e.Props = props.done()
			return e, true
		}
	}
}

// guardedProps reports whether a property cell of the line s, cut at
// ends (the fourth cell on), starts with a formula guard ('), which
// unguard may remove: the fast paths leave such a line to the exact path.
// It reads the byte after each cell's comma only: for an empty cell, that
// is the next comma, or past the line's end, never a guard, so that the
// cells are not measured, nor the line searched for a quote mark.
func guardedProps(s string, ends []int32) bool {
	for i := 3; i < len(ends); i++ {
		if j := int(ends[i-1]) + 1; j < len(s) && s[j] == '\'' {
			return true
		}
	}
	return false
}
