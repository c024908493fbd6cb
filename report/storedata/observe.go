package storedata

import "time"

// observer watches a reader on behalf of [Dir]: it counts the rows read
// and the UTC offsets of the timestamps. Readers given an Options without
// one (every caller outside this package) skip it.
type observer struct {
	rows    int64
	line    int      // of the last row
	offsets *offsets // shared by the files of a directory
	// once checks the events of a stream of events.csv read with
	// Options.EventsOnce; nil for any other reading.
	once *onceCheck
}

// offset records the UTC offset of a timestamp of the current row, as
// written in the file (before conversion to the store's zone).
func (o *observer) offset(t *table, v time.Time) {
	if o.offsets != nil {
		o.offsets.add(t.opts.file(), t.line, v)
	}
	if o.once != nil {
		_, off := v.Zone()
		o.once.at(t.line, v.Unix(), int64(v.Nanosecond()), off)
	}
}

// session records whether the event of the current row has a session ID.
func (o *observer) session(t *table, has bool) {
	if o.once != nil {
		o.once.session(t.line, has)
	}
}
