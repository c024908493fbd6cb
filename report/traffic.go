package report

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// defaultFunnel is the funnel of the review when Config.Funnel has no
// steps: the event names of the storedata file schema and the demo store.
var defaultFunnel = []funnel.Step{{Name: "page_view"}, {Name: "add_to_cart"}, {Name: "checkout"}, {Name: "purchase"}}

// maxEventErrors bounds the event errors kept: a log out of time order
// could otherwise give one error per event.
const maxEventErrors = 100

// traffic accumulates the traffic of section 2 in the single pass over
// events: visits, sessions and bounces (funnel.Traffic), the funnel of the
// period and of the previous period (funnel.Counter), and the visitors of
// each source and device, for their conversion.
type traffic struct {
	cfg                Config
	visits, visitsPrev funnel.Traffic
	visitsYear         funnel.Traffic // the same period last year, for 同比 of sessions, bounce rate and pages per session
	cur, prev          *funnel.Counter
	first              firstSeen            // buyers' first events, for the time to convert; set by finishUsers
	sources, devices   userSets             // the users of each source and device in the period
	bySource, byDevice map[string]userCount // the same counted; set by finishUsers
	attr               attributor
	buyers             []buyerState     // the purchases of attr.purchase, by userIndex.buyer - 1
	names              map[string]int64 // event name → events of the period, at most maxNames names
	otherNames         int64            // events whose names are beyond maxNames
	errs               []error
	dropped            int64   // event errors beyond maxEventErrors
	bad                leftOut // under BadRecords Skip: the events left out, by problem
	// windows holds the window of each of buyers, [from, at] in Unix ns,
	// apart from the buyers' states: touchBatch reads it for every event
	// of a buyer, over the whole history, most of them outside it, and
	// the windows take a tenth of the states' memory (on the 40M-event
	// review, the state's window read was 0.18 CPU-s of cache misses).
	windows []nsRange
	// The batch and row of the event being added, whose UserID is left
	// empty (see eventBatches), for named; nil for an event with its ID.
	batch *funnel.Events
	row   int
}

// maxNames bounds the distinct event names the traffic section keeps to
// say which names it saw when the funnel's steps match none.
const maxNames = 64

func newTraffic(cfg Config) *traffic {
	return &traffic{cfg: cfg, attr: attributor{cfg: cfg.Attribution}, names: map[string]int64{}, first: firstSeen{}}
}

// bought records a non-cancelled order of the period, for attribution.
func (t *traffic) bought(customer string, at time.Time) { t.attr.bought(customer, at) }

// boughtBefore records a purchase by customer number n at t, in the
// window before the period (attributor.boughtBefore).
func (t *traffic) boughtBefore(n int32, at time.Time) { t.attr.boughtBefore(n, at) }

// init prepares the funnel counters; it returns the funnel's configuration
// errors.
func (t *traffic) init() error {
	fc := t.cfg.Funnel
	if len(fc.Steps) == 0 {
		fc.Steps = defaultFunnel
	}
	var err error
	if t.cur, err = funnel.NewCounter(fc); err != nil {
		return err
	}
	if t.prev, err = funnel.NewCounter(fc); err != nil {
		return err
	}
	t.visits.Sessions = t.cfg.Sessions
	t.visitsPrev.Sessions = t.cfg.Sessions
	t.visitsYear.Sessions = t.cfg.Sessions
	return t.visits.Validate()
}

// add adds one event of a compared period (mask m) of user n of users.
func (t *traffic) add(e *funnel.Event, m uint8, users *userIndex, n int32) {
	// One error per event: the accumulators reject a bad event alike.
	// The accumulators count users by n (see periodEvent).
	if m&(1<<pPrev) != 0 {
		t.keep(cmp.Or(t.prev.AddNumbered(n, *e), t.visitsPrev.AddNumbered(n, *e)))
	}
	if m&(1<<pYear) != 0 {
		err := t.visitsYear.AddNumbered(n, *e)
		if m&(1<<pPrev|1<<pCur) == 0 { // else the same error is kept for the other period
			t.keep(err)
		}
	}
	if m&(1<<pCur) == 0 {
		return
	}
	if err := cmp.Or(t.cur.AddNumbered(n, *e), t.visits.AddNumbered(n, *e)); err != nil {
		t.keep(err)
		return
	}
	t.countName(e.Name)
	src, dev := "", ""
	for _, p := range e.Props {
		switch p.Key {
		case funnel.PropSource:
			src = p.Value
		case funnel.PropDevice:
			dev = p.Value
		}
	}
	u := users.periodOf(n)
	t.sources.add(&u.sources, n, src)
	t.devices.add(&u.devices, n, dev)
}

// countName counts an event of the period named name: in names while
// they are fewer than maxNames or name is one of them, else in
// otherNames. That is one map access an event while the names are fewer
// than maxNames, as they are for most stores; a look-up comes first only
// once they are not.
func (t *traffic) countName(name string) {
	if len(t.names) < maxNames {
		t.names[name]++
	} else if _, ok := t.names[name]; ok {
		t.names[name]++
	} else {
		t.otherNames++
	}
}

// named returns err, an error of the accumulators about the event being
// added, with the event's user named: the event of a batch comes without
// its UserID, which the accumulators counting users by number need only
// for their errors. A rejected event leaves them unchanged, so the error
// is the one Add of the event with its ID would have returned.
//
// No error, the case of almost every event, returns before ee, which
// errors.As moves to the heap, is made: made first, it cost an
// allocation per event of the detail pages' periods (0.09 CPU-s of the
// review of 40M events).
func (t *traffic) named(err error) error {
	if err == nil || t.batch == nil {
		return err
	}
	var ee *funnel.EventError
	if errors.As(err, &ee) && ee.UserID == "" {
		ee.UserID = t.batch.UserIDs.String(t.batch.User[t.row])
	}
	return err
}

func (t *traffic) keep(err error) {
	if err == nil {
		return
	}
	err = t.named(err)
	if t.cfg.BadRecords == inventory.Skip { // the event is left out, counted by problem
		var ee *funnel.EventError
		id := ""
		if errors.As(err, &ee) {
			id = ee.UserID
		}
		t.bad.add(err, id)
		return
	}
	if len(t.errs) < maxEventErrors {
		t.errs = append(t.errs, err)
		return
	}
	t.dropped++
}

// err returns the event errors, the last one counting those not listed.
func (t *traffic) err() error {
	if t.dropped > 0 {
		return errors.Join(append(t.errs, fmt.Errorf("report: %d more event errors", t.dropped))...)
	}
	return errors.Join(t.errs...)
}

// trafficSection computes section 2: visitors and conversion with their
// comparisons, sessions and bounce rate (funnel.Traffic with
// Config.Sessions' bounce rule: by default one page view and no purchase),
// visitors, sessions and conversion by the source and device of the
// landing event, and the funnel with its drop-offs against the previous
// period's and its time to convert.
//
// By source, Visitors counts the visitors with a session from the source
// (a visitor who came from two sources counts in both, so their shares may
// add up to more than 100 %), while Buyers attributes each buyer to one
// source by Config.Attribution, so the buyers' shares add up to 100 %;
// Conversion is Buyers / Visitors. By device, Conversion is the share of
// the device's visitors who bought.
//
// A funnel whose first step matches no event of the period is left out
// with a note listing the event names seen and the step names expected,
// never shown as zeros; likewise the one-page bounce rate when no event is
// a page view.
func (b *builder) trafficSection(vsPrev, vsYear []metrics.Comparison) *Traffic {
	t := b.traffic
	out := &Traffic{LargestLoss: -1}
	out.KPIs = kpis([]string{metrics.KeyVisitors, metrics.KeyConversionRate}, vsPrev, vsYear)
	rep := t.visits.Report()
	curSum := b.summary[pCur]
	out.Buyers = curSum.Buyers
	out.Attribution = b.cfg.Attribution.Model.String()
	out.AttributionDays = int(b.cfg.Attribution.window() / (24 * time.Hour))
	out.AttributionAfterPurchase = b.cfg.Attribution.afterPurchase()
	out.BounceRule = "one_page"
	if b.cfg.Sessions.Bounce == funnel.BounceNotEngaged {
		out.BounceRule = "not_engaged"
	}
	fc := b.cfg.Funnel
	out.FunnelWindow = fc.Window
	if out.FunnelWindow == 0 {
		out.FunnelWindow = funnel.DefaultWindow
	}
	steps := fc.Steps
	if len(steps) == 0 {
		steps = defaultFunnel
	}
	pageView := t.visits.PageView
	if pageView == "" {
		pageView = funnel.DefaultPageView
	}
	// Without a page view the one-page rule would count no bounce at all:
	// the rate is unknown, not 0 %.
	noPageViews := rep.Total.PageViews == 0 && b.cfg.Sessions.Bounce == funnel.BounceOnePage
	if b.data.covers(b.periods[pPrev]) { // else the Overview's note says it for all data
		b.coverage(SectionTraffic, b.events, pPrev)
	}
	// The previous period's and last year's sessions, bounce rate and
	// pages per session; undefined without their events.
	var prevSessions, prevBounce, prevPages, yearSessions, yearBounce, yearPages metrics.Value
	if b.events.covers(b.periods[pPrev]) {
		pr := t.visitsPrev.Report()
		prevSessions, prevBounce, prevPages = metrics.CountValue(pr.Total.Sessions), pct(pr.Total.BounceRate), pagesPerSession(pr.Total)
	}
	if b.events.covers(b.periods[pYear]) {
		yr := t.visitsYear.Report()
		yearSessions, yearBounce, yearPages = metrics.CountValue(yr.Total.Sessions), pct(yr.Total.BounceRate), pagesPerSession(yr.Total)
	}
	bounce := pct(rep.Total.BounceRate)
	if noPageViews {
		bounce, prevBounce, yearBounce = pct(metrics.Ratio{}), pct(metrics.Ratio{}), pct(metrics.Ratio{})
		b.note(SectionTraffic, "bounce_no_page_view", fmt.Errorf("no event of the period is named %q; event names seen: %s", pageView, t.seenNames()))
	}
	for _, kv := range []struct {
		key             string
		cur, prev, year metrics.Value
	}{
		{"sessions", metrics.CountValue(rep.Total.Sessions), prevSessions, yearSessions},
		{"bounce_rate", bounce, prevBounce, yearBounce},
		{"pages_per_session", pagesPerSession(rep.Total), prevPages, yearPages},
	} {
		def := ownKPI(kv.key)
		k, err := b.sectionKPI(def, kv.cur, kv.prev, kv.year)
		if err != nil {
			b.note(SectionTraffic, kv.key, err)
			continue
		}
		out.KPIs = append(out.KPIs, k)
	}
	visitors := b.uidx.count(pCur)
	breakdown := func(users map[string]userCount, stats map[string]funnel.TrafficStats, attributed map[string]int64) []Breakdown {
		var rows []Breakdown
		row := func(name string, v int64, bought int64) Breakdown {
			label := name
			if label == "" {
				label = noSource
			}
			return Breakdown{Name: label, Visitors: v, Sessions: metrics.CountValue(stats[name].Sessions),
				Share: metrics.CountRatio(v, visitors), Conversion: metrics.CountRatio(bought, v)}
		}
		for name, us := range users {
			bought := us.bought // of the period's buyers
			if attributed != nil {
				bought = attributed[name]
				if name == "" {
					bought = attributed[noSource]
				}
			}
			r := row(name, us.users, bought)
			if attributed != nil {
				r.Buyers = bought
				r.BuyerShare = metrics.CountRatio(bought, out.Buyers)
			}
			rows = append(rows, r)
		}
		for name, n := range attributed { // buyers attributed to a source no visitor of the period came from
			key := name
			if name == noSource {
				key = ""
			}
			if _, ok := users[key]; !ok && n > 0 {
				rows = append(rows, Breakdown{Name: name, Sessions: metrics.CountValue(0), Share: metrics.CountRatio(0, visitors),
					Buyers: n, BuyerShare: metrics.CountRatio(n, out.Buyers)})
			}
		}
		slices.SortFunc(rows, func(x, y Breakdown) int {
			if c := cmp.Compare(y.Visitors, x.Visitors); c != 0 {
				return c
			}
			if c := cmp.Compare(y.Buyers, x.Buyers); c != 0 {
				return c
			}
			return cmp.Compare(x.Name, y.Name)
		})
		return rows
	}
	if len(t.attr.purchase) > 0 {
		out.TimeToConvert = timeToConvert(t.attr.purchase, t.first, b.cfg.Attribution.window(), b.cfg.Attribution.afterPurchase())
	}
	out.Sources = breakdown(t.bySource, rep.BySource, t.attr.buyers())
	out.Devices = breakdown(t.byDevice, rep.ByDevice, nil)

	cur := t.cur.Result()
	if len(cur.Steps) > 0 && cur.Steps[0].Reached == 0 {
		names := make([]string, len(steps))
		for i, s := range steps {
			names[i] = s.Name
		}
		b.note(SectionTraffic, "funnel_no_match", fmt.Errorf("no event of the period matches the first step; steps expected: %s; event names seen: %s",
			strings.Join(names, ", "), t.seenNames()))
		return out
	}
	// A later step whose name no event of the period has is most likely
	// named differently in the data: its zeros are noted, not a finding.
	var unseen []string
	for _, s := range steps {
		if s.Match == nil && t.names[s.Name] == 0 && t.otherNames == 0 {
			unseen = append(unseen, s.Name)
		}
	}
	if len(unseen) > 0 {
		b.note(SectionTraffic, "funnel_steps_unseen", fmt.Errorf("no event of the period is named %s; event names seen: %s",
			strings.Join(unseen, ", "), t.seenNames()))
	}
	var prev funnel.Result
	if b.events.covers(b.periods[pPrev]) {
		prev = t.prev.Result()
	}
	worst := -1.0
	for i, s := range cur.Steps {
		st := Step{Name: s.Name, Users: s.Reached, Overall: s.FromFirst,
			MedianTime: metrics.Undefined(metrics.UnitDuration), P90Time: metrics.Undefined(metrics.UnitDuration)}
		if i > 0 {
			st.StepConversion = s.FromPrevious
			if d := s.TimeToConvert; d.Defined() {
				st.MedianTime, st.P90Time = metrics.DurationValue(d.Median), metrics.DurationValue(d.P90)
			}
			if i < len(prev.Steps) {
				st.UsualDropOff = prev.Steps[i].DropOffRate
			}
			if v, ok := s.DropOffRate.Value(); ok && v > worst {
				worst, out.LargestLoss = v, i
			}
		}
		out.Funnel = append(out.Funnel, st)
	}
	return out
}

// pagesPerSession returns page views / sessions of s, a number;
// undefined without sessions or without any page view, when page views
// are most likely named differently in the data.
func pagesPerSession(s funnel.TrafficStats) metrics.Value {
	if s.PageViews == 0 {
		return number(metrics.Ratio{})
	}
	return number(s.PagesPerSession)
}

// seenNames lists the event names of the period, most frequent first,
// with their counts: "view (120), cart (30)".
func (t *traffic) seenNames() string {
	if len(t.names) == 0 {
		return "none"
	}
	names := slices.Collect(maps.Keys(t.names))
	slices.SortFunc(names, func(x, y string) int {
		if c := cmp.Compare(t.names[y], t.names[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s (%d)", n, t.names[n])
	}
	if t.otherNames > 0 {
		parts = append(parts, fmt.Sprintf("%d events of other names", t.otherNames))
	}
	return strings.Join(parts, ", ")
}
