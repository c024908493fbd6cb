package clv

import (
	"errors"
	"fmt"
)

// Forecast is one customer's probability of being alive and expected
// purchases over a horizon, as [Forecasts] returns them.
type Forecast struct {
	PAlive    float64 // P(alive) at the end of the calibration period
	Purchases float64 // expected purchases over the horizon
}

// Forecasts returns m's P(alive) and expected purchases over the next t
// model time units for every customer, in input order. Each distinct
// (X, Tx, T) is computed once, which is what makes a million customers
// cheap: at day resolution they have a few hundred thousand distinct
// histories, and all non-repeaters acquired on one day share one.
//
// It reports every problem at once (errors.Join), one per distinct history
// that fails, each naming the first customer with it: a *[CustomerError]
// for an invalid customer, or the model's error (a *metrics.ConfigError for
// invalid parameters or t, an *[UndefinedError]) wrapped with the
// customer's index and ID. The result is nil if anything fails.
func Forecasts(m PurchaseModel, customers []Customer, t float64) ([]Forecast, error) {
	type key struct{ x, tx, t float64 }
	type entry struct {
		f     Forecast
		err   error
		first int
	}
	memo := make(map[key]*entry)
	out := make([]Forecast, len(customers))
	var errs []error
	for i, c := range customers {
		k := key{c.X, c.Tx, c.T}
		e, ok := memo[k]
		if !ok {
			e = &entry{first: i}
			memo[k] = e
			e.f.PAlive, e.err = m.PAlive(c)
			if e.err == nil {
				e.f.Purchases, e.err = m.ConditionalExpectedPurchases(c, t)
			}
			if e.err != nil {
				var ce *CustomerError
				if errors.As(e.err, &ce) {
					errs = append(errs, &CustomerError{Index: i, ID: c.ID, Reason: ce.Reason})
				} else {
					errs = append(errs, fmt.Errorf("clv: customer %d (id %q): %w", i, c.ID, e.err))
				}
			}
		}
		out[i] = e.f
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}
