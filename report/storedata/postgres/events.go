package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
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
	dec := json.NewDecoder(strings.NewReader(s))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return props, errors.New("props: want a JSON object of strings")
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return props, fmt.Errorf("props: %w", err)
		}
		key := k.(string)
		v, err := dec.Token()
		val, ok := v.(string)
		if err != nil || !ok {
			return props, fmt.Errorf("props: the value of %q is not a string", key)
		}
		if err := validText(key); err != nil {
			return props, fmt.Errorf("props: key: %w", err)
		}
		if err := validText(val); err != nil {
			return props, fmt.Errorf("props: %q: %w", key, err)
		}
		if key == "" || key == "user_id" || key == "time" || key == "name" {
			return props, fmt.Errorf("props: key %q is not a property name", key)
		}
		for _, p := range props {
			if p.Key == key {
				return props, fmt.Errorf("props: %q is given twice", key)
			}
		}
		if val != "" {
			props = append(props, funnel.Prop{Key: key, Value: val})
		}
	}
	if _, err := dec.Token(); err != nil {
		return props, fmt.Errorf("props: %w", err)
	}
	if dec.More() {
		return props, errors.New("props: text after the object")
	}
	return props, nil
}
