package funnel

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MaxSteps is the largest number of steps a funnel may have, as in
// ClickHouse windowFunnel.
const MaxSteps = 32

// MaxExclusions is the largest number of exclusions a funnel may have.
const MaxExclusions = 32

// DefaultWindow is the conversion window used when [Config.Window] is zero.
const DefaultWindow = 24 * time.Hour

// DefaultSessionGap is the inactivity gap that ends a session when sessions
// are split by time ([SessionRule.Gap]).
const DefaultSessionGap = 30 * time.Minute

// Step is one step of a funnel. An event matches the step if Match reports
// true for it or, when Match is nil, if its name equals Name.
//
// An event may match several steps (two steps with the same name, or
// overlapping predicates); it then counts for each of them, as in
// ClickHouse.
type Step struct {
	// Name is the event name the step matches and the step's label in
	// results. It must not be empty.
	Name string
	// Match, if not nil, decides whether an event matches the step instead
	// of comparing names. It must be a pure function of the event.
	Match func(Event) bool
}

// Exclusion disqualifies a chain that is between two steps: an exclusion
// event that occurs after the chain reached step From and before it reached
// step To ends that chain. Steps are numbered from 1.
type Exclusion struct {
	// Name is the event name of the exclusion event.
	Name string
	// Match, if not nil, decides whether an event is an exclusion event
	// instead of comparing names.
	Match func(Event) bool
	// From and To are the steps (1-based, From < To) between which the
	// exclusion event disqualifies a chain.
	From, To int
}

// Mode selects the ClickHouse windowFunnel mode flags. The zero Mode is the
// default mode. Modes combine with |.
type Mode uint8

const (
	// StrictIncrease is ClickHouse 'strict_increase': a step must be
	// strictly later than the step before it in the chain; equal timestamps
	// do not advance a chain.
	StrictIncrease Mode = 1 << iota
	// StrictOrder is ClickHouse 'strict_order': once the first step-1 event
	// has been seen, an event that matches no step, or an event of a step
	// whose previous step no chain has reached, stops the evaluation: the
	// unit keeps the level it has reached so far.
	StrictOrder
	// StrictDeduplication is ClickHouse 'strict_deduplication': an event of
	// step k ≥ 2 that a chain has already reached stops the evaluation; the
	// unit keeps the level it has reached so far.
	StrictDeduplication
	// AllowReentry is ClickHouse 'allow_reentry' and requires StrictOrder:
	// an event of a step whose previous step no chain has reached is
	// ignored instead of stopping the evaluation.
	AllowReentry
)

// String returns the ClickHouse names of the flags joined by ",", or
// "default" for the zero Mode.
func (m Mode) String() string {
	if m == 0 {
		return "default"
	}
	var parts []string
	for _, f := range []struct {
		m    Mode
		name string
	}{
		{StrictIncrease, "strict_increase"},
		{StrictOrder, "strict_order"},
		{StrictDeduplication, "strict_deduplication"},
		{AllowReentry, "allow_reentry"},
	} {
		if m&f.m != 0 {
			parts = append(parts, f.name)
			m &^= f.m
		}
	}
	if m != 0 {
		parts = append(parts, fmt.Sprintf("Mode(%#x)", uint8(m)))
	}
	return strings.Join(parts, ",")
}

// Unit is what a funnel counts: users or sessions.
type Unit uint8

const (
	// PerUser counts users: all events of a user form one sequence.
	PerUser Unit = iota
	// PerSession counts sessions: each session of a user is a separate
	// sequence, so all steps of a chain lie in one session.
	PerSession
)

// String returns "users" or "sessions".
func (u Unit) String() string {
	if u == PerSession {
		return "sessions"
	}
	return "users"
}

// Attribution says which event of a unit's deepest chain gives its
// breakdown value.
type Attribution uint8

const (
	// FirstTouch attributes a unit to the property value of the step-1
	// event of its deepest chain.
	FirstTouch Attribution = iota
	// LastTouch attributes a unit to the property value of the event that
	// took its deepest chain to its deepest step.
	LastTouch
)

// String returns "first touch" or "last touch".
func (a Attribution) String() string {
	if a == LastTouch {
		return "last touch"
	}
	return "first touch"
}

// DefaultEngagedAfter is the time after which a session is engaged under
// [BounceNotEngaged] when [SessionRule.EngagedAfter] is zero: GA4's 10
// seconds.
const DefaultEngagedAfter = 10 * time.Second

// BounceRule says which sessions [Traffic] counts as bounces (跳出).
type BounceRule uint8

const (
	// BounceOnePage counts a session as a bounce when it has exactly one
	// page view and no purchase (Taobao's 跳失率: the visitor saw one page
	// and left). A one-page session that ends in a purchase is not a
	// bounce: the visitor did not leave.
	BounceOnePage BounceRule = iota
	// BounceNotEngaged counts a session as a bounce when it is not engaged
	// (GA4): an engaged session has a purchase, a second page view, or
	// lasts at least [SessionRule.EngagedAfter] (10 seconds by default)
	// from its first to its last event. Bounce rate = 1 − engaged share.
	BounceNotEngaged
)

// String returns "one page" or "not engaged".
func (r BounceRule) String() string {
	if r == BounceNotEngaged {
		return "not engaged"
	}
	return "one page"
}

// SessionRule says how a user's events are grouped into sessions, and
// which sessions [Traffic] counts as bounces.
//
// # Session scope
//
// A session belongs to one user. A tracker's session ID is scoped per
// user: the same ID under two users is two sessions (trackers such as
// GA4's ga_session_id number sessions per client, so IDs repeat across
// users). Sessions found by gaps are per user by construction. Neither
// kind of session spans users, so the sessions of disjoint sets of users
// add up.
type SessionRule struct {
	// Key is the event property that holds the tracker's session ID, such
	// as [PropSession]. Defaults to "": sessions are then found by splitting
	// each user's events where the gap between two consecutive events
	// exceeds Gap. When Key is set, every event must carry it. The ID is
	// scoped per user (see Session scope above).
	Key string
	// Gap is the inactivity gap that ends a session when Key is "": a gap
	// strictly greater than Gap starts a new session. Defaults to
	// [DefaultSessionGap] (30 minutes).
	Gap time.Duration
	// Bounce says which sessions are bounces; only [Traffic] uses it.
	// Defaults to [BounceOnePage]: exactly one page view and no purchase.
	Bounce BounceRule
	// EngagedAfter is the session length (first to last event) from which
	// a session is engaged under [BounceNotEngaged]. Defaults to
	// [DefaultEngagedAfter] (10 seconds, GA4's).
	EngagedAfter time.Duration
}

func (r SessionRule) engagedAfter() time.Duration {
	if r.EngagedAfter <= 0 {
		return DefaultEngagedAfter
	}
	return r.EngagedAfter
}

func (r SessionRule) gap() time.Duration {
	if r.Gap <= 0 {
		return DefaultSessionGap
	}
	return r.Gap
}

// Config defines a funnel: its steps and how chains of steps are matched.
// The zero value of every field but Steps means its default.
type Config struct {
	// Steps are the funnel's steps in order, 2 to [MaxSteps].
	Steps []Step
	// Window is the conversion window, measured from the step-1 event that
	// starts a chain; the bound is inclusive: a step at exactly start +
	// Window counts. Defaults to [DefaultWindow] (24 hours); since zero
	// means the default, the tightest window is time.Nanosecond.
	Window time.Duration
	// Mode holds the ClickHouse mode flags. Defaults to the default mode.
	Mode Mode
	// FirstEntryOnly lets only the unit's first step-1 event start a chain
	// (Amplitude-style funnels); later step-1 events are ignored. Defaults
	// to false: any step-1 event starts a chain (ClickHouse).
	FirstEntryOnly bool
	// Exclusions disqualify chains that see an exclusion event between two
	// steps. Defaults to none. At most [MaxExclusions].
	Exclusions []Exclusion
	// Unit says whether users or sessions are counted. Defaults to
	// [PerUser].
	Unit Unit
	// Sessions says how sessions are found when Unit is [PerSession].
	// Defaults to splitting by a 30-minute gap.
	Sessions SessionRule
	// Breakdown is the event property (such as [PropSource] or
	// [PropDevice]) by which results are broken down. Defaults to "": no
	// breakdown.
	Breakdown string
	// Attribution says which event gives a unit's breakdown value.
	// Defaults to [FirstTouch].
	Attribution Attribution
}

func (c Config) window() int64 {
	if c.Window == 0 {
		return int64(DefaultWindow)
	}
	return int64(c.Window)
}

// Validate reports every problem with the configuration at once, joined
// with errors.Join: each is a *metrics.ConfigError naming the field (such
// as "Config.Steps[2].Name"), which wraps metrics.ErrConfig.
func (c Config) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, configError(field, fmt.Sprintf(format, args...)))
	}
	if n := len(c.Steps); n < 2 || n > MaxSteps {
		bad("Config.Steps", "funnel has %d steps, want 2 to %d", n, MaxSteps)
	}
	for i, s := range c.Steps {
		if s.Name == "" {
			bad("Config.Steps["+strconv.Itoa(i)+"].Name", "step %d has no name", i+1)
		}
	}
	if c.Window < 0 {
		bad("Config.Window", "negative window %v", c.Window)
	}
	if c.Mode&^(StrictIncrease|StrictOrder|StrictDeduplication|AllowReentry) != 0 {
		bad("Config.Mode", "unknown mode flags %#x", uint8(c.Mode))
	}
	if c.Mode&AllowReentry != 0 && c.Mode&StrictOrder == 0 {
		bad("Config.Mode", "allow_reentry requires strict_order")
	}
	if len(c.Exclusions) > MaxExclusions {
		bad("Config.Exclusions", "%d exclusions, want at most %d", len(c.Exclusions), MaxExclusions)
	}
	for i, x := range c.Exclusions {
		if x.Name == "" && x.Match == nil {
			bad("Config.Exclusions["+strconv.Itoa(i)+"].Name", "exclusion %d has neither a name nor a predicate", i+1)
		}
		if x.From < 1 || x.To > len(c.Steps) || x.From >= x.To {
			bad("Config.Exclusions["+strconv.Itoa(i)+"].From", "exclusion %d is between steps %d and %d, want 1 ≤ from < to ≤ %d", i+1, x.From, x.To, len(c.Steps))
		}
	}
	if c.Unit > PerSession {
		bad("Config.Unit", "unknown unit %d", c.Unit)
	}
	if c.Sessions.Gap < 0 {
		bad("Config.Sessions.Gap", "negative session gap %v", c.Sessions.Gap)
	}
	if c.Sessions.Bounce > BounceNotEngaged {
		bad("Config.Sessions.Bounce", "unknown bounce rule %d", c.Sessions.Bounce)
	}
	if c.Sessions.EngagedAfter < 0 {
		bad("Config.Sessions.EngagedAfter", "negative engagement time %v", c.Sessions.EngagedAfter)
	}
	if c.Attribution > LastTouch {
		bad("Config.Attribution", "unknown attribution %d", c.Attribution)
	}
	return errors.Join(errs...)
}
