package report

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// AttributionModel says which visit gives a buyer's traffic source.
type AttributionModel uint8

const (
	// LastNonDirect attributes a buyer to the source of their last
	// non-direct visit within the window before their first purchase of
	// the period; to direct when every visit in the window was direct.
	LastNonDirect AttributionModel = iota
	// FirstTouch attributes a buyer to the source of their first visit
	// within the window before their first purchase of the period.
	FirstTouch
)

// String returns "last_non_direct" or "first_touch", the display-name key
// of the model.
func (m AttributionModel) String() string {
	if m == FirstTouch {
		return "first_touch"
	}
	return "last_non_direct"
}

// DefaultAttributionWindow is the look-back window of [Attribution] when
// Window is zero: 30 days.
const DefaultAttributionWindow = 30 * 24 * time.Hour

// Attribution says how the traffic section attributes each buyer to one
// source (成交来源), so that the buyers of the sources add up to the
// period's buyers and their shares to 100 %.
//
// A buyer's purchase is their first non-cancelled order placed in the
// period; a visit is any event that carries a source (funnel.PropSource),
// dated within Window before the purchase (inclusive) and not after it,
// and the events may lie before the period. A buyer's earlier purchase
// ends the window: only the events after their last non-cancelled order
// before the purchase count (they led to this purchase, not to that one;
// time-lag reports restart at each conversion alike), and after the
// AfterPurchase that follows it, whose events are still that order's. A buyer with no
// such visit is counted under "(none)". A source's conversion is its
// attributed buyers over the visitors who came from it in the period.
type Attribution struct {
	// Model is the attribution model. Defaults to [LastNonDirect].
	Model AttributionModel
	// Window is how far before the purchase a visit counts. Defaults to
	// [DefaultAttributionWindow] (30 days).
	Window time.Duration
	// Direct is the source value of direct visits, which LastNonDirect
	// passes over. Defaults to "direct".
	Direct string
	// AfterPurchase is how long the events after a buyer's earlier
	// purchase are still that purchase's (its confirmation pages, the
	// purchase events of its other items, logged seconds after the
	// order's time), not the next purchase's: the window starts after
	// it, unless the next purchase comes sooner, when it starts just
	// after the earlier purchase. Defaults to
	// [funnel.DefaultSessionGap] (30 minutes); since zero means the
	// default, the shortest is time.Nanosecond, which leaves the earlier
	// purchase only the events logged at its own time (to the
	// nanosecond): the nearest to no AfterPurchase at all.
	AfterPurchase time.Duration
}

func (a Attribution) window() time.Duration {
	if a.Window <= 0 {
		return DefaultAttributionWindow
	}
	return a.Window
}

func (a Attribution) afterPurchase() time.Duration {
	if a.AfterPurchase <= 0 {
		return funnel.DefaultSessionGap
	}
	return a.AfterPurchase
}

func (a Attribution) direct() string {
	if a.Direct == "" {
		return "direct"
	}
	return a.Direct
}

// validate reports every problem of a as *metrics.ConfigError values.
func (a Attribution) validate() error {
	var errs []error
	if a.Model > FirstTouch {
		errs = append(errs, &metrics.ConfigError{Pkg: "report", Field: "Config.Attribution.Model", Problem: fmt.Sprintf("unknown model %d", a.Model)})
	}
	if a.Window < 0 {
		errs = append(errs, &metrics.ConfigError{Pkg: "report", Field: "Config.Attribution.Window", Problem: "negative window " + a.Window.String()})
	}
	if a.AfterPurchase < 0 {
		errs = append(errs, &metrics.ConfigError{Pkg: "report", Field: "Config.Attribution.AfterPurchase", Problem: "negative duration " + a.AfterPurchase.String()})
	}
	return errors.Join(errs...)
}

// noSource labels visitors and buyers without a source.
const noSource = "(none)"

// touches is what a buyer's visits before their purchase say about their
// source.
type touches struct {
	first, lastNonDirect string
	direct               bool // a direct visit in the window
}

// attributor attributes each buyer of the period to one source, from the
// events streamed in time order per user.
type attributor struct {
	cfg      Attribution
	purchase map[string]time.Time // buyer → first purchase of the period
	// prior holds the last purchase in the window before the period (or
	// the AfterPurchase before it, which may reach into the window), in
	// Unix ns, by the customer's number in builder.firsts: numbers and
	// ns, not IDs and times, for the memory of a large store's review.
	prior map[int32]int64
	seen  map[string]*touches
}

// boughtBefore records an order by customer number n at t, in the window
// before the period or the AfterPurchase before it: an earlier purchase, where the window of the
// customer's purchase in the period, if any, starts (see [Attribution]).
func (a *attributor) boughtBefore(n int32, t time.Time) {
	if a.prior == nil {
		a.prior = make(map[int32]int64)
	}
	ns := t.UnixNano()
	if p, ok := a.prior[n]; !ok || ns > p {
		a.prior[n] = ns
	}
}

// windowStart returns the start of the window of the purchase at t of
// customer number n (ok false: unknown): Window before it, or, when the
// customer's last purchase before it is later, just after that
// purchase's AfterPurchase, or just after that purchase when t comes
// sooner. An event at the earlier purchase's very time, or at the end
// of its AfterPurchase, is that purchase's. So is one in the
// AfterPurchase of a purchase just before the window, which reaches
// into it.
func (a *attributor) windowStart(n int32, ok bool, t time.Time) time.Time {
	from := t.Add(-a.cfg.window())
	p, found := a.prior[n]
	if !ok || !found {
		return from
	}
	own := p // the last instant whose events are the earlier purchase's
	if d := int64(a.cfg.afterPurchase()); d < t.UnixNano()-p {
		own = p + d
	}
	if own >= from.UnixNano() {
		from = time.Unix(0, own+1).In(t.Location())
	}
	return from
}

// bought records an order of the period by customer at t.
func (a *attributor) bought(customer string, t time.Time) {
	if a.purchase == nil {
		a.purchase = make(map[string]time.Time)
	}
	if p, ok := a.purchase[customer]; !ok || t.Before(p) {
		a.purchase[customer] = t
	}
}

// buyerState is what the events say of one buyer of the period, in the
// look-back window before their purchase: their source (touches) and
// their first event, for the time to convert. The pass over events finds
// it by the user's number (userIndex.buyer), so that an event of a user
// who bought nothing in the period costs a slice read.
type buyerState struct {
	id       string    // the customer ID
	at, from time.Time // the purchase and the start of its window
	touches
	touched bool      // an event with a source in the window: touches is set
	first   time.Time // the first event in the window, if seen
	seen    bool
}

// visit adds an event of the buyer at t, within the window, with source
// (possibly none), for the attribution and the time to convert.
func (x *buyerState) visit(at time.Time, source, direct string) {
	if !x.seen || at.Before(x.first) {
		x.first, x.seen = at, true
	}
	if source == "" {
		return
	}
	x.touched = true
	if x.touches.first == "" {
		x.touches.first = source
	}
	if source == direct {
		x.direct = true
	} else {
		x.lastNonDirect = source
	}
}

// source returns the source a buyer is attributed to.
func (a *attributor) source(buyer string) string {
	x := a.seen[buyer]
	switch {
	case x == nil:
		return noSource
	case a.cfg.Model == FirstTouch:
		return x.first
	case x.lastNonDirect != "":
		return x.lastNonDirect
	}
	return a.cfg.direct()
}

// buyers returns the number of buyers attributed to each source.
func (a *attributor) buyers() map[string]int64 {
	out := make(map[string]int64)
	for buyer := range a.purchase {
		out[a.source(buyer)]++
	}
	return out
}
