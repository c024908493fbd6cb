package funnel

import (
	"errors"

	"github.com/shopmetrics/shopmetrics/internal/chunked"
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
// than 30 minutes. Its memory grows with users and sessions, not events:
// 41 to 50 bytes per user (as full as its table is; 25 to 34 for users
// by number, [Traffic.AddNumbered], whose IDs it does not keep) and 12
// per session, 16 more per session under [BounceNotEngaged] and 25 to
// 34 more with sessions by key. It keeps the user and session IDs it is
// given, not copies, as a map keeps its keys.
// [Traffic.AddEvents] counts a columnar batch ([Events]), the fast path
// (half the CPU time per event of Add on the harness's 10M events;
// BenchmarkTrafficPeersEvents).
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

	// The tables, laid out for the least memory per user and per session
	// (see traffic_tables.go).
	users     userIndex                     // user ID → number; the users in state
	state     chunked.Slice[trafficUser]    // per user
	ids       chunked.Slice[string]         // per user by ID, its ID; empty for users by number
	sessions  chunked.Slice[trafficSession] // per session
	spans     chunked.Slice[sessionSpan]    // per session, under BounceNotEngaged only
	keyed     userIndex                     // sessions by key: (user, session ID) → session
	sids      chunked.Slice[string]         // sessions by key: per session, its ID
	moreViews map[int32]int64               // page views beyond viewsMax, by session
	index     map[string]int32              // interned source and device values
	values    []string
	pairIndex map[dims]int32 // interned (source, device) pairs, indices in values
	pairs     []dims
	// recent holds the first pairs of a source and a device interned, up
	// to dimsRecent, with their pairs' indices (see dimsOf).
	recent  [dimsRecent]recentDims
	nrecent int8

	batch    trafficBatch // AddEvents: batch dictionary numbers → the Traffic's
	userKeys keying       // users by ID or by number (numbered.go)
	sink     uint32       // what TouchNumbered loaded, so that its loads are not dropped
}

// sessionSpan holds the times of a session's first and last events, Unix
// ns; kept only under BounceNotEngaged, so that the default rule's memory
// per session stays 12 bytes.
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
// invalid, and an error wrapping [ErrNumbered] if the Traffic counts
// users by number ([Traffic.AddNumbered]).
func (t *Traffic) Add(e Event) error {
	if t.invalid() {
		return t.Validate()
	}
	ns, ok := unixNano(e.Time)
	if !ok {
		return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrTimeRange}
	}
	if t.userKeys == keyNumber {
		return numberedError("Traffic.Add", "the Traffic counts users by number")
	}
	var sid string
	if t.Sessions.Key != "" {
		if sid = e.Prop(t.Sessions.Key); sid == "" {
			return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrNoSession}
		}
	}
	t.userKeys = keyID
	ui, slot, h := t.findUser(e.UserID)
	var u *trafficUser
	if ui >= 0 {
		if u = t.user(ui); ns < u.last {
			return outOfOrder(e, u.last)
		}
	} else {
		ui = t.addUser(slot, h, e.UserID, ns, -1)
		u = t.user(ui)
	}
	t.count(ui, u, &e, ns, sid)
	return nil
}

// AddNumbered counts one event of the user the caller numbers user, as
// [Traffic.Add] counts e, but finds the user by the number: e.UserID is
// read only for the errors, which are Add's. The caller guarantees one
// number per user ID (see [ErrNumbered]); a Traffic given numbers holds
// no IDs, so that Add, AddEvents, Merge and MarshalBinary refuse it, and
// AddNumbered refuses a Traffic given IDs, with an error wrapping
// ErrNumbered.
//
// It is the fast path of a caller that numbers its users anyway: no ID is
// hashed or compared, and e.UserID may be left empty until an error needs
// it (a rejected event leaves the Traffic unchanged, so the caller can
// name the user in the error itself).
func (t *Traffic) AddNumbered(user int32, e Event) error {
	if t.invalid() {
		return t.Validate()
	}
	ns, ok := unixNano(e.Time)
	if !ok {
		return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrTimeRange}
	}
	if t.userKeys == keyID {
		return numberedError("Traffic.AddNumbered", "the Traffic counts users by ID")
	}
	var sid string
	if t.Sessions.Key != "" {
		if sid = e.Prop(t.Sessions.Key); sid == "" {
			return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrNoSession}
		}
	}
	t.userKeys = keyNumber
	ui, slot := t.users.findNumber(user)
	var u *trafficUser
	if ui >= 0 {
		if u = t.user(ui); ns < u.last {
			return outOfOrder(e, u.last)
		}
	} else {
		ui = t.addNumbered(slot, user, ns)
		u = t.user(ui)
	}
	t.count(ui, u, &e, ns, sid)
	return nil
}

// count counts event e at ns, of session ID sid under sessions by key, of
// user ui, whose state u holds its previous event's time.
func (t *Traffic) count(ui int32, u *trafficUser, e *Event, ns int64, sid string) {
	prev := u.last
	u.last = ns

	si := u.cur
	if sid != "" {
		// u.cur is the session of the user's previous event: most events
		// continue it. (It is beyond the IDs only if Sessions.Key was set
		// after the first Add.)
		if si < 0 || int(si) >= t.sids.Len() || *t.sids.At(int(si)) != sid {
			var slot *userSlot
			var h uint64
			si, slot, h = t.findSession(ui, sid)
			if si < 0 {
				si = t.newSession(ui, e, ns)
				t.addKeyed(slot, h, sid)
			}
			u.cur = si
		}
	} else if si < 0 || gapExceeds(prev, ns, int64(t.Sessions.gap())) {
		si = t.newSession(ui, e, ns)
		u.cur = si
	}
	s := t.session(si)
	switch e.Name {
	case t.pageView():
		t.addViews(si, s, 1)
	case t.purchase():
		s.views |= purchased
	}
	if t.Sessions.Bounce == BounceNotEngaged {
		sp := t.spans.At(int(si))
		sp.last = max(sp.last, ns)
	}
}

// newSession adds a session of user ui starting with event e at ns, and
// returns its number.
func (t *Traffic) newSession(ui int32, e *Event, ns int64) int32 {
	return t.addSession(ui, t.dimsOf(e.Prop(PropSource), e.Prop(PropDevice)), 0, ns, ns)
}

// Merge adds o, a Traffic over a disjoint set of users with the same
// settings, to t: the result is what one Traffic given both streams would
// hold, and t can go on counting. o is not changed.
//
// Merge returns a *metrics.MergeError if o is t (its users would count
// twice) or the settings differ, and the errors of the shared users (see
// [OverlapError]) if the two share users, and an error wrapping
// [ErrNumbered] if either counts users by number ([Traffic.AddNumbered]).
// t is unchanged after a refused Merge.
func (t *Traffic) Merge(o *Traffic) error {
	if t == o {
		return mergeError("Traffic", "a Traffic merged with itself would count its users twice")
	}
	if t.userKeys == keyNumber || o.userKeys == keyNumber {
		return numberedError("Traffic.Merge", "users by number have no IDs to tell shared users apart")
	}
	if t.Sessions.Key != o.Sessions.Key || t.Sessions.gap() != o.Sessions.gap() || t.pageView() != o.pageView() ||
		t.purchase() != o.purchase() || t.Sessions.Bounce != o.Sessions.Bounce || t.Sessions.engagedAfter() != o.Sessions.engagedAfter() {
		return mergeError("Traffic", "different Sessions, PageView or Purchase")
	}
	if t.users.len() > 0 {
		var shared []string
		for _, blk := range o.ids.Blocks() {
			for _, id := range blk {
				if ui, _, _ := t.findUser(id); ui >= 0 {
					shared = append(shared, id)
				}
			}
		}
		if err := overlapError(shared); err != nil {
			return err
		}
	}
	userMap := make([]int32, o.state.Len())
	for oi := range userMap {
		id := o.userID(int32(oi))
		_, slot, h := t.findUser(id)
		userMap[oi] = t.addUser(slot, h, id, o.user(int32(oi)).last, -1)
	}
	valueMap := make([]int32, len(o.values))
	for i, v := range o.values {
		valueMap[i] = t.intern(v)
	}
	pairMap := make([]int32, len(o.pairs))
	for i, p := range o.pairs {
		pairMap[i] = t.pairOf(dims{valueMap[p.source], valueMap[p.device]})
	}
	base := int32(t.sessions.Len())
	keyed, engaged := t.Sessions.Key != "", t.Sessions.Bounce == BounceNotEngaged
	for osi := range int32(o.sessions.Len()) {
		s := o.session(osi)
		var span sessionSpan
		if engaged {
			span = *o.spans.At(int(osi))
		}
		si := t.addSession(userMap[s.user], pairMap[s.dims], s.views, span.first, span.last)
		if more, ok := o.moreViews[osi]; ok {
			if t.moreViews == nil {
				t.moreViews = make(map[int32]int64)
			}
			t.moreViews[si] = more
		}
		if keyed {
			sid := *o.sids.At(int(osi))
			_, slot, h := t.findSession(userMap[s.user], sid)
			t.addKeyed(slot, h, sid)
		}
	}
	for oi, ui := range userMap {
		if si := o.user(int32(oi)).cur; si >= 0 {
			t.user(ui).cur = base + si
		}
	}
	if len(userMap) > 0 {
		t.userKeys = keyID
	}
	return nil
}

// Report returns the traffic counted so far. It does not change t.
func (t *Traffic) Report() TrafficReport {
	nu := t.state.Len()
	total := TrafficStats{Visitors: int64(nu)}
	// The sessions grouped by user (a counting sort), so that a user is
	// counted once under each of its sources and devices: end[u] is the
	// end of user u's sessions in order.
	end := make([]int32, nu)
	for _, blk := range t.sessions.Blocks() {
		for _, s := range blk {
			end[s.user]++
		}
	}
	var sum int32
	for u, n := range end {
		end[u] = sum // the start, until the sessions are placed
		sum += n
	}
	order := make([]int32, t.sessions.Len())
	si := int32(0)
	for _, blk := range t.sessions.Blocks() {
		for _, s := range blk {
			order[end[s.user]] = si
			end[s.user]++
			si++
		}
	}
	bySource, byDevice := make([]TrafficStats, len(t.values)), make([]TrafficStats, len(t.values))
	// The user + 1 who last counted as a visitor of each source and device.
	sourceSeen, deviceSeen := make([]int32, len(t.values)), make([]int32, len(t.values))
	lo := int32(0)
	for u, hi := range end {
		for _, si := range order[lo:hi] {
			s := t.session(si)
			pv := t.pageViews(si, s)
			b := t.bounced(si, s, pv)
			d := t.pairs[s.dims]
			countSession(&total, pv, b)
			countSession(&bySource[d.source], pv, b)
			countSession(&byDevice[d.device], pv, b)
			if sourceSeen[d.source] != int32(u+1) {
				sourceSeen[d.source] = int32(u + 1)
				bySource[d.source].Visitors++
			}
			if deviceSeen[d.device] != int32(u+1) {
				deviceSeen[d.device] = int32(u + 1)
				byDevice[d.device].Visitors++
			}
		}
		lo = hi
	}
	r := TrafficReport{Total: total.withRates(), BySource: map[string]TrafficStats{}, ByDevice: map[string]TrafficStats{}}
	for v := range t.values {
		if st := bySource[v]; st.Sessions > 0 {
			r.BySource[t.values[v]] = st.withRates()
		}
		if st := byDevice[v]; st.Sessions > 0 {
			r.ByDevice[t.values[v]] = st.withRates()
		}
	}
	return r
}

func countSession(st *TrafficStats, pageViews int64, bounced bool) {
	st.Sessions++
	st.PageViews += pageViews
	if bounced {
		st.Bounces++
	}
}

// bounced reports whether session si, s with pv page views, is a bounce
// by t.Sessions.Bounce.
func (t *Traffic) bounced(si int32, s *trafficSession, pv int64) bool {
	if s.views&purchased != 0 {
		return false
	}
	if t.Sessions.Bounce == BounceNotEngaged {
		sp := t.spans.At(int(si))
		return pv < 2 && sp.last-sp.first < int64(t.Sessions.engagedAfter())
	}
	return pv == 1
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
