package funnel

import (
	"errors"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// DefaultPageView is the event name of a page view when
// [Traffic.PageView] is empty.
const DefaultPageView = "page_view"

// DefaultPurchase is the event name of a purchase when [Traffic.Purchase]
// is empty.
const DefaultPurchase = "purchase"

// Traffic accumulates visitors, sessions, page views and bounces from a
// stream of events in time order per user, in total and by the traffic
// source and device of each session.
//
// A session's source and device are those of its first event (the landing
// event); a session whose first event lacks them is counted under "".
//
// The zero Traffic is ready to use and splits sessions at gaps of more
// than 30 minutes. Its memory grows with users and sessions, not events.
// Traffics over disjoint sets of users merge exactly with [Traffic.Merge],
// and travel as bytes ([Traffic.MarshalBinary], [Traffic.UnmarshalBinary]).
// A Traffic is not safe for concurrent use; set its fields before the
// first Add. [Traffic.Validate] checks them; Add refuses invalid ones.
type Traffic struct {
	// Sessions says how sessions are found. Defaults to splitting each
	// user's events at gaps of more than [DefaultSessionGap] (30 minutes).
	Sessions SessionRule
	// PageView is the event name of a page view. Defaults to
	// [DefaultPageView] ("page_view").
	PageView string
	// Purchase is the event name of a purchase: a session with one is
	// never a bounce. Defaults to [DefaultPurchase] ("purchase").
	Purchase string

	users    map[string]int32 // user ID → index in last and cur
	last     []int64          // per user: time of the previous event, Unix ns
	cur      []int32          // gap sessions: per user, index of the current session
	keyed    map[sessionKey]int32
	sessions []trafficSession
	spans    []sessionSpan    // per session, under BounceNotEngaged only
	index    map[string]int32 // interned source and device values
	values   []string
}

type trafficSession struct {
	user      int32
	source    int32
	device    int32
	purchased bool
	pageViews int64
}

// sessionSpan holds the times of a session's first and last events, Unix
// ns; kept only under BounceNotEngaged, so that the default rule's memory
// per session stays 24 bytes.
type sessionSpan struct{ first, last int64 }

// TrafficStats are the traffic figures of a set of sessions.
type TrafficStats struct {
	// Visitors is the number of distinct users (UV, 访客数). By source or
	// device, it counts users with at least one session from that source
	// or device, so a user who came twice from different sources counts
	// under both.
	Visitors int64
	// Sessions is the number of sessions (访问次数).
	Sessions int64
	// PageViews is the number of page-view events (PV).
	PageViews int64
	// Bounces is the number of sessions that are bounces by
	// [SessionRule.Bounce]: by default ([BounceOnePage]) sessions with
	// exactly one page view and no purchase; under [BounceNotEngaged]
	// sessions with no purchase, fewer than two page views and shorter
	// than the engagement time.
	Bounces int64
	// BounceRate is Bounces / Sessions (跳出率), a share of sessions:
	// lower is better. Undefined with no sessions. Under
	// [BounceNotEngaged] it is 1 − the engaged share.
	BounceRate metrics.Ratio
	// PagesPerSession is PageViews / Sessions. Undefined with no sessions.
	PagesPerSession metrics.Ratio
}

// TrafficReport holds the traffic figures in total and by source and by
// device.
type TrafficReport struct {
	Total    TrafficStats
	BySource map[string]TrafficStats
	ByDevice map[string]TrafficStats
}

// Validate reports every problem with t's settings at once, joined with
// errors.Join: each is a *metrics.ConfigError naming the field, which
// wraps metrics.ErrConfig, as [Config.Validate] does. A negative
// Sessions.Gap or Sessions.EngagedAfter is invalid (zero means the
// default), and so is an unknown Sessions.Bounce.
func (t *Traffic) Validate() error {
	var errs []error
	if t.Sessions.Gap < 0 {
		errs = append(errs, configError("Traffic.Sessions.Gap", "negative session gap "+t.Sessions.Gap.String()))
	}
	if t.Sessions.EngagedAfter < 0 {
		errs = append(errs, configError("Traffic.Sessions.EngagedAfter", "negative engagement time "+t.Sessions.EngagedAfter.String()))
	}
	if t.Sessions.Bounce > BounceNotEngaged {
		errs = append(errs, configError("Traffic.Sessions.Bounce", "unknown bounce rule "+t.Sessions.Bounce.String()))
	}
	return errors.Join(errs...)
}

func (t *Traffic) invalid() bool {
	return t.Sessions.Gap < 0 || t.Sessions.EngagedAfter < 0 || t.Sessions.Bounce > BounceNotEngaged
}

func (t *Traffic) purchase() string {
	if t.Purchase == "" {
		return DefaultPurchase
	}
	return t.Purchase
}

func (t *Traffic) pageView() string {
	if t.PageView == "" {
		return DefaultPageView
	}
	return t.PageView
}

func (t *Traffic) intern(v string) int32 {
	if t.index == nil {
		t.index = make(map[string]int32)
	}
	i, ok := t.index[v]
	if !ok {
		i = int32(len(t.values))
		t.index[v] = i
		t.values = append(t.values, v)
	}
	return i
}

// Add counts one event. Events of one user must come in non-decreasing time
// order: sort an input that is not with [SortEvents] first, or count a
// slice with [CountTraffic], which sorts it.
//
// Add returns an *[EventError] naming the user, and leaves the Traffic
// unchanged, if the event is older than the user's previous event
// ([ErrOutOfOrder]), if its time is out of range ([ErrTimeRange]), or if
// Sessions.Key is set and the event lacks it ([ErrNoSession]). It returns
// the error of [Traffic.Validate], and counts nothing, if the settings are
// invalid.
func (t *Traffic) Add(e Event) error {
	if t.invalid() {
		return t.Validate()
	}
	ns, ok := unixNano(e.Time)
	if !ok {
		return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrTimeRange}
	}
	var sid string
	if t.Sessions.Key != "" {
		if sid = e.Prop(t.Sessions.Key); sid == "" {
			return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrNoSession}
		}
	}
	if t.users == nil {
		t.users = make(map[string]int32)
	}
	ui, seen := t.users[e.UserID]
	if seen && ns < t.last[ui] {
		return outOfOrder(e, t.last[ui])
	}
	if !seen {
		ui = int32(len(t.last))
		t.users[e.UserID] = ui
		t.last = append(t.last, ns)
		t.cur = append(t.cur, -1)
	}
	prev := t.last[ui]
	t.last[ui] = ns

	var si int32
	if t.Sessions.Key != "" {
		if t.keyed == nil {
			t.keyed = make(map[sessionKey]int32)
		}
		k := sessionKey{e.UserID, sid}
		var ok bool
		if si, ok = t.keyed[k]; !ok {
			si = t.newSession(ui, e, ns)
			t.keyed[k] = si
		}
	} else {
		si = t.cur[ui]
		if si < 0 || gapExceeds(prev, ns, int64(t.Sessions.gap())) {
			si = t.newSession(ui, e, ns)
			t.cur[ui] = si
		}
	}
	s := &t.sessions[si]
	switch e.Name {
	case t.pageView():
		s.pageViews++
	case t.purchase():
		s.purchased = true
	}
	if t.Sessions.Bounce == BounceNotEngaged {
		sp := &t.spans[si]
		sp.last = max(sp.last, ns)
	}
	return nil
}

func (t *Traffic) newSession(ui int32, e Event, ns int64) int32 {
	t.sessions = append(t.sessions, trafficSession{
		user:   ui,
		source: t.intern(e.Prop(PropSource)),
		device: t.intern(e.Prop(PropDevice)),
	})
	if t.Sessions.Bounce == BounceNotEngaged {
		t.spans = append(t.spans, sessionSpan{ns, ns})
	}
	return int32(len(t.sessions) - 1)
}

// Merge adds o, a Traffic over a disjoint set of users with the same
// settings, to t: the result is what one Traffic given both streams would
// hold, and t can go on counting. o is not changed.
//
// Merge returns a *metrics.MergeError if o is t (its users would count
// twice) or the settings differ, and the errors of the shared users (see
// [OverlapError]) if the two share users. t is unchanged after a refused
// Merge.
func (t *Traffic) Merge(o *Traffic) error {
	if t == o {
		return mergeError("Traffic", "a Traffic merged with itself would count its users twice")
	}
	if t.Sessions.Key != o.Sessions.Key || t.Sessions.gap() != o.Sessions.gap() || t.pageView() != o.pageView() ||
		t.purchase() != o.purchase() || t.Sessions.Bounce != o.Sessions.Bounce || t.Sessions.engagedAfter() != o.Sessions.engagedAfter() {
		return mergeError("Traffic", "different Sessions, PageView or Purchase")
	}
	if err := overlap(t.users, o.users); err != nil {
		return err
	}
	if t.users == nil {
		t.users = make(map[string]int32)
	}
	userMap := make([]int32, len(o.last))
	for id, oi := range o.users {
		ui := int32(len(t.last))
		t.users[id] = ui
		t.last = append(t.last, o.last[oi])
		t.cur = append(t.cur, -1)
		userMap[oi] = ui
	}
	valueMap := make([]int32, len(o.values))
	for i, v := range o.values {
		valueMap[i] = t.intern(v)
	}
	base := int32(len(t.sessions))
	for _, s := range o.sessions {
		s.user, s.source, s.device = userMap[s.user], valueMap[s.source], valueMap[s.device]
		t.sessions = append(t.sessions, s)
	}
	t.spans = append(t.spans, o.spans...)
	for oi, si := range o.cur {
		if si >= 0 {
			t.cur[userMap[oi]] = base + si
		}
	}
	if o.keyed != nil {
		if t.keyed == nil {
			t.keyed = make(map[sessionKey]int32)
		}
		for k, si := range o.keyed {
			t.keyed[k] = base + si
		}
	}
	return nil
}

// Report returns the traffic counted so far. It does not change t.
func (t *Traffic) Report() TrafficReport {
	type dimUser struct{ value, user int32 }
	total := TrafficStats{Visitors: int64(len(t.users))}
	bySource, byDevice := map[int32]*TrafficStats{}, map[int32]*TrafficStats{}
	seenSource, seenDevice := map[dimUser]bool{}, map[dimUser]bool{}
	add := func(m map[int32]*TrafficStats, seen map[dimUser]bool, v int32, s trafficSession, bounced bool) {
		st := m[v]
		if st == nil {
			st = &TrafficStats{}
			m[v] = st
		}
		countSession(st, s, bounced)
		if k := (dimUser{v, s.user}); !seen[k] {
			seen[k] = true
			st.Visitors++
		}
	}
	for i, s := range t.sessions {
		b := t.bounced(i)
		countSession(&total, s, b)
		add(bySource, seenSource, s.source, s, b)
		add(byDevice, seenDevice, s.device, s, b)
	}
	r := TrafficReport{Total: total.withRates(), BySource: map[string]TrafficStats{}, ByDevice: map[string]TrafficStats{}}
	for v, st := range bySource {
		r.BySource[t.values[v]] = st.withRates()
	}
	for v, st := range byDevice {
		r.ByDevice[t.values[v]] = st.withRates()
	}
	return r
}

func countSession(st *TrafficStats, s trafficSession, bounced bool) {
	st.Sessions++
	st.PageViews += s.pageViews
	if bounced {
		st.Bounces++
	}
}

// bounced reports whether session i is a bounce by t.Sessions.Bounce.
func (t *Traffic) bounced(i int) bool {
	s := &t.sessions[i]
	if s.purchased {
		return false
	}
	if t.Sessions.Bounce == BounceNotEngaged {
		sp := t.spans[i]
		return s.pageViews < 2 && sp.last-sp.first < int64(t.Sessions.engagedAfter())
	}
	return s.pageViews == 1
}

func (s TrafficStats) withRates() TrafficStats {
	s.BounceRate = metrics.CountRatio(s.Bounces, s.Sessions)
	s.PagesPerSession = metrics.CountRatio(s.PageViews, s.Sessions)
	return s
}

// CountTraffic counts traffic over events in any order with the settings
// of t (sessions, page-view and purchase names): it sorts them by time first (stably)
// and adds them to a copy of t's settings. The slice is not modified.
// Errors are those of [Traffic.Validate], or those of [Traffic.Add], all
// reported at once.
func CountTraffic(settings Traffic, events []Event) (TrafficReport, error) {
	tr := Traffic{Sessions: settings.Sessions, PageView: settings.PageView, Purchase: settings.Purchase}
	if err := tr.Validate(); err != nil {
		return TrafficReport{}, err
	}
	keys := make([]int64, len(events))
	var errs []error
	for i, e := range events {
		ns, ok := unixNano(e.Time)
		if !ok {
			errs = append(errs, &EventError{UserID: e.UserID, Time: e.Time, Err: ErrTimeRange})
		}
		if tr.Sessions.Key != "" && e.Prop(tr.Sessions.Key) == "" {
			errs = append(errs, &EventError{UserID: e.UserID, Time: e.Time, Err: ErrNoSession})
		}
		keys[i] = ns
	}
	if len(errs) > 0 {
		return TrafficReport{}, errors.Join(errs...)
	}
	for _, i := range sortedOrder(keys) {
		if err := tr.Add(events[i]); err != nil {
			return TrafficReport{}, err
		}
	}
	return tr.Report(), nil
}
