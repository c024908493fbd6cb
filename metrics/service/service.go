package service

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// configError returns the *metrics.ConfigError of field.
func configError(field, problem string) error {
	return &metrics.ConfigError{Pkg: "service", Field: field, Problem: problem}
}

// mergeError returns the *metrics.MergeError of a refused merge of typ.
func mergeError(typ, problem string) error {
	return &metrics.MergeError{Pkg: "service", Type: typ, Problem: problem}
}

// Config sets how service tickets are measured. The zero Config gives the
// defaults; [Config.Validate] reports the problems of any other.
type Config struct {
	// SLA is the promised first-response time. Defaults to 1 hour (when
	// zero); a negative SLA is invalid.
	SLA time.Duration
	// Hours, when set, measures response and resolution times in business
	// hours only (a ticket opened at 20:50 and answered at 09:10 the next
	// morning waited 20 minutes of a 09:00–21:00 day). Defaults to wall-clock
	// time.
	Hours BusinessHours
}

// Validate returns an errors.Join of one *metrics.ConfigError, wrapping
// metrics.ErrConfig, per invalid field: a negative SLA, business hours
// whose opening or closing time is outside the day (before 0 or after
// 24 hours), and a day that closes before it opens (which
// [NewBusinessHours] refuses too). It returns nil for a valid Config.
func (c Config) Validate() error {
	var errs []error
	if c.SLA < 0 {
		errs = append(errs, configError("Config.SLA", "negative duration "+c.SLA.String()))
	}
	return errors.Join(append(errs, c.Hours.problems("Config.Hours")...)...)
}

func (c Config) sla() time.Duration {
	if c.SLA <= 0 {
		return time.Hour
	}
	return c.SLA
}

// TicketError records one problem with one ticket.
type TicketError struct {
	TicketID string
	Field    string
	Problem  string
}

func (e *TicketError) Error() string {
	return fmt.Sprintf("service: ticket %q: %s: %s", e.TicketID, e.Field, e.Problem)
}

// ValidateTickets checks tickets and reports every problem at once, as an
// errors.Join of *[TicketError]: an empty or duplicate ID, no opening time,
// a first response before the opening, a resolution before the first
// response (or before the opening), a score outside 1–5. It returns nil
// when all tickets are valid.
func ValidateTickets(tickets []Ticket) error {
	var errs []error
	seen := make(map[string]bool, len(tickets))
	for _, t := range tickets {
		errs = append(errs, ticketProblems(t)...)
		if t.ID != "" {
			if seen[t.ID] {
				errs = append(errs, &TicketError{t.ID, "ID", "duplicate"})
			}
			seen[t.ID] = true
		}
	}
	return errors.Join(errs...)
}

func ticketProblems(t Ticket) []error {
	var errs []error
	add := func(field, problem string) { errs = append(errs, &TicketError{t.ID, field, problem}) }
	if t.ID == "" {
		add("ID", "empty")
	}
	if t.OpenedAt.IsZero() {
		add("OpenedAt", "zero time")
	}
	if !t.FirstResponseAt.IsZero() && t.FirstResponseAt.Before(t.OpenedAt) {
		add("FirstResponseAt", "before the ticket was opened")
	}
	if !t.ResolvedAt.IsZero() {
		switch {
		case t.ResolvedAt.Before(t.OpenedAt):
			add("ResolvedAt", "before the ticket was opened")
		case !t.FirstResponseAt.IsZero() && t.ResolvedAt.Before(t.FirstResponseAt):
			add("ResolvedAt", "before the first response")
		}
	}
	if t.Score < 0 || t.Score > 5 {
		add("Score", fmt.Sprintf("%d is outside 1–5", t.Score))
	}
	return errs
}

// Desk accumulates service-ticket metrics. The zero Desk measures with
// the default [Config]; set Config before the first Add. Services
// with the same Config merge exactly. A Desk is not safe for concurrent
// use.
type Desk struct {
	Config Config

	tickets, answered, withinSLA, resolved, reopened int64
	everResolved                                     int64 // resolved now, or reopened after a resolution
	firstResponse, resolution                        Durations
	scores                                           [6]int64 // by score; 0 = none given
	byChannel, byReason                              map[string]int64
}

// Add records one ticket. An invalid ticket (see [ValidateTickets]) is not
// counted and its problems are returned, joined. Nothing is counted with an
// invalid Config either: Add returns the error of [Config.Validate].
func (s *Desk) Add(t Ticket) error {
	if err := s.Config.Validate(); err != nil {
		return err
	}
	if errs := ticketProblems(t); len(errs) > 0 {
		return errors.Join(errs...)
	}
	s.tickets++
	if !t.FirstResponseAt.IsZero() {
		s.answered++
		d := s.Config.Hours.Elapsed(t.OpenedAt, t.FirstResponseAt)
		s.firstResponse.Add(d)
		if d <= s.Config.sla() {
			s.withinSLA++
		}
	}
	if !t.ResolvedAt.IsZero() {
		s.resolved++
		s.resolution.Add(s.Config.Hours.Elapsed(t.OpenedAt, t.ResolvedAt))
	}
	if t.Reopened {
		s.reopened++
	}
	if t.Reopened || !t.ResolvedAt.IsZero() {
		s.everResolved++
	}
	s.scores[t.Score]++
	if s.byChannel == nil {
		s.byChannel, s.byReason = map[string]int64{}, map[string]int64{}
	}
	s.byChannel[t.Channel]++
	s.byReason[t.Reason]++
	return nil
}

// Merge adds everything o has accumulated to s. Both must have been
// measured with the same Config (the same SLA and the same business hours:
// closed days alike however written, locations compared by name and UTC
// offsets): Merge returns a *metrics.MergeError, and
// leaves s unchanged, if they were not, or if o is s. Merge panics if o is
// nil.
func (s *Desk) Merge(o *Desk) error {
	switch {
	case s == o:
		return mergeError("Desk", "a Desk merged with itself would count its tickets twice")
	case s.Config.sla() != o.Config.sla():
		return mergeError("Desk", "Config.SLA "+s.Config.sla().String()+" and "+o.Config.sla().String())
	case !s.Config.Hours.same(o.Config.Hours):
		return mergeError("Desk", "Config.Hours differ")
	}
	s.tickets += o.tickets
	s.answered += o.answered
	s.withinSLA += o.withinSLA
	s.resolved += o.resolved
	s.reopened += o.reopened
	s.everResolved += o.everResolved
	s.firstResponse.Merge(o.firstResponse)
	s.resolution.Merge(o.resolution)
	for i := range s.scores {
		s.scores[i] += o.scores[i]
	}
	if len(o.byChannel) > 0 && s.byChannel == nil {
		s.byChannel, s.byReason = map[string]int64{}, map[string]int64{}
	}
	for k, v := range o.byChannel {
		s.byChannel[k] += v
	}
	for k, v := range o.byReason {
		s.byReason[k] += v
	}
	return nil
}

// Tally is a number of things under a name.
type Tally struct {
	Name  string
	Count int64
}

// Summary is the service section of a review.
type Summary struct {
	Tickets  int64
	Answered int64
	// FirstResponseMedian and FirstResponseP90 are the median and 90th
	// percentile of the time to first response (type-7 quantiles, in
	// business time when configured); HasResponse is false when no ticket
	// was answered.
	FirstResponseMedian, FirstResponseP90 time.Duration
	HasResponse                           bool
	// WithinSLA = tickets answered within the SLA / tickets. Unanswered
	// tickets count as missed.
	WithinSLA metrics.Ratio
	SLA       time.Duration
	// ResolutionRate = resolved tickets / tickets.
	ResolutionRate metrics.Ratio
	// ResolveMedian and ResolveP90: time from opening to resolution.
	ResolveMedian, ResolveP90 time.Duration
	HasResolution             bool
	// ReopenRate = reopened tickets / tickets resolved at least once (those
	// resolved now and those reopened after a resolution).
	ReopenRate metrics.Ratio
	// CSAT = scores of 4 or 5 / tickets with a score; Responses is that
	// number of scores, so that a CSAT from five answers can be seen as such.
	CSAT metrics.Ratio
	// AvgScore = Σ scores / responses, on the 1–5 scale. It is a Ratio so
	// that shards pool exactly; read it with Value (4.2), not String, which
	// formats a share as a percentage.
	AvgScore  metrics.Ratio
	Responses int64
	// ContactsPer100Orders = tickets × 100 / orders (read it with Value, as
	// AvgScore); undefined without
	// orders.
	ContactsPer100Orders metrics.Ratio
	ByChannel, ByReason  []Tally // most tickets first, ties by name
}

// Summary returns the metrics, given the number of orders in the same
// period (for contacts per 100 orders; pass 0 if unknown).
func (s *Desk) Summary(orders int64) Summary {
	r := Summary{
		Tickets:              s.tickets,
		Answered:             s.answered,
		WithinSLA:            metrics.CountRatio(s.withinSLA, s.tickets),
		SLA:                  s.Config.sla(),
		ResolutionRate:       metrics.CountRatio(s.resolved, s.tickets),
		ReopenRate:           metrics.CountRatio(s.reopened, s.everResolved),
		ContactsPer100Orders: metrics.CountRatio(100*s.tickets, orders),
		ByChannel:            sortedCounts(s.byChannel),
		ByReason:             sortedCounts(s.byReason),
	}
	r.FirstResponseMedian, r.FirstResponseP90, r.HasResponse = medianP90(&s.firstResponse)
	r.ResolveMedian, r.ResolveP90, r.HasResolution = medianP90(&s.resolution)
	var sum, n, good int64
	for score := 1; score <= 5; score++ {
		c := s.scores[score]
		n += c
		sum += int64(score) * c
		if score >= 4 {
			good += c
		}
	}
	r.Responses = n
	r.CSAT = metrics.CountRatio(good, n)
	r.AvgScore = metrics.CountRatio(sum, n)
	return r
}

// medianP90 returns the median and 90th percentile of d, and false (and
// zero durations) if d is empty.
func medianP90(d *Durations) (median, p90 time.Duration, ok bool) {
	if median, ok = d.Quantile(0.5); !ok {
		return 0, 0, false
	}
	p90, ok = d.Quantile(0.9)
	return median, p90, ok
}

func sortedCounts(m map[string]int64) []Tally {
	out := make([]Tally, 0, len(m))
	for k, v := range m {
		out = append(out, Tally{k, v})
	}
	slices.SortFunc(out, func(a, b Tally) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out
}
