package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

// MemberColumns is the header of the members file.
var MemberColumns = []string{"customer_id", "level", "joined", "left"}

// PointColumns is the header of the points ledger file.
var PointColumns = []string{"customer_id", "time", "kind", "points", "order_id", "reason"}

// ReadMembers reads the members file (the roster of the membership
// programme), one member per row. A customer_id used by an earlier row is
// an ErrDuplicateID error; joined is a required day, left an optional day
// that must be after joined.
func ReadMembers(r io.Reader, opts Options) iter.Seq2[loyalty.Member, error] {
	return func(yield func(loyalty.Member, error) bool) {
		seen := ids{}
		rows(r, opts, kindMembers, []string{"customer_id", "joined"}, MemberColumns, true, func(t *table) (loyalty.Member, bool, error) {
			var m loyalty.Member
			var err error
			if m.CustomerID, err = t.required(t.c("customer_id")); err != nil {
				return m, false, err
			}
			if err := seen.add(t, "member", m.CustomerID); err != nil {
				return m, false, err
			}
			m.Level = t.text(t.c("level"))
			if m.Joined, err = t.day(t.c("joined")); err != nil {
				return m, false, err
			}
			if t.raw(t.c("left")) != "" {
				if m.Left, err = t.day(t.c("left")); err != nil {
					return m, false, err
				}
				if !m.Left.After(m.Joined) {
					return m, false, t.fail(t.c("left"), fmt.Errorf("%s is not after joined %s", t.raw(t.c("left")), t.raw(t.c("joined"))))
				}
			}
			return m, true, nil
		}, yield)
	}
}

// WriteMembers writes the members file. A member without a customer ID
// or a join day, written twice, whose join or leave time is not the start
// of a day in its zone (the file holds days), who left before joining, or
// with text that readers reject, is an error.
func WriteMembers(w io.Writer, members iter.Seq[loyalty.Member]) error {
	cw := newWriter(w, MemberColumns)
	seen := map[string]bool{}
	for m := range members {
		cw.at("member", m.CustomerID)
		switch {
		case seen[m.CustomerID]:
			return fmt.Errorf("storedata: %s is written twice", cw.what())
		case m.Joined.IsZero():
			return fmt.Errorf("storedata: %s: no join day", cw.what())
		case !midnight(m.Joined) || !m.Left.IsZero() && !midnight(m.Left):
			return fmt.Errorf("storedata: %s: joined %s or left %s is not the start of a day", cw.what(), m.Joined, m.Left)
		case !m.Left.IsZero() && !m.Left.After(m.Joined):
			return fmt.Errorf("storedata: %s: left %s is not after joined %s", cw.what(), m.Left.Format(time.DateOnly), m.Joined.Format(time.DateOnly))
		}
		seen[m.CustomerID] = true
		left := ""
		if !m.Left.IsZero() {
			left = cw.day(m.Left)
		}
		cw.row([]string{cw.required("customer_id", m.CustomerID), cw.text("level", m.Level), cw.day(m.Joined), left})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}

func midnight(t time.Time) bool {
	h, m, s := t.Clock()
	return h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0
}

// ReadPoints reads the points ledger file, one entry per row: kind is
// issued, redeemed, expired or adjusted; points is a positive integer (a
// redemption of 500 points is "redeemed,500"), or a non-zero one of
// either sign for an adjustment. Balances depend on the whole ledger:
// the review checks them (loyalty.Validate), naming the entry and its
// customer, and a redemption above the balance fails it.
func ReadPoints(r io.Reader, opts Options) iter.Seq2[loyalty.Entry, error] {
	return func(yield func(loyalty.Entry, error) bool) {
		rows(r, opts, kindPoints, []string{"customer_id", "time", "kind", "points"}, PointColumns, true, func(t *table) (loyalty.Entry, bool, error) {
			var e loyalty.Entry
			var err error
			if e.CustomerID, err = t.required(t.c("customer_id")); err != nil {
				return e, false, err
			}
			if e.At, err = t.timestamp(t.c("time"), false); err != nil {
				return e, false, err
			}
			k, ok := loyalty.ParseKind(t.raw(t.c("kind")))
			if !ok {
				return e, false, t.fail(t.c("kind"), fmt.Errorf("%q: want issued, redeemed, expired or adjusted", t.raw(t.c("kind"))))
			}
			e.Kind = k
			if e.Points, err = t.int(t.c("points")); err != nil {
				return e, false, err
			}
			switch {
			case k == loyalty.Adjusted && e.Points == 0:
				return e, false, t.fail(t.c("points"), errors.New("an adjustment of 0 points"))
			case k != loyalty.Adjusted && e.Points <= 0:
				return e, false, t.fail(t.c("points"), fmt.Errorf("%s %s points: want a positive number", k, t.raw(t.c("points"))))
			case e.Points == -1<<63:
				return e, false, t.fail(t.c("points"), errors.New("out of range"))
			}
			e.OrderID, e.Reason = t.text(t.c("order_id")), t.text(t.c("reason"))
			return e, true, nil
		}, yield)
	}
}

// WritePoints writes the points ledger. An entry without a customer ID
// or time, of an unknown kind, with points its reader rejects, a year
// outside 1000–9999, text that readers reject, or that repeats the entry
// before it, is an error.
func WritePoints(w io.Writer, entries iter.Seq[loyalty.Entry]) error {
	cw := newWriter(w, PointColumns)
	for e := range entries {
		cw.at("points entry of customer", e.CustomerID)
		switch {
		case e.Kind < loyalty.Issued || e.Kind > loyalty.Adjusted:
			return fmt.Errorf("storedata: %s: unknown kind %d", cw.what(), e.Kind)
		case e.Kind == loyalty.Adjusted && e.Points == 0, e.Kind != loyalty.Adjusted && e.Points <= 0, e.Points == -1<<63:
			return fmt.Errorf("storedata: %s: %s %d points", cw.what(), e.Kind, e.Points)
		}
		cw.row([]string{cw.required("customer_id", e.CustomerID), cw.time("time", e.At, false), e.Kind.String(),
			itoa(e.Points), cw.text("order_id", e.OrderID), cw.text("reason", e.Reason)})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
