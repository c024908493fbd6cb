package csvio

import (
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// EventColumns is the fixed part of the events file's header. Every other
// column is a property of the event, named by its header.
var EventColumns = []string{"user_id", "time", "name", funnel.PropSession, funnel.PropSource, funnel.PropDevice}

// ReadEvents reads the events file, one event per row. The columns user_id,
// time and name are required; every other column, such as session_id,
// source, device or page, becomes a property (funnel.Prop) of the event
// when its cell is not empty, in header order.
func ReadEvents(r io.Reader, opts Options) iter.Seq2[funnel.Event, error] {
	return func(yield func(funnel.Event, error) bool) {
		var props []int // indexes of the property columns
		read := func(t *table) (funnel.Event, bool, error) {
			if props == nil {
				props = []int{}
				for i, n := range t.names {
					if n != "user_id" && n != "time" && n != "name" {
						props = append(props, i)
					}
				}
			}
			var e funnel.Event
			var err error
			if e.UserID, err = t.required(t.c("user_id")); err != nil {
				return e, false, err
			}
			if e.Name, err = t.required(t.c("name")); err != nil {
				return e, false, err
			}
			if e.Time, err = t.timestamp(t.c("time"), false); err != nil {
				return e, false, err
			}
			for _, i := range props {
				if v := unguard(t.rec[i]); v != "" {
					e.Props = append(e.Props, funnel.Prop{Key: t.names[i], Value: v})
				}
			}
			return e, true, nil
		}
		rows(r, opts, []string{"user_id", "time", "name"}, read, nil, yield)
	}
}

// WriteEvents writes events with the fixed columns and, after them, one
// column for each other property key in extra (the keys of the fixed
// columns need not be listed).
func WriteEvents(w io.Writer, events iter.Seq[funnel.Event], extra ...string) error {
	header := append(append([]string{}, EventColumns...), extra...)
	cw := newWriter(w, header)
	rec := make([]string, len(header))
	for e := range events {
		rec[0], rec[1], rec[2] = guard(e.UserID), stamp(e.Time), guard(e.Name)
		for i := 3; i < len(header); i++ {
			rec[i] = guard(e.Prop(header[i]))
		}
		cw.row(rec)
	}
	return cw.close()
}
