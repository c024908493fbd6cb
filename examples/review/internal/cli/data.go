package cli

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// loaded is a store read from the CSV files of a directory.
type loaded struct {
	in       report.Input
	span     metrics.Period     // from the first to the last order day
	rejected []report.Rejected  // rows rejected per file, each reported
	sessions funnel.SessionRule // the tracker's session IDs when every event has one, else 30-minute gaps
}

// readFile reads one CSV file of dir with read, if it exists, reporting
// each bad row on stderr with its file and line.
func readFile[T any](dir, name string, loc *time.Location, stderr io.Writer, rejected *[]report.Rejected,
	read func(io.Reader, storedata.Options) iter.Seq2[T, error]) ([]T, bool, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	vals, errs := storedata.Collect(read(f, storedata.Options{File: name, Location: loc}))
	for _, e := range errs {
		var pe *storedata.ParseError
		if !errors.As(e, &pe) { // an I/O error, not a bad row
			return nil, false, e
		}
		fmt.Fprintln(stderr, e)
	}
	if n := storedata.Rejected(errs); n > 0 {
		*rejected = append(*rejected, report.Rejected{File: name, Rows: int64(n)})
	}
	return vals, true, nil
}

// earliest is the first day an order may be placed on: a date before it
// (such as 1900-01-01 or 0001-01-01, what a broken export writes for an
// empty date) is a data problem.
var earliest = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

// checkDates reports every order placed before [earliest] or more than a
// day after now (a clock skew allowance): such a date is a data problem,
// and it would move the default period (one order dated 2200 made the
// review a review of 2199-12, all zeros).
func checkDates(orders []metrics.Order, now time.Time) error {
	var errs []error
	latest := now.Add(24 * time.Hour)
	for _, o := range orders {
		switch {
		case o.PlacedAt.Before(earliest):
			errs = append(errs, fmt.Errorf("order_lines.csv: order %q: placed_at %s is before %s: fix or remove the order",
				o.ID, o.PlacedAt.Format(time.RFC3339), earliest.Format(time.DateOnly)))
		case o.PlacedAt.After(latest):
			errs = append(errs, fmt.Errorf("order_lines.csv: order %q: placed_at %s is in the future (today is %s): fix or remove the order",
				o.ID, o.PlacedAt.Format(time.RFC3339), now.Format(time.DateOnly)))
		}
	}
	return errors.Join(errs...)
}

// load reads the CSV files of the storedata schema in dir. Missing files leave
// their sections out of the review; order_lines.csv is required. Orders
// dated before 1980 or after now (plus a day) are an error.
func load(dir string, loc *time.Location, now time.Time, stderr io.Writer) (*loaded, error) {
	l := &loaded{}
	orders, ok, err := readFile(dir, "order_lines.csv", loc, stderr, &l.rejected, storedata.ReadOrders)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s: no order_lines.csv", dir)
	}
	if err := checkDates(orders, now); err != nil {
		return nil, err
	}
	var errs []error
	keep := func(err error) { errs = append(errs, err) }
	refunds, _, err := readFile(dir, "refunds.csv", loc, stderr, &l.rejected, storedata.ReadRefunds)
	keep(err)
	events, hasEvents, err := readFile(dir, "events.csv", loc, stderr, &l.rejected, storedata.ReadEvents)
	keep(err)
	spend, _, err := readFile(dir, "spend.csv", loc, stderr, &l.rejected, storedata.ReadSpend)
	keep(err)
	snaps, hasSnaps, err := readFile(dir, "inventory.csv", loc, stderr, &l.rejected, storedata.ReadSnapshots)
	keep(err)
	receipts, _, err := readFile(dir, "receipts.csv", loc, stderr, &l.rejected, storedata.ReadReceipts)
	keep(err)
	promos, _, err := readFile(dir, "promotions.csv", loc, stderr, &l.rejected, storedata.ReadPromotions)
	keep(err)
	targets, _, err := readFile(dir, "targets.csv", loc, stderr, &l.rejected, storedata.ReadTargets)
	keep(err)
	tickets, _, err := readFile(dir, "tickets.csv", loc, stderr, &l.rejected, storedata.ReadTickets)
	keep(err)
	items, _, err := readFile(dir, "products.csv", loc, stderr, &l.rejected, storedata.ReadProducts)
	keep(err)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	store := dir
	if abs, err := filepath.Abs(dir); err == nil { // "." is named after the directory
		store = abs
	}
	l.in = report.Input{
		Store: filepath.Base(store), Orders: slices.Values(orders), Refunds: refunds, Spend: spend,
		Receipts: receipts, Promotions: promos, Targets: targets, Tickets: tickets, Items: items,
		Rejected: l.rejected,
	}
	if hasEvents {
		// The file format does not require time order; the funnels need
		// it per user. A sorted export costs one pass to check.
		if !slices.IsSortedFunc(events, func(a, b funnel.Event) int { return a.Time.Compare(b.Time) }) {
			funnel.SortEvents(events)
		}
		l.in.Events = slices.Values(events)
		if len(events) > 0 && !slices.ContainsFunc(events, func(e funnel.Event) bool { return e.Prop(funnel.PropSession) == "" }) {
			l.sessions.Key = funnel.PropSession
		}
	}
	if hasSnaps {
		l.in.Snapshots = slices.Values(snaps)
	}
	for _, o := range orders {
		d := metrics.PeriodOf(o.PlacedAt.In(loc), metrics.Day)
		if l.span.IsZero() {
			l.span = d
		}
		if d.Start.Before(l.span.Start) {
			l.span.Start = d.Start
		}
		if d.End.After(l.span.End) {
			l.span.End = d.End
		}
	}
	if l.span.IsZero() {
		return nil, fmt.Errorf("%s: order_lines.csv has no orders", dir)
	}
	return l, nil
}
