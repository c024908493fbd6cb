package progress

import (
	"context"
	"time"
)

// Interval is the least time between two reports of a Meter, except the
// first and the last of a phase.
const Interval = 100 * time.Millisecond

// checkEvery is how many units a Meter counts between two looks at its
// context and at the clock. A unit of the slowest loop (an order of a
// review: a few microseconds) makes that well under a millisecond.
const checkEvery = 256

// Meter paces one phase of work. The zero Meter counts and checks nothing
// but its units; Start gives it a context and a report function.
type Meter struct {
	ctx    context.Context
	report func(done, total int64) // nil: no reports
	total  int64                   // -1: not known
	done   int64
	next   int64 // done at the next look
	last   time.Time
	err    error
}

// Start starts a phase of total units (-1 or less: not known) under ctx
// (nil: context.Background()), reporting to report (nil: no reports),
// which it calls at once with 0 done.
func (m *Meter) Start(ctx context.Context, total int64, report func(done, total int64)) {
	if ctx == nil {
		ctx = context.Background()
	}
	*m = Meter{ctx: ctx, report: report, total: max(total, -1), next: checkEvery}
	if report != nil && m.Err() == nil {
		m.last = time.Now()
		report(0, m.total)
	}
}

// Add counts k units done (k ≥ 0) and returns the context's error once it
// is done (checked every few hundred units), else nil.
func (m *Meter) Add(k int64) error {
	m.done += k
	if m.done < m.next {
		return m.err
	}
	return m.look()
}

// AddNow is Add for units that each take long (a section of a review):
// it looks at the context and the clock at once.
func (m *Meter) AddNow(k int64) error {
	m.done += k
	return m.look()
}

// Err checks the context now and returns its error, or nil.
func (m *Meter) Err() error {
	if m.err == nil && m.ctx != nil {
		m.err = m.ctx.Err()
	}
	return m.err
}

// look checks the context and reports when Interval has passed.
func (m *Meter) look() error {
	m.next = m.done + checkEvery
	if m.Err() != nil {
		return m.err
	}
	if m.report != nil {
		if now := time.Now(); now.Sub(m.last) >= Interval {
			m.last = now
			m.report(m.done, m.total)
		}
	}
	return nil
}

// Done returns the units counted.
func (m *Meter) Done() int64 { return m.done }

// Finish ends the phase: it looks at the context and returns its error
// if it is done; else it reports done of done units (the total when it
// was known and reached, and the units counted otherwise, so that the
// last report of a phase always has Done = Total). A phase whose loop
// ended because the context ended its source (a file read under the same
// context) is thus not reported done.
func (m *Meter) Finish() error {
	err := m.Err()
	if m.report != nil && err == nil {
		m.report(m.done, m.done)
	}
	m.report = nil
	return err
}
