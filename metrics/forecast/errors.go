package forecast

import (
	"errors"
	"fmt"
	"time"
)

// ErrTooShort is the category of the errors of a history too short to
// forecast from.
var ErrTooShort = errors.New("forecast: history too short")

// ShortError reports a history too short to fit the model.
type ShortError struct {
	Have, Need int       // steps usable (outside event and missing days) and needed
	Frequency  Frequency // of the series
}

func (e *ShortError) Error() string {
	return fmt.Sprintf("forecast: %d %s steps of history outside event and missing days, the model needs %d", e.Have, e.Frequency, e.Need)
}

// Unwrap returns ErrTooShort.
func (e *ShortError) Unwrap() error { return ErrTooShort }

// ValueError reports a value of a series that is NaN or infinite.
type ValueError struct {
	Index int       // the step
	At    time.Time // its start
	Value float64
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("forecast: step %d (%s) is %v", e.Index, e.At.Format(time.DateOnly), e.Value)
}

// ErrSingular reports a fit whose design matrix has no full rank (a
// weekday every occurrence of which is an event day, say).
var ErrSingular = errors.New("forecast: the regression has no unique fit")

// SpanError reports a backtest span outside the series or with no data
// before it, one whose days hold a missing day, or one that [Predict]
// could not forecast from the steps before it (Err).
type SpanError struct {
	Span Span
	Len  int // of the series
	// Missing is the span's first missing day ([Config].Missing); zero
	// when the span does not fit the series.
	Missing time.Time
	// Err is Predict's error for the span's history, such as a
	// *[ShortError]; nil for a span that does not fit or reads a missing
	// day.
	Err error
}

func (e *SpanError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("forecast: span of %d steps at step %d: %v", e.Span.Len, e.Span.Start, e.Err)
	}
	if !e.Missing.IsZero() {
		return fmt.Sprintf("forecast: span of %d steps at step %d reads a missing day, %s", e.Span.Len, e.Span.Start, e.Missing.Format(time.DateOnly))
	}
	return fmt.Sprintf("forecast: span of %d steps at step %d does not fit a series of %d steps with history before it", e.Span.Len, e.Span.Start, e.Len)
}

// Unwrap returns Err.
func (e *SpanError) Unwrap() error { return e.Err }
