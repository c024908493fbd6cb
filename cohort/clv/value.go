package clv

import (
	"math"
	"time"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// PurchaseModel is a fitted transaction model that can forecast a
// customer's purchases: [BGNBD], [ParetoNBD] and [BGBB] implement it.
type PurchaseModel interface {
	// ConditionalExpectedPurchases returns the expected purchases in the
	// next t model time units of a customer with history c.
	ConditionalExpectedPurchases(c Customer, t float64) (float64, error)
	// PAlive returns the probability that the customer is still active.
	PAlive(c Customer) (float64, error)
}

// ValueConfig states the time units of a CLV forecast. Models know nothing
// about calendars: a BG/NBD fitted on weeks has α in weeks. ValueConfig
// makes the unit of the model, the horizon and the discounting period
// explicit durations, so that weekly and daily fits of the same data give
// the same CLV and no 30-day month is assumed silently.
//
// TimeUnit and Horizon are required; [CLV] returns a *metrics.ConfigError
// when either is zero.
type ValueConfig struct {
	// TimeUnit is the length of one model time unit: 7×24h for a model
	// fitted on weeks, 24h for days. Required.
	TimeUnit time.Duration
	// Horizon is the length of the forecast, such as 52 weeks. Required.
	Horizon time.Duration
	// DiscountPeriod is the period DiscountRate applies to; purchases
	// expected in the k-th period are discounted by (1+DiscountRate)^k
	// (end-of-period discounting, as lifetimes does). A month is not a
	// fixed duration, so say which: 30×24h, or 365.25/12 days. The last
	// period may be partial. Defaults to TimeUnit.
	DiscountPeriod time.Duration
	// DiscountRate is the discount rate per DiscountPeriod, such as 0.01
	// for 1% a month. Defaults to 0 (no discounting).
	DiscountRate float64
	// Margin is the fraction of spend kept as profit, in (0, 1]. Defaults
	// to 1, which values revenue.
	Margin float64
}

// maxDiscountPeriods bounds the discount periods of a forecast, each of
// which costs a prediction.
const maxDiscountPeriods = 100_000

func (cfg ValueConfig) check() error {
	var errs []error
	if cfg.TimeUnit <= 0 {
		errs = append(errs, configError("ValueConfig.TimeUnit", "must be positive (the model's unit, such as a week), got %v", cfg.TimeUnit))
	}
	if cfg.Horizon <= 0 {
		errs = append(errs, configError("ValueConfig.Horizon", "must be positive, got %v", cfg.Horizon))
	}
	if cfg.DiscountPeriod < 0 {
		errs = append(errs, configError("ValueConfig.DiscountPeriod", "must not be negative, got %v", cfg.DiscountPeriod))
	}
	if !finite(cfg.DiscountRate) || cfg.DiscountRate <= -1 {
		errs = append(errs, configError("ValueConfig.DiscountRate", "must be finite and above -1, got %v", cfg.DiscountRate))
	}
	if !finite(cfg.Margin) || cfg.Margin < 0 || cfg.Margin > 1 {
		errs = append(errs, configError("ValueConfig.Margin", "must be in (0, 1], got %v", cfg.Margin))
	}
	if cfg.TimeUnit > 0 && cfg.Horizon > 0 && cfg.DiscountPeriod >= 0 {
		p := cfg.DiscountPeriod
		if p == 0 {
			p = cfg.TimeUnit
		}
		if n := cfg.Horizon / p; n >= maxDiscountPeriods {
			errs = append(errs, configError("ValueConfig.DiscountPeriod", "%v gives %d periods over the horizon %v, more than %d", p, n, cfg.Horizon, maxDiscountPeriods))
		}
	}
	return joinErrs(errs)
}

// DiscountedPurchases returns the discounted expected purchases of a
// customer over the horizon:
//
//	Σ_{k=1..K} (E[Y(t_k)] − E[Y(t_{k−1})]) / (1+d)^k,
//
// where t_k = min(k·DiscountPeriod, Horizon) in model units and K =
// ⌈Horizon/DiscountPeriod⌉. Multiplied by expected spend and margin it is
// the CLV. Errors are those of [CLV]; those of the model's
// ConditionalExpectedPurchases are returned as they are.
func DiscountedPurchases(m PurchaseModel, c Customer, cfg ValueConfig) (float64, error) {
	if err := cfg.check(); err != nil {
		return 0, err
	}
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	return discounted(cfg, func(t float64) (float64, error) { return m.ConditionalExpectedPurchases(c, t) })
}

// discounted is [DiscountedPurchases] of a checked cfg, with e(t) the
// conditional expected purchases over t model time units: [Intervals]
// gives an e that shares the work of the K forecasts.
func discounted(cfg ValueConfig, e func(t float64) (float64, error)) (float64, error) {
	p := cfg.DiscountPeriod
	if p == 0 {
		p = cfg.TimeUnit
	}
	unit := float64(cfg.TimeUnit)
	n := cfg.Horizon / p
	if cfg.Horizon%p != 0 {
		n++
	}
	ld := math.Log1p(cfg.DiscountRate)
	v, prev := 0.0, 0.0
	for k := time.Duration(1); k <= n; k++ {
		end := min(k*p, cfg.Horizon)
		e, err := e(float64(end) / unit)
		if err != nil {
			return 0, err
		}
		v += (e - prev) * math.Exp(-float64(k)*ld)
		prev = e
	}
	return clamp0(v), nil
}

// CLV returns a customer's expected lifetime value over the horizon: the
// discounted expected purchases ([DiscountedPurchases]) times the
// Gamma-Gamma expected spend per purchase ([GammaGamma.ExpectedSpend])
// times the margin. It is a float64 statistic in the currency units of
// Customer.Monetary; convert it for reporting with [Money].
//
// It returns a *metrics.ConfigError per invalid [ValueConfig] field
// (joined), a *[CustomerError] for an invalid customer, the errors of the
// models' predictions, and an *[UndefinedError] if the expected spend does
// not exist for this customer (q ≤ 1 and x = 0).
func CLV(purchases PurchaseModel, spend GammaGamma, c Customer, cfg ValueConfig) (float64, error) {
	dp, err := DiscountedPurchases(purchases, c, cfg)
	if err != nil {
		return 0, err
	}
	s, err := spend.ExpectedSpend(c)
	if err != nil {
		return 0, err
	}
	margin := cfg.Margin
	if margin == 0 {
		margin = 1
	}
	return product("CLV", "value", dp, s, margin)
}

// Money converts a CLV statistic to an amount of cur, rounded half-even to
// the currency's minor units. The float64 is converted through its
// shortest decimal representation, so 12.345 becomes CNY 12.34 and
// 12.355 becomes CNY 12.36. It returns an *[UndefinedError] for a
// non-finite value and the money package's error if the amount is out of
// range.
func Money(v float64, cur money.Currency) (money.Money, error) {
	if !finite(v) {
		return money.Money{}, undefined("CLV", "amount", "value %v is not finite", v)
	}
	m, err := cur.FromDecimal(decimal.NewFromFloat(v))
	if err != nil {
		return money.Money{}, err
	}
	return m.Round(money.RoundHalfEven), nil
}
