package funnel

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Sentinel errors. Functions return typed errors that wrap one of these, so
// callers test the category with errors.Is and read the detail with
// errors.As. An invalid configuration is a *metrics.ConfigError (wrapping
// metrics.ErrConfig) and a Merge of counters set up differently a
// *metrics.MergeError (wrapping metrics.ErrIncompatible), as in every
// package of shopmetrics.
var (
	// ErrOutOfOrder: an event older than the previous event of its user
	// was given to a streaming accumulator ([Counter], [Traffic],
	// [CountSeq]), which needs each user's events in time order. Sort the
	// input with [SortEvents] first, or count a slice with [Count] or
	// [CountTraffic], which sort it.
	ErrOutOfOrder = errors.New("funnel: event out of time order")
	// ErrTimeRange: an event time outside the years 1678 to 2262, which
	// nanosecond Unix times cannot represent.
	ErrTimeRange = errors.New("funnel: event time out of range")
	// ErrNoSession: an event without the session ID property that the
	// session rule requires.
	ErrNoSession = errors.New("funnel: event has no session id")
	// ErrRepeatedProp: an event with a property key twice, which an
	// [Events] batch cannot hold ([Events.Append]; see [Event]).
	ErrRepeatedProp = errors.New("funnel: event has a property key twice")
	// ErrOverlap: two accumulators being merged share a user.
	ErrOverlap = errors.New("funnel: merged shards share a user")
	// ErrMismatch: two results of funnels with different steps were
	// compared ([Compare]).
	ErrMismatch = errors.New("funnel: funnels differ")
	// ErrCorrupt: data given to an UnmarshalBinary method
	// ([Counter.UnmarshalBinary], [Traffic.UnmarshalBinary]) that its
	// MarshalBinary did not write. The errors that wrap it wrap
	// metrics.ErrCorrupt too.
	ErrCorrupt = errors.New("funnel: corrupt binary data")
	// ErrNumbered: an accumulator that counts users by the caller's
	// numbers ([Traffic.AddNumbered], [Counter.AddNumbered]) was given a
	// user by ID, or asked to merge or encode its users, whose IDs it
	// does not hold; or one that counts users by ID was given a number.
	ErrNumbered = errors.New("funnel: users by number")
)

// numberedError returns the error of op on an accumulator whose users are
// keyed otherwise than op needs: by number when op needs IDs, or by ID
// when op gives a number.
func numberedError(op, why string) error {
	return fmt.Errorf("%w: %s: %s", ErrNumbered, op, why)
}

// configError returns the *metrics.ConfigError of field.
func configError(field, problem string) error {
	return &metrics.ConfigError{Pkg: "funnel", Field: field, Problem: problem}
}

// mergeError returns the *metrics.MergeError of a refused merge of typ.
func mergeError(typ, problem string) error {
	return &metrics.MergeError{Pkg: "funnel", Type: typ, Problem: problem}
}

// EventError is a problem with one event, naming its user. Err is
// [ErrOutOfOrder], [ErrTimeRange] or [ErrNoSession].
type EventError struct {
	UserID string
	Time   time.Time // the event's time
	Prev   time.Time // for ErrOutOfOrder, the time of the user's previous event
	Err    error
}

func (e *EventError) Error() string {
	switch e.Err {
	case ErrOutOfOrder:
		return fmt.Sprintf("funnel: user %q: event at %s is older than the previous event at %s: "+
			"stream each user's events in time order (sort them with funnel.SortEvents, or count a slice with funnel.Count "+
			"or, for traffic, funnel.CountTraffic, which sort it)",
			e.UserID, e.Time.Format(time.RFC3339Nano), e.Prev.In(e.Time.Location()).Format(time.RFC3339Nano))
	case ErrTimeRange:
		return fmt.Sprintf("funnel: user %q: event time %s out of range", e.UserID, e.Time.Format(time.RFC3339Nano))
	case ErrNoSession:
		return fmt.Sprintf("funnel: user %q: event at %s has no session id", e.UserID, e.Time.Format(time.RFC3339Nano))
	}
	return fmt.Sprintf("funnel: user %q: %v", e.UserID, e.Err)
}

// Unwrap returns the category, such as [ErrOutOfOrder].
func (e *EventError) Unwrap() error { return e.Err }

// OverlapError reports a user present in both accumulators of a merge,
// which refuses it: the shards of a merge must hold disjoint users.
//
// A refused [Counter.Merge] or [Traffic.Merge] returns an errors.Join of
// one *OverlapError for each of the first 100 shared users in sorted
// order and, if more users are shared, one more error that counts the
// rest ("funnel: merged shards share 199900 more users"), so that the
// error stays small however large the shards. Every one of them wraps
// [ErrOverlap] and metrics.ErrIncompatible.
type OverlapError struct {
	UserID string
}

func (e *OverlapError) Error() string {
	return fmt.Sprintf("funnel: merged shards share user %q", e.UserID)
}

// Unwrap returns [ErrOverlap] and metrics.ErrIncompatible, so that
// errors.Is(err, metrics.ErrIncompatible) finds every refused Merge.
func (e *OverlapError) Unwrap() []error { return []error{ErrOverlap, metrics.ErrIncompatible} }

// moreOverlapError counts the shared users past the first 100.
type moreOverlapError struct{ n int }

func (e *moreOverlapError) Error() string {
	return fmt.Sprintf("funnel: merged shards share %d more users", e.n)
}

func (e *moreOverlapError) Unwrap() []error { return []error{ErrOverlap, metrics.ErrIncompatible} }

// MismatchError reports two funnel results that cannot be compared.
type MismatchError struct {
	Msg string
}

func (e *MismatchError) Error() string { return "funnel: funnels differ: " + e.Msg }

// Unwrap returns [ErrMismatch].
func (e *MismatchError) Unwrap() error { return ErrMismatch }
