package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/shopmetrics/shopmetrics/funnel"
)

var eventCols = cols("events", false, "event_no", "user_id", "time", "name", "session_id", "source", "device", "props")

// ReadEvents streams the events ordered by user, time and event_no: the
// order of the index events_user_time, and the one report.Input asks
// for (time order per user). An event's properties are session_id,
// source and device when not NULL or empty, in that order, then those of
// props in their order. props must be NULL or a JSON object of strings
// with distinct keys, none of them one of the three columns. A bad row is
// a *storedata.ParseError naming the table events, the row's number in
// that order, the column, and the event's number (event_no).
func ReadEvents(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[funnel.Event, error] {
	return func(yield func(funnel.Event, error) bool) {
		readTable(ctx, db, opts, "events", eventCols, "user_id, time, event_no", readEvent, yield)
	}
}

func readEvent(r *row) (funnel.Event, error) {
	r.keyOf("event", 0)
	var e funnel.Event
	var err error
	if e.UserID, err = r.required(1); err != nil {
		return e, err
	}
	if e.Time, err = r.time(2, false); err != nil {
		return e, err
	}
	if e.Name, err = r.required(3); err != nil {
		return e, err
	}
	for i, key := range []string{funnel.PropSession, funnel.PropSource, funnel.PropDevice} {
		v, err := r.text(4 + i)
		if err != nil {
			return e, err
		}
		if v != "" {
			e.Props = append(e.Props, funnel.Prop{Key: key, Value: v})
		}
	}
	if s, ok := r.cells[7].v.(string); ok {
		if e.Props, err = decodeProps(s, e.Props); err != nil {
			return e, r.fail(7, err)
		}
	}
	return e, nil
}

// decodeProps appends the properties of a JSON object of strings to
// props, in their order.
func decodeProps(s string, props []funnel.Prop) ([]funnel.Prop, error) {
	err := eachString("props", s, func(key, val string) error {
		if err := validText(key); err != nil {
			return fmt.Errorf("key: %w", err)
		}
		if err := validText(val); err != nil {
			return fmt.Errorf("%q: %w", key, err)
		}
		if key == "" || key == "user_id" || key == "time" || key == "name" {
			return fmt.Errorf("key %q is not a property name", key)
		}
		for _, p := range props {
			if p.Key == key {
				return fmt.Errorf("%q is given twice", key)
			}
		}
		if val != "" {
			props = append(props, funnel.Prop{Key: key, Value: val})
		}
		return nil
	})
	return props, err
}

// eachString calls visit with each key and value of s, a JSON object of
// strings, in their order, and stops at its first error. Its errors, and
// those of the JSON, begin with what.
func eachString(what, s string, visit func(key, val string) error) error {
	dec := json.NewDecoder(strings.NewReader(s))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return fmt.Errorf("%s: want a JSON object of strings", what)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		key := k.(string)
		v, err := dec.Token()
		val, ok := v.(string)
		if err != nil || !ok {
			return fmt.Errorf("%s: the value of %q is not a string", what, key)
		}
		if err := visit(key, val); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if dec.More() {
		return fmt.Errorf("%s: text after the object", what)
	}
	return nil
}
