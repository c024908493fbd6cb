package report

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// CLV forecast settings of the customers section: a BG/NBD purchase model
// and a Gamma-Gamma spend model (package cohort/clv) fitted on weeks of the
// customers' statistics as of the period's last day (cohort.Ledger.Summary,
// the CDNOW conventions), a 52-week horizon, 1 % discounting per average
// calendar month, and the period's gross margin.
const (
	clvHorizon  = 52 * 7 * 24 * time.Hour
	clvDiscount = 0.01
	clvMonth    = time.Duration(365.25 / 12 * 24 * float64(time.Hour))
	clvAlive    = 0.5 // P(alive) from which a customer counts in the active base
)

// valueError is a forecast whose active base is known but whose value is
// not: a customer could not be valued, or the total is no amount.
type valueError struct{ err error }

func (e *valueError) Error() string { return e.err.Error() }
func (e *valueError) Unwrap() error { return e.err }

// forecast fits the models on the customers' statistics cs, in time units
// of unit, and returns the active base (P(alive) ≥ 50 %) and its predicted
// CLV in cur. It returns the error of a fit that does not converge, of a
// customer that cannot be valued (the total would silently leave them
// out) or of a total that is no amount.
func forecast(cs []clv.Customer, unit time.Duration, margin float64, cur money.Currency) (int64, money.Money, error) {
	// Refunds can leave a customer's repeat days with no positive spend
	// (a negative mean). Their purchases still count; their spend is
	// taken as zero, and the spend model is fitted on the others.
	cs = slices.Clone(cs)
	for i := range cs {
		cs[i].Monetary = max(cs[i].Monetary, 0)
	}
	grouped := clv.Group(cs)
	bg, _, err := clv.FitBGNBD(grouped, clv.FitConfig{})
	if err != nil {
		return 0, money.Money{}, fmt.Errorf("report: purchase model: %w", err)
	}
	spenders := make([]clv.Customer, 0, len(grouped))
	for _, c := range grouped {
		if c.X == 0 || c.Monetary > 0 {
			spenders = append(spenders, c)
		}
	}
	gg, _, err := clv.FitGammaGamma(spenders, clv.FitConfig{})
	if err != nil {
		return 0, money.Money{}, fmt.Errorf("report: spend model: %w", err)
	}
	cfg := clv.ValueConfig{TimeUnit: unit, Horizon: clvHorizon, DiscountPeriod: clvMonth, DiscountRate: clvDiscount, Margin: margin}
	var active int64
	var total float64
	var clvErr error // the first customer that cannot be valued: no total then
	for _, c := range cs {
		pa, err := bg.PAlive(c)
		if err != nil {
			return 0, money.Money{}, fmt.Errorf("report: P(alive) of a customer: %w", err)
		}
		if pa < clvAlive {
			continue
		}
		active++
		if c.X > 0 && c.Monetary <= 0 || clvErr != nil {
			continue
		}
		v, err := clv.CLV(bg, gg, c, cfg)
		if err != nil {
			clvErr = fmt.Errorf("report: CLV of a customer: %w", err)
			continue
		}
		total += v
	}
	if clvErr != nil {
		return active, money.Money{}, &valueError{clvErr}
	}
	m, err := clv.Money(total, cur)
	if err != nil {
		return active, money.Money{}, &valueError{fmt.Errorf("report: predicted CLV: %w", err)}
	}
	return active, m, nil
}
