package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/shopmetrics/shopmetrics/funnel"
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
	cur, prev          *funnel.Counter
	sources, devices   map[string]map[string]struct{} // name → users
	errs               []error
	dropped            int64 // event errors beyond maxEventErrors
}

func newTraffic(cfg Config) *traffic {
	return &traffic{cfg: cfg, sources: map[string]map[string]struct{}{}, devices: map[string]map[string]struct{}{}}
}

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
	return nil
}

func addTo(m map[string]map[string]struct{}, key, member string) {
	s, ok := m[key]
	if !ok {
		s = map[string]struct{}{}
		m[key] = s
	}
	s[member] = struct{}{}
}

// add adds one event of a compared period (mask m).
func (t *traffic) add(b *builder, e *funnel.Event, m uint8) {
	if m&(1<<pPrev) != 0 {
		t.keep(t.prev.Add(*e))
		t.keep(t.visitsPrev.Add(*e))
	}
	if m&(1<<pCur) == 0 {
		return
	}
	t.keep(t.cur.Add(*e))
	t.keep(t.visits.Add(*e))
	src, dev := "", ""
	for _, p := range e.Props {
		switch p.Key {
		case funnel.PropSource:
			src = p.Value
		case funnel.PropDevice:
			dev = p.Value
		}
	}
	addTo(t.sources, src, e.UserID)
	addTo(t.devices, dev, e.UserID)
}

func (t *traffic) keep(err error) {
	if err == nil {
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
// comparisons, sessions and bounce rate (funnel.Traffic: a bounce is a
// session with one page view), visitors, sessions and conversion by the
// source and device of the landing event (a user seen in two sources
// counts in both), and the funnel with its drop-offs against the previous
// period's and its time to convert.
func (b *builder) trafficSection(vsPrev, vsYear []metrics.Comparison) *Traffic {
	t := b.traffic
	out := &Traffic{LargestLoss: -1}
	out.KPIs = kpis([]string{metrics.KeyVisitors, metrics.KeyConversionRate}, vsPrev, vsYear)
	rep := t.visits.Report()
	var prevSessions, prevBounce metrics.Value // undefined without the previous period's events
	if b.events.covers(b.periods[pPrev]) {
		pr := t.visitsPrev.Report()
		prevSessions, prevBounce = metrics.CountValue(pr.Total.Sessions), pct(pr.Total.BounceRate)
	}
	for _, kv := range []struct {
		key       string
		cur, prev metrics.Value
	}{
		{"sessions", metrics.CountValue(rep.Total.Sessions), prevSessions},
		{"bounce_rate", pct(rep.Total.BounceRate), prevBounce},
	} {
		k, err := NewKPI(ownKPI(kv.key), kv.cur, kv.prev, metrics.Value{}, metrics.Value{})
		if err != nil {
			b.errs = append(b.errs, err)
		}
		out.KPIs = append(out.KPIs, k)
	}
	visitors := b.count(b.users, pCur)
	breakdown := func(users map[string]map[string]struct{}, stats map[string]funnel.TrafficStats) []Breakdown {
		var rows []Breakdown
		for name, us := range users {
			var bought int64
			for u := range us {
				if b.buyers[u]&(1<<pCur) != 0 {
					bought++
				}
			}
			v := int64(len(us))
			label := name
			if label == "" {
				label = "(none)"
			}
			rows = append(rows, Breakdown{Name: label, Visitors: v, Sessions: metrics.CountValue(stats[name].Sessions),
				Share: metrics.CountRatio(v, visitors), Conversion: metrics.CountRatio(bought, v)})
		}
		slices.SortFunc(rows, func(x, y Breakdown) int {
			if c := cmp.Compare(y.Visitors, x.Visitors); c != 0 {
				return c
			}
			return cmp.Compare(x.Name, y.Name)
		})
		return rows
	}
	out.Sources = breakdown(t.sources, rep.BySource)
	out.Devices = breakdown(t.devices, rep.ByDevice)

	cur := t.cur.Result()
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
