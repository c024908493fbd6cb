package storedata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// Source is a store's data as [Dir] found it in a directory: the input of
// a review, with what was read and rejected per file.
type Source struct {
	// Input is the review's input. Its Orders, Events and Snapshots are
	// streams that read their file again each time they are ranged over,
	// yielding the records that Dir counted and leaving out the rows it
	// rejected (each counted in Files); the other kinds are in memory.
	// Input.Rejected has one entry per file with rejected rows, and
	// Input.Counts the records the streams yield, for the totals of
	// report.Config.Progress.
	Input report.Input
	// Location is the store's time zone: Options.Location, or the fixed
	// zone of the timestamps' UTC offsets when they all agree, or UTC.
	Location *time.Location
	// Span runs from the start of the first order's day to the end of
	// the last one's, in Location; zero without orders.
	Span metrics.Period
	// First and Last are the orders placed first and last.
	First, Last Placed
	// Sessions splits the events into sessions by the tracker's session
	// IDs when every event has one (funnel.PropSession), else by
	// funnel's default 30-minute gap.
	Sessions funnel.SessionRule
	// Files counts the rows of each file read, in the order of the
	// package documentation; absent files are not listed, nor events.csv
	// when Options.EventsOnce left it to the streams.
	Files []FileStats
	// Warnings are problems that reject no row: UTC offsets that
	// disagree with the zone, events out of time order.
	Warnings []Warning
	// EventsInMemory reports that events.csv is not in time order: its
	// streams (Input.Events, EventBatches) load every event and sort them
	// in memory, with a Warning, so that the memory they take grows with
	// the events instead of staying bounded by the store's users.
	EventsInMemory bool
	// UnbatchedEvents counts the events of events.csv that
	// [Source.EventBatches] leaves out because a batch cannot hold their
	// time (before 1678 or after 2261, [ErrBatchRange]); Input.Events
	// yields them. When it is zero the batches hold every event of
	// Input.Events, and a review may read either.
	UnbatchedEvents int64

	ctx     context.Context // DirContext's, which ends the streams too
	stopped error           // the error that ended Dir's reading: the files after it are not read

	orderBatches iter.Seq[*metrics.Orders] // see OrderBatches
	eventBatches iter.Seq[*funnel.Events]  // see EventBatches; nil without events
	// eventsWithin returns the batches of events.csv read with
	// Options.PropsWithin; nil without events, or when the events are
	// sorted in memory.
	eventsWithin func([]metrics.Period) iter.Seq[*funnel.Events]

	mu  sync.Mutex // guards err, set by streams that may run at once
	err error
}

// Placed is an order's ID and time.
type Placed struct {
	OrderID string
	At      time.Time
}

// Err returns the first error met by the streams of Input after Dir
// returned: a file that could not be opened again, that failed to read,
// or that changed between Dir's pass and the stream's (its row count
// differs; for events.csv read with Options.EventsOnce, its size or
// modification time differs from when Dir read its header, or changes
// while the stream reads it), or the end of the context given to [DirContext] (the
// error wraps the context's: errors.Is(err, context.Canceled) holds).
// Call it after the review has ranged over the streams. It is safe to
// call from several goroutines, as the streams are.
func (s *Source) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *Source) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

// Dir reads the store's files in dir, the files of the package
// documentation. Only order_lines.csv is required; a file that is absent
// leaves its kind empty. opts applies to every file (its File is set to
// each file's name).
//
// Dir reads the large files (orders, events, inventory snapshots) once
// to check and count them, without holding their records, and returns
// streams that read them again; the small kinds are collected. Every
// file's rows read and rejected, and the reasons, are in [Source].Files;
// the first errors of each file are kept there too. With opts.Strict the
// first bad row of any file is Dir's error (a *[ParseError] with its
// location). A *[FileError], a file that cannot be opened or read, and an
// absent order_lines.csv are errors in both modes.
//
// When opts.Location is nil, the store's zone is taken from the UTC
// offsets of the timestamps of order_lines.csv and events.csv: the fixed
// zone of their offset when they all have the same (+08:00 for a store in
// China), or UTC with a [Warning] when they differ. When opts.Location is
// set, timestamps whose offsets differ from the zone's at their instant
// are counted in a Warning. The day columns of the other files are then
// read in that zone.
//
// Events must reach the review in time order per user. When events.csv
// is not in time order, its stream loads the events and sorts them, with
// a Warning; a file in time order is streamed.
//
// Dir is DirContext with context.Background().
func Dir(dir string, opts Options) (*Source, error) {
	return DirContext(context.Background(), dir, opts)
}

// DirContext is [Dir] under ctx. When ctx is done, the reading stops
// within one read of 256 KB (about a millisecond) and DirContext returns
// ctx's error wrapped with the file's name (errors.Is(err,
// context.Canceled) holds); after DirContext returned, the streams of
// Source.Input stop yielding within one read of ctx's end, and
// [Source.Err] returns its error wrapped. opts.Progress is told how far
// the reading of each file has come, and opts.Logger receives each row
// rejected and each [Warning] (see [Options]).
func DirContext(ctx context.Context, dir string, opts Options) (*Source, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	s := &Source{ctx: ctx}
	ok := func(name string) string { return filepath.Join(dir, name) }
	offs := &offsets{loc: opts.Location}
	at := func(file string, o *offsets) Options {
		o2 := opts
		o2.File = file
		o2.obs = &observer{offsets: o}
		return o2
	}

	// The streamed files with timestamps, checked and counted, and the
	// store's zone from their offsets.
	// The first reading builds no record: the orders' counts them
	// through ReadOrders' code (see orderScan), and the events' through
	// ReadEvents' (see eventScan).
	var snaps int64
	orderOpts := at(fileOrders, offs)
	ov := &orderScan{}
	found, err := scan(s, ok(fileOrders), orderOpts, ov.read, func(struct{}) {})
	orders := ov.orders
	if err != nil {
		return nil, err
	}
	if s.stopped != nil {
		return nil, s.stopped
	}
	if !found {
		return nil, fmt.Errorf("storedata: %s: no %s, the one file required", dir, fileOrders)
	}
	// events.csv's first reading counts and checks the events without
	// building them, through ReadEvents' code (see eventScan): a third of
	// the CPU time of ranging over ReadEvents' events. With EventsOnce it
	// is left to the streams when the orders' offsets agree with each
	// other and with the zone given: Dir reads the header only, and
	// takes the file to be what the streams then check (see onceEvents).
	eventOpts := at(fileEvents, offs)
	var once *onceEvents
	var hasEvents bool
	var events, unbatched int64
	sorted, unsorted, sessions := true, 0, false
	if _, ws := offs.zone(); opts.EventsOnce && offs.n > 0 && len(ws) == 0 {
		if err := s.ctx.Err(); err != nil {
			return nil, fmt.Errorf("storedata: before %s: %w", fileEvents, err)
		}
		var st fileStat
		hasEvents, sessions, st, err = eventsHeader(s.ctx, ok(fileEvents), eventOpts)
		if err != nil {
			return nil, err
		}
		once = &onceEvents{loc: opts.Location, off: offs.first.off, session: sessions, stat: st}
	} else {
		ev := newEventScan()
		hasEvents, err = scan(s, ok(fileEvents), eventOpts, ev.read, func(struct{}) {})
		if err != nil {
			return nil, err
		}
		if s.stopped != nil {
			return nil, s.stopped
		}
		events, unbatched = ev.events, ev.unbatched
		sorted, unsorted, sessions = ev.unsorted == 0, ev.unsorted, ev.events > 0 && !ev.noSession
	}
	loc, warnings := offs.zone()
	s.Location, s.Warnings = loc, warnings
	logWarnings(ctx, opts.Logger, warnings)
	if orders > 0 {
		s.First, s.Last = ov.placed(&ov.first, loc), ov.placed(&ov.last, loc)
		span, err := metrics.NewPeriod(metrics.PeriodOf(s.First.At, metrics.Day).Start, metrics.PeriodOf(s.Last.At, metrics.Day).End)
		if err != nil { // First is not after Last, and a day starts at or before its times and ends after them
			panic("storedata: the span of the orders ends before it starts (a bug): " + err.Error())
		}
		s.Span = span
	}
	s.UnbatchedEvents = unbatched
	if hasEvents && sessions {
		s.Sessions.Key = funnel.PropSession
	}

	// The other files, in the store's zone; offsets that disagree with it
	// are a warning.
	opts.Location = loc
	rest := &offsets{loc: loc}
	var errs []error
	in := &s.Input
	in.Refunds, err = collect(s, ok(fileRefunds), at(fileRefunds, rest), ReadRefunds)
	errs = append(errs, err)
	in.Spend, err = collect(s, ok(fileSpend), at(fileSpend, rest), ReadSpend)
	errs = append(errs, err)
	hasSnaps, err := scan(s, ok(fileInventory), at(fileInventory, rest), ReadSnapshots, func(inventory.Snapshot) { snaps++ })
	errs = append(errs, err)
	in.Receipts, err = collect(s, ok(fileReceipts), at(fileReceipts, rest), ReadReceipts)
	errs = append(errs, err)
	in.Items, err = collect(s, ok(fileProducts), at(fileProducts, rest), ReadProducts)
	errs = append(errs, err)
	in.Promotions, err = collect(s, ok(filePromotions), at(filePromotions, rest), ReadPromotions)
	errs = append(errs, err)
	in.Targets, err = collect(s, ok(fileTargets), at(fileTargets, rest), ReadTargets)
	errs = append(errs, err)
	in.Tickets, err = collect(s, ok(fileTickets), at(fileTickets, rest), ReadTickets)
	errs = append(errs, err)
	in.Customers, err = collect(s, ok(fileCustomers), at(fileCustomers, rest), ReadCustomers)
	errs = append(errs, err)
	in.CompetitorPrices, err = collect(s, ok(fileCompetitorPrices), at(fileCompetitorPrices, rest), ReadCompetitorPrices)
	errs = append(errs, err)
	in.Members, err = collect(s, ok(fileMembers), at(fileMembers, rest), ReadMembers)
	errs = append(errs, err)
	in.Points, err = collect(s, ok(filePoints), at(filePoints, rest), ReadPoints)
	errs = append(errs, err)
	errs = append(errs, readCampaigns(s, in, ok, func(f string) Options { return at(f, rest) }))
	if s.stopped != nil {
		return nil, s.stopped
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if rest.nMismatch > 0 {
		_, ws := rest.zone()
		s.Warnings = append(s.Warnings, ws...)
		logWarnings(ctx, opts.Logger, ws)
	}

	store := dir
	if abs, err := filepath.Abs(dir); err == nil { // "." is named after the directory
		store = abs
	}
	in.Store = filepath.Base(store)
	in.Counts = report.Counts{Orders: orders, Events: events, Snapshots: snaps}
	in.Orders = stream(s, ok(fileOrders), at(fileOrders, nil), ReadOrders)
	s.orderBatches = stream(s, ok(fileOrders), at(fileOrders, nil), ReadOrderBatches)
	if hasEvents {
		streamOpts := at(fileEvents, nil)
		streamOpts.once = once
		s.eventsWithin = func(props []metrics.Period) iter.Seq[*funnel.Events] {
			o := at(fileEvents, nil)
			o.PropsWithin, o.once = props, once
			return stream(s, ok(fileEvents), o, ReadEventBatches)
		}
		s.eventBatches = s.eventsWithin(nil) // every event whole
		// Events not in time order are kept to be sorted: none may
		// share its properties with the next.
		streamOpts.ReuseSlices = streamOpts.ReuseSlices && sorted
		in.Events = stream(s, ok(fileEvents), streamOpts, ReadEvents)
		if !sorted {
			w := Warning{File: fileEvents, Line: unsorted, Message: fmt.Sprintf(
				"the events are not in time order (this row is earlier than the one before it): the review loads and sorts them in memory; write %s in time order to stream it", fileEvents)}
			s.Warnings = append(s.Warnings, w)
			logWarnings(ctx, opts.Logger, []Warning{w})
			s.EventsInMemory = true
			in.Events = sortedEvents(s, in.Events)
			s.eventBatches, s.eventsWithin = sortedEventBatches(s, in.Events, opts), nil
		}
	}
	if hasSnaps {
		in.Snapshots = stream(s, ok(fileInventory), at(fileInventory, nil), ReadSnapshots)
	}
	for _, f := range s.Files {
		if f.Rejected > 0 {
			in.Rejected = append(in.Rejected, report.Rejected{File: f.File, Rows: f.Rejected, Read: f.Rows, Reasons: f.Reasons})
		}
	}
	return s, nil
}

// The files of a directory.
const (
	fileOrders     = kindOrderLines + ".csv"
	fileRefunds    = kindRefunds + ".csv"
	fileEvents     = kindEvents + ".csv"
	fileSpend      = kindSpend + ".csv"
	fileInventory  = kindInventory + ".csv"
	fileReceipts   = kindReceipts + ".csv"
	fileProducts   = kindProducts + ".csv"
	filePromotions = kindPromotions + ".csv"
	fileTargets    = kindTargets + ".csv"
	fileTickets    = kindTickets + ".csv"
	fileCustomers  = kindCustomers + ".csv"

	fileCompetitorPrices = kindCompetitorPrices + ".csv"
	fileMembers          = kindMembers + ".csv"
	filePoints           = kindPoints + ".csv"
)

// scan reads a file with read, passing each record to each and counting
// rows and errors in a new entry of s.Files. It returns false for an
// absent file. A *FileError, a failure of the file or the end of s.ctx
// (wrapped with the file's name), and in strict mode the first error,
// are its error; after such an error (s.stopped) the later files are
// not read. The file is read through a meteredFile, which reports
// opts.Progress, and the bad rows go to opts.Logger.
func scan[T any](s *Source, path string, opts Options, read func(io.Reader, Options) iter.Seq2[T, error], each func(T)) (bool, error) {
	if s.stopped != nil {
		return false, nil
	}
	if err := s.ctx.Err(); err != nil {
		s.stopped = fmt.Errorf("storedata: before %s: %w", opts.File, err)
		return false, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	s.Files = append(s.Files, FileStats{File: opts.File})
	st := &s.Files[len(s.Files)-1]
	r := meter(s.ctx, f, opts.File, opts.Progress)
	for v, err := range read(r, opts) {
		if r.err != nil {
			break
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || opts.Strict {
				return true, err
			}
			st.add(err)
			logRejected(s.ctx, opts.Logger, pe)
			continue
		}
		each(v)
	}
	if err := r.finish(); err != nil {
		s.stopped = fmt.Errorf("storedata: reading %s: %w", opts.File, err)
		return true, nil
	}
	st.Rows = opts.obs.rows
	return true, nil
}

// collect reads a small file into memory with scan.
func collect[T any](s *Source, path string, opts Options, read func(io.Reader, Options) iter.Seq2[T, error]) ([]T, error) {
	var vals []T
	_, err := scan(s, path, opts, read, func(v T) { vals = append(vals, v) })
	return vals, err
}

// stream returns the records of a file that scan has read, reading it
// again: the errors were counted by scan, and anything else (the file
// cannot be opened or read again, or has another number of rows, or
// s.ctx is done) is kept for [Source.Err]. Each range over the stream
// opens the file on its own, so that several goroutines may range over
// it at once.
func stream[T any](s *Source, path string, opts Options, read func(io.Reader, Options) iter.Seq2[T, error]) iter.Seq[T] {
	rows := int64(-1) // none for a file Dir did not read (Options.EventsOnce)
	for _, f := range s.Files {
		if f.File == opts.File {
			rows = f.Rows
		}
	}
	opts.Progress, opts.Logger = nil, nil // the first reading told them
	return func(yield func(T) bool) {
		if err := s.ctx.Err(); err != nil {
			s.fail(fmt.Errorf("storedata: before %s: %w", opts.File, err))
			return
		}
		f, err := os.Open(path)
		if err != nil {
			s.fail(fmt.Errorf("storedata: %w", err))
			return
		}
		defer f.Close()
		if opts.once != nil {
			if err := opts.once.unchanged(f); err != nil {
				s.fail(err)
				return
			}
		}
		r := meter(s.ctx, f, opts.File, nil)
		obs := &observer{}
		if opts.once != nil {
			obs.once = newOnceCheck(opts.once)
		}
		opts := opts
		opts.obs = obs
		for v, err := range read(r, opts) {
			if r.err != nil {
				break
			}
			if c := obs.once; c != nil {
				if pe := (*ParseError)(nil); errors.As(err, &pe) {
					c.rejected(err)
				}
				if c.err != nil {
					s.fail(onceErr(opts.once, f, c.err))
					return
				}
			}
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) || opts.Strict {
					s.fail(err)
					return
				}
				if errors.Is(err, ErrBatchRange) {
					s.fail(err) // a row that Dir's reading took
				}
				continue
			}
			if !yield(v) {
				if opts.once != nil {
					// The rest of the file is not checked: Dir's
					// reading ahead would have read it.
					if err := opts.once.unchanged(f); err != nil {
						s.fail(err)
					} else if err := checkOnce(s.ctx, f, opts); err != nil {
						s.fail(onceErr(opts.once, f, err))
					}
				}
				return
			}
		}
		if r.err != nil {
			s.fail(fmt.Errorf("storedata: reading %s: %w", opts.File, r.err))
			return
		}
		if c := obs.once; c != nil {
			if err := opts.once.unchanged(f); err != nil {
				s.fail(err) // changed while the stream read it
			} else if c.end(obs.rows); c.err != nil {
				s.fail(c.err)
			}
			return
		}
		if obs.rows != rows {
			s.fail(fmt.Errorf("storedata: %s: %d rows on this reading, %d on the first: the file changed while the review read it", opts.File, obs.rows, rows))
		}
	}
}

// sortedEvents loads the events of a stream and yields them in time
// order.
func sortedEvents(s *Source, events iter.Seq[funnel.Event]) iter.Seq[funnel.Event] {
	return func(yield func(funnel.Event) bool) {
		// The stream stops within a read of s.ctx's end; the sort and
		// every 256 events yielded look at it too.
		stopped := func() bool {
			err := s.ctx.Err()
			if err != nil {
				s.fail(fmt.Errorf("storedata: %s: %w", fileEvents, err))
			}
			return err != nil
		}
		all := slices.Collect(events)
		if stopped() {
			return
		}
		funnel.SortEvents(all)
		for i, e := range all {
			if i%256 == 0 && stopped() {
				return
			}
			if !yield(e) {
				return
			}
		}
	}
}
