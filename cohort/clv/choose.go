package clv

import (
	"errors"
	"fmt"
	"math"
)

// Family names a transaction model that [Choose] compares.
type Family uint8

// The transaction models [Choose] compares by default.
const (
	FamilyBGNBD     Family = iota + 1 // [BGNBD]
	FamilyMBGNBD                      // [MBGNBD]
	FamilyParetoNBD                   // [ParetoNBD]
)

// String returns the model's usual name, such as "BG/NBD".
func (f Family) String() string {
	switch f {
	case FamilyBGNBD:
		return "BG/NBD"
	case FamilyMBGNBD:
		return "MBG/NBD"
	case FamilyParetoNBD:
		return "Pareto/NBD"
	}
	return fmt.Sprintf("Family(%d)", uint8(f))
}

// Fitted is a transaction model that can forecast both a customer with a
// history and a new customer: [BGNBD], [MBGNBD] and [ParetoNBD].
type Fitted interface {
	PurchaseModel
	NewCustomerModel
	Params() []float64
}

// Fit fits the model of family f to the customers; errors are those of
// the family's fit function ([FitBGNBD], [FitMBGNBD], [FitParetoNBD]),
// and a *metrics.ConfigError for an unknown family.
func (f Family) Fit(customers []Customer, cfg FitConfig) (Fitted, FitInfo, error) {
	switch f {
	case FamilyBGNBD:
		return FitBGNBD(customers, cfg)
	case FamilyMBGNBD:
		return FitMBGNBD(customers, cfg)
	case FamilyParetoNBD:
		return FitParetoNBD(customers, cfg)
	}
	return nil, FitInfo{}, configError("Family", "unknown model family %d", uint8(f))
}

// fit is [Family.Fit] of rows prepared once for every family, and of a
// known family; without cov it leaves FitInfo.StdErr and Cov nil.
func (f Family) fit(d *data, cfg FitConfig, cov bool) (Fitted, FitInfo, error) {
	switch f {
	case FamilyBGNBD:
		return fitBGNBD(d, cfg, cov)
	case FamilyMBGNBD:
		return fitMBGNBD(d, cfg, cov)
	}
	return fitParetoNBD(d, cfg, cov)
}

// Criterion is the rule by which [Choose] picked a model.
type Criterion uint8

const (
	// ByHoldout: the lowest root mean squared error of the per-customer
	// forecast of holdout purchases ([Score.RMSE]), each model fitted on
	// the calibration period only.
	ByHoldout Criterion = iota + 1
	// ByBIC: the lowest BIC of the fit on all the data, used when the
	// history is too short for a holdout.
	ByBIC
)

// String returns "holdout" or "BIC".
func (c Criterion) String() string {
	switch c {
	case ByHoldout:
		return "holdout"
	case ByBIC:
		return "BIC"
	}
	return fmt.Sprintf("Criterion(%d)", uint8(c))
}

// ChooseConfig controls [Choose]. The zero ChooseConfig gives the
// documented defaults.
type ChooseConfig struct {
	// Families are the models compared, in order of preference on equal
	// criteria. Defaults to BG/NBD, MBG/NBD and Pareto/NBD.
	Families []Family
	// MinHistory is how many holdout lengths of history the data must
	// span (the age T of the oldest customer on the full data) for the
	// choice to be made on the holdout; below it the choice is by BIC.
	// Defaults to 3: a 13-week holdout needs 39 weeks of data.
	MinHistory float64
	// MaxX is the open last frequency of the table by frequency
	// ([HoldoutByFrequency]). Defaults to 7.
	MaxX int
	// Fit configures every fit. Defaults to the zero FitConfig.
	Fit FitConfig
}

// Candidate is one model [Choose] compared, with the numbers it compared.
type Candidate struct {
	Family Family
	// Model is the fit on all the data, nil if it failed.
	Model Fitted
	// Info describes the fit on all the data.
	Info FitInfo
	// BIC is k·ln(n) − 2·LL of the fit on all the data (see [BIC]).
	BIC float64
	// Holdout is the score of the fit on the calibration period against
	// the holdout; nil when the choice was by BIC.
	Holdout *Score
	// Err is why the candidate was left out of the choice (a fit that
	// failed or did not converge, a forecast that could not be made); nil
	// for a candidate compared.
	Err error
}

// Choice is the model [Choose] recommends and why.
type Choice struct {
	// Family is the model chosen and Model its fit on all the data.
	Family Family
	Model  Fitted
	Info   FitInfo
	// Criterion is the rule applied: ByHoldout when the history spans at
	// least MinHistory holdout lengths, ByBIC otherwise.
	Criterion Criterion
	// History and HoldoutLength are the data's span and the holdout's
	// length in model time units, the numbers the rule compared.
	History, HoldoutLength float64
	// Candidates are all the models compared, in the order of
	// ChooseConfig.Families, the chosen one among them.
	Candidates []Candidate
}

// Value returns the criterion's value for candidate c: its holdout RMSE
// under ByHoldout, its BIC under ByBIC; false if c was left out.
func (ch Choice) Value(c Candidate) (float64, bool) {
	if c.Err != nil {
		return 0, false
	}
	if ch.Criterion == ByHoldout {
		if c.Holdout == nil {
			return 0, false
		}
		return c.Holdout.RMSE, true
	}
	return c.BIC, true
}

// ErrNoModel is returned by [Choose] when no candidate could be fitted and
// compared; it is joined with each candidate's error.
var ErrNoModel = errors.New("clv: no model could be chosen")

// Choose fits each family of cfg.Families on all the data (full, which may
// be grouped) and recommends one:
//
//   - by holdout when the history spans at least MinHistory holdout
//     lengths (the largest T of full ≥ MinHistory × split.Length) and the
//     split has customers: each model is also fitted on
//     split.Calibration and scored against split.Holdout ([Evaluate]);
//     the lowest RMSE of the per-customer holdout forecast wins;
//   - by BIC otherwise (a zero split means no holdout): the lowest BIC
//     of the fit on all the data wins.
//
// The calibration fits start from the fits on all the data unless
// cfg.Fit.Initial is set. Equal values are broken by BIC, then by the order of cfg.Families. A
// family whose fit fails or does not converge, or whose forecasts fail,
// is left out with its error in Candidate.Err; the review prints them.
//
// It returns the errors of full and of a split that is used (joined
// *[CustomerError]s, *metrics.ConfigError), [ErrNoData] when full has no
// customer, a *metrics.ConfigError per invalid ChooseConfig field, and
// [ErrNoModel] joined with every candidate's error when none is left.
func Choose(full []Customer, split Split, cfg ChooseConfig) (Choice, error) {
	fams := cfg.Families
	if len(fams) == 0 {
		fams = []Family{FamilyBGNBD, FamilyMBGNBD, FamilyParetoNBD}
	}
	minHist := cfg.MinHistory
	if minHist == 0 {
		minHist = 3
	}
	maxX := cfg.MaxX
	if maxX == 0 {
		maxX = 7
	}
	var errs []error
	if !(minHist > 0) || !finite(minHist) {
		errs = append(errs, configError("ChooseConfig.MinHistory", "must be positive and finite, got %v", cfg.MinHistory))
	}
	if maxX < 1 {
		errs = append(errs, configError("ChooseConfig.MaxX", "must be at least 1, got %d", cfg.MaxX))
	}
	for i, f := range fams {
		if f < FamilyBGNBD || f > FamilyParetoNBD {
			errs = append(errs, configError(fmt.Sprintf("ChooseConfig.Families[%d]", i), "unknown model family %d", uint8(f)))
		}
	}
	if err := Validate(full); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return Choice{}, joinErrs(errs)
	}
	ch := Choice{Criterion: ByBIC, HoldoutLength: split.Length}
	n := 0.0
	for _, c := range full {
		ch.History = math.Max(ch.History, c.T)
		n += c.weight()
	}
	if n == 0 {
		return Choice{}, ErrNoData
	}
	if len(split.Calibration) > 0 && split.Length > 0 && ch.History >= minHist*split.Length {
		if err := split.check(); err != nil {
			return Choice{}, err
		}
		ch.Criterion = ByHoldout
	}
	// The rows of the fits, prepared once for all the families (a
	// family's fit only reads them), and the calibration's histories for
	// the scores; a preparation that fails fails every family, as each
	// fit would.
	dFull, errFull := prepare(full, false)
	var dCal *data
	var errCal error
	var hist histories
	if ch.Criterion == ByHoldout {
		var cal []Customer
		cal, hist = groupHistories(split.Calibration)
		dCal, errCal = prepare(cal, false)
	}
	for _, f := range fams {
		c := Candidate{Family: f}
		var m Fitted
		var info FitInfo
		err := errFull
		if err == nil {
			m, info, err = f.fit(dFull, cfg.Fit, true)
		}
		c.Info = info
		if err == nil {
			c.Model = m
			c.BIC, err = BIC(info.LogLikelihood, len(m.Params()), n)
		}
		if err == nil && ch.Criterion == ByHoldout {
			// Started from the fit on all the data, which is near the
			// calibration optimum: fewer iterations, and fewer line
			// searches that stall where β is weakly identified.
			fc := cfg.Fit
			if len(fc.Initial) == 0 {
				fc.Initial = m.Params()
			}
			var cm Fitted
			err = errCal
			if err == nil {
				// Only the model is kept: no covariance.
				cm, _, err = f.fit(dCal, fc, false)
			}
			if err == nil {
				var s Score
				s, err = evaluate(cm, split, maxX, hist)
				c.Holdout = &s
			}
			if err != nil {
				err = fmt.Errorf("clv: %v on the calibration period: %w", f, err)
				c.Holdout = nil
			}
		}
		c.Err = err
		ch.Candidates = append(ch.Candidates, c)
	}
	best := -1
	for i, c := range ch.Candidates {
		v, ok := ch.Value(c)
		if !ok {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		bv, _ := ch.Value(ch.Candidates[best])
		if v < bv || v == bv && c.BIC < ch.Candidates[best].BIC {
			best = i
		}
	}
	if best < 0 {
		errs := []error{ErrNoModel}
		for _, c := range ch.Candidates {
			errs = append(errs, c.Err)
		}
		return ch, joinErrs(errs)
	}
	b := ch.Candidates[best]
	ch.Family, ch.Model, ch.Info = b.Family, b.Model, b.Info
	return ch, nil
}
