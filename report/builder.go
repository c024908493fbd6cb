package report

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/chunked"
	"github.com/shopmetrics/shopmetrics/internal/progress"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// Build computes the review of cfg.Period from in, then runs the rules.
//
// It reads each data source once: every order goes, in the same pass, to
// the sales summaries of the period, the previous period, the period
// before it and the same period last year, to the daily sales trend and to
// the customer, product and promotion accumulators; every event goes once
// to the traffic accumulators. Sections whose data is missing are left out
// and listed in Review.Omitted.
//
// A part of a section that cannot be computed while its data is sound (a
// CLV model that does not converge, a reorder list the inventory data
// cannot give) is left out with a [Note] in Review.Notes, which renderers
// print in its section.
//
// Build returns [ErrNoPeriod] without a period, *metrics.ConfigError
// values for an invalid Config.Attribution or Config.Sessions or for both
// more than one of Input.Events, Input.EventBatches and
// Input.EventBatchesWithin set, a
// *[MixedCurrencyError] for
// orders in another currency than the review's, and otherwise an
// errors.Join of every problem the data has: the *[metrics.ValidationError]
// values of the orders and refunds it could not count, the errors of
// events out of time order (the first 100, then their number), of invalid
// tickets, of inventory data (inventory.Analyze's *DataError values) and of
// promotions that cannot be analysed for another reason than too little
// data (those are listed in Promotions.Unmeasured). It then returns no
// review, so that no number is silently wrong.
func Build(in Input, cfg Config) (*Review, error) {
	return BuildContext(context.Background(), in, cfg)
}

// BuildContext is [Build] under ctx, reporting how far it has come to
// Config.Progress and the review's notes to Config.Logger. When ctx is
// cancelled or its deadline passes, it returns within a few milliseconds
// (it looks at ctx every 256 orders, events or snapshots; each section
// runs on a goroutine of its own, which the build leaves at once, and
// which stops at its next look at ctx) with ctx's error wrapped with the
// phase it stopped in, and no review; a stream it was ranging over is
// stopped as a range loop stops it (storedata's readers then close their
// files). A stream that does its own long work before its next record
// (storedata's stream of events not in time order loads and sorts them
// all first) delays that only as far as the stream lets it.
func BuildContext(ctx context.Context, in Input, cfg Config) (*Review, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("report: build not started: %w", err)
	}
	if cfg.Period.IsZero() {
		return nil, ErrNoPeriod
	}
	if cfg.TopN <= 0 {
		cfg.TopN = 10
	}
	if err := cfg.Attribution.validate(); err != nil {
		return nil, err
	}
	if in.Events != nil && in.EventBatches != nil {
		return nil, &metrics.ConfigError{Pkg: "report", Field: "Input.EventBatches",
			Problem: "set with Input.Events: give the events once, as rows or as batches"}
	}
	if in.EventBatchesWithin != nil && (in.Events != nil || in.EventBatches != nil) {
		return nil, &metrics.ConfigError{Pkg: "report", Field: "Input.EventBatchesWithin",
			Problem: "set with Input.Events or Input.EventBatches: give the events once"}
	}
	b := newBuilder(in, cfg)
	b.ctx = ctx
	if err := b.run(); err != nil {
		return nil, err
	}
	r := b.review()
	if b.stopped != nil {
		return nil, b.stopped
	}
	if len(b.errs) > 0 { // problems found by the sections' own packages
		return nil, errors.Join(b.errs...)
	}
	rules := cfg.Rules
	if rules == nil {
		rules = DefaultRules(cfg.Thresholds)
	}
	Evaluate(r, rules)
	planActions(r)
	logNotes(ctx, cfg.Logger, r.Notes, b.idsOf)
	return r, nil
}

// planActions sets the plan's actions from the findings ([Actions]),
// creating the plan when the forecast part did not.
func planActions(r *Review) {
	as := Actions(r.Findings)
	if r.Plan == nil {
		if len(as) == 0 {
			return
		}
		r.Plan = &Plan{}
	}
	r.Plan.Actions = as
}

// Indexes of the compared periods, also their bits in a period mask.
const (
	pCur   = iota // the period reviewed
	pPrev         // the previous period (环比)
	pPrev2        // the period before the previous one, for its churn
	pYear         // the same period last year (同比)
	nPeriods
)

// part is the work of a section that keeps accumulators of its own, fed
// during the single pass over orders.
type part interface {
	// start prepares the part before the pass.
	start(b *builder)
	// order adds one valid order in the review's currency.
	order(b *builder, o *metrics.Order)
	// finish sets the part's section of r, or records its omission.
	finish(b *builder, r *Review)
}

// eventPart is a part that also reads every event of the compared
// periods (mask m), in input order, before the traffic section's filters.
type eventPart interface {
	// event reads e of user n, the builder's number of e.UserID, which
	// e leaves empty for the events of batches (see eventBatches).
	event(b *builder, e *funnel.Event, n int32, m uint8)
	// touch loads the memory that event reads for the users of the
	// events to come, by compared period (see builder.touchPeriods).
	touch(users *[nPeriods][]int32)
}

// builder holds the accumulators of one Build.
type builder struct {
	in  Input
	cfg Config

	cur     money.Currency
	periods [nPeriods]metrics.Period
	sums    [nPeriods]metrics.Summarizer // the orders' and refunds' summarizers, emptied once summary is set
	summary [nPeriods]metrics.Summary    // sums' summaries in the review's currency, after the orders and refunds
	orders  span                         // the times of the first and last order
	data    span                         // of orders, refunds, spend and events: how far back the data reaches
	events  span
	paid    span          // the times the refunds were paid (see dataEnd)
	firsts  firsts        // the customers of the orders, numbered, with their first orders
	uidx    userIndex     // the users of the events, numbered, with their state
	ev      funnel.Event  // the event being added: held here, it does not escape to the heap each time
	ord     metrics.Order // the order being added, held here for the same reason
	ordMask uint8         // the mask of the compared periods that contain the order being added (builder.mask)
	inNs    [nPeriods]nsRange
	daily   *dailySales
	plan    *planPart // the plan's daily history, set by its start
	// priorWindow is the attribution's window before the period, and
	// the AfterPurchase before it: a buyer's purchase there ends the
	// window of their purchase in the period, or its AfterPurchase
	// reaches into it (attributor.boughtBefore).
	priorWindow metrics.Period

	parts []part // the sections with accumulators of their own
	// eventParts are the parts that are eventParts, in the order of
	// parts: periodEvent, for each event of the compared periods, asks
	// no part again whether it is one.
	eventParts []eventPart
	// touchNums holds the users of the events of each compared period
	// that touchPeriods loads ahead.
	touchNums [nPeriods][]int32
	names     map[string]string           // SKU → product name, from the orders' lines
	refundsOf map[string][]metrics.Refund // every refund, by order ID
	// orderRefunds are the refunds of the order the parts are given that
	// metrics.Validate accepts with it (see validRefunds).
	orderRefunds []metrics.Refund
	vsPrev       []metrics.Comparison // the period's KPIs against the previous period and targets
	vsYear       []metrics.Comparison // and against last year
	cut          bool                 // the data ends before the period does: its totals are not compared (curCoverage)
	gaps         []dayRun             // the runs of days the orders are missing from (orderGaps), set once gapsFound
	gapsFound    bool                 // orderGaps has run
	covered      metrics.Period       // the period's days up to the data's end, set by curCoverage when it cuts the period; read through coveredPeriod
	traffic      *traffic

	otherCurrency  map[money.Currency]*otherOrders
	spend          []metrics.Spend           // the spend in the review's currency
	unknownRefunds map[int]bool              // refunds of orders not in the data, left out (Skip)
	outsideSnaps   map[error]int64           // snapshots outside the periods left out, by problem (inventory.Skip)
	leftOut        map[string]money.Currency // the orders left out for their currency
	refundsByOrder map[string][]int          // order ID → indexes in in.Refunds
	refundList     []int                     // indexes of the refunds in a compared period, in input order
	refundOrders   []metrics.Order           // the order of each refund, when seen
	errs           []error
	notes          []Note           // the parts of sections left out, and why
	idsOf          map[int][]string // note index → the first IDs of the records it is about

	// Under BadRecords Skip: the records left out, by kind and problem.
	badOrders, badRefunds, badTickets leftOut
	orderIDs                          *orderIDs       // the IDs of the orders kept
	badRefundIDs                      map[string]bool // the IDs of the refunds left out
	badRefundErrs                     []error         // the error of each of badRefundIDs, in the order found

	supply supplyShared                   // the products part's stock for the suppliers part (suppliers_part.go)
	snaps  [nPeriods][]inventory.Snapshot // the snapshots of the compared periods (snapshots), pPrev2's none

	ctx     context.Context
	meter   progress.Meter // of the current phase
	current Phase
	stopped error // ctx's error, wrapped, once a phase saw it
}

// phase starts phase p of total units (0: not known), for the progress
// reports and the looks at the context.
func (b *builder) phase(p Phase, total int64) {
	if total <= 0 {
		total = -1
	}
	b.current = p
	var report func(done, total int64)
	if f := b.cfg.Progress; f != nil {
		report = func(done, total int64) { f(Progress{Phase: p, Done: done, Total: total}) }
	}
	b.meter.Start(b.ctx, total, report)
}

// step counts a unit of the current phase; false means ctx is done, and
// b.stopped says so.
func (b *builder) step() bool {
	if err := b.meter.Add(1); err != nil {
		b.stop(err)
		return false
	}
	return true
}

// await runs f, a step of PhaseSections, and counts it done; false means
// ctx is done, and b.stopped says so. Under a context that can be
// cancelled, f runs on a goroutine of its own and await returns as soon
// as ctx is done, without waiting for f: the build is then over, f's
// results are never read, and f stops at its next look at ctx (a
// customer-model fit looks between its passes over the customers) or
// when it ends. A panic of f is raised again in await's goroutine.
func (b *builder) await(f func()) bool {
	if b.ctx == nil || b.ctx.Done() == nil {
		f()
		return b.section()
	}
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	select {
	case p := <-done:
		if p != nil {
			panic(p)
		}
		return b.section()
	case <-b.ctx.Done():
		b.stop(b.ctx.Err())
		return false
	}
}

// endTraffic lets go of what only the traffic section reads, once it is
// set: the funnels of the period and the previous one, the sessions of
// the previous period and of last year, the users' first events and
// sources and devices, and the users of the period (userIndex.period).
// On 40M events of 5.5M users they are about 200 MB that would otherwise
// stay live under the customer model's fit, which allocates as much
// again: the heap's goal after a collection there is twice what is live.
// The channels part keeps what it reads: the period's sessions (visits),
// the visitors by source (bySource) and the attribution (attr); the plan
// part keeps the users' states, which give it the period's visitors.
func (b *builder) endTraffic() {
	t := b.traffic
	t.cur, t.prev = nil, nil
	t.visitsPrev, t.visitsYear = funnel.Traffic{}, funnel.Traffic{}
	t.first, t.byDevice = nil, nil
	t.sources, t.devices = userSets{}, userSets{}
	b.uidx.period = chunked.Slice[periodUser]{}
}

// section counts a section of PhaseSections done and looks at ctx at
// once; false means it is done, and b.stopped says so.
func (b *builder) section() bool {
	if err := b.meter.AddNow(1); err != nil {
		b.stop(err)
		return false
	}
	return true
}

func (b *builder) stop(err error) {
	if b.stopped == nil {
		b.stopped = fmt.Errorf("report: build stopped in its %s phase: %w", b.current, err)
	}
}

// endPhase reports the current phase done, or, when ctx is done (its loop
// may have ended because ctx ended the stream), says so in b.stopped and
// returns false.
func (b *builder) endPhase() bool {
	if err := b.meter.Finish(); err != nil {
		b.stop(err)
		return false
	}
	return true
}

// logNotes sends each note to logger, if any, with the first IDs of the
// records it is about (idsOf, by the note's index) as record_ids.
func logNotes(ctx context.Context, logger *slog.Logger, notes []Note, idsOf map[int][]string) {
	if logger == nil {
		return
	}
	for i, n := range notes {
		attrs := []slog.Attr{slog.String("section", n.Section.String()), slog.String("key", n.Key), slog.String("reason", n.Reason)}
		if n.LeftOut > 0 {
			attrs = append(attrs, slog.Int64("left_out", n.LeftOut))
		}
		if n.Cause != "" {
			attrs = append(attrs, slog.String("cause", n.Cause))
		}
		if ids := idsOf[i]; len(ids) > 0 {
			attrs = append(attrs, slog.Any("record_ids", ids))
		}
		msg := "review: part not computed"
		if n.LeftOut > 0 {
			msg = "review: records left out"
		}
		logger.LogAttrs(ctx, slog.LevelWarn, msg, attrs...)
	}
}

// skip reports whether invalid records are left out and counted
// (Config.BadRecords Skip) rather than failing the review.
func (b *builder) skip() bool { return b.cfg.BadRecords == inventory.Skip }

// leftOut counts records left out by problem, with the first IDs of each.
type leftOut map[string]*otherOrders

// add counts one record left out for err; id names the record.
func (l *leftOut) add(err error, id string) { l.addN(err, id, 1) }

// addN counts n records left out for err; id names them.
func (l *leftOut) addN(err error, id string, n int64) {
	if *l == nil {
		*l = make(leftOut)
	}
	reason := problemOf(err)
	x := (*l)[reason]
	if x == nil {
		x = &otherOrders{}
		(*l)[reason] = x
	}
	x.n += n
	if len(x.first) < firstIDs && id != "" && !slices.Contains(x.first, id) {
		x.first = append(x.first, id)
	}
}

// indexes matches the indexes of a field path such as "Lines[2].Quantity".
var indexes = regexp.MustCompile(`\[[0-9]+\]`)

// problemOf returns the kind of problem err reports, without the record's
// values, so that records with the same problem count together: the field
// of a *metrics.ValidationError ("Lines.Quantity") or of a
// *service.TicketError ("Score"; a ticket's first problem), or the
// sentinel of a funnel.EventError.
func problemOf(err error) string {
	var ve *metrics.ValidationError
	if errors.As(err, &ve) {
		if ve.Field == "" {
			return ve.Problem
		}
		return indexes.ReplaceAllString(ve.Field, "")
	}
	var te *service.TicketError
	if errors.As(err, &te) {
		return te.Field
	}
	var ee *funnel.EventError
	if errors.As(err, &ee) && ee.Err != nil {
		return strings.TrimPrefix(ee.Err.Error(), "funnel: ")
	}
	return err.Error()
}

// noteLeftOut adds a note per problem of l to section sec under key, with
// the problem and the first IDs, sorted by problem.
func (b *builder) noteLeftOut(sec Section, key string, l leftOut) {
	for _, p := range slices.Sorted(maps.Keys(l)) {
		x := l[p]
		reason := p
		if len(x.first) > 0 {
			reason += " (" + strings.Join(x.first, ", ") + ")"
		}
		b.noteIDs(x.first)
		b.notes = append(b.notes, Note{Section: sec, Key: key, Reason: reason, LeftOut: x.n})
	}
}

// noteIDs gives the note about to be added the IDs of the first records
// it is about, for Config.Logger's record (the note's Reason quotes
// them too).
func (b *builder) noteIDs(ids []string) {
	if len(ids) == 0 {
		return
	}
	if b.idsOf == nil {
		b.idsOf = make(map[int][]string)
	}
	b.idsOf[len(b.notes)] = ids
}

// note records that the part key of section s could not be computed.
func (b *builder) note(s Section, key string, err error) {
	b.notes = append(b.notes, Note{Section: s, Key: key, Reason: err.Error(), Cause: causeOf(err)})
}

func newBuilder(in Input, cfg Config) *builder {
	b := &builder{in: in, cfg: cfg, cur: cfg.Currency}
	b.periods = cfg.compared()
	for i := range b.sums {
		b.sums[i].Period = b.periods[i]
	}
	if cur := b.periods[pCur]; !cur.IsZero() {
		b.priorWindow = metrics.Period{Start: cur.Start.Add(-cfg.Attribution.window() - cfg.Attribution.afterPurchase()), End: cur.Start, Grain: metrics.Custom}
	}
	for i, q := range b.periods {
		b.inNs[i] = nsBetween(q.Start, q.End, false)
	}
	b.parts = parts()
	for _, p := range b.parts {
		if ep, ok := p.(eventPart); ok {
			b.eventParts = append(b.eventParts, ep)
		}
	}
	b.names = make(map[string]string)
	b.traffic = newTraffic(cfg)
	return b
}

// compared returns the compared periods: Period, the two before it, and
// Compare or the same period a year earlier.
func (c Config) compared() [nPeriods]metrics.Period {
	p := c.Period
	ps := [nPeriods]metrics.Period{p, p.Previous(), p.Previous().Previous(), p.YearAgo()}
	if !c.Compare.IsZero() {
		ps[pYear] = c.Compare
	}
	return ps
}

// EventPeriods returns the periods whose events the review reads with
// their properties: the compared periods (Period, the two periods before
// it, and Compare or the same period a year earlier) and the attribution
// window before Period (from Attribution.Window before its start to its
// end), in which a buyer's visits are attributed. Of an event outside
// them the review reads only the user and the time. It is what the build
// passes to Input.EventBatchesWithin; a caller reading events with
// storedata's Options.PropsWithin passes it too. Nil without a Period.
func (c Config) EventPeriods() []metrics.Period {
	if c.Period.IsZero() {
		return nil
	}
	ps := c.compared()
	cur := ps[pCur]
	window := metrics.Period{Start: cur.Start.Add(-c.Attribution.window()), End: cur.End, Grain: metrics.Custom}
	return append(ps[:], window)
}

// mask returns the bits of the compared periods that contain t.
func (b *builder) mask(t time.Time) uint8 {
	var m uint8
	for i, p := range b.periods {
		if p.Contains(t) {
			m |= 1 << i
		}
	}
	return m
}

func (b *builder) run() error {
	for _, x := range b.in.Rejected {
		b.noteRejected(x)
	}
	b.indexRefunds()
	for _, p := range b.parts {
		p.start(b)
	}
	if b.in.Orders != nil {
		b.phase(PhaseOrders, b.in.Counts.Orders)
		for o := range b.in.Orders {
			b.order(o)
			if !b.step() {
				return b.stopped
			}
		}
		if !b.endPhase() {
			return b.stopped
		}
	}
	if len(b.otherCurrency) > 0 {
		if b.cfg.Currency.IsZero() {
			e := &MixedCurrencyError{Want: b.cur, Orders: make(map[money.Currency]int64), First: make(map[money.Currency][]string)}
			for c, o := range b.otherCurrency {
				e.Orders[c], e.First[c] = o.n, o.first
			}
			return e
		}
		b.noteOtherCurrencies()
	}
	b.spendOfCurrency()
	b.refunds()
	b.summarize()
	if b.hasEvents() {
		if err := b.traffic.init(); err != nil {
			return err
		}
		b.traffic.indexBuyers(&b.uidx, &b.firsts.ids)
		b.phase(PhaseEvents, b.in.Counts.Events)
		if f := b.in.EventBatchesWithin; f != nil {
			b.in.EventBatches = f(b.cfg.EventPeriods())
		}
		if b.in.EventBatches != nil {
			if !b.eventBatches() {
				return b.stopped
			}
		} else if !b.eventRows() {
			return b.stopped
		}
		if !b.endPhase() {
			return b.stopped
		}
		b.traffic.finishUsers(&b.uidx)
		b.uidx.release()
		if err := b.traffic.err(); err != nil {
			b.errs = append(b.errs, err)
		}
	}
	if b.in.Snapshots != nil {
		b.phase(PhaseSnapshots, b.in.Counts.Snapshots)
		cur, prev, year := b.snapshots()
		if b.stopped != nil {
			return b.stopped
		}
		b.snaps[pCur], b.snaps[pPrev], b.snaps[pYear] = cur, prev, year
		if !b.endPhase() {
			return b.stopped
		}
	}
	b.noteLeftOut(SectionOverview, "invalid_orders", b.badOrders)
	b.countSharedRefundIDs()
	b.noteLeftOut(SectionOverview, "invalid_refunds", b.badRefunds)
	b.noteLeftOut(SectionTraffic, "invalid_events", b.traffic.bad)
	b.noteLeftOut(SectionService, "invalid_tickets", b.badTickets)
	if len(b.errs) > 0 {
		return errors.Join(b.errs...)
	}
	return nil
}

// hasEvents reports whether the input has events, as rows or batches.
func (b *builder) hasEvents() bool {
	return b.in.Events != nil || b.in.EventBatches != nil || b.in.EventBatchesWithin != nil
}

// eventRows is the pass over Input.Events; false means ctx is done, and
// b.stopped says so.
func (b *builder) eventRows() bool {
	e := &b.ev
	defer func() { b.ev = funnel.Event{} }()
	for *e = range b.in.Events {
		if !b.step() {
			return false
		}
		b.events.see(e.Time)
		b.data.see(e.Time)
		n := b.uidx.index(e.UserID)
		u := b.uidx.at(n)
		b.traffic.touch(b.uidx.buyer(n), e)
		if b.plan != nil {
			b.plan.event(u, n, e.Time)
		}
		if m := b.mask(e.Time); m != 0 {
			b.periodEvent(e, n, m)
		}
	}
	return true
}

// periodEvent feeds event e of user n, in the compared periods of mask
// m, to the accumulators of the periods. They count users by n, one per
// user ID (funnel's AddNumbered), so that e.UserID is read only to name
// the user in an error (traffic.named).
func (b *builder) periodEvent(e *funnel.Event, n int32, m uint8) {
	for _, ep := range b.eventParts {
		ep.event(b, e, n, m)
	}
	b.uidx.at(n).mask |= m
	if b.daily != nil {
		b.daily.visit(&b.uidx, n, e.Time)
	}
	b.traffic.add(e, m, &b.uidx, n)
}

// noteRejected notes the rows a reader rejected: one note per reason, each
// naming the file and, when known, the rows read ("orders.csv, 1200 rows
// read: column quantity"), or one note for the file without reasons.
func (b *builder) noteRejected(x Rejected) {
	if x.Rows <= 0 {
		return
	}
	file := x.File
	if x.Read > 0 {
		file += ", " + strconv.FormatInt(x.Read, 10) + " rows read"
	}
	var counted int64
	for _, why := range slices.Sorted(maps.Keys(x.Reasons)) {
		if n := x.Reasons[why]; n > 0 {
			counted += n
			b.notes = append(b.notes, Note{Section: SectionOverview, Key: "rejected_rows", Reason: file + ": " + why, LeftOut: n})
		}
	}
	if rest := x.Rows - counted; rest > 0 { // rows without a reason given
		b.notes = append(b.notes, Note{Section: SectionOverview, Key: "rejected_rows", Reason: file, LeftOut: rest})
	}
}

// indexRefunds notes the orders of the refunds dated in a compared period,
// so that the pass over orders keeps those orders for them.
func (b *builder) indexRefunds() {
	for _, s := range b.in.Spend {
		b.data.see(s.Day)
	}
	b.refundsOf = make(map[string][]metrics.Refund)
	for i, r := range b.in.Refunds {
		b.data.see(r.At)
		b.paid.see(r.At)
		b.refundsOf[r.OrderID] = append(b.refundsOf[r.OrderID], r)
		if b.mask(r.At) == 0 {
			continue
		}
		if b.refundsByOrder == nil {
			b.refundsByOrder = make(map[string][]int)
		}
		b.refundsByOrder[r.OrderID] = append(b.refundsByOrder[r.OrderID], i)
		b.refundList = append(b.refundList, i)
	}
	b.refundOrders = make([]metrics.Order, len(b.in.Refunds))
}

// order feeds one order to every accumulator.
func (b *builder) order(o metrics.Order) {
	// Held in b, o does not escape to the heap each time: the parts take
	// its address, and none keeps it.
	b.ord = o
	b.addOrder(&b.ord)
}

// addOrder is order of the order *o, which stays b's.
func (b *builder) addOrder(o *metrics.Order) {
	if b.cur.IsZero() {
		b.cur = o.Currency
		b.daily = newDailySales(b.cfg.Period, b.cur)
	}
	if b.daily == nil {
		b.daily = newDailySales(b.cfg.Period, b.cur)
	}
	if o.Currency != b.cur {
		if b.otherCurrency == nil {
			b.otherCurrency = make(map[money.Currency]*otherOrders)
			b.leftOut = make(map[string]money.Currency)
		}
		oo := b.otherCurrency[o.Currency]
		if oo == nil {
			oo = &otherOrders{}
			b.otherCurrency[o.Currency] = oo
		}
		oo.n++
		if len(oo.first) < firstIDs {
			oo.first = append(oo.first, o.ID)
		}
		b.leftOut[o.ID] = o.Currency
		return
	}
	if b.skip() {
		// Checked before any accumulator sees it: an invalid order is left
		// out of every figure and counted by its problem.
		if err := metrics.ValidateOrder(*o); err != nil {
			b.badOrders.add(err, o.ID)
			return
		}
		if b.orderIDs == nil {
			b.orderIDs = &orderIDs{grow: int(b.in.Counts.Orders)}
		}
		if b.orderIDs.add(o.ID) {
			b.badOrders.add(&metrics.ValidationError{OrderID: o.ID, Field: "ID", Problem: "duplicate order ID"}, o.ID)
			return
		}
	}
	b.orders.see(o.PlacedAt)
	b.data.see(o.PlacedAt)
	mask := b.mask(o.PlacedAt)
	b.ordMask = mask
	if mask == 0 && !b.skip() { // under Skip it was checked above
		// No summarizer checks an order outside the compared periods, yet
		// it feeds the cohorts, the CLV models and the products' history.
		if err := metrics.ValidateOrder(*o); err != nil {
			b.errs = append(b.errs, err)
			return
		}
	}
	if !b.summarizeOrder(o, mask) {
		return
	}
	b.firsts.cust, b.firsts.now = -1, -1
	if o.Status != metrics.Cancelled && o.CustomerID != "" {
		b.firsts.see(o)
		if mask&(1<<pCur) != 0 {
			b.traffic.bought(o.CustomerID, o.PlacedAt)
		}
		if b.firsts.cust >= 0 && b.priorWindow.Contains(o.PlacedAt) {
			b.traffic.boughtBefore(b.firsts.cust, o.PlacedAt)
		}
	}
	b.daily.addOrder(o)
	for i := range o.Lines {
		if l := &o.Lines[i]; l.Name != "" && b.names[l.SKU] == "" {
			b.names[l.SKU] = l.Name
		}
	}
	b.orderRefunds = b.validRefunds(o)
	for _, p := range b.parts {
		p.order(b, o)
	}
	if idx, ok := b.refundsByOrder[o.ID]; ok {
		c := *o
		c.Lines = slices.Clone(o.Lines) // the iterator may reuse its buffers
		for _, i := range idx {
			b.refundOrders[i] = c
		}
	}
}

// summarizeOrder adds o, of the compared periods of mask, to the
// summarizers, and reports whether they took it. Those of the periods
// that contain o add it; one of a period that starts after o gets it
// from b.firsts at the end of the pass, as its customer's first order
// or an earlier one (see [firsts]), unless the periods or o's currency
// make it a case for Summarizer.Add's errors, when every summarizer adds
// o at once, as it did before.
func (b *builder) summarizeOrder(o *metrics.Order, mask uint8) bool {
	if !b.firsts.deferOK(&b.periods) || o.Currency.IsZero() {
		for i := range b.sums {
			if err := b.sums[i].Add(*o); err != nil {
				b.summarizerFailed(o, err)
				return false
			}
		}
		return true
	}
	for i := range b.sums {
		if mask&(1<<i) == 0 {
			continue
		}
		if err := b.sums[i].Add(*o); err != nil {
			// The summarizers before i would have recorded o as a
			// candidate first order if it is before their period: o is
			// not kept, so b.firsts will not tell them.
			// Such an order fails only without a currency, which took
			// the other path: an error here is joined to err, not lost.
			for j := range i {
				if o.PlacedAt.Before(b.periods[j].Start) {
					if err2 := b.sums[j].Add(*o); err2 != nil {
						err = errors.Join(err, err2)
					}
				}
			}
			b.summarizerFailed(o, err)
			return false
		}
	}
	return true
}

// summarizerFailed records the problem err a summarizer found in o.
func (b *builder) summarizerFailed(o *metrics.Order, err error) {
	// A summarizer checks the orders of its own period, so the first that
	// fails names the problem, once, whichever of the compared periods
	// the order is in.
	if b.skip() {
		b.badOrders.add(err, o.ID)
	} else {
		b.errs = append(b.errs, err)
	}
}

// spendOfCurrency keeps the spend in the review's currency (or with no
// amount) for the acquisition KPIs, and notes the records in other
// currencies it leaves out, per currency: a review is in one currency.
func (b *builder) spendOfCurrency() {
	other := make(map[money.Currency]int64)
	for _, s := range b.in.Spend {
		if c := s.Amount.Currency(); c == b.cur || s.Amount.IsZero() || b.cur.IsZero() {
			b.spend = append(b.spend, s)
			continue
		}
		other[s.Amount.Currency()]++
	}
	for _, c := range slices.SortedFunc(maps.Keys(other), money.Currency.Compare) {
		b.notes = append(b.notes, Note{Section: SectionOverview, Key: "other_currency_spend", Reason: c.Code(), LeftOut: other[c]})
	}
}

// noteOtherCurrencies notes, in the Overview, the orders left out for
// their currency, per currency with their first IDs, and their refunds.
func (b *builder) noteOtherCurrencies() {
	refunds := make(map[money.Currency]int64)
	for _, r := range b.in.Refunds {
		if c, out := b.leftOut[r.OrderID]; out {
			refunds[c]++
		}
	}
	for _, c := range slices.SortedFunc(maps.Keys(b.otherCurrency), money.Currency.Compare) {
		o := b.otherCurrency[c]
		b.noteIDs(o.first)
		b.notes = append(b.notes, Note{Section: SectionOverview, Key: "other_currency_orders",
			Reason: c.Code() + " " + strings.Join(o.first, ", "), LeftOut: o.n})
		if n := refunds[c]; n > 0 {
			b.notes = append(b.notes, Note{Section: SectionOverview, Key: "other_currency_refunds", Reason: c.Code(), LeftOut: n})
		}
	}
}

// refunds adds the refunds of the compared periods, each with its order.
// It first checks them against their orders with [metrics.Validate]: a
// refund of an order that is not in the data, refunds adding up to more
// than the order's total, or more units returned than were ordered would
// change net sales and margins silently, so each is a problem of the data.
func (b *builder) refunds() {
	if err := b.checkRefunds(); err != nil {
		b.errs = append(b.errs, err)
		return
	}
	if n := len(b.unknownRefunds); n > 0 {
		b.notes = append(b.notes, Note{Section: SectionOverview, Key: "refunds_unknown_order", LeftOut: int64(n)})
	}
	for _, i := range b.refundList {
		r := b.in.Refunds[i]
		if _, out := b.leftOut[r.OrderID]; out {
			continue // the order is in another currency: counted in its note
		}
		if b.unknownRefunds[i] || b.badRefundIDs[r.ID] {
			continue
		}
		for p := range b.sums {
			if !b.periods[p].Contains(r.At) {
				continue
			}
			if err := b.sums[p].AddRefund(r, b.refundOrders[i]); err != nil {
				if b.skip() {
					b.badRefunds.add(err, r.ID)
				} else {
					b.errs = append(b.errs, err)
				}
				break
			}
		}
		if b.daily != nil {
			b.daily.addRefund(&r)
		}
	}
}

// summarize keeps the summaries of the compared periods and lets their
// summarizers go, with the set of order IDs: the passes after the orders
// and refunds need neither, and the summarizers hold every customer of
// the data, once per compared period (on 1.1M orders of 310k customers,
// over 100 MB that the pass over 40M events would otherwise carry).
func (b *builder) summarize() {
	if err := b.firsts.addToSummarizers(&b.sums, &b.periods, b.cur); err != nil {
		b.errs = append(b.errs, err)
	}
	b.ord = metrics.Order{} // the reader's last buffers
	for i := range b.sums {
		b.summary[i] = b.sums[i].For(b.cur)
		b.sums[i] = metrics.Summarizer{}
	}
	b.orderIDs = nil
}

// checkRefunds validates the refunds of the compared periods, with every
// refund of the same orders (earlier ones count towards an order's total
// too), against the orders the pass kept for them.
func (b *builder) checkRefunds() error {
	var errs []error
	var orders []metrics.Order
	var refunds []metrics.Refund
	seen := make(map[string]bool)
	for _, i := range b.refundList {
		r := b.in.Refunds[i]
		if _, out := b.leftOut[r.OrderID]; out {
			continue
		}
		o := b.refundOrders[i]
		if o.ID == "" {
			if b.cfg.BadRecords == inventory.Skip { // left out of the sales, counted in a note
				if b.unknownRefunds == nil {
					b.unknownRefunds = make(map[int]bool)
				}
				b.unknownRefunds[i] = true
				continue
			}
			errs = append(errs, &metrics.ValidationError{OrderID: r.OrderID, RefundID: r.ID, Field: "OrderID",
				Problem: "unknown order: no valid order with this ID is in the data"})
			continue
		}
		if seen[o.ID] {
			continue
		}
		seen[o.ID] = true
		orders = append(orders, o)
		refunds = append(refunds, b.refundsOf[o.ID]...)
	}
	if len(orders) > 0 {
		err := metrics.Validate(slices.Values(orders), slices.Values(refunds))
		if b.skip() {
			err = b.leaveRefunds(err)
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// validRefunds returns the refunds of o that metrics.Validate accepts with
// o, which the customers' and the CRM campaigns' figures take off o's net
// sales: a refund that it refuses (more than was paid, units not ordered,
// another currency, …) is left out of them. The pass over the refunds
// (checkRefunds) reports those dated in a compared period; validRefunds
// reports the others, which no other figure reads: under Skip they are
// counted with the refunds left out, otherwise their errors fail the
// review.
func (b *builder) validRefunds(o *metrics.Order) []metrics.Refund {
	rs := b.refundsOf[o.ID]
	if len(rs) == 0 {
		return nil
	}
	err := metrics.Validate(func(yield func(metrics.Order) bool) { yield(*o) }, slices.Values(rs))
	if err == nil {
		return rs
	}
	list := errorList(err)
	bad := map[string]bool{}
	var unread []error // the problems of refunds dated outside the compared periods
	for _, e := range list {
		var ve *metrics.ValidationError
		if !errors.As(e, &ve) || ve.RefundID == "" {
			continue // the order's own problems are reported where it is checked
		}
		bad[ve.RefundID] = true
		if k := slices.IndexFunc(rs, func(r metrics.Refund) bool { return r.ID == ve.RefundID }); k >= 0 && b.mask(rs[k].At) == 0 {
			unread = append(unread, e)
		}
	}
	if len(unread) > 0 {
		if err := errors.Join(unread...); b.skip() {
			b.leaveRefunds(err)
		} else {
			b.errs = append(b.errs, err)
		}
	}
	var ok []metrics.Refund
	for _, r := range rs {
		if !bad[r.ID] {
			ok = append(ok, r)
		}
	}
	return ok
}

// errorList returns the errors that err joins (errors.Join), or err alone.
func errorList(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// leaveRefunds marks the refunds that err (metrics.Validate's) names as
// left out, counting them by problem, and returns the rest of err.
func (b *builder) leaveRefunds(err error) error {
	if err == nil {
		return nil
	}
	list := errorList(err)
	var rest []error
	for _, e := range list {
		var ve *metrics.ValidationError
		if !errors.As(e, &ve) || ve.RefundID == "" {
			rest = append(rest, e)
			continue
		}
		if b.badRefundIDs == nil {
			b.badRefundIDs = make(map[string]bool)
		}
		if !b.badRefundIDs[ve.RefundID] {
			b.badRefundIDs[ve.RefundID] = true
			b.badRefunds.add(e, ve.RefundID)
			b.badRefundErrs = append(b.badRefundErrs, e)
		}
	}
	return errors.Join(rest...)
}

// countSharedRefundIDs counts, once the passes are done, the refunds
// left out of the sales with another that has the same ID: the review
// leaves out of the sales every refund dated in a compared period with
// an ID it refuses (badRefundIDs, see refunds), so that a duplicated ID
// leaves out each of its refunds, and leaveRefunds counted one. Those of
// an order left out for its currency, or of an unknown order, are
// counted in their own notes; those dated outside the compared periods,
// which the sales do not read, are not counted again. Each is counted
// with the problem of its ID's first.
func (b *builder) countSharedRefundIDs() {
	if len(b.badRefundErrs) == 0 {
		return
	}
	n := make(map[string]int64, len(b.badRefundIDs))
	for _, i := range b.refundList {
		r := &b.in.Refunds[i]
		if _, out := b.leftOut[r.OrderID]; out || b.unknownRefunds[i] || !b.badRefundIDs[r.ID] {
			continue
		}
		n[r.ID]++
	}
	for _, e := range b.badRefundErrs {
		var ve *metrics.ValidationError
		errors.As(e, &ve)
		if extra := n[ve.RefundID] - 1; extra > 0 {
			b.badRefunds.addN(e, ve.RefundID, extra)
		}
	}
}

// productName returns the name of sku, or "" if no order line named it.
func (b *builder) productName(sku string) string { return b.names[sku] }
