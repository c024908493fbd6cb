package report

import (
	"cmp"
	"slices"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// session is what the traffic pass keeps of one session of the period.
type session struct {
	pageViews int32
	events    int32
}

// traffic accumulates the traffic of the reviewed period in the single
// pass over events: distinct visitors per source and device, and sessions
// by the tracker's session ID.
type traffic struct {
	sources, devices map[string]map[string]struct{} // name → users
	sessions         map[string]*session            // session ID → session
	sessSource       map[string]map[string]struct{} // source → session IDs
	sessDevice       map[string]map[string]struct{} // device → session IDs
	noSession        int64                          // events of the period without a session ID
}

func newTraffic() *traffic {
	return &traffic{
		sources: map[string]map[string]struct{}{}, devices: map[string]map[string]struct{}{},
		sessions:   map[string]*session{},
		sessSource: map[string]map[string]struct{}{}, sessDevice: map[string]map[string]struct{}{},
	}
}

func addTo(m map[string]map[string]struct{}, key, member string) {
	s, ok := m[key]
	if !ok {
		s = map[string]struct{}{}
		m[key] = s
	}
	s[member] = struct{}{}
}

// add adds one event of the reviewed period. An event without a source
// or device counts under "(none)".
func (t *traffic) add(e *funnel.Event) {
	src, dev, sid := "(none)", "(none)", ""
	for _, p := range e.Props {
		switch p.Key {
		case funnel.PropSource:
			src = p.Value
		case funnel.PropDevice:
			dev = p.Value
		case funnel.PropSession:
			sid = p.Value
		}
	}
	addTo(t.sources, src, e.UserID)
	addTo(t.devices, dev, e.UserID)
	if sid == "" {
		t.noSession++
		return
	}
	s, ok := t.sessions[sid]
	if !ok {
		s = &session{}
		t.sessions[sid] = s
		addTo(t.sessSource, src, sid)
		addTo(t.sessDevice, dev, sid)
	}
	s.events++
	if e.Name == pageView {
		s.pageViews++
	}
}

// pageView is the event name of a page view, as the funnel package and
// the csvio schema use it.
const pageView = "page_view"

// trafficSection computes section 2: visitors, sessions and bounce rate
// with their comparisons where known, and visitors, sessions and buyer
// conversion by source and by device.
//
// Visitors are distinct users with an event in the period (METRICS.md).
// Sessions are the tracker's session IDs; when some events of the period
// have none, sessions and bounce rate are undefined rather than
// undercounted. A bounce is a session with exactly one page view.
// Conversion by source is the share of the source's visitors who bought
// in the period (a user seen in two sources counts in both).
func (b *builder) trafficSection(vsPrev, vsYear []metrics.Comparison) *Traffic {
	t := b.traffic
	out := &Traffic{LargestLoss: -1}
	out.KPIs = kpis([]string{metrics.KeyVisitors, metrics.KeyConversionRate}, vsPrev, vsYear)
	na := Undefined
	if t.noSession == 0 {
		var bounces int64
		for _, s := range t.sessions {
			if s.pageViews == 1 {
				bounces++
			}
		}
		n := int64(len(t.sessions))
		out.KPIs = append(out.KPIs,
			NewKPI("sessions", metrics.HigherIsBetter, CountValue(n), na(KindCount), na(KindCount), na(KindCount)),
			NewKPI("bounce_rate", metrics.LowerIsBetter, PercentValue(metrics.CountRatio(bounces, n)), na(KindPercent), na(KindPercent), na(KindPercent)))
	}
	visitors := b.count(b.users, pCur)
	breakdown := func(users, sessions map[string]map[string]struct{}) []Breakdown {
		var rows []Breakdown
		for name, us := range users {
			var bought int64
			for u := range us {
				if b.buyers[u]&(1<<pCur) != 0 {
					bought++
				}
			}
			v := int64(len(us))
			row := Breakdown{Name: name, Visitors: v, Sessions: Undefined(KindCount),
				Share: metrics.CountRatio(v, visitors), Conversion: metrics.CountRatio(bought, v)}
			if t.noSession == 0 {
				row.Sessions = CountValue(int64(len(sessions[name])))
			}
			rows = append(rows, row)
		}
		slices.SortFunc(rows, func(x, y Breakdown) int {
			if c := cmp.Compare(y.Visitors, x.Visitors); c != 0 {
				return c
			}
			return cmp.Compare(x.Name, y.Name)
		})
		return rows
	}
	out.Sources = breakdown(t.sources, t.sessSource)
	out.Devices = breakdown(t.devices, t.sessDevice)
	return out
}
