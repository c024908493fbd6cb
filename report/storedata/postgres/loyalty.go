package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

var (
	memberCols = cols("members", false, "customer_id", "level", "joined", "left")
	pointCols  = cols("points", false, "point_no", "customer_id", "time", "kind", "points", "order_id", "reason")
)

// ReadMembers streams the roster of the membership programme (会员) in
// customer_id order. customer_id is required and used once (a second row
// is a storedata.ErrDuplicateID error); joined is a required day, left
// NULL or a day after joined.
func ReadMembers(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[loyalty.Member, error] {
	return func(yield func(loyalty.Member, error) bool) {
		var prev string
		var line int
		readTable(ctx, db, opts, "members", memberCols, "customer_id", func(r *row) (loyalty.Member, error) {
			r.keyOf("member", 0)
			var m loyalty.Member
			var err error
			if m.CustomerID, err = r.required(0); err != nil {
				return m, err
			}
			if err := r.unique(&prev, &line); err != nil {
				return m, err
			}
			if m.Level, err = r.text(1); err != nil {
				return m, err
			}
			if m.Joined, err = r.day(2); err != nil {
				return m, err
			}
			if m.Left, err = r.optDay(3); err != nil {
				return m, err
			}
			if !m.Left.IsZero() && !m.Left.After(m.Joined) {
				return m, r.fail(3, fmt.Errorf("%s is not after joined %s", r.quote(3), r.quote(2)))
			}
			return m, nil
		}, yield)
	}
}

// ReadPoints streams the points ledger (积分流水) in point_no order, the
// order the entries were loaded in, which the review keeps for entries of
// one customer at one time. kind is issued, redeemed, expired or
// adjusted; points is positive, or non-zero of either sign for an
// adjustment. A row that repeats the row before it (all but point_no) is
// a storedata.ErrDuplicateRow error, as in the CSV file. Balances depend
// on the whole ledger: the review checks them (loyalty.Validate).
func ReadPoints(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[loyalty.Entry, error] {
	return func(yield func(loyalty.Entry, error) bool) {
		var prev loyalty.Entry
		var line int
		readTable(ctx, db, opts, "points", pointCols, "point_no", func(r *row) (loyalty.Entry, error) {
			r.keyOf("points entry", 0)
			var e loyalty.Entry
			var err error
			if e.CustomerID, err = r.required(1); err != nil {
				return e, err
			}
			if e.At, err = r.time(2, false); err != nil {
				return e, err
			}
			k, err := r.required(3)
			if err != nil {
				return e, err
			}
			var ok bool
			if e.Kind, ok = loyalty.ParseKind(k); !ok {
				return e, r.fail(3, fmt.Errorf("%q: want issued, redeemed, expired or adjusted", k))
			}
			if e.Points, err = r.int(4); err != nil {
				return e, err
			}
			switch {
			case e.Kind == loyalty.Adjusted && e.Points == 0:
				return e, r.fail(4, errors.New("an adjustment of 0 points"))
			case e.Kind != loyalty.Adjusted && e.Points <= 0:
				return e, r.fail(4, fmt.Errorf("%s %d points: want a positive number", e.Kind, e.Points))
			case e.Points == -1<<63:
				return e, r.fail(4, errors.New("out of range"))
			}
			if e.OrderID, err = r.text(5); err != nil {
				return e, err
			}
			if e.Reason, err = r.text(6); err != nil {
				return e, err
			}
			if line > 0 && sameEntry(e, prev) {
				return e, r.rowErr("points", r.line, fmt.Errorf("%w: row %d is the same entry", storedata.ErrDuplicateRow, line))
			}
			prev, line = e, r.line
			return e, nil
		}, yield)
	}
}

func sameEntry(a, b loyalty.Entry) bool {
	return a.CustomerID == b.CustomerID && a.At.Equal(b.At) && a.Kind == b.Kind && a.Points == b.Points && a.OrderID == b.OrderID && a.Reason == b.Reason
}

// wholeDay reports whether t is the start of a day in its own zone.
func wholeDay(t time.Time) bool {
	return t.Equal(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()))
}

func addMember(b *batch, m loyalty.Member) error {
	e := &enc{what: fmt.Sprintf("member %q", m.CustomerID)}
	var left any
	switch {
	case m.Joined.IsZero():
		e.failf("no join day")
	case !wholeDay(m.Joined) || !m.Left.IsZero() && !wholeDay(m.Left):
		e.failf("joined %s or left %s is not the start of a day", m.Joined, m.Left)
	case !m.Left.IsZero() && !m.Left.After(m.Joined):
		e.failf("left %s is not after joined %s", m.Left.Format(time.DateOnly), m.Joined.Format(time.DateOnly))
	}
	if !m.Left.IsZero() {
		left = e.day("left", m.Left)
	}
	b.add(e.required("customer_id", m.CustomerID), e.text("level", m.Level), e.day("joined", m.Joined), left)
	return e.err
}

// addPoints adds an entry of the ledger; prev is the entry before it, if
// any, which it must not repeat.
func addPoints(b *batch, en loyalty.Entry, prev *loyalty.Entry) error {
	e := &enc{what: fmt.Sprintf("points entry of customer %q at %s", en.CustomerID, en.At.Format(time.RFC3339Nano))}
	switch {
	case en.Kind < loyalty.Issued || en.Kind > loyalty.Adjusted:
		e.failf("unknown kind %d", en.Kind)
	case en.Kind == loyalty.Adjusted && en.Points == 0, en.Kind != loyalty.Adjusted && en.Points <= 0, en.Points == -1<<63:
		e.failf("%s %d points", en.Kind, en.Points)
	case prev != nil && sameEntry(en, *prev):
		e.failf("repeats the entry before it, which reads as a duplicate row")
	}
	b.add(e.required("customer_id", en.CustomerID), e.time("time", en.At, false), en.Kind.String(), en.Points,
		e.text("order_id", en.OrderID), e.text("reason", en.Reason))
	return e.err
}
