package funnel

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors. Functions return typed errors that wrap one of these, so
// callers test the category with errors.Is and read the detail with
// errors.As.
var (
	// ErrConfig: an invalid funnel configuration.
	ErrConfig = errors.New("funnel: invalid config")
	// ErrOutOfOrder: an event older than the previous event of its user
	// was given to a streaming accumulator.
	ErrOutOfOrder = errors.New("funnel: event out of time order")
	// ErrTimeRange: an event time outside the years 1678 to 2262, which
	// nanosecond Unix times cannot represent.
	ErrTimeRange = errors.New("funnel: event time out of range")
	// ErrNoSession: an event without the session ID property that the
	// session rule requires.
	ErrNoSession = errors.New("funnel: event has no session id")
	// ErrOverlap: two accumulators being merged share a user.
	ErrOverlap = errors.New("funnel: merged shards share a user")
	// ErrMismatch: two funnels with different steps were compared or
	// merged.
	ErrMismatch = errors.New("funnel: funnels differ")
)

// ConfigError is one problem with a [Config].
type ConfigError struct {
	Msg string
}

func (e *ConfigError) Error() string { return "funnel: invalid config: " + e.Msg }

// Unwrap returns [ErrConfig].
func (e *ConfigError) Unwrap() error { return ErrConfig }

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
		return fmt.Sprintf("funnel: user %q: event at %s is older than the previous event at %s",
			e.UserID, e.Time.Format(time.RFC3339Nano), e.Prev.Format(time.RFC3339Nano))
	case ErrTimeRange:
		return fmt.Sprintf("funnel: user %q: event time %s out of range", e.UserID, e.Time.Format(time.RFC3339Nano))
	case ErrNoSession:
		return fmt.Sprintf("funnel: user %q: event at %s has no session id", e.UserID, e.Time.Format(time.RFC3339Nano))
	}
	return fmt.Sprintf("funnel: user %q: %v", e.UserID, e.Err)
}

// Unwrap returns the category, such as [ErrOutOfOrder].
func (e *EventError) Unwrap() error { return e.Err }

// OverlapError reports a user present in both accumulators of a merge.
type OverlapError struct {
	UserID string
}

func (e *OverlapError) Error() string {
	return fmt.Sprintf("funnel: merged shards share user %q", e.UserID)
}

// Unwrap returns [ErrOverlap].
func (e *OverlapError) Unwrap() error { return ErrOverlap }

// MismatchError reports two funnels that cannot be compared or merged.
type MismatchError struct {
	Msg string
}

func (e *MismatchError) Error() string { return "funnel: funnels differ: " + e.Msg }

// Unwrap returns [ErrMismatch].
func (e *MismatchError) Unwrap() error { return ErrMismatch }
