package cli

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/postgres"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver of -db
)

// The command's exit statuses, which its usage lists.
const (
	ExitOK      = 0 // the review was written
	ExitFailed  = 1 // no review: the data could not be reviewed
	ExitUsage   = 2 // a flag or argument is wrong; nothing was read
	ExitBadData = 3 // no review: -strict refused a bad row or record
	// ExitInterrupted is the shell's status of a command stopped by
	// SIGINT (128 + 2): the review was interrupted (Ctrl-C, or SIGTERM)
	// and nothing was written.
	ExitInterrupted = 130
)

// Main runs the command with args (without the program name), writing the
// review to stdout (or to the -o file) and messages to stderr, and returns
// its exit status: [ExitOK], [ExitFailed], [ExitUsage], [ExitBadData] or
// [ExitInterrupted]. -h prints the usage to stdout and returns ExitOK.
//
// SIGINT (Ctrl-C) and SIGTERM stop the work: Main then writes nothing to
// stdout or to the -o file, says "interrupted" and returns
// ExitInterrupted. A second signal kills the process at once, as if Main
// did not catch them.
//
// When stderr is an *os.File on a terminal, Main draws a progress line on
// it while the work lasts more than about a second (not with -quiet),
// and erases it when the work ends.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // a second signal gets the default action: exit at once
	err := run(ctx, args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) { // -h: the usage is printed
		return ExitOK
	}
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "%s: interrupted\n", Name)
		return ExitInterrupted
	}
	fmt.Fprintf(stderr, "%s: %v\n", Name, err)
	var usage *UsageError
	var bad *badDataError
	switch {
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "Run %s -h for the flags.\n", Name)
		return ExitUsage
	case errors.As(err, &bad):
		return ExitBadData
	}
	return ExitFailed
}

// now is the clock that dates in the future are judged by; tests set it.
var now = time.Now

// run is the whole command under ctx, with its arguments and output
// streams, so that tests can run it. Its errors are for a person: they
// name the flag that changes the outcome (see userError); once ctx is
// done, they wrap its error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	if o.export != "" {
		store, err := generate(ctx, sample.Config{Seed: o.seed, CRM: true})
		if err != nil {
			return fmt.Errorf("-export %s: %w", o.export, err)
		}
		if err := exportStore(ctx, o.export, store); err != nil {
			return fmt.Errorf("-export %s: %w", o.export, err)
		}
		fmt.Fprintf(stdout, "wrote the demo store to %s; review it with: %s -data %s -tz %s\n",
			o.export, Name, o.export, store.Config.Location)
		return nil
	}
	line := newProgressLine(stderr, o.quiet)
	defer line.erase()
	return userError(review(ctx, o, stdout, line), o)
}

// review reads the data, builds the review and writes it, under ctx: once
// ctx is done it stops and writes nothing. stderr takes the messages and
// the progress line.
func review(ctx context.Context, o *options, stdout io.Writer, stderr *progressLine) error {
	r, err := build(ctx, o, stderr, true)
	if errors.Is(err, storedata.ErrEventsOnce) || err != nil && o.strict && o.data != "" {
		// The outcome is the reading's with events.csv read ahead: the
		// directory is read again so. events.csv may not be as a single
		// reading takes it (the reading ahead finds and says what is
		// wrong with it); or, with -strict, the reading ahead would have
		// stopped at a bad row of events.csv before the error met here,
		// found after Dir (an order dated in the future, a -period
		// outside the data). Without -strict, only a failure to read
		// events.csv would have: a failing review is not read twice for
		// it.
		if errors.Is(err, storedata.ErrEventsOnce) && ctx.Err() == nil {
			fmt.Fprintf(stderr, "%v: reading %s again, with events.csv ahead of the review\n", err, o.data)
		}
		stderr.sayAgainOnce()
		r, err = build(ctx, o, stderr, false)
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := o.render.Render(&buf, r); err != nil {
		return err
	}
	stderr.erase() // the work is done: nothing more to draw
	if o.out == "" {
		if err := ctx.Err(); err != nil { // interrupted while rendering
			return err
		}
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	return writeFile(ctx, o.out, buf.Bytes())
}

// build reads the data and builds the review, under ctx. With once, a
// -data directory's events.csv is read once, by the review
// (storedata.Options.EventsOnce): the error then wraps
// storedata.ErrEventsOnce when the file is not as that reading takes it.
func build(ctx context.Context, o *options, stderr *progressLine, once bool) (*report.Review, error) {
	src, err := loadData(ctx, o, stderr, once)
	if err != nil {
		return nil, err
	}
	if o.store != "" {
		src.in.Store = o.store
	}
	p, err := reviewPeriod(o.period, src.span)
	if err != nil {
		return nil, err
	}
	cfg := report.Config{Period: p, Sessions: src.sessions, Currency: o.currency,
		// Inventory exports hold negative on-hand rows and SKUs missing
		// from the catalogue, and exports list refunds of orders they do
		// not hold: the review leaves them out and counts them on the
		// page, unless -strict.
		BadRecords: inventory.Skip,
		Progress:   stderr.report}
	if o.strict {
		cfg.BadRecords = inventory.Strict
	}
	if o.compare != "" {
		if cfg.Compare, err = comparePeriod(o.compare, p, src.span); err != nil {
			return nil, err
		}
	}
	for _, s := range o.steps {
		cfg.Funnel.Steps = append(cfg.Funnel.Steps, funnel.Step{Name: s})
	}
	r, err := report.BuildContext(ctx, src.in, cfg)
	if err = buildError(ctx, err, src.err()); err != nil {
		if o.strict && badRecord(err) {
			return nil, &badDataError{err}
		}
		return nil, err
	}
	if src.rejected > 0 {
		fmt.Fprintf(stderr, "rejected rows: %d; the review below leaves them out and counts them (-strict refuses them)\n", src.rejected)
	}
	return r, nil
}

// buildError returns the error of a build that returned err from a
// source whose streams ended with serr. A stream that stopped early makes
// a review of part of the data, or a build that fails for it: serr says
// why, and comes first. The build's own error follows it unless it is the
// same failure (ctx done, or serr wrapped), so that neither is lost. With
// [storedata.ErrEventsOnce] it is serr alone: the command reads the
// directory again, and the build of that reading says what it finds.
func buildError(ctx context.Context, err, serr error) error {
	switch {
	case serr == nil, errors.Is(err, serr):
		return err
	case err == nil, errors.Is(serr, storedata.ErrEventsOnce),
		ctx.Err() != nil && errors.Is(err, ctx.Err()) && errors.Is(serr, ctx.Err()):
		return serr
	}
	return errors.Join(serr, err)
}

// generate returns the demo store of cfg, or ctx's error as soon as ctx
// is done: sample.Generate takes no context and runs for about 1.5 s on
// the default demo, so it runs on its own goroutine, which an interrupted
// command leaves to finish as the process exits.
func generate(ctx context.Context, cfg sample.Config) (*sample.Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	done := make(chan *sample.Store, 1) // buffered: a store nobody waits for is dropped
	go func() { done <- sample.Generate(cfg) }()
	select {
	case s := <-done:
		return s, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// source is the data of a review: its input, the span of its orders, the
// session rule its events allow, and the error of its streams.
type source struct {
	in       report.Input
	span     metrics.Period
	sessions funnel.SessionRule // CSV events: split at 30-minute gaps
	// err returns the error a stream met while the review read it, such
	// as a file that changed between its check and the review; nil for
	// the demo store.
	err func() error
	// rejected is the number of rows the reading rejected, said on
	// stderr once the review is built: a directory read again (see
	// review) may reject more.
	rejected int64
}

// loadData returns the review's data: the demo store's, or the store read
// from -data (or -db), under ctx. Its reading of -data's files reports to
// stderr's progress line.
func loadData(ctx context.Context, o *options, stderr *progressLine, once bool) (*source, error) {
	switch {
	case o.db != "":
		return loadDB(ctx, o, stderr)
	case o.data != "":
		return loadDir(ctx, o, stderr, once)
	}
	store, err := generate(ctx, sample.Config{Seed: o.seed, CRM: true})
	if err != nil {
		return nil, err
	}
	return &source{
		in: report.Input{
			Store:      "Demo store 演示店铺",
			Items:      demoItems(store),
			Orders:     slices.Values(store.Orders),
			Refunds:    store.Refunds,
			Events:     slices.Values(store.Events),
			Spend:      store.Spend,
			Targets:    store.Targets,
			Snapshots:  slices.Values(store.Snapshots),
			Receipts:   store.Receipts,
			Promotions: store.Promotions,
			Tickets:    store.Tickets,
			Customers:  store.Profiles,

			CompetitorPrices: store.CompetitorPrices,
			Members:          store.Members,
			Points:           store.Points,
			// The CRM campaigns (精准营销).
			Campaigns: store.Campaigns, CampaignTargets: store.CampaignTargets, Redemptions: store.Redemptions,
			// The totals of the progress line.
			Counts: report.Counts{Orders: int64(len(store.Orders)), Events: int64(len(store.Events)), Snapshots: int64(len(store.Snapshots))},
		},
		span:     store.Period,
		sessions: funnel.SessionRule{Key: funnel.PropSession}, // the demo tracker sets session IDs on every event
		err:      func() error { return nil },
	}, nil
}

// loadDir reads the -data directory with storedata.Dir: -strict stops at
// the first bad row, -map renames columns and events, and a -tz left out
// takes the zone of the files' offsets when they agree.
func loadDir(ctx context.Context, o *options, stderr *progressLine, once bool) (*source, error) {
	if err := checkDataDir(o.data); err != nil {
		return nil, err
	}
	// The review keeps no order's lines and no event's properties: the
	// readers may reuse them, and make no garbage per record. With once,
	// events.csv is read by the review only.
	opts := storedata.Options{Location: o.loc, Strict: o.strict, ReuseSlices: true, EventsOnce: once}
	if o.mapFile != "" {
		m, err := storedata.ReadMapping(o.mapFile)
		if err != nil {
			return nil, &UsageError{Flag: "-map", Err: err}
		}
		opts.Mapping = m
	}
	limits := memoryLimits()
	note, err := planMemory(o.data, limits)
	if err != nil {
		return nil, err
	}
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
	l, err := loadWith(ctx, o.data, opts, stderr.report, now(), stderr)
	if err != nil {
		var pe *storedata.ParseError
		if o.strict && errors.As(err, &pe) { // a strict reader stops at the first bad row
			return nil, &badDataError{fmt.Errorf("%w (-strict; without it the row is left out and counted on the page)", err)}
		}
		return nil, err
	}
	if l.src.EventsInMemory {
		note, err := checkUnsortedMemory(o.data, limits)
		if err != nil {
			return nil, err
		}
		if note != "" {
			fmt.Fprintln(stderr, note)
		}
	}
	return &source{in: l.in, span: l.span, sessions: l.sessions, err: l.err, rejected: rejectedRows(l.rejected)}, nil
}

// rejectedRows adds up the rows rejected in every file.
func rejectedRows(rs []report.Rejected) int64 {
	var rows int64
	for _, x := range rs {
		rows += x.Rows
	}
	return rows
}

// loadDB reads the store in the PostgreSQL database of -db (the tables of
// report/storedata/postgres's schema.sql): orders, events and snapshots
// stream from the database while the review reads them. The period's
// default comes from the first and last order, found by one query.
func loadDB(ctx context.Context, o *options, stderr io.Writer) (*source, error) {
	db, err := sql.Open("pgx", o.db)
	if err != nil {
		return nil, &UsageError{Flag: "-db", Err: err}
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("-db: cannot reach the database: %w", err)
	}
	opts := postgres.Options{Strict: o.strict, Location: o.loc}
	first, last, ok, err := postgres.OrderSpan(ctx, db, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	if !ok {
		db.Close()
		return nil, errors.New("-db: the orders table is empty or absent (see report/storedata/postgres's schema.sql)")
	}
	src, err := postgres.Read(ctx, db, opts)
	if err != nil {
		db.Close()
		if o.strict {
			return nil, &badDataError{fmt.Errorf("%w (-strict; without it the row is left out and counted on the page)", err)}
		}
		return nil, err
	}
	for _, e := range src.Errs() {
		fmt.Fprintln(stderr, e)
	}
	in := src.Input
	in.Store = "PostgreSQL store"
	if in.Events != nil {
		// The events as columns, straight from the driver's binary rows:
		// the same review, read several times faster. A batch holds times
		// of the years 1678 to 2261 only: an event outside them is a
		// rejected row (storedata.ErrBatchRange), counted on the page.
		// The review asks for the properties of its periods' events only
		// (postgres.Options.PropsWithin).
		in.Events, in.EventBatchesWithin = nil, src.EventBatchesWithin
	}
	span, err := metrics.NewPeriod(metrics.PeriodOf(first, metrics.Day).Start, metrics.PeriodOf(last, metrics.Day).End)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &source{
		in:       in,
		span:     span,
		sessions: funnel.SessionRule{Key: funnel.PropSession},
		rejected: rejectedRows(src.Input.Rejected),
		err: func() error {
			defer db.Close()
			return src.Err()
		},
	}, nil
}

// checkDataDir fails, naming -data, when dir is not a directory holding
// order_lines.csv, the one file the review needs.
func checkDataDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("-data %s: %w", dir, err)
	case !fi.IsDir():
		return fmt.Errorf("-data %s: not a directory: give the directory that holds order_lines.csv", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "order_lines.csv")); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("-data %s: no order_lines.csv, the one file a review needs (%s -export DIR writes an example of every file)", dir, Name)
	}
	return nil
}

// writeFile writes the review to path through a temporary file in the
// same directory, renamed when complete: a failed or interrupted write
// (ctx done before the rename) leaves no half file, and an earlier review
// stays as it was.
func writeFile(ctx context.Context, path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		var pe *fs.PathError // its path is the temporary file's, which the user never named
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("-o %s: %w", path, err)
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		if rerr := os.Remove(f.Name()); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
		return fmt.Errorf("-o %s: %w", path, err)
	}
	return nil
}

// reviewPeriod parses the -period flag in the data's time zone, or returns
// the last whole calendar month of the data (all of the data when it holds
// no whole month). A period that does not overlap the data is an error:
// its review would be all zeros.
func reviewPeriod(s string, data metrics.Period) (metrics.Period, error) {
	if s != "" {
		p, err := metrics.ParsePeriod(s, data.Location())
		if err != nil {
			return p, usageErr("-period", "%q is not a period: %s", s, periodHelp)
		}
		if !overlaps(p, data) {
			return p, fmt.Errorf("-period %s is outside the data (orders from %s): choose a period within it", s, dataSpan(data))
		}
		return p, nil
	}
	last := data.End.Add(-time.Nanosecond)
	m := metrics.PeriodOf(last, metrics.Month)
	if m.End.After(data.End) {
		m = m.Previous()
	}
	if m.Start.Before(data.Start) { // no whole month: review every day of the data
		return metrics.NewPeriod(data.Start, data.End)
	}
	return m, nil
}

// comparePeriod parses the -compare flag in the data's time zone. A
// period that does not overlap the data is an error: its column would be
// all n/a.
func comparePeriod(s string, reviewed, data metrics.Period) (metrics.Period, error) {
	c, err := metrics.ParsePeriod(s, data.Location())
	if err != nil {
		return c, usageErr("-compare", "%q is not a period: %s", s, periodHelp)
	}
	if c == reviewed {
		return c, usageErr("-compare", "%s is the period reviewed: compare it with another one", s)
	}
	if !overlaps(c, data) {
		return c, fmt.Errorf("-compare %s is outside the data (orders from %s): every comparison would be n/a; choose a period within it", s, dataSpan(data))
	}
	return c, nil
}

// overlaps reports whether p and q share an instant.
func overlaps(p, q metrics.Period) bool { return p.End.After(q.Start) && p.Start.Before(q.End) }

// dataSpan writes the days of the data: "2025-01-01 to 2025-12-31".
func dataSpan(data metrics.Period) string {
	return data.Start.Format(time.DateOnly) + " to " + data.End.Add(-time.Nanosecond).Format(time.DateOnly)
}

// demoItems is the demo store's catalogue as inventory items.
func demoItems(store *sample.Store) []inventory.Item {
	items := make([]inventory.Item, len(store.Catalogue))
	for i, p := range store.Catalogue {
		items[i] = inventory.Item{SKU: p.SKU, Name: p.Name, Category: p.Category, UnitPrice: p.Price, LeadTimeDays: float64(p.LeadTime), Launch: p.Launch}
	}
	return items
}
