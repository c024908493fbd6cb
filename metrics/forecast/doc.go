// Package forecast forecasts the total of the next period of a daily or
// weekly series (net sales, orders, visitors) with a prediction interval,
// and measures a forecaster by a rolling-origin backtest.
//
// # The model
//
// [Predict] fits a seasonal regression to the last [Config].Window steps
// of a [Series]:
//
//	y_t = a + b·t + Σ weekday dummies (daily series) + c·year-ago_t + e_t
//
// by weighted least squares (gonum's QR), the weights decaying with age
// (half-life [Config].HalfLife) so that the level and the trend are local,
// and made robust by iteratively reweighted least squares with Huber's
// weights (k = 1.345 robust standard deviations, the scale a MAD), so that
// a promotion day nobody marked does not poison the weekday effects. Days
// the caller marks in [Config].Events are left out of the fit altogether,
// and so are the days marked in [Config].Missing, which the data do not
// cover (an export that lost a month reads as a month of zeros): they
// are left out of the year-ago term and of the holiday lifts' levels
// too, and a backtest does not score a period that holds one (nor the
// naive forecast of a period whose baseline does).
// The trend is damped when it is extrapolated: step h ahead adds
// b·(φ + φ² + … + φʰ), φ = [Config].Damping.
//
// The annual term c·year-ago_t enters only when the history holds a year
// before the whole fitting window: for a daily series, the 7-day centred
// mean around the same calendar date a year earlier (event days left
// out); for a weekly series, the value 52 weeks earlier, so that
// holiday weeks carry over.
//
// Holidays: a future day the caller marks as an event whose same date a
// year before was marked too (11.11, 12.12) gets that day's lift: its
// actual over the mean of the 28 days around it, on the point and on the
// error's spread. An event without such a precedent gets no lift, and its
// error shows in the interval only as much as the history's errors do.
// Unmarked days are not taken for holidays: a store's daily sales reach
// twice their level by chance too often (see [Config].Events).
//
// The model is a float model: amounts of money go in as floats and a
// caller converts the forecast back to exact money, rounded to the minor
// unit (report does so); it is a statistic, not an amount.
//
// # The interval
//
// The prediction interval of the period's total is analytic and Gaussian:
// the variance of the sum of the H step errors is σ²·Σₐ Σᵦ ρ(|a−b|), ρ(k)
// the autocorrelations of the (Huber-clipped) residuals up to lag
// L = min(rows/4, 35) with Bartlett's taper 1 − k/(L+1) (the Newey–West
// long-run variance), 0 beyond; to it adds the variance of the summed
// mean forecast from the sandwich covariance of the weighted fit,
// inflated by (1+ρ₁)/(1−ρ₁) for a positive lag-1 autocorrelation ρ₁
// (clamped to [−0.5, 0.95]). σ² is the age-weighted mean square
// of the unclipped residuals with a degrees-of-freedom correction. When
// every value of the history is non-negative, the interval's low end is
// clipped at 0.
//
// # Minimum history
//
// A daily series needs [MinDaily] steps (four weeks) outside the event
// days, a weekly one [MinWeekly]; with less, Predict returns a
// *[ShortError] (errors.Is [ErrTooShort]) and no forecast.
//
// # Backtest
//
// [RunBacktest] forecasts each of a list of periods ([Span]s; [Months] gives
// the last k calendar months of a daily series) from the data before it
// alone, and reports MAPE, sMAPE, MASE and the empirical coverage of the
// interval, for the model and for a seasonal-naive baseline (the same
// weekdays just before the period, or the same week a year before).
package forecast
