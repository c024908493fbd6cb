package storedata

import (
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// EventColumns is the fixed part of the events file's header. Every other
// column is a property of the event, named by its header.
var EventColumns = []string{"user_id", "time", "name", funnel.PropSession, funnel.PropSource, funnel.PropDevice}

// ReadEvents reads the events file, one event per row. The columns user_id,
// time and name are required; every other column, such as session_id,
// source, device or page, becomes a property (funnel.Prop) of the event
// when its cell is not empty, in header order. Unlike the other files,
// the events file may repeat a row exactly: events have no ID, and two
// page views of one session in the same second are two events. An event
// name listed in [Options].Mapping's Events is renamed to its step.
func ReadEvents(r io.Reader, opts Options) iter.Seq2[funnel.Event, error] {
	return func(yield func(funnel.Event, error) bool) {
		var slab slab[funnel.Prop]
		read := eventRow(opts, &slab)
		if opts.ReuseSlices {
			yieldOwn := yield
			yield = func(e funnel.Event, err error) bool {
				ok := yieldOwn(e, err)
				slab.reuse()
				return ok
			}
		}
		rowsFast(r, opts, kindEvents, requiredEventCols, nil, false, fastEvents(&slab), read, yield)
	}
}

var requiredEventCols = []string{"user_id", "time", "name"}

// eventRow returns the exact path of ReadEvents: it reads the event of
// the current row, its properties added to slab.
func eventRow(opts Options, slab *slab[funnel.Prop]) func(t *table) (funnel.Event, bool, error) {
	var (
		props             []int // indexes of the property columns
		user, when, named int
	)
	return func(t *table) (funnel.Event, bool, error) {
		if props == nil {
			props = []int{}
			for i, n := range t.names {
				if n != "user_id" && n != "time" && n != "name" {
					props = append(props, i)
				}
			}
			user, when, named = t.c("user_id"), t.c("time"), t.c("name")
		}
		var e funnel.Event
		var err error
		if e.UserID, err = t.required(user); err != nil {
			return e, false, err
		}
		if e.Name, err = t.required(named); err != nil {
			return e, false, err
		}
		if m := opts.Mapping; m != nil {
			if step, ok := m.Events[e.Name]; ok {
				e.Name = step
			}
		}
		if e.Time, err = t.timestamp(when, false); err != nil {
			return e, false, err
		}
		for _, i := range props {
			if v := unguard(t.rec[i]); v != "" {
				slab.add(funnel.Prop{Key: t.names[i], Value: t.keep(v)})
			}
		}
		e.Props = slab.done()
		if ob := t.opts.obs; ob != nil && ob.once != nil {
			ob.session(t, e.Prop(funnel.PropSession) != "")
		}
		return e, true, nil
	}
}

// WriteEvents writes events with the fixed columns and, after them, one
// column for each other property key in extra (the keys of the fixed
// columns need not be listed, and a key listed twice has one column).
//
// It returns an error for what ReadEvents would reject or give back
// differently: a key in extra that is user_id, time or name, that is
// empty, has space at either end, a tab or a line break, or text that
// readers reject; an event without a user ID, a name or a time (or with a
// year outside 1000–9999); a property whose key has no column, that is
// empty (ReadEvents reads an empty cell as no property) or that the event
// has twice; and text that readers reject. ReadEvents gives the
// properties back in column order.
func WriteEvents(w io.Writer, events iter.Seq[funnel.Event], extra ...string) error {
	header := append([]string{}, EventColumns...)
	col := map[string]int{}
	for i, k := range header {
		col[k] = i
	}
	for _, k := range extra {
		switch {
		case k == "user_id" || k == "time" || k == "name":
			return fmt.Errorf("storedata: the property key %q is a fixed column of the events file", k)
		case k == "" || strings.TrimSpace(k) != k || strings.HasPrefix(k, "\ufeff"):
			return fmt.Errorf("storedata: the property key %q is empty or has space at an end, which readers trim", k)
		case validText(k) != nil || strings.ContainsAny(k, "\t\r\n"):
			return fmt.Errorf("storedata: the property key %q has a tab, a line break or text that readers reject", k)
		}
		if _, dup := col[k]; !dup {
			col[k] = len(header)
			header = append(header, k)
		}
	}
	cw := newWriter(w, header)
	cw.dups = true // two identical events are two events
	rec := make([]string, len(header))
	for e := range events {
		cw.at("event of user", e.UserID)
		clear(rec)
		rec[0], rec[1], rec[2] = cw.required("user_id", e.UserID), cw.time("time", e.Time, false), cw.required("name", e.Name)
		for _, p := range e.Props {
			i, ok := col[p.Key]
			switch {
			case !ok || i < 3:
				return fmt.Errorf("storedata: %s: the property %q has no column; list it in extra", cw.what(), p.Key)
			case p.Value == "":
				return fmt.Errorf("storedata: %s: the property %q is empty, which reads back as no property", cw.what(), p.Key)
			case rec[i] != "":
				return fmt.Errorf("storedata: %s: the property %q is given twice", cw.what(), p.Key)
			}
			rec[i] = cw.text(p.Key, p.Value)
		}
		cw.row(rec)
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
