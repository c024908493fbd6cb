// Package clv forecasts customer behaviour and customer lifetime value with
// the probabilistic "buy till you die" models of Fader, Hardie and
// colleagues, which the marketing-science literature and the Python and R
// libraries (lifetimes, BTYD, CLVTools) use as the standard.
//
// # Input
//
// Each model reads a [Customer]: x repeat purchases, the recency t_x and
// the age T, in a time unit the caller chooses and states (weeks for the
// published CDNOW fits). [Group] collapses identical rows into weighted
// ones, which is lossless and makes a fit cost one likelihood term per
// distinct row. [Validate] reports every invalid row at once.
// [FromSummary] builds the customers from orders, through the cohort
// package's ledger: cohort.Ledger.Summary computes x, t_x, T and the mean
// repeat spend exactly as the CDNOW benchmark defines them.
//
// A [Grouper] groups customers as they stream and merges with the
// Groupers of other shards; [Grouper.MarshalBinary] encodes it (about 18
// bytes per customer of the two-year demo store, 23 per distinct row) so
// that shards grouped on other machines merge into one, and
// [Grouper.UnmarshalBinary] refuses anything else with an error wrapping
// metrics.ErrCorrupt, never panicking.
//
// # Models
//
//   - [BGNBD]: the BG/NBD of Fader, Hardie and Lee (2005), fitted by
//     [FitBGNBD]: continuous-time purchases, dropout after a purchase.
//   - [MBGNBD]: the modified BG/NBD of Batislam et al. (2007), fitted by
//     [FitMBGNBD], which lets customers drop out at their first purchase.
//   - [ParetoNBD]: the Pareto/NBD of Schmittlein, Morrison and Colombo
//     (1987), fitted by [FitParetoNBD], with the Gaussian hypergeometric
//     function summed where its series converges fast and transformed to
//     1 − z near z = 1.
//   - [GammaGamma]: the spend model of Fader, Hardie and Lee (2005), fitted
//     by [FitGammaGamma] on the mean repeat spend.
//   - [BGBB]: the discrete-time BG/BB of Fader, Hardie and Shang (2010),
//     fitted by [FitBGBB], for transactions at fixed opportunities.
//   - [SBG]: the shifted-beta-geometric model of Fader and Hardie (2007),
//     fitted by [FitSBG] on a cohort's survivor counts, for contractual
//     (subscription) customers whose churn is observed at each renewal.
//
// Fits maximise the log-likelihood on log-parameters with gonum's BFGS and
// analytic gradients (numerical for the BG/BB), evaluate every likelihood
// in log space (math.Lgamma, log-sum-exp), accept weights and an optional
// ridge penalty ([FitConfig]) and report the log-likelihood with its
// constant terms, convergence status and standard errors ([FitInfo]) from
// central differences of the gradient, which do not depend on how the
// rows are grouped. A fit that does not converge returns a *[FitError]
// together with the best finite estimate; parameters are never NaN. On one
// core, a million day-resolution customers fit in seconds
// (BenchmarkFit1M).
//
// # Predictions
//
// Transaction models predict purchases of a new customer
// ([BGNBD.ExpectedPurchases]), conditional purchases of a customer with a
// history ([BGNBD.ConditionalExpectedPurchases]), the probability that a
// customer is still active ([BGNBD.PAlive]) and the distribution of
// purchase counts ([BGNBD.PurchaseProbability], [ParetoNBD.PurchaseProbability],
// [BGBB.PurchaseProbability]). [GammaGamma.ExpectedSpend]
// forecasts the mean value of a customer's future transactions.
// [Forecasts] gives P(alive) and expected purchases for a whole customer
// base, computing each distinct history once: a million customers take
// about a second (BenchmarkPredict1M).
//
// # Contractual customers
//
// [SBG] gives a cohort's survival [SBG.Survival], its retention rates
// [SBG.Retention], which rise with tenure as the customers most likely to
// churn leave first, and the churn distribution [SBG.ChurnProbability].
// [SBG.DEL] and [SBG.DERL] are the discounted expected lifetime of a new
// customer and the discounted expected residual lifetime of one who has
// renewed n times (Fader and Hardie 2010), closed forms in the Gaussian
// hypergeometric function; multiplied by a margin per period they give the
// expected CLV at acquisition and the residual value of an existing
// customer.
//
// # Customer lifetime value
//
// [CLV] multiplies discounted expected purchases ([DiscountedPurchases]) by
// the expected spend and a margin. [ValueConfig] makes every time unit
// explicit: the model's unit (a week, a day), the horizon and the
// discounting period are durations, so a weekly and a daily fit of the
// same data give the same CLV and no 30-day month is assumed. CLV is a
// float64 statistic; [Money] rounds it half-even into a money.Money for
// reporting.
//
// # Checking a fit and choosing a model
//
// A [Split] holds the customers' histories up to a cutoff date and their
// purchases after it ([SplitFromSummary] takes it from a cohort.Summary
// with a calibration and a holdout end). [Evaluate] scores a model fitted
// on the calibration period against the holdout: MAE and RMSE of the
// per-customer forecast, total and cumulative tracking error, and the
// table by calibration frequency ([HoldoutByFrequency], FHL 2005 Figure
// 4). [ExpectedCumulative] gives the cumulative repeat purchases of a
// cohort over time for a tracking plot, and [NewGrid] P(alive) and
// expected purchases over a frequency × recency grid.
//
// [Choose] fits the BG/NBD, the MBG/NBD and the Pareto/NBD and recommends
// one with its reasons: by the lowest holdout RMSE when the data span at
// least three holdout lengths ([ChooseConfig.MinHistory]), else by the
// lowest [BIC] (k·ln n − 2·LL). The BG/NBD gives every customer without
// a repeat purchase P(alive) = 1 by construction; the MBG/NBD and the
// Pareto/NBD do not, which a caller counting "active" customers must
// keep in mind when the BG/NBD is chosen.
//
// # Intervals
//
// [FitInfo.Cov] is the covariance of a fit's parameters. [Intervals]
// gives every customer's CLV and the total with a confidence interval by
// the delta method, the parameter uncertainty of both the purchase and
// the spend model (not the randomness of purchases); a million customers
// take a few seconds (BenchmarkIntervals1M). [WriteCSV] writes them as the
// per-customer export (customer, x, t_x, T, P(alive), expected purchases
// and spend, CLV and its interval); encoding/json gives the same as JSON.
//
// # Numerical robustness
//
// No exported function returns NaN or ±Inf or panics on data, and every
// series, sum and quadrature is bounded. Every prediction and likelihood
// returns a value in its range or an error:
//
//   - a *metrics.ConfigError (wrapping metrics.ErrConfig) per invalid model
//     parameter, [FitConfig] or [ValueConfig] field, or argument (a
//     negative horizon), naming it;
//   - a *[CustomerError] (wrapping [ErrInvalidCustomer]) for an invalid
//     customer;
//   - an *[UndefinedError] (wrapping [ErrUndefined]) for a quantity that
//     does not exist (a mean spend with q ≤ 1) or that float64 arithmetic
//     cannot give to the package's accuracy.
//
// P(alive) is a logistic of the log-odds, so a customer with 200
// purchases who went quiet gets a tiny positive probability rather than an
// overflow. The hypergeometric series are summed with a running rescale,
// in the form whose terms keep one sign, and transformed near z = 1. Where
// they fail or cancel, the BG/NBD sums its expectation over the dropout
// probability instead and the Pareto/NBD integrates its log-odds by
// adaptive quadrature in log space; predictions are checked against
// analytic bounds before they are returned.
//
// # Quick start
//
//	rows := clv.Group(customers) // times in weeks
//	bg, _, err := clv.FitBGNBD(rows, clv.FitConfig{})
//	gg, _, err := clv.FitGammaGamma(customers, clv.FitConfig{})
//	week := 7 * 24 * time.Hour
//	v, err := clv.CLV(bg, gg, customers[0], clv.ValueConfig{
//		TimeUnit: week, Horizon: 52 * week,
//		DiscountPeriod: 30 * 24 * time.Hour, DiscountRate: 0.01,
//	})
//	amount, err := clv.Money(v, money.MustCurrency("USD"))
package clv
