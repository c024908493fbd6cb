package storedata

import (
	"iter"
	"log/slog"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// Options configures a reader. The zero Options reads leniently, in UTC,
// and names the file "input".
type Options struct {
	// File names the input in errors. Defaults to "input".
	File string
	// Strict stops reading at the first bad row. By default a reader
	// reports each bad row as an error and goes on with the next one.
	Strict bool
	// Location is the store's time zone, in which day columns
	// (2025-11-03) are read and to which timestamps are converted.
	// Defaults to UTC for a single reader; [Dir] defaults it to the zone
	// of the files' UTC offsets when they all agree (see "Time zones" in
	// the package documentation).
	Location *time.Location
	// Mapping renames the columns of a file whose header uses other
	// names than the documented ones, and the events' names (see
	// [Mapping]). Defaults to none: the header must use the documented
	// names.
	Mapping *Mapping
	// ReuseSlices lets ReadOrders and ReadEvents yield records whose
	// slices (an order's Lines, an event's Props) share memory with the
	// records after them: a yielded record's slices are valid until the
	// next record is yielded, like encoding/csv's Reader.ReuseRecord. It
	// is for a caller that consumes each record as it comes (adds it to
	// accumulators) and keeps none, or copies what it keeps: reading then
	// makes no garbage per record, which is about a sixth of the time of
	// reading order lines. For [ReadOrderBatches] and [ReadEventBatches]
	// it lets them yield the same batch again and again, emptied and
	// refilled: a yielded batch is valid until the next is yielded.
	// Defaults to false: every record's slices are its own, and every
	// batch is a new one (sharing the dictionaries of the batches before).
	ReuseSlices bool
	// BatchSize is the number of rows of a batch of [ReadOrderBatches]
	// (orders) and [ReadEventBatches] (events): a batch is yielded when
	// it holds that many, and before each error. Defaults to 65536.
	BatchSize int
	// PropsWithin, when not nil, lets [ReadEventBatches] leave out the
	// properties of the events at a time outside all of its periods: such
	// an event is read with its user, time and name, and no property, and
	// the numbers of its property cells are not looked up (on 40M events
	// over two years, interning session IDs and SKUs was a sixth of a
	// review). Its row is checked and rejected as without it: only the
	// properties' numbers are left out. It is for a caller that reads
	// properties only within some periods, such as the review: what
	// [Source.EventBatchesWithin] and report.Input.EventBatchesWithin
	// pass. An empty, non-nil PropsWithin leaves out every event's
	// properties. The other readers ignore it. Defaults to nil: every
	// event is read whole.
	PropsWithin []metrics.Period
	// EventsOnce lets [Dir] and [DirContext] leave events.csv to be read
	// once, by the review, instead of reading it ahead as well (on issue
	// 19's 40M events, the reading ahead was a seventh of the review's
	// CPU time). Dir then reads its header only, and takes the file to be
	// what a reading ahead would most often find: every row read, the
	// events in time order, at times a batch holds, with the UTC offset
	// of the orders (or the zone given), and each with a session ID when
	// the file has a session_id column (Source.Sessions follows it). The
	// streams of the events (Input.Events, EventBatches,
	// EventBatchesWithin) check each of these as they read, and stop at
	// the first event that is otherwise, with an error wrapping
	// [ErrEventsOnce] for [Source.Err]: the review that read the stream
	// is then not the review of the files, and the caller reads the
	// directory again without EventsOnce, as the review command does.
	// A stream that its caller stops before the end reads the whole file
	// again to check it, as the reading ahead would have. A stream of a
	// file whose size or modification time is not what it was when Dir
	// read the header, or changes while the stream reads it, stops with
	// an error that says the file changed (not [ErrEventsOnce]), as a
	// stream of a file read ahead does when its row count differs: a new
	// modification time alone (touch, a copy that kept the bytes) counts
	// as a change, and a rewrite of the same size within the file
	// system's clock tick (a second or two on some) is not seen.
	// When the orders' offsets disagree with each other or with the zone
	// given, Dir reads events.csv ahead all the same. Without the reading
	// ahead, events.csv is not in Source.Files, Input.Counts.Events is 0
	// and Progress is not told of the file. Defaults to false: Dir reads
	// events.csv ahead, and the streams yield what that reading found.
	EventsOnce bool
	// Progress, when set, is called by [Dir] and [DirContext] with how
	// far their first reading of each file has come: Phase
	// report.PhaseRead, File the file's name, Done the bytes read
	// and Total the file's size (-1 when it is not a regular file). The
	// files come in the order of [Source].Files; the reports of a file
	// start at Done 0, never go back, come at most about every 100 ms in
	// between, and end with Done = Total (unless the reading was
	// cancelled or failed), from the goroutine that runs Dir, which
	// waits for it: it must return quickly. The readers themselves do
	// not call it. Defaults to none.
	Progress func(report.Progress)
	// Logger, when set, receives from [Dir] and [DirContext] a record at
	// level Warn for every row their reading rejects (each *[ParseError]:
	// attributes file, line, column, rows when above 0, order_id or
	// refund_id for a record rejected whole, and error) and for every
	// [Warning] of [Source].Warnings (file, line, count when above 0,
	// message), as they are met. Source.Files and Source.Warnings hold
	// them all the same; with Strict, the first bad row is Dir's error
	// instead. The readers themselves do not call it. Defaults to none.
	Logger *slog.Logger

	obs    *observer   // set by Dir
	once   *onceEvents // set by Dir on its streams of events.csv with EventsOnce
	exact  bool        // for tests: read by the exact path only, without the fast paths that skip it
	values int         // for tests: ReadEventBatches' maxSharedValues, if not 0
	// peek: each record is looked at only until the reader is asked for
	// the next, as Dir's first reading does, so its strings may point
	// into the reader's buffer, not into kept copies (events' fast path).
	peek bool
}

func (o Options) file() string {
	if o.File == "" {
		return "input"
	}
	return o.File
}

// batchSize returns BatchSize or its default.
func (o Options) batchSize() int {
	if o.BatchSize <= 0 {
		return 1 << 16
	}
	return o.BatchSize
}

func (o Options) loc() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// Collect drains a reader into the values it produced and the errors it
// reported. Every rejected row is in the errors: len(errs) is the number
// of problems found, never silently zero.
func Collect[T any](seq iter.Seq2[T, error]) (vals []T, errs []error) {
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		vals = append(vals, v)
	}
	return vals, errs
}
