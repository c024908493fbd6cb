package market

import (
	"errors"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// ErrInvalid is the category of the errors of an invalid [Price].
var ErrInvalid = errors.New("market: invalid competitor price")

// ErrNoPeriod is returned by a [Tracker] whose Period is zero.
var ErrNoPeriod = errors.New("market: the tracker has no period")

// Price is one observation of a competitor's price of one of our SKUs on
// one day.
type Price struct {
	SKU        string    // our SKU the competitor's product is matched to
	Competitor string    // the competitor's name, such as "JD"
	Day        time.Time // the day observed: its midnight in the store's time zone
	// Price is the competitor's shelf price of one unit that day, after
	// the competitor's own promotion if it ran one; positive.
	Price money.Money
	// Promotion reports that the competitor ran a promotion on the SKU
	// that day.
	Promotion bool
}

// PriceError is one problem of a [Price], located by its SKU, competitor
// and day. It wraps [ErrInvalid], or money.ErrCurrencyMismatch for a
// price in another currency than the tracker's.
type PriceError struct {
	SKU        string
	Competitor string
	Day        time.Time
	Field      string // "SKU", "Competitor", "Day" or "Price"
	Problem    string // such as "not positive"
	Err        error  // the category: ErrInvalid unless said
}

// Error returns "market: price of SKU at competitor on day: field problem".
func (e *PriceError) Error() string {
	var b strings.Builder
	b.WriteString("market: price of ")
	b.WriteString(quoteOrNone(e.SKU))
	b.WriteString(" at ")
	b.WriteString(quoteOrNone(e.Competitor))
	if !e.Day.IsZero() {
		b.WriteString(" on " + e.Day.Format(time.DateOnly))
	}
	b.WriteString(": " + e.Field + " " + e.Problem)
	return b.String()
}

// Unwrap returns the category of the problem.
func (e *PriceError) Unwrap() error {
	if e.Err == nil {
		return ErrInvalid
	}
	return e.Err
}

func quoteOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return `"` + s + `"`
}

// Validate reports every problem of p at once, as *[PriceError] values
// joined with errors.Join: an empty SKU or competitor, a zero day, a price
// without a currency, or a price that is not positive. It returns nil for
// a valid observation.
func (p Price) Validate() error {
	var errs []error
	bad := func(field, problem string) {
		errs = append(errs, &PriceError{SKU: p.SKU, Competitor: p.Competitor, Day: p.Day, Field: field, Problem: problem})
	}
	if p.SKU == "" {
		bad("SKU", "empty")
	}
	if p.Competitor == "" {
		bad("Competitor", "empty")
	}
	if p.Day.IsZero() {
		bad("Day", "missing")
	}
	switch {
	case p.Price.Currency().IsZero():
		bad("Price", "has no currency")
	case !p.Price.IsPositive():
		bad("Price", "not positive: "+p.Price.String())
	}
	return errors.Join(errs...)
}
