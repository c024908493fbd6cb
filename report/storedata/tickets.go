package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// TicketColumns is the header of the service-tickets file.
var TicketColumns = []string{"ticket_id", "customer_id", "order_id", "channel", "opened_at", "first_response_at", "resolved_at", "reopened", "reason", "score"}

// ReadTickets reads the service-tickets file, one ticket per row. A
// ticket_id used by an earlier row is an ErrDuplicateID error. The
// response and resolution times may be empty (not yet answered or
// resolved); score is 1–5 or empty.
func ReadTickets(r io.Reader, opts Options) iter.Seq2[service.Ticket, error] {
	return func(yield func(service.Ticket, error) bool) {
		seen := ids{}
		rows(r, opts, kindTickets, []string{"ticket_id", "opened_at"}, TicketColumns, true, func(t *table) (service.Ticket, bool, error) {
			var k service.Ticket
			var err error
			if k.ID, err = t.required(t.c("ticket_id")); err != nil {
				return k, false, err
			}
			if err := seen.add(t, "ticket", k.ID); err != nil {
				return k, false, err
			}
			k.CustomerID, k.OrderID, k.Channel, k.Reason = t.text(t.c("customer_id")), t.text(t.c("order_id")), t.text(t.c("channel")), t.text(t.c("reason"))
			if k.OpenedAt, err = t.timestamp(t.c("opened_at"), false); err != nil {
				return k, false, err
			}
			if k.FirstResponseAt, err = t.timestamp(t.c("first_response_at"), true); err != nil {
				return k, false, err
			}
			if k.ResolvedAt, err = t.timestamp(t.c("resolved_at"), true); err != nil {
				return k, false, err
			}
			if k.Reopened, err = t.bool(t.c("reopened")); err != nil {
				return k, false, err
			}
			if t.raw(t.c("score")) != "" {
				s, err := t.int(t.c("score"))
				if err != nil {
					return k, false, err
				}
				if s < 1 || s > 5 {
					return k, false, t.fail(t.c("score"), errors.New("want 1 to 5"))
				}
				k.Score = int(s)
			}
			return k, true, nil
		}, yield)
	}
}

// WriteTickets writes service tickets. A ticket without an ID or an
// opening time, with the ID of an earlier ticket, a score outside 0–5 (0
// for none), a year outside 1000–9999 or text that readers reject is an
// error.
func WriteTickets(w io.Writer, tickets iter.Seq[service.Ticket]) error {
	cw := newWriter(w, TicketColumns)
	seen := map[string]bool{}
	for k := range tickets {
		cw.at("ticket", k.ID)
		switch {
		case seen[k.ID]:
			return fmt.Errorf("storedata: %s is written twice", cw.what())
		case k.Score < 0 || k.Score > 5:
			return fmt.Errorf("storedata: %s: score %d is not 1 to 5 (or 0 for none)", cw.what(), k.Score)
		}
		seen[k.ID] = true
		score := ""
		if k.Score != 0 {
			score = itoa(int64(k.Score))
		}
		reopened := ""
		if k.Reopened {
			reopened = "true"
		}
		cw.row([]string{cw.required("ticket_id", k.ID), cw.text("customer_id", k.CustomerID), cw.text("order_id", k.OrderID),
			cw.text("channel", k.Channel), cw.time("opened_at", k.OpenedAt, false),
			cw.time("first_response_at", k.FirstResponseAt, true), cw.time("resolved_at", k.ResolvedAt, true), reopened,
			cw.text("reason", k.Reason), score})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
