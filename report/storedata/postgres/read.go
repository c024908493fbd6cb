package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"

	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// Source is a store read from PostgreSQL by [Read]: the report.Input of a
// review, and what reading it found.
type Source struct {
	// Input is the review's input. Orders, Events and Snapshots stream
	// from the database when the review ranges over them, once each; the
	// other kinds were read by Read. Input.Rejected counts the rows that
	// Read rejected in the tables it read itself (the streamed tables'
	// rejected rows are known only after the review: see
	// [Source.Rejected]). Store is empty: set it to the store's name.
	Input report.Input

	orderBatches iter.Seq[*metrics.Orders] // nil without orders
	eventBatches iter.Seq[*funnel.Events]  // nil without events
	// eventsWithin returns the batches of events read with
	// Options.PropsWithin; nil without events.
	eventsWithin func([]metrics.Period) iter.Seq[*funnel.Events]

	ctx      context.Context  // Read's, passed to Options.Logger
	bad      []error          // bad rows reported in lenient mode
	err      error            // what ended a stream
	rejected map[string]int64 // rows rejected per table, streams included
	order    []string         // the tables of rejected, in the order met
}

// Read reads the store in the tables of opts.Schema (see [Schema]) for a
// review: refunds, spend, targets, receipts, promotions, tickets,
// products and the optional kinds of the CRM and market parts (customers,
// competitor_prices, members, points, campaigns, campaign_targets and
// coupon_redemptions) now, and orders, events and inventory snapshots as streams
// that run their query when the review reads them. A table that is empty
// or absent (a schema of views may have only some, and a database made
// before the optional tables has none of them) gives a nil kind, which
// the review leaves out, as it does for a missing CSV file: with a note
// for a section, silently for an optional part.
//
// In lenient mode (the default) a bad row is reported, left out and
// counted: the errors are in [Source.Errs] and the counts in
// Input.Rejected and [Source.Rejected]. In strict mode Read returns the
// first bad row of the tables it reads now, and a bad row of a stream
// ends the stream, as does a failure of the database in either mode;
// [Source.Err] then returns it, and the review, computed from part of the
// data, must be discarded. Check Err after every review.
func Read(ctx context.Context, db *sql.DB, opts Options) (*Source, error) {
	s := &Source{ctx: ctx, rejected: map[string]int64{}}
	has := map[string]bool{}
	for _, t := range []string{"orders", "refunds", "events", "spend", "inventory_snapshots", "receipts", "products", "promotions", "targets", "tickets",
		"customers", "members", "points", "campaigns", "campaign_targets", "coupon_redemptions", "competitor_prices"} {
		ok, err := hasRows(ctx, db, opts, t)
		if err != nil {
			return nil, err
		}
		has[t] = ok
	}
	var err error
	if has["refunds"] {
		if s.Input.Refunds, err = collect(s, opts, ReadRefunds(ctx, db, opts)); err != nil {
			return nil, err
		}
	}
	if has["spend"] {
		if s.Input.Spend, err = collect(s, opts, ReadSpend(ctx, db, opts)); err != nil {
			return nil, err
		}
	}
	if has["targets"] {
		if s.Input.Targets, err = collect(s, opts, ReadTargets(ctx, db, opts)); err != nil {
			return nil, err
		}
	}
	if has["receipts"] {
		if s.Input.Receipts, err = collect(s, opts, ReadReceipts(ctx, db, opts)); err != nil {
			return nil, err
		}
	}
	if has["promotions"] {
		if s.Input.Promotions, err = collect(s, opts, ReadPromotions(ctx, db, opts)); err != nil {
			return nil, err
		}
	}
	if has["tickets"] {
		if s.Input.Tickets, err = collect(s, opts, ReadTickets(ctx, db, opts)); err != nil {
			return nil, err
		}
	}
	if has["products"] {
		if s.Input.Items, err = collect(s, opts, ReadProducts(ctx, db, opts)); err != nil {
			return nil, err
		}
	}
	if err := readCRM(ctx, db, opts, s, has); err != nil {
		return nil, err
	}
	s.Input.Rejected = s.Rejected()
	if has["orders"] {
		s.Input.Orders = stream(s, opts, ReadOrders(ctx, db, opts))
		s.orderBatches = stream(s, opts, ReadOrderBatches(ctx, db, opts))
	}
	if has["events"] {
		s.Input.Events = stream(s, opts, ReadEvents(ctx, db, opts))
		s.eventBatches = stream(s, opts, ReadEventBatches(ctx, db, opts))
		s.eventsWithin = func(props []metrics.Period) iter.Seq[*funnel.Events] {
			o := opts
			o.PropsWithin = props
			return stream(s, o, ReadEventBatches(ctx, db, o))
		}
	}
	if has["inventory_snapshots"] {
		s.Input.Snapshots = stream(s, opts, ReadSnapshots(ctx, db, opts))
	}
	return s, nil
}

// readCRM reads the optional kinds of the CRM and market parts (the
// customers' profiles, the membership programme, the CRM campaigns and
// competitors' prices) into s.Input, in the order storedata.Dir reads
// their files.
func readCRM(ctx context.Context, db *sql.DB, opts Options, s *Source, has map[string]bool) error {
	in := &s.Input
	var err error
	if has["customers"] {
		if in.Customers, err = collect(s, opts, ReadCustomers(ctx, db, opts)); err != nil {
			return err
		}
	}
	if has["competitor_prices"] {
		if in.CompetitorPrices, err = collect(s, opts, ReadCompetitorPrices(ctx, db, opts)); err != nil {
			return err
		}
	}
	if has["members"] {
		if in.Members, err = collect(s, opts, ReadMembers(ctx, db, opts)); err != nil {
			return err
		}
	}
	if has["points"] {
		if in.Points, err = collect(s, opts, ReadPoints(ctx, db, opts)); err != nil {
			return err
		}
	}
	if has["campaigns"] {
		if in.Campaigns, err = collect(s, opts, ReadCampaigns(ctx, db, opts)); err != nil {
			return err
		}
	}
	if has["campaign_targets"] {
		if in.CampaignTargets, err = collect(s, opts, ReadCampaignTargets(ctx, db, opts)); err != nil {
			return err
		}
	}
	if has["coupon_redemptions"] {
		if in.Redemptions, err = collect(s, opts, ReadRedemptions(ctx, db, opts)); err != nil {
			return err
		}
	}
	return nil
}

// hasRows reports whether a table (or view) exists and has a row. An
// absent table is an absent kind, as an absent file is for the CSV
// files: the review leaves its section out with a note.
func hasRows(ctx context.Context, db *sql.DB, opts Options, table string) (bool, error) {
	var ok bool
	err := db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+opts.table(table)+")").Scan(&ok)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42P01" /* undefined_table */ {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("postgres: reading %s: %w", table, err)
	}
	return ok, nil
}

// Errs returns the bad rows reported so far, each a *storedata.ParseError
// naming its table, row and column.
func (s *Source) Errs() []error { return s.bad }

// Err returns what ended a stream early: a failure of the database, or
// in strict mode a bad row. It is nil when every stream read so far ran
// to its end.
func (s *Source) Err() error { return s.err }

// Rejected returns the rows rejected so far, per table (File is the
// table's name) and by reason ([storedata.Tally]), in the order the
// tables were read.
func (s *Source) Rejected() []report.Rejected {
	byTable := map[string][]error{}
	for _, err := range s.bad {
		var pe *storedata.ParseError
		if errors.As(err, &pe) {
			byTable[pe.File] = append(byTable[pe.File], err)
		}
	}
	var out []report.Rejected
	for _, t := range s.order {
		r := storedata.Tally(t, 0, byTable[t])
		r.Rows = s.rejected[t]
		out = append(out, r)
	}
	return out
}

// note records a bad row; it returns false for an error that ends
// reading.
func (s *Source) note(opts Options, err error) bool {
	var pe *storedata.ParseError
	if !errors.As(err, &pe) || opts.Strict {
		if s.err == nil {
			s.err = err
		}
		return false
	}
	s.bad = append(s.bad, err)
	logRejected(s.ctx, opts.Logger, pe)
	if pe.Rows > 0 {
		if _, ok := s.rejected[pe.File]; !ok {
			s.order = append(s.order, pe.File)
		}
		s.rejected[pe.File] += int64(pe.Rows)
	}
	return true
}

func collect[T any](s *Source, opts Options, seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			if !s.note(opts, err) {
				return nil, s.err
			}
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

func stream[T any](s *Source, opts Options, seq iter.Seq2[T, error]) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v, err := range seq {
			if err != nil {
				if !s.note(opts, err) {
					return
				}
				continue
			}
			if !yield(v) {
				return
			}
		}
	}
}

// OrderSpan returns the times of the first and the last order in the
// orders table, in opts.Location, so that a caller can choose a period to
// review (the last whole month, say) without reading the orders; ok is
// false when the table is empty or absent. It runs one query that an
// index on placed_at would serve.
func OrderSpan(ctx context.Context, db *sql.DB, opts Options) (first, last time.Time, ok bool, err error) {
	var lo, hi sql.NullTime
	err = db.QueryRowContext(ctx, "SELECT min(placed_at), max(placed_at) FROM "+opts.table("orders")).Scan(&lo, &hi)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42P01" /* undefined_table */ {
		return time.Time{}, time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, time.Time{}, false, fmt.Errorf("postgres: reading orders: %w", err)
	}
	if !lo.Valid || !hi.Valid {
		return time.Time{}, time.Time{}, false, nil
	}
	return lo.Time.In(opts.loc()), hi.Time.In(opts.loc()), true, nil
}

// logRejected sends a row rejected to logger, if set (see Options.Logger),
// under ctx.
func logRejected(ctx context.Context, logger *slog.Logger, pe *storedata.ParseError) {
	if logger == nil {
		return
	}
	attrs := make([]slog.Attr, 0, 5)
	attrs = append(attrs, slog.String("table", pe.File), slog.Int("row", pe.Line), slog.Int("column", pe.Column))
	if pe.Rows > 0 {
		attrs = append(attrs, slog.Int("rows", pe.Rows))
	}
	attrs = append(attrs, slog.String("error", pe.Error()))
	logger.LogAttrs(ctx, slog.LevelWarn, "postgres: row rejected", attrs...)
}
