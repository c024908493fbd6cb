package report

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The customer model of the review (section 5 and the overview's LTV).
//
// The customers' statistics are taken in weeks as of a day
// (cohort.Ledger.Summary, the CDNOW conventions). clv.Choose fits the
// BG/NBD, the MBG/NBD and the Pareto/NBD and chooses one: by the error of
// its forecast of the latest clvHoldoutWeeks weeks, fitted on the weeks
// before, when the data span at least three such holdouts; by BIC
// otherwise. A Gamma-Gamma spend model is fitted on the customers with a
// positive repeat spend. Values are over the LTV horizon
// (Config.LTVMonths, average calendar months), discounted 1 % per month,
// at the period's gross margin.
const (
	clvDiscount     = 0.01
	clvMonth        = time.Duration(365.25 / 12 * 24 * float64(time.Hour))
	clvAlive        = 0.5 // P(alive) from which a customer counts as active
	clvHoldoutWeeks = 13  // the holdout: the latest quarter of the data
	clvRecent       = 90  // days: buyers in the last 90 days, and BG/NBD one-time buyers' activity window
	clvRecentLong   = 180 // days: buyers in the last 180 days
	clvLevel        = 0.95
	clvWeek         = 7 * 24 * time.Hour
	defaultLTVMonth = 12
)

// customerModel is the review's model of the customers as of one day.
type customerModel struct {
	asOf      time.Time
	customers []clv.Customer // every customer acquired by asOf, in weeks; Monetary ≥ 0
	grouped   []clv.Customer // customers grouped (clv.Group), once for the fits and the values
	choice    clv.Choice
	spend     clv.GammaGamma
	spendInfo clv.FitInfo
	// err is why no model could be fitted (a purchase or spend model that
	// fails); the customer figures are then left out with a note.
	err error
}

// fitCustomers fits the customer model of the ledger's customers as of
// asOf. The error of a fit is kept in the model, not returned: the
// caller notes it where the figures would have been.
// defaultCustomerModels are the models of Config.CustomerModels' default.
var defaultCustomerModels = []clv.Family{clv.FamilyBGNBD, clv.FamilyMBGNBD}

// ctx (nil: none) is looked at between the steps of the fit (each a pass
// over the customers): once it is done, the fit stops with its error.
func fitCustomers(ctx context.Context, l *cohort.Ledger, asOf time.Time, families []clv.Family) *customerModel {
	cm := &customerModel{asOf: asOf}
	stopped := func() bool {
		if ctx != nil && ctx.Err() != nil {
			cm.err = ctx.Err()
			return true
		}
		return false
	}
	sum, err := l.Summary(cohort.SummaryConfig{CalibrationEnd: asOf})
	if err != nil {
		cm.err = err
		return cm
	}
	cs, _ := clv.FromSummary(sum)
	// Refunds can leave a customer's repeat days with no positive spend
	// (a negative mean). Their purchases still count; their spend is
	// taken as zero, and the spend model is fitted on the others.
	for i := range cs {
		cs[i].Monetary = max(cs[i].Monetary, 0)
	}
	cm.customers = cs
	if stopped() {
		return cm
	}
	if len(cs) == 0 {
		cm.err = errors.New("report: no customer acquired by " + asOf.Format(time.DateOnly))
		return cm
	}
	split, err := holdoutSplit(l, asOf)
	if err != nil {
		cm.err = err
		return cm
	}
	if stopped() {
		return cm
	}
	if len(families) == 0 {
		families = defaultCustomerModels
	}
	cm.grouped = clv.Group(cs)
	cm.choice, err = clv.Choose(cm.grouped, split, clv.ChooseConfig{Families: families})
	if err != nil {
		cm.err = fmt.Errorf("report: purchase model: %w", err)
		return cm
	}
	if stopped() {
		return cm
	}
	// The spenders' rows, allocated once at their number: grown by
	// append they cost several times their size, under the heap's peak.
	spends := func(c clv.Customer) bool { return c.X > 0 && c.Monetary > 0 }
	n := 0
	for _, c := range cm.grouped {
		if spends(c) {
			n++
		}
	}
	spenders := make([]clv.Customer, 0, n)
	for _, c := range cm.grouped {
		if spends(c) {
			spenders = append(spenders, c)
		}
	}
	cm.spend, cm.spendInfo, err = clv.FitGammaGamma(spenders, clv.FitConfig{})
	if err != nil {
		cm.err = fmt.Errorf("report: spend model: %w", err)
	}
	return cm
}

// holdoutSplit returns the customers' statistics as of clvHoldoutWeeks
// weeks before asOf, their purchases in the weeks up to asOf and the weekly
// cumulative purchases, for choosing the model; an empty split when no
// customer was acquired by then.
func holdoutSplit(l *cohort.Ledger, asOf time.Time) (clv.Split, error) {
	cut := asOf.AddDate(0, 0, -7*clvHoldoutWeeks)
	s, err := l.Summary(cohort.SummaryConfig{CalibrationEnd: cut, HoldoutEnd: asOf})
	if err != nil || len(s.Rows) == 0 {
		return clv.Split{}, err
	}
	split := clv.SplitFromSummary(s)
	for i := range split.Calibration {
		split.Calibration[i].Monetary = max(split.Calibration[i].Monetary, 0) // not used by the purchase models
	}
	// The actual tracking curve: the customers' transactions in the
	// holdout's first w weeks, w = 1 … clvHoldoutWeeks−1.
	var n int64
	for w := 1; w < clvHoldoutWeeks; w++ {
		if w <= len(s.HoldoutByUnit) {
			n += s.HoldoutByUnit[w-1]
		}
		split.TrackingTimes = append(split.TrackingTimes, float64(w))
		split.TrackingActual = append(split.TrackingActual, float64(n))
	}
	return split, nil
}

// valueConfig returns the CLV settings over a horizon of months.
func valueConfig(months int, margin float64) clv.ValueConfig {
	return clv.ValueConfig{TimeUnit: clvWeek, Horizon: time.Duration(months) * clvMonth,
		DiscountPeriod: clvMonth, DiscountRate: clvDiscount, Margin: margin}
}

// daysSinceLast returns the whole days from a customer's last purchase to
// the as-of day.
func daysSinceLast(c clv.Customer) int { return int(math.Round((c.T - c.Tx) * 7)) }

// active reports whether c counts as an active customer under the chosen
// model: P(alive) ≥ clvAlive. The BG/NBD gives every customer without a
// repeat purchase P(alive) = 1 by construction (they cannot have dropped
// out before a second purchase); when it is chosen, such a customer is
// active only if their one purchase is within the last clvRecent days.
func (cm *customerModel) active(c clv.Customer) (bool, error) {
	if cm.choice.Family == clv.FamilyBGNBD && c.X == 0 {
		return daysSinceLast(c) < clvRecent, nil
	}
	pa, err := cm.choice.Model.PAlive(c)
	return pa >= clvAlive, err
}

// activeBase counts the active customers and the buyers in the last
// clvRecent and clvRecentLong days.
func (cm *customerModel) activeBase() (active, recent, recentLong int64, err error) {
	for _, c := range cm.customers {
		ok, err := cm.active(c)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("report: P(alive) of customer %q: %w", c.ID, err)
		}
		if ok {
			active++
		}
		if d := daysSinceLast(c); d < clvRecent {
			recent++
		} else if d < clvRecentLong {
			recentLong++
		}
	}
	return active, recent, recent + recentLong, nil
}

// value returns the predicted CLV of every customer over the horizon,
// with its interval, and the number of customers left out because
// refunds leave their repeat spend at zero or below (their value has no
// spend to rest on; they are counted on the page).
func (cm *customerModel) value(months int, margin float64) (clv.Interval, int64, error) {
	// The grouped rows of the customers valued are those of all the
	// customers without the rows left out (whether a customer is left out
	// depends on its row's X and Monetary only), with the same weights in
	// the same order: no second grouping.
	valued := make([]clv.Customer, 0, len(cm.grouped))
	var out int64
	for _, c := range cm.grouped {
		if c.X > 0 && c.Monetary <= 0 {
			out += int64(c.Weight)
			continue
		}
		valued = append(valued, c)
	}
	u := clv.Uncertainty{Purchases: cm.choice.Info.Cov, Spend: cm.spendInfo.Cov, Level: clvLevel}
	_, total, err := clv.Intervals(cm.choice.Model, cm.spend, u, valued, valueConfig(months, margin))
	if err != nil {
		return clv.Interval{}, out, fmt.Errorf("report: predicted CLV: %w", err)
	}
	return total, out, nil
}

// newCustomerLTV returns the predicted gross profit of a new customer over
// the horizon from acquisition: (1 + discounted expected repeat purchases
// of a new customer) × the spend model's mean spend per purchase × margin.
// The first purchase is valued at the same mean spend.
func (cm *customerModel) newCustomerLTV(months int, margin float64, cur money.Currency) (money.Money, error) {
	if cm.err != nil {
		return money.Money{}, cm.err
	}
	dp, err := clv.DiscountedPurchases(cm.choice.Model, clv.Customer{}, valueConfig(months, margin))
	if err != nil {
		return money.Money{}, fmt.Errorf("report: LTV: %w", err)
	}
	spend, err := cm.spend.ExpectedSpend(clv.Customer{})
	if err != nil {
		return money.Money{}, fmt.Errorf("report: LTV: %w", err)
	}
	m, err := clv.Money((1+dp)*spend*margin, cur)
	if err != nil {
		return money.Money{}, fmt.Errorf("report: LTV: %w", err)
	}
	return m, nil
}

// modelSummary returns the review's account of the choice: the model,
// the rule and each candidate's numbers.
func (cm *customerModel) modelSummary() *CustomerModel {
	ch := cm.choice
	out := &CustomerModel{
		Chosen: ch.Family.String(), Criterion: ch.Criterion.String(),
		HistoryWeeks: ch.History, HoldoutWeeks: ch.HoldoutLength, MinHistory: 3,
		AliveThreshold: clvAlive, RecentDays: clvRecent,
		OneTimeByRecency: ch.Family == clv.FamilyBGNBD,
	}
	for _, c := range ch.Candidates {
		mc := ModelCandidate{Name: c.Family.String(), LogLikelihood: c.Info.LogLikelihood, BIC: c.BIC}
		if c.Err != nil {
			mc.Error = c.Err.Error()
			mc.LogLikelihood, mc.BIC = 0, 0
		}
		if h := c.Holdout; h != nil {
			mc.Holdout = &HoldoutFit{Actual: h.Actual, Predicted: h.Predicted, MAE: h.MAE, RMSE: h.RMSE,
				TrackingError: h.TrackingError}
			for _, p := range h.Tracking {
				mc.Holdout.Tracking = append(mc.Holdout.Tracking, TrackPoint{Week: p.Time, Actual: p.Actual, Predicted: p.Predicted})
			}
			for _, g := range h.ByFrequency {
				mc.Holdout.ByFrequency = append(mc.Holdout.ByFrequency, FrequencyRow{X: g.X, OrMore: g.Open,
					Customers: g.Customers, Actual: g.Actual, Predicted: g.Predicted})
			}
		}
		out.Candidates = append(out.Candidates, mc)
	}
	return out
}

// leftOutOf returns the candidates left out of the choice, as errors.
func (cm *customerModel) leftOut() []error {
	var errs []error
	for _, c := range cm.choice.Candidates {
		if c.Err != nil {
			errs = append(errs, fmt.Errorf("report: %v left out of the model choice: %w", c.Family, c.Err))
		}
	}
	return slices.Clip(errs)
}
