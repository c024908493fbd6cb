package csvio

import (
	"errors"
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// TicketColumns is the header of the service-tickets file.
var TicketColumns = []string{"ticket_id", "customer_id", "order_id", "channel", "opened_at", "first_response_at", "resolved_at", "reopened", "reason", "score"}

// ReadTickets reads the service-tickets file, one ticket per row. The
// response and resolution times may be empty (not yet answered or
// resolved); score is 1–5 or empty.
func ReadTickets(r io.Reader, opts Options) iter.Seq2[service.Ticket, error] {
	return func(yield func(service.Ticket, error) bool) {
		rows(r, opts, []string{"ticket_id", "opened_at"}, func(t *table) (service.Ticket, bool, error) {
			var k service.Ticket
			var err error
			if k.ID, err = t.required(t.c("ticket_id")); err != nil {
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
		}, nil, yield)
	}
}

// WriteTickets writes service tickets.
func WriteTickets(w io.Writer, tickets iter.Seq[service.Ticket]) error {
	cw := newWriter(w, TicketColumns)
	for k := range tickets {
		score := ""
		if k.Score != 0 {
			score = itoa(int64(k.Score))
		}
		reopened := ""
		if k.Reopened {
			reopened = "true"
		}
		cw.row([]string{guard(k.ID), guard(k.CustomerID), guard(k.OrderID), guard(k.Channel), stamp(k.OpenedAt),
			stamp(k.FirstResponseAt), stamp(k.ResolvedAt), reopened, guard(k.Reason), score})
	}
	return cw.close()
}
